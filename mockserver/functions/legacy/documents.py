"""create_bill, update_bill, create_invoice and update_invoice: documents whose legacy header and lineitem
elements map onto APBILL and ARINVOICE. They stay handlers, not translations (translations/), because their
content models are checked by the request schema (an element out of order is XL03000003) and a line's
accountlabel is refused as not emulated; the AP/AR adjustments are translations."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import (
    catalogue_object,
    given,
    legacy_date,
    reject_unemulated_options,
)
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import ObjectDef
from mockserver.objects.backend import LineChanges

TEXT, DATE, ACTION = "text", "date", "action"

# lineitem element -> line field (the same for every document's lines).
LINE_FIELDS = (
    ("glaccountno", "ACCOUNTNO"),
    ("amount", "TRX_AMOUNT"),
    ("memo", "ENTRYDESCRIPTION"),
    ("locationid", "LOCATIONID"),
    ("departmentid", "DEPARTMENTID"),
    ("projectid", "PROJECTID"),
    ("classid", "CLASSID"),
)

# action: Draft keeps the document a draft; Submit posts it (GUESS: no approval workflow in the mock).
ACTIONS = {"draft": "Draft", "submit": "Posted", "posted": "Posted"}


@dataclass(frozen=True)
class Document:
    object: str
    header: tuple[tuple[str, str, str], ...]  # (legacy element, catalogue field, kind)
    items: str  # lines container on create
    update_items: str = ""  # lines container on update


def document_header(
    party: tuple[str, str], number: tuple[str, str], reference: tuple[str, str] | None
) -> tuple[tuple[str, str, str], ...]:
    fields = [(party[0], party[1], TEXT), ("datecreated", "WHENCREATED", DATE), ("dateposted", "WHENPOSTED", DATE)]
    fields += [("datedue", "WHENDUE", DATE), ("termname", "TERMNAME", TEXT)]
    fields += [("action", "STATE", ACTION), (number[0], number[1], TEXT)]
    if reference:
        fields.append((reference[0], reference[1], TEXT))
    fields += [("description", "DESCRIPTION", TEXT), ("currency", "CURRENCY", TEXT)]
    return tuple(fields)


DOCUMENTS = {
    "bill": Document(
        "APBILL",
        document_header(("vendorid", "VENDORID"), ("billno", "RECORDID"), ("ponumber", "DOCNUMBER")),
        "billitems",
        "updatebillitems",
    ),
    "invoice": Document(
        "ARINVOICE",
        document_header(("customerid", "CUSTOMERID"), ("invoiceno", "RECORDID"), ("ponumber", "DOCNUMBER")),
        "invoiceitems",
        "updateinvoiceitems",
    ),
}


def header_values(obj: ObjectDef, document: Document, body: etree._Element) -> dict[str, str]:
    """The document's header elements as its object's field texts."""
    texts: dict[str, str | None] = {}
    for tag, field, kind in document.header:
        child = body.find(tag)
        if obj.field(field) is None or child is None:
            continue
        if kind == DATE:
            texts[field] = legacy_date(child)
        elif kind == ACTION:
            text = (child.text or "").strip()
            texts[field] = ACTIONS.get(text.lower(), text)
        else:
            texts[field] = child.text
    return given(texts)


def line_values(obj: ObjectDef, item: etree._Element, action: str) -> dict[str, str]:
    """A lineitem/updatelineitem as line field texts."""
    label = (item.findtext("accountlabel") or "").strip()
    if label:
        raise errors.account_label_not_emulated(action, obj.label, label)
    assert obj.lines is not None
    names = {f.name for f in obj.lines.fields}
    return given({field: item.findtext(tag) for tag, field in LINE_FIELDS if field in names})


def create_document(call: Call, document: Document) -> str:
    obj = catalogue_object(call, document.object)
    items = call.body.find(document.items)
    lines = [
        line_values(obj, item, "create") for item in (items if items is not None else []) if item.tag == "lineitem"
    ]
    with call.state.store.atomic():
        record = call.backend.create(obj, header_values(obj, document, call.body), lines)
    return answers.key(call, record.recordno)


def update_document(call: Call, document: Document) -> str:
    obj = catalogue_object(call, document.object)
    reject_unemulated_options(call)
    key = call.body.get("key", "").strip()
    texts = {"RECORDNO": key, **header_values(obj, document, call.body)}
    items = call.body.find(document.update_items)
    changes = None
    # Lines are read only for a record that exists: a missing key is the error to report first.
    if items is not None and call.backend.find(obj, key, by_id=False) is not None:
        changes = LineChanges()
        for item in items:
            if item.tag == "updatelineitem":
                changes.edits.append((item.get("line_num", "").strip(), line_values(obj, item, "update")))
            elif item.tag == "lineitem":
                changes.edits.append((None, line_values(obj, item, "update")))
    with call.state.store.atomic():
        record = call.backend.update(obj, texts, changes)  # a missing key fails here, as in `update`
    return answers.key(call, record.recordno)


@gateway_function("create_bill", permission="add")
def create_bill(call: Call) -> str:
    return create_document(call, DOCUMENTS["bill"])


@gateway_function("update_bill", permission="edit")
def update_bill(call: Call) -> str:
    return update_document(call, DOCUMENTS["bill"])


@gateway_function("create_invoice", permission="add")
def create_invoice(call: Call) -> str:
    return create_document(call, DOCUMENTS["invoice"])


@gateway_function("update_invoice", permission="edit")
def update_invoice(call: Call) -> str:
    return update_document(call, DOCUMENTS["invoice"])
