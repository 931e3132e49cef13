"""Object definitions as the target describes them: `inspect *` lists the objects, `lookup` gives each
field's DATATYPE, REQUIRED, READONLY, VALIDVALUES and the relationships, `inspect detail=1` adds
maxLength. Every strategy in this suite is derived from these descriptions, never from a field list
written here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from aiointacct import IntacctClient, as_list


def flag(text: Any) -> bool:
    return str(text or "").strip().lower() == "true"


@dataclass(frozen=True)
class FieldDescription:
    name: str  # dotted for groups: DISPLAYCONTACT.EMAIL1
    datatype: str  # TEXT, ENUM, INTEGER, DECIMAL, BOOLEAN, DATE, TIMESTAMP (lookup's DATATYPE)
    required: bool
    readonly: bool
    valid_values: tuple[str, ...] = ()
    max_length: int | None = None
    references: str | None = None  # the related object when a relationship is RELATEDBY this field

    @property
    def path(self) -> list[str]:
        return self.name.split(".")

    @property
    def nested(self) -> bool:
        return "." in self.name

    @property
    def writable(self) -> bool:
        return not self.readonly


@dataclass(frozen=True)
class LineRelation:
    """A ONE2MANY relationship of lookup: the header's lines are records of `object`, written inside
    `container` (ENTRIES), whose `key` field names the header (BATCHNO)."""

    container: str
    object: str
    key: str


@dataclass(frozen=True)
class ObjectDescription:
    name: str
    fields: tuple[FieldDescription, ...]
    lines: LineRelation | None = None
    by_name: dict[str, FieldDescription] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        self.by_name.update({f.name: f for f in self.fields})

    def field(self, name: str) -> FieldDescription | None:
        return self.by_name.get(name)

    @property
    def required(self) -> list[FieldDescription]:
        return [f for f in self.fields if f.required and f.writable]

    @property
    def optional(self) -> list[FieldDescription]:
        """Writable, not required, and not a reference to another object (a value must name an
        existing record there, which a strategy cannot invent)."""
        return [f for f in self.fields if f.writable and not f.required and not f.references]

    @property
    def required_references(self) -> list[FieldDescription]:
        return [f for f in self.required if f.references]

    def id_field_of(self, local_field: str) -> str | None:
        """The field of THIS object that another object's `local_field` names (VENDOR's VENDORID for
        APBILL.VENDORID, CONTACT's CONTACTNAME for EMPLOYEE's PERSONALINFO.CONTACTNAME). lookup does
        not say it, so: the same leaf name, else <OBJECT>ID, else the first required text field."""
        leaf = local_field.rpartition(".")[2]
        for candidate in (leaf, f"{self.name}ID"):
            found = self.field(candidate)
            if found is not None and found.datatype == "TEXT" and not found.readonly:
                return found.name
        return next((f.name for f in self.required if f.datatype == "TEXT" and not f.nested), None)


async def object_names(client: IntacctClient) -> list[str]:
    """Every object the target lists with `inspect *`."""
    result = await client.inspect("*")
    names = []
    for entry in result.records:
        name = entry.get("@typename") if isinstance(entry, dict) else None
        if name:
            names.append(name)
    return names


async def describe(client: IntacctClient, name: str) -> ObjectDescription:
    """lookup (types, flags, valid values, relationships) joined with inspect detail=1 (maxLength)."""
    lookup = (await client.lookup(name)).records[0]
    detail = (await client.inspect(name, detail=True)).records[0]
    lengths: dict[str, int] = {}
    for entry in as_list((detail.get("Fields") or {}).get("Field")):
        text = str(entry.get("maxLength") or "").strip()
        if text.isdigit():
            lengths[entry.get("Name")] = int(text)
    references: dict[str, str] = {}
    lines = None
    relationships = lookup.get("Relationships") or {}
    for relation in as_list(relationships.get("Relationship") if isinstance(relationships, dict) else None):
        by, target, path = relation.get("RELATEDBY"), relation.get("OBJECTNAME"), relation.get("OBJECTPATH")
        if str(relation.get("RELATIONSHIPTYPE") or "").upper() == "ONE2MANY":
            if by and target and path and lines is None:
                lines = LineRelation(path, target, by)
        elif by and target:
            references.setdefault(by, target)
    fields = []
    for entry in as_list((lookup.get("Fields") or {}).get("Field")):
        valid = entry.get("VALIDVALUES") or {}
        values = tuple(as_list(valid.get("VALIDVALUE"))) if isinstance(valid, dict) else ()
        fields.append(
            FieldDescription(
                name=entry["ID"],
                datatype=str(entry.get("DATATYPE") or "TEXT").upper(),
                required=flag(entry.get("REQUIRED")),
                readonly=flag(entry.get("READONLY")),
                valid_values=tuple(str(v) for v in values),
                max_length=lengths.get(entry["ID"]),
                references=references.get(entry["ID"]),
            )
        )
    return ObjectDescription(lookup.get("@Name") or name, tuple(fields), lines)
