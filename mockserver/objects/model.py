"""What an object definition is: fields with types and rules, its ID field, module, relations, lines,
and the behaviour attached to it.

One definition drives everything about an object: payload checks on create/update, storage
columns, query type coercion, `inspect`/`lookup` answers and fixture loading. Field types are
text, enum (valid_values), integer, decimal, boolean (true/false), date (MM/DD/YYYY) and
timestamp (MM/DD/YYYY HH:MM:SS in the company's time zone).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from mockserver.objects.store import Record

# Values Intacct computes on every write (totals, balances); raises IntacctError to refuse one.
# Called with the object, the record about to be stored, and the action ("create", "update", ...).
Derive = Callable[["ObjectDef", "Record", str], None]

# inspect/lookup data types, as Intacct names them.
DATATYPES = {
    "text": "TEXT",
    "enum": "ENUM",
    "integer": "INTEGER",
    "decimal": "DECIMAL",
    "boolean": "BOOLEAN",
    "date": "DATE",
    "timestamp": "TIMESTAMP",
}


@dataclass(frozen=True)
class Field:
    """One field. Dotted names (DISPLAYCONTACT.EMAIL1) are nested groups in the XML."""

    name: str
    type: str = "text"
    label: str = ""
    required: bool = False  # required on create
    readonly: bool = False  # set by the system, ignored on create/update
    maxlength: int | None = None
    valid_values: tuple[str, ...] = ()
    default: str | None = None  # applied on create when absent
    default_from: str | None = None  # copied from this field on create when absent (PRINTAS <- NAME)
    references: str | None = None  # object whose ID field this value must match (VENDORID -> VENDOR)
    # Kept up to date by the store from another field: (own field,) copies it (a line's AMOUNT is its
    # TRX_AMOUNT); (own field, object, its field) looks it up (ACCOUNTTITLE: ACCOUNTNO -> GLACCOUNT.TITLE).
    looked_up: tuple[str, ...] = ()
    custom: bool = False  # a company's own field (VENDOR_CF_BOOL), declared in its fixture: lookup's ISCUSTOM

    @property
    def path(self) -> list[str]:
        return self.name.split(".")

    @property
    def display_label(self) -> str:
        return self.label or self.path[-1].replace("_", " ").title()


@dataclass(frozen=True)
class Relation:
    """A related object reachable with a dotted field in `query` (APBILL: VENDOR.CREDITLIMIT)."""

    name: str  # prefix used in queries, e.g. "VENDOR"
    object: str  # the related object's name
    local_field: str  # field of this object holding the related object's ID field value


@dataclass(frozen=True)
class LineItems:
    """Lines written with their header (GLBATCH -> ENTRIES/GLENTRY). Most are an object of their own
    (GLENTRY), whose `key` field holds the header's RECORDNO; `fields` are what a create may send."""

    container: str  # element wrapping the lines on create, e.g. "ENTRIES"
    element: str  # one line, e.g. "GLENTRY"
    fields: tuple[Field, ...]
    minimum: int = 1  # lines required on create
    object: str | None = None  # the line object ("GLENTRY"), None for lines that are not one (attachments)
    key: str | None = None  # the line object's field naming its header (BATCHNO, RECORDKEY, PAYMENTKEY)


@dataclass(frozen=True)
class WriteOnly:
    """A create/update parameter that is not a field of the record (APBILL ACTION, APPYMT PAYMENTDATE):
    accepted, and kept under the record's own field `stored_as` when it has one."""

    stored_as: str | None = None
    required: bool = False


@dataclass(frozen=True)
class Statistical:
    """A header that is statistical by the value of one of its fields (GLBATCH in a statistical journal):
    its lines reference other objects (ACCOUNTNO -> STATACCOUNT), fewer may do, and they need not balance."""

    field: str  # the header field deciding it ("JOURNAL")
    values: frozenset[str]  # its values that make the header statistical ({"STAT"})
    references: Mapping[str, str]  # line field -> the object it references then
    minimum: int = 1  # lines required then

    def applies(self, values: Mapping[str, Any]) -> bool:
        return str(values.get(self.field) or "") in self.values


@dataclass(frozen=True)
class ObjectDef:
    name: str  # "VENDOR": the name used in <object>, create payloads and read answers
    label: str  # "Vendor": inspect's type label, error texts
    module: str  # subscription/permission module, e.g. "Accounts Payable"
    id_field: str  # the field readByName and update-by-ID use ("RECORDNO" when none)
    name_field: str | None
    fields: tuple[Field, ...]
    # Entity-aware objects carry MEGAENTITYKEY/ID/NAME and can be private to an entity.
    entity_aware: bool = True
    lines: LineItems | None = None
    relations: tuple[Relation, ...] = ()
    derive: Derive | None = None
    # False: the gateway refuses create/update/delete (AUDITHISTORY, whose rows the backend writes).
    writable: bool = True
    write_only: Mapping[str, WriteOnly] = field(default_factory=dict, compare=False)
    line_of: tuple[str, str] | None = None  # (header object, key field) of a line object
    # A line object's fields shown from its header (ENTRY_DATE <- WHENCREATED), written with every header write.
    from_header: Mapping[str, str] = field(default_factory=dict, compare=False)
    sources: tuple[str, ...] = ()  # where the field list comes from (definitions/README.md)
    # Older spellings of field prefixes, answered from the real fields (EMPLOYEE CONTACT. -> PERSONALINFO.)
    aliases: Mapping[str, str] = field(default_factory=dict, compare=False)
    statistical: Statistical | None = None
    by_name: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)
    by_upper: dict[str, Field] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update({f.name: f for f in self.fields})
        # Requests write names in any case; user-defined dimensions' fields are camelCase (id, createdAt).
        self.by_upper.update({f.name.upper(): f for f in self.fields})

    def field(self, name: str) -> Field | None:
        found = self.by_name.get(name) or self.by_upper.get(name.upper())
        if found is None and self.aliases:
            for old, new in self.aliases.items():
                if name.startswith(old):
                    return self.by_name.get(new + name[len(old) :])
        return found

    def accepts(self, path: str) -> bool:
        """A create/update payload may send it: a field, or a write-only parameter (or inside one)."""
        return self.field(path) is not None or path.partition(".")[0] in self.write_only or path in self.write_only

    @property
    def created_stamp(self) -> str:
        """Where the creation time goes: documents whose WHENCREATED is their own date (bills, invoices,
        payments) keep it in AUWHENCREATED, as Intacct does."""
        return "AUWHENCREATED" if "AUWHENCREATED" in self.by_name else "WHENCREATED"

    @property
    def lowercase(self) -> str:
        return self.name.lower()

    def relation(self, name: str) -> Relation | None:
        return next((r for r in self.relations if r.name == name), None)
