"""create/update/delete_sotransaction, _potransaction and _ictransaction, create_stkittransaction and
create_recursotransaction: order entry, purchasing and inventory transactions (SODOCUMENT, PODOCUMENT,
INVDOCUMENT, SORECURDOCUMENT) written with their lines, and the conversion of one document into another.

A transaction's key is its DOCID, the transaction definition and the document number ("Sales
Order-SO0001"): create answers it as <key>, update and delete take it in @key. `createdfrom` names the
source document (a DOCID of the same object): the new document takes the source's party and terms when
it does not give them, and the source's lines when it sends none (each copied line's SOURCELINEKEY names
its source line). The source is then Converted, or Partially Converted while some of its quantity is not
(GUESS, docs/decisions.md). Deleting a converted document puts its source back to Pending; a source that
others were created from cannot be deleted, and a Converted or Closed one cannot be converted again.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, given, legacy_date, reject_unemulated_options
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.backend import Backend, LineChanges
from mockserver.objects.store import Record, column
from mockserver.objects.values import parse_whole, quote, to_display

DATES = ("WHENCREATED", "WHENPOSTED", "WHENDUE", "EXCHRATEDATE", "NEEDBYDATE", "DONOTSHIPBEFOREDATE")
DATES += ("DONOTSHIPAFTERDATE", "CANCELAFTERDATE", "PROMISEDDATE", "STARTDATE", "ENDDATE")

# Header elements (the docs' legacy parameters) -> fields. An element whose field the object lacks, and
# every element not named here (externalid, customfields, supdocid, subtotals...), is accepted, not stored.
HEADER = (
    ("transactiontype", "DOCPARID"), ("datecreated", "WHENCREATED"), ("dateposted", "WHENPOSTED"),
    ("createdfrom", "CREATEDFROM"), ("documentno", "DOCNO"), ("referenceno", "PONUMBER"),
    ("vendordocno", "VENDORDOCNO"), ("termname", "TERM.NAME"), ("datedue", "WHENDUE"), ("message", "MESSAGE"),
    ("shippingmethod", "SHIPVIA"), ("basecurr", "BASECURR"), ("currency", "CURRENCY"),
    ("exchratedate", "EXCHRATEDATE"), ("exchratetype", "EXCHRATETYPES.NAME"), ("exchrate", "EXCHRATE"),
    ("state", "STATE"), ("projectid", "PROJECT"), ("changelognumber", "CHANGELOGNUMBER"),
    ("needbydate", "NEEDBYDATE"), ("donotshipbeforedate", "DONOTSHIPBEFOREDATE"),
    ("donotshipafterdate", "DONOTSHIPAFTERDATE"), ("cancelafterdate", "CANCELAFTERDATE"),
    ("promiseddate", "PROMISEDDATE"), ("taxsolutionid", "TAXSOLUTIONID"),
    ("startdate", "STARTDATE"), ("ending/enddate", "ENDDATE"), ("ending/occur", "OCCURRENCES"), ("interval", "REPEATINTERVAL"), ("modenew", "REPEATBY"),
    ("contractid", "CONTRACTID"), ("contractdesc", "CONTRACTDESC"), ("status", "STATUS"),
    ("docstatus", "DOCSTATUS"),
)  # fmt: skip

# Line elements -> line fields (sotransitem, potransitem, ictransitem, stkittransitem, recursotransitem).
LINE = (
    ("itemid", "ITEMID"), ("itemdesc", "ITEMDESC"), ("warehouseid", "WAREHOUSE.LOCATIONID"),
    ("quantity", "QUANTITY"), ("unit", "UNIT"), ("price", "PRICE"), ("cost", "COST"),
    ("discountpercent", "DISCOUNTPERCENT"), ("discsurchargememo", "DISCSURCHARGEMEMO"),
    ("bundlenumber", "BUNDLENUMBER"), ("taxable", "TAXABLE"), ("billable", "BILLABLE"),
    ("sourcelinekey", "SOURCELINEKEY"), ("memo", "MEMO"), ("locationid", "LOCATIONID"),
    ("departmentid", "DEPARTMENTID"), ("projectid", "PROJECTID"), ("customerid", "CUSTOMERID"),
    ("vendorid", "VENDORID"), ("employeeid", "EMPLOYEEID"), ("classid", "CLASSID"), ("contractid", "CONTRACTID"),
)  # fmt: skip

# A converted document takes these from its source when it does not give them (GUESS).
INHERITED = ("CUSTVENDID", "PONUMBER", "TERM.NAME", "CURRENCY", "BASECURR", "SHIPVIA", "PROJECT")
INHERITED += ("SHIPTO.CONTACTNAME", "BILLTO.CONTACTNAME", "DELIVERTO.CONTACTNAME")

CONVERTED, PARTLY, PENDING = "Converted", "Partially Converted", "Pending"
FINAL = ("Converted", "Closed")


@dataclass(frozen=True)
class Family:
    object: str  # SODOCUMENT
    items: str  # sotransitems: the lines on create
    party: str = ""  # customerid / vendorid -> CUSTVENDID
    contacts: tuple[tuple[str, str], ...] = ()  # <shipto><contactname> -> SHIPTO.CONTACTNAME
    update_items: str = ""  # updatesotransitems: the line changes on update

    @property
    def item(self) -> str:
        return self.items[:-1]

    @property
    def update_item(self) -> str:
        return self.update_items[:-1]


SALES = (("shipto", "SHIPTO.CONTACTNAME"), ("billto", "BILLTO.CONTACTNAME"))
# GUESS: a purchase's return-to contact is its ship-to, its pay-to contact its bill-to.
PURCHASES = (
    ("returnto", "SHIPTO.CONTACTNAME"),
    ("payto", "BILLTO.CONTACTNAME"),
    ("deliverto", "DELIVERTO.CONTACTNAME"),
)

FAMILIES = {
    "sotransaction": Family("SODOCUMENT", "sotransitems", "customerid", SALES, "updatesotransitems"),
    "potransaction": Family("PODOCUMENT", "potransitems", "vendorid", PURCHASES, "updatepotransitems"),
    "ictransaction": Family("INVDOCUMENT", "ictransitems", update_items="updateictransitems"),
    "stkittransaction": Family("INVDOCUMENT", "stkittransitems"),
    "recursotransaction": Family("SORECURDOCUMENT", "recursotransitems", "customerid", SALES),
}


def family_of(call: Call) -> Family:
    return FAMILIES[call.function.name.split("_", 1)[1]]


def header_texts(obj: ObjectDef, family: Family, body: etree._Element, *, create: bool) -> dict[str, str]:
    texts: dict[str, str | None] = {}
    elements = list(HEADER) + ([(family.party, "CUSTVENDID")] if family.party else [])
    for tag, name in elements:
        child = body.find(tag)
        if child is None or obj.field(name) is None or (tag == "transactiontype" and not create):
            continue
        texts[name] = legacy_date(child) if name in DATES else child.text
    for tag, name in family.contacts:
        if obj.field(name) is not None:
            texts[name] = body.findtext(f"{tag}/contactname")
    found = given(texts)
    state = obj.field("STATE")
    if "STATE" in found and state is not None:  # the docs write states in any case ("draft", "Pending")
        found["STATE"] = next((v for v in state.valid_values if v.lower() == found["STATE"].lower()), found["STATE"])
    return found


def line_texts(obj: ObjectDef, item: etree._Element) -> dict[str, str]:
    assert obj.lines is not None
    names = {f.name for f in obj.lines.fields}
    return given({name: item.findtext(tag) for tag, name in LINE if name in names})


def sent_lines(obj: ObjectDef, body: etree._Element, container: str, element: str) -> list[dict[str, str]]:
    items = body.find(container)
    return [line_texts(obj, item) for item in (items if items is not None else []) if item.tag == element]


def find_document(call: Call, obj: ObjectDef, key: str) -> Record | None:
    """A document by its DOCID ("Sales Order-SO0001"), as this session may see it."""
    return call.backend.find(obj, key.strip(), by_id=True) if key.strip() else None


def source_lines(backend: Backend, obj: ObjectDef, source: Record) -> list[Record]:
    """The source's line rows (with their RECORDNOs, which a converted line's SOURCELINEKEY names)."""
    assert obj.lines is not None and obj.lines.object and obj.lines.key
    line = CATALOGUE[obj.lines.object]
    where = f"{quote(column(line, obj.lines.key))} = ?"
    return backend.store.select(backend.companyid, line, where, [source.recordno])


def copied_lines(obj: ObjectDef, rows: list[Record]) -> list[dict[str, str]]:
    assert obj.lines is not None
    line = CATALOGUE[str(obj.lines.object)]
    copied = []
    for row in rows:
        texts = {f.name: to_display(line.by_name[f.name], row.values[f.name]) for f in obj.lines.fields}
        texts["SOURCELINEKEY"] = str(row.recordno)
        copied.append(given(texts))
    return copied


def conversion_state(rows: list[Record], lines: list[dict[str, str]]) -> str | None:
    """The source's state once `lines` converted what their SOURCELINEKEY names (None: nothing)."""
    converted: dict[int, float] = defaultdict(float)
    for line in lines:
        number = parse_whole(line.get("SOURCELINEKEY", ""))
        if number is not None:
            converted[number] += float(line.get("QUANTITY") or 0)
    if not converted:
        return None
    whole = all(converted.get(row.recordno, 0) >= abs(row.values.get("QUANTITY") or 0) for row in rows)
    return CONVERTED if whole else PARTLY


def convert_from(
    call: Call, obj: ObjectDef, texts: dict[str, str], lines: list[dict[str, str]]
) -> tuple[Record, list[dict[str, str]], str | None] | None:
    """createdfrom: the source, the new document's lines and the source's next state; None without one."""
    key = texts.get("CREATEDFROM")
    if not key:
        return None
    source = find_document(call, obj, key)
    if source is None:
        raise errors.missing_reference("create", obj.label, "CREATEDFROM", obj.label, key)
    if source.values.get("STATE") in FINAL:
        raise errors.transaction_problem(
            "create",
            obj.label,
            f"{key} is {source.values['STATE']} and cannot be converted again.",
            "Convert a document that is not Converted or Closed.",
        )
    for name in INHERITED:
        value = source.values.get(name)
        if name not in texts and value is not None and obj.field(name) is not None:
            texts[name] = to_display(obj.by_name[name], value)
    rows = source_lines(call.backend, obj, source)
    lines = lines or copied_lines(obj, rows)
    return source, lines, conversion_state(rows, lines)


def move_state(backend: Backend, obj: ObjectDef, record: Record, state: str) -> None:
    if record.values.get("STATE") != state:
        record.values["STATE"] = state
        backend.save(obj, record)


@gateway_function(*(f"create_{name}" for name in FAMILIES), permission="add")
def create_transaction(call: Call) -> str:
    family = family_of(call)
    obj = catalogue_object(call, family.object)
    texts = header_texts(obj, family, call.body, create=True)
    lines = sent_lines(obj, call.body, family.items, family.item)
    backend = call.backend
    with call.state.store.atomic():
        conversion = convert_from(call, obj, texts, lines)
        if conversion is not None:
            source, lines, state = conversion
        record = backend.create(obj, texts, lines)
        if conversion is not None and state is not None:
            move_state(backend, obj, source, state)
    return answers.key(call, record.values.get(obj.id_field))


@gateway_function("update_sotransaction", "update_potransaction", "update_ictransaction", permission="edit")
def update_transaction(call: Call) -> str:
    family = family_of(call)
    obj = catalogue_object(call, family.object)
    reject_unemulated_options(call)
    key = call.body.get("key", "").strip()
    texts = {obj.id_field: key, **header_texts(obj, family, call.body, create=False)}
    items = call.body.find(family.update_items)
    changes = None
    # Lines are read only for a document that exists: a missing key is the error to report first.
    if items is not None and find_document(call, obj, key) is not None:
        changes = LineChanges()
        for item in items:
            if item.tag == family.update_item:
                changes.edits.append((item.get("line_num", "").strip(), line_texts(obj, item)))
            elif item.tag == family.item:
                changes.edits.append((None, line_texts(obj, item)))
    with call.state.store.atomic():
        record = call.backend.update(obj, texts, changes)  # a missing key fails here, as in `update`
    return answers.key(call, record.values.get(obj.id_field))


@gateway_function("delete_sotransaction", "delete_potransaction", "delete_ictransaction", permission="delete")
def delete_transaction(call: Call) -> str:
    family = family_of(call)
    obj = catalogue_object(call, family.object)
    reject_unemulated_options(call)
    key = call.body.get("key", "").strip()
    backend = call.backend
    record = find_document(call, obj, key)
    if record is None:
        raise errors.delete_missing(obj.label, key)
    docid = quote(column(obj, "CREATEDFROM"))
    if backend.store.count(backend.companyid, obj, f"{docid} = ?", [key]):
        raise errors.transaction_problem(
            "delete", obj.label, f"{key} has documents converted from it.", "Delete the converted documents first."
        )
    with call.state.store.atomic():
        backend.delete(obj, str(record.recordno))
        source = find_document(call, obj, str(record.values.get("CREATEDFROM") or ""))
        if source is not None and not backend.store.count(backend.companyid, obj, f"{docid} = ?", [source_id(source)]):
            move_state(backend, obj, source, PENDING)
    return ""


def source_id(record: Record) -> str:
    return str(record.values.get("DOCID"))
