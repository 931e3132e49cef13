"""Legacy (2.1-style) functions the official SDKs still send, on top of the same record rules as the
generic functions (records.py): every legacy write is turned into a catalogue-shaped payload and goes
through create_record / update_record / delete_record, atomically.

Supported legacy functions
* delete_vendor (@vendorid), delete_customer (@customerid), delete_glaccount and delete_statglaccount
  (@glaccountno), delete_department (@departmentid), delete_location (@locationid), delete_contact
  (@contactname), delete_employee (@employeeid), delete_item (@itemid); delete_project, delete_class,
  delete_allocation, delete_supdoc (@key = the record's ID); delete_bill, delete_invoice, delete_task,
  delete_timesheet, delete_arpayment, delete_gltransaction (@key = RECORDNO). Answer: status only.
* create_bill / create_invoice -> <key>RECORDNO</key> (APBILL / ARINVOICE with their lines);
  update_bill / update_invoice (@key = RECORDNO; updatelineitem line_num="n" changes line n, lineitem
  adds a line) -> <key>RECORDNO</key>.
* create_arpayment -> <key>RECORDNO</key> (ARPYMT; each arpaymentitem is applied to its invoice at
  once); apply_arpayment applies an existing payment to invoices: the invoices' TOTALPAID rises and
  TOTALDUE falls (state Partially Paid / Paid). Answer: status only.
* create_supdoc -> <key>supdocid</key> (SUPDOC with its attachments; an empty supdocid is numbered);
  update_supdoc -> <key>supdocid</key> (changes the header, adds attachments).
* get (@object, @key) and get_list (@object, start, maxitems, showprivate, filter, sorts, fields) for
  supdoc, bill, invoice, vendor, customer, glaccount, class, department, location: lowercase legacy
  elements; get_list puts <listtype start end total>object</listtype> before <data>.
* create_apadjustment / create_aradjustment -> <key>RECORDNO</key> (APADJUSTMENT / ARADJUSTMENT with
  their lines); delete_apadjustment / delete_aradjustment (@key = RECORDNO).
Not emulated (a clear failure, never a silent difference): externalkey="true", set_nulls="true",
accountlabel instead of glaccountno on a line, get/get_list of other objects.
Accepted and not stored (the catalogue has no such field): externalid, customfields, onhold, nogl,
batchkey, supdocid, payto/returnto/billto/shipto, exchange rates, and line elements other than
glaccountno, amount, memo, locationid, departmentid, projectid, classid.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from lxml import etree

from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.gateway.render import element, escape
from mockserver.objects import CATALOGUE, ObjectDef, lookup_object
from mockserver.objects.conditions import Compare, Logical, compile_condition
from mockserver.objects.records import (
    Editor,
    build_lines,
    coerce,
    create_record,
    delete_record,
    find_by_key,
    update_record,
)
from mockserver.objects.store import Record, quote
from mockserver.objects.values import parse_whole, to_display
from mockserver.tenancy.locations import check_can_modify, visible_entities

# --- payload helpers ----------------------------------------------------------------------------


def put(node: etree._Element, tag: str, text: object | None) -> None:
    """Add <tag>text</tag> when there is a value (empty legacy elements mean "not given")."""
    if text is not None and str(text).strip():
        etree.SubElement(node, tag).text = str(text).strip()


def legacy_date(node: etree._Element | None) -> str | None:
    """<year/><month/><day/> as MM/DD/YYYY; None when absent or empty. A bad date is left for the
    field's own check to report."""
    if node is None:
        return None
    year, month, day = ((node.findtext(part) or "").strip() for part in ("year", "month", "day"))
    if not (year or month or day):
        return None
    if parse_whole(month) is not None and parse_whole(day) is not None:
        month, day = f"{parse_whole(month):02d}", f"{parse_whole(day):02d}"
    return f"{month}/{day}/{year}"


def flag(call: Call, attribute: str) -> bool:
    return call.body.get(attribute, "false").strip().lower() == "true"


def reject_unemulated_options(call: Call) -> None:
    if flag(call, "externalkey"):
        raise errors.legacy_not_emulated(call.function.name, 'externalkey="true" (a key given as external ID)')
    if flag(call, "set_nulls"):
        raise errors.legacy_not_emulated(call.function.name, 'set_nulls="true"')


def catalogue_object(call: Call, name: str) -> ObjectDef:
    """The object a legacy function writes, after the usual subscription/permission checks."""
    if lookup_object(name) is None:
        raise errors.legacy_not_emulated(call.function.name, f"the {name} object")
    return call.object(name)


def key_answer(value: object) -> str:
    return f"<key>{escape(value)}</key>"


def touch(editor: Editor, obj: ObjectDef, record: Record) -> None:
    """Write back a record changed outside update_record, stamped as update_record stamps."""
    record.values.update(WHENMODIFIED=editor.timestamp(), MODIFIEDBY=editor.user_key)
    record.version += 1
    editor.store.replace(editor.company.companyid, obj, record)


# --- delete_* -----------------------------------------------------------------------------------

# function -> (catalogue object, attribute holding the key, key is the ID field (else RECORDNO)).
# Attributes from Intacct's 3.0 schema; ID-vs-RECORDNO from what the official SDKs put there
# (ProjectDelete/ClassDelete/AllocationDelete/AttachmentsDelete send the ID, TaskDelete/BillDelete/
# InvoiceDelete the record number).
DELETES: dict[str, tuple[str, str, bool]] = {
    "delete_vendor": ("VENDOR", "vendorid", True),
    "delete_customer": ("CUSTOMER", "customerid", True),
    "delete_glaccount": ("GLACCOUNT", "glaccountno", True),
    "delete_statglaccount": ("STATACCOUNT", "glaccountno", True),
    "delete_department": ("DEPARTMENT", "departmentid", True),
    "delete_location": ("LOCATION", "locationid", True),
    "delete_contact": ("CONTACT", "contactname", True),
    "delete_employee": ("EMPLOYEE", "employeeid", True),
    "delete_item": ("ITEM", "itemid", True),
    "delete_project": ("PROJECT", "key", True),
    "delete_class": ("CLASS", "key", True),
    "delete_allocation": ("ALLOCATION", "key", True),
    "delete_supdoc": ("SUPDOC", "key", True),
    "delete_task": ("TASK", "key", False),
    "delete_timesheet": ("TIMESHEET", "key", False),
    "delete_bill": ("APBILL", "key", False),
    "delete_invoice": ("ARINVOICE", "key", False),
    "delete_arpayment": ("ARPYMT", "key", False),
    "delete_gltransaction": ("GLBATCH", "key", False),
    "delete_apadjustment": ("APADJUSTMENT", "key", False),
    "delete_aradjustment": ("ARADJUSTMENT", "key", False),
}


@gateway_function(*DELETES, permission="delete")
def delete_legacy(call: Call) -> str:
    object_name, attribute, by_id = DELETES[call.function.name]
    obj = catalogue_object(call, object_name)
    reject_unemulated_options(call)
    with call.state.store.atomic():
        delete_record(call.editor, obj, call.body.get(attribute, ""), by_id=by_id)
    return ""


# --- documents: bills, invoices, adjustments ----------------------------------------------------

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
    party: tuple[str, str], number: tuple[str, str], reference: tuple[str, str] | None, with_due: bool = True
) -> tuple[tuple[str, str, str], ...]:
    fields = [(party[0], party[1], TEXT), ("datecreated", "WHENCREATED", DATE), ("dateposted", "WHENPOSTED", DATE)]
    if with_due:
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
    # Adjustment number -> RECORDID, the bill/invoice it adjusts -> DOCNUMBER (see the report on
    # APADJUSTMENT / ARADJUSTMENT catalogue entries).
    "apadjustment": Document(
        "APADJUSTMENT",
        document_header(
            ("vendorid", "VENDORID"), ("adjustmentno", "RECORDID"), ("billno", "DOCNUMBER"), with_due=False
        ),
        "apadjustmentitems",
    ),
    "aradjustment": Document(
        "ARADJUSTMENT",
        document_header(
            ("customerid", "CUSTOMERID"), ("adjustmentno", "RECORDID"), ("invoiceno", "DOCNUMBER"), with_due=False
        ),
        "aradjustmentitems",
    ),
}


def header_node(obj: ObjectDef, document: Document, body: etree._Element) -> etree._Element:
    node = etree.Element(obj.name)
    for tag, field, kind in document.header:
        if obj.field(field) is None:
            continue
        child = body.find(tag)
        if child is None:
            continue
        if kind == DATE:
            put(node, field, legacy_date(child))
        elif kind == ACTION:
            text = (child.text or "").strip()
            put(node, field, ACTIONS.get(text.lower(), text))
        else:
            put(node, field, child.text)
    return node


def line_values(obj: ObjectDef, item: etree._Element, action: str) -> dict[str, str]:
    """A lineitem/updatelineitem as line field texts."""
    label = (item.findtext("accountlabel") or "").strip()
    if label:
        raise errors.account_label_not_emulated(action, obj.label, label)
    names = {f.name for f in obj.lines.fields}
    values = {}
    for tag, field in LINE_FIELDS:
        text = (item.findtext(tag) or "").strip()
        if text and field in names:
            values[field] = text
    return values


def stored_line_texts(obj: ObjectDef, line: dict) -> dict[str, str]:
    """A stored line back in the text form a payload carries."""
    return {f.name: to_display(f, line.get(f.name)) for f in obj.lines.fields if line.get(f.name) is not None}


def lines_node(obj: ObjectDef, lines: list[dict[str, str]]) -> etree._Element:
    container = etree.Element(obj.lines.container)
    for values in lines:
        line = etree.SubElement(container, obj.lines.element)
        for name, text in values.items():
            put(line, name, text)
    return container


def create_document(call: Call, document: Document) -> str:
    obj = catalogue_object(call, document.object)
    node = header_node(obj, document, call.body)
    items = call.body.find(document.items)
    lines = [
        line_values(obj, item, "create") for item in (items if items is not None else []) if item.tag == "lineitem"
    ]
    node.append(lines_node(obj, lines))
    with call.state.store.atomic():
        record = create_record(call.editor, obj, node)
    return key_answer(record.recordno)


def update_document(call: Call, document: Document) -> str:
    obj = catalogue_object(call, document.object)
    reject_unemulated_options(call)
    key = call.body.get("key", "").strip()
    editor = call.editor
    node = header_node(obj, document, call.body)
    node.insert(0, etree.Element("RECORDNO"))
    node[0].text = key
    items = call.body.find(document.update_items)
    with call.state.store.atomic():
        existing = find_by_key(editor, obj, key, by_id=False)
        if items is not None and existing is not None:
            # GUESS (partial_edit or not): lines not named stay as they are.
            lines = [stored_line_texts(obj, line) for line in existing.lines]
            for item in items:
                if item.tag == "updatelineitem":
                    number = item.get("line_num", "").strip()
                    index = (parse_whole(number) or 0) - 1
                    if not 0 <= index < len(lines):
                        raise errors.line_not_found(obj.label, number)
                    lines[index].update(line_values(obj, item, "update"))
                elif item.tag == "lineitem":
                    lines.append(line_values(obj, item, "update"))
            node.append(lines_node(obj, lines))
        record = update_record(editor, obj, node)  # a missing key fails here, as in `update`
    return key_answer(record.recordno)


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


@gateway_function("create_apadjustment", permission="add")
def create_apadjustment(call: Call) -> str:
    return create_document(call, DOCUMENTS["apadjustment"])


@gateway_function("create_aradjustment", permission="add")
def create_aradjustment(call: Call) -> str:
    return create_document(call, DOCUMENTS["aradjustment"])


# --- AR payments --------------------------------------------------------------------------------


def today(editor: Editor) -> str:
    moment = datetime.fromtimestamp(int(editor.clock.now()), ZoneInfo(editor.company.timezone))
    return moment.strftime("%m/%d/%Y")


def apply_lines(
    editor: Editor, payment: Record, lines: list[dict], applied_before: float, paid_on: str, action: str
) -> None:
    """Apply payment lines (RECORDKEY, TRX_PAYMENTAMOUNT) to their invoices: TOTALPAID up, TOTALDUE down."""
    invoices = CATALOGUE["ARINVOICE"]
    amount = payment.values.get("PAYMENTAMOUNT") or 0
    applied = round(applied_before + sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in lines), 2)
    if applied > amount + 0.005:
        raise errors.arpayment_problem(
            action,
            f"The amounts applied ({applied:.2f}) exceed the payment amount ({amount:.2f}).",
            "Apply at most the payment's unapplied amount.",
        )
    for line in lines:
        key, paid = str(line["RECORDKEY"]), line["TRX_PAYMENTAMOUNT"]
        if paid <= 0:
            raise errors.arpayment_problem(action, f"The amount applied to invoice {key} must be positive.")
        invoice = find_by_key(editor, invoices, key, by_id=False)
        if invoice is None:
            raise errors.arpayment_problem(
                action, f"Invalid invoice key {key}: no such AR invoice.", "Use the RECORDNO of an open invoice."
            )
        if invoice.values.get("CUSTOMERID") != payment.values.get("CUSTOMERID"):
            raise errors.arpayment_problem(
                action,
                f"Invoice {key} belongs to customer {invoice.values.get('CUSTOMERID')}, not to the "
                f"payment's customer {payment.values.get('CUSTOMERID')}.",
            )
        if invoice.values.get("STATE") in ("Draft", "Reversed"):
            raise errors.arpayment_problem(
                action, f"Invoice {key} is {invoice.values['STATE'].lower()} and cannot be paid."
            )
        check_can_modify(editor.locationid, invoice.entity, invoices.label)
        if paid > (invoice.values.get("TOTALDUE") or 0) + 0.005:
            raise errors.invoice_overpaid(key)
        total_paid = round((invoice.values.get("TOTALPAID") or 0) + paid, 2)
        due = round((invoice.values.get("TOTALENTERED") or 0) - total_paid, 2)
        invoice.values.update(TOTALPAID=total_paid, TOTALDUE=due)
        if due <= 0.005:
            invoice.values.update(STATE="Paid", WHENPAID=paid_on)
        else:
            invoice.values["STATE"] = "Partially Paid"
        touch(editor, invoices, invoice)


@gateway_function("create_arpayment", permission="add")
def create_arpayment(call: Call) -> str:
    obj = catalogue_object(call, "ARPYMT")
    editor = call.editor
    body = call.body
    node = etree.Element(obj.name)
    put(node, "PAYMENTMETHOD", call.text("paymentmethod"))
    put(node, "CUSTOMERID", call.text("customerid"))
    put(node, "FINANCIALENTITY", call.text("bankaccountid") or call.text("undepfundsacct"))
    # GUESS: without datereceived the payment is dated today (company time zone).
    put(node, "RECEIPTDATE", legacy_date(body.find("datereceived")) or today(editor))
    put(node, "PAYMENTAMOUNT", call.text("paymentamount"))
    put(node, "DOCNUMBER", call.text("refid"))
    put(node, "CURRENCY", call.text("currency"))
    node.append(
        lines_node(
            obj,
            [
                {
                    "RECORDKEY": (item.findtext("invoicekey") or "").strip(),
                    "TRX_PAYMENTAMOUNT": (item.findtext("amount") or "").strip(),
                }
                for item in body.iterfind("arpaymentitem")
            ],
        )
    )
    with call.state.store.atomic():
        payment = create_record(editor, obj, node)
        apply_lines(editor, payment, payment.lines, 0.0, payment.values["RECEIPTDATE"], "create")
    return key_answer(payment.recordno)


@gateway_function("apply_arpayment", permission="edit")
def apply_arpayment(call: Call) -> str:
    obj = catalogue_object(call, "ARPYMT")
    editor = call.editor
    key = call.text("arpaymentkey")
    paid_on = coerce(
        CATALOGUE["ARINVOICE"].field("WHENPAID"), legacy_date(call.body.find("paymentdate")) or "", "apply", obj.label
    )
    raw = [
        {
            "RECORDKEY": (item.findtext("invoicekey") or "").strip(),
            "TRX_PAYMENTAMOUNT": (item.findtext("amount") or "").strip(),
        }
        for items in call.body.iterfind("arpaymentitems")
        for item in items.iterfind("arpaymentitem")
    ]
    with call.state.store.atomic():
        payment = find_by_key(editor, obj, key, by_id=False)
        if payment is None:
            raise errors.arpayment_problem(
                "apply", f"Cannot find AR payment with key '{key}'.", "Use the RECORDNO of an existing AR payment."
            )
        check_can_modify(editor.locationid, payment.entity, obj.label)
        lines = build_lines(editor, obj, raw, "apply")
        before = sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in payment.lines)
        apply_lines(editor, payment, lines, before, paid_on or payment.values.get("RECEIPTDATE"), "apply")
        payment.lines.extend(lines)
        touch(editor, obj, payment)
    return ""


# --- attachments (supdoc) -----------------------------------------------------------------------


def attachment_lines(body: etree._Element) -> list[dict[str, str]]:
    return [
        {
            "ATTACHMENTNAME": (a.findtext("attachmentname") or "").strip(),
            "ATTACHMENTTYPE": (a.findtext("attachmenttype") or "").strip(),
            "ATTACHMENTDATA": (a.findtext("attachmentdata") or "").strip(),
        }
        for attachments in body.iterfind("attachments")
        for a in attachments.iterfind("attachment")
    ]


def supdoc_node(call: Call, obj: ObjectDef, supdocid: str) -> etree._Element:
    node = etree.Element(obj.name)
    put(node, "SUPDOCID", supdocid)
    put(node, "SUPDOCNAME", call.text("supdocname"))
    put(node, "FOLDER", call.text("supdocfoldername"))
    put(node, "DESCRIPTION", call.text("supdocdescription"))
    return node


def next_supdoc_id(editor: Editor, obj: ObjectDef) -> str:
    """Attachment auto-numbering: the next free number (GUESS: plain digits, as captures show "35")."""
    company = editor.company.companyid
    number = editor.store.next_recordno(company, obj)
    while editor.store.get_by_id(company, obj, str(number)) is not None:
        number += 1
    return str(number)


@gateway_function("create_supdoc", permission="add")
def create_supdoc(call: Call) -> str:
    obj = catalogue_object(call, "SUPDOC")
    editor = call.editor
    with call.state.store.atomic():
        node = supdoc_node(call, obj, call.text("supdocid") or next_supdoc_id(editor, obj))
        node.append(lines_node(obj, attachment_lines(call.body)))
        record = create_record(editor, obj, node)
    return key_answer(record.values["SUPDOCID"])


@gateway_function("update_supdoc", permission="edit")
def update_supdoc(call: Call) -> str:
    obj = catalogue_object(call, "SUPDOC")
    editor = call.editor
    supdocid = call.text("supdocid")
    node = supdoc_node(call, obj, supdocid)
    added = attachment_lines(call.body)
    with call.state.store.atomic():
        existing = find_by_key(editor, obj, supdocid, by_id=True)
        if added and existing is not None:  # attachments are added, never replaced (Intacct docs)
            node.append(lines_node(obj, [stored_line_texts(obj, line) for line in existing.lines] + added))
        record = update_record(editor, obj, node)
    return key_answer(record.values["SUPDOCID"])


# --- get / get_list -----------------------------------------------------------------------------

PLAIN, YMD, DAY, USER, EMPTY, LINE_NUM = "", "ymd", "day", "user", "empty", "line_num"


@dataclass(frozen=True)
class View:
    """How a legacy object answers get/get_list: lowercase elements drawn from a catalogue object.
    Element names and order follow captures where one exists (supdoc, glaccount, class, invoice,
    vendor's first fields); the rest is a GUESS in the same style."""

    object: str
    by_id: bool  # get's key is the ID field (else RECORDNO)
    fields: tuple[tuple[str, str, str], ...]  # (element, catalogue field, kind)
    lines: tuple[str, str, tuple[tuple[str, str, str], ...]] | None = None  # (container, element, fields)

    def field_for(self, element_name: str) -> str | None:
        """The catalogue field a legacy element shows, for filters and sorts."""
        for tag, field, kind in self.fields:
            if tag == element_name and kind in (PLAIN, YMD, DAY):
                return field
        return None


def _document_view(obj: str, party: str, number: str, lines: str) -> View:
    return View(
        obj,
        False,
        (
            ("key", "RECORDNO", PLAIN),
            (party, party.upper(), PLAIN),
            ("datecreated", "WHENCREATED", YMD),
            ("dateposted", "WHENPOSTED", YMD),
            ("datedue", "WHENDUE", YMD),
            ("datepaid", "WHENPAID", YMD),
            ("termname", "TERMNAME", PLAIN),
            (number, "RECORDID", PLAIN),
            ("ponumber", "DOCNUMBER", PLAIN),
            ("totalamount", "TOTALENTERED", PLAIN),
            ("totalpaid", "TOTALPAID", PLAIN),
            ("totaldue", "TOTALDUE", PLAIN),
            ("description", "DESCRIPTION", PLAIN),
            ("currency", "CURRENCY", PLAIN),
            ("whenmodified", "WHENMODIFIED", PLAIN),
            ("state", "STATE", PLAIN),
        ),
        (
            lines,
            "lineitem",
            (
                ("line_num", "", LINE_NUM),
                ("accountlabel", "", EMPTY),
                ("glaccountno", "ACCOUNTNO", PLAIN),
                ("amount", "TRX_AMOUNT", PLAIN),
                ("memo", "ENTRYDESCRIPTION", PLAIN),
                ("locationid", "LOCATIONID", PLAIN),
                ("departmentid", "DEPARTMENTID", PLAIN),
                ("projectid", "PROJECTID", PLAIN),
                ("classid", "CLASSID", PLAIN),
            ),
        ),
    )


def _plain(*pairs: str) -> tuple[tuple[str, str, str], ...]:
    """'vendorid' -> VENDORID; 'glaccountno=ACCOUNTNO' when the names differ."""
    out = []
    for pair in pairs:
        tag, _, field = pair.partition("=")
        out.append((tag, field or tag.upper(), PLAIN))
    return tuple(out)


VIEWS: dict[str, View] = {
    "supdoc": View(
        "SUPDOC",
        True,
        _plain("recordno", "supdocid", "supdocname", "folder", "description")
        + (("creationdate", "WHENCREATED", DAY), ("createdby", "CREATEDBY", USER)),
        ("attachments", "attachment", _plain("attachmentname", "attachmenttype", "attachmentdata")),
    ),
    "bill": _document_view("APBILL", "vendorid", "billno", "billitems"),
    "invoice": _document_view("ARINVOICE", "customerid", "invoiceno", "invoiceitems"),
    "vendor": View(
        "VENDOR",
        True,
        _plain(
            "recordno",
            "vendorid",
            "name",
            "parentid",
            "termname",
            "vendtype",
            "taxid",
            "creditlimit",
            "totaldue",
            "onhold",
            "currency",
            "status",
            "whenmodified",
        ),
    ),
    "customer": View(
        "CUSTOMER",
        True,
        _plain(
            "recordno",
            "customerid",
            "name",
            "parentid",
            "termname",
            "custtype",
            "creditlimit",
            "totaldue",
            "onhold",
            "currency",
            "status",
            "whenmodified",
        ),
    ),
    "glaccount": View(
        "GLACCOUNT",
        True,
        _plain(
            "recordno",
            "glaccountno=ACCOUNTNO",
            "title",
            "normalbalance",
            "accounttype",
            "closingtype",
            "closingaccountno",
            "whenmodified",
            "status",
            "requiredept",
            "requireloc",
            "taxable",
        ),
    ),
    "class": View("CLASS", True, _plain("key=CLASSID", "name", "description", "parentid", "whenmodified", "status")),
    "department": View(
        "DEPARTMENT", True, _plain("departmentid", "title", "parentid", "supervisorid", "whenmodified", "status")
    ),
    "location": View(
        "LOCATION", True, _plain("locationid", "name", "parentid", "supervisorid", "currency", "whenmodified", "status")
    ),
}


def view_for(call: Call) -> tuple[View, ObjectDef]:
    name = call.body.get("object", "").strip()
    view = VIEWS.get(name)
    if view is None:
        raise errors.legacy_not_emulated(call.function.name, f"object '{name}'")
    return view, call.object(view.object)


def requested_elements(call: Call, view: View, obj: ObjectDef) -> set[str] | None:
    """The top-level elements asked for in <fields> (None = all)."""
    names = [(f.text or "").strip().lower() for f in call.body.iterfind("fields/field")]
    names = [n for n in names if n]
    if not names:
        return None
    known = {tag for tag, _, _ in view.fields} | ({view.lines[0]} if view.lines else set())
    for name in names:
        if name not in known:
            raise errors.invalid_field(obj.name, name)
    return set(names)


def user_login(call: Call, key) -> str:
    users = list(call.principal.company.users)
    return users[key - 1] if isinstance(key, int) and 0 < key <= len(users) else ""


def value_xml(call: Call, obj_fields, tag: str, field: str, kind: str, values: dict, index: int = 0) -> str:
    if kind == EMPTY:
        return element(tag, None)
    if kind == LINE_NUM:
        return element(tag, index + 1)
    stored = values.get(field)
    if kind == USER:
        return element(tag, user_login(call, stored))
    if kind == YMD:
        if stored is None:
            return element(tag, None)
        year, month, day = str(stored).split("-")
        return f"<{tag}><year>{year}</year><month>{month}</month><day>{day}</day></{tag}>"
    text = to_display(obj_fields(field), stored, call.timezone)
    return element(tag, text[:10] if kind == DAY else text)


def record_legacy_xml(call: Call, view: View, obj: ObjectDef, tag: str, record: Record, wanted: set[str] | None) -> str:
    parts = [
        value_xml(call, obj.field, name, field, kind, record.values)
        for name, field, kind in view.fields
        if wanted is None or name in wanted
    ]
    if view.lines and (wanted is None or view.lines[0] in wanted):
        container, line_tag, line_fields = view.lines
        by_name = {f.name: f for f in obj.lines.fields}
        parts.append(
            f"<{container}>"
            + "".join(
                f"<{line_tag}>"
                + "".join(
                    value_xml(call, by_name.get, name, field, kind, line, index) for name, field, kind in line_fields
                )
                + f"</{line_tag}>"
                for index, line in enumerate(record.lines)
            )
            + f"</{container}>"
        )
    return f"<{tag}>{''.join(parts)}</{tag}>"


@gateway_function("get", permission="view")
def get(call: Call) -> str:
    view, obj = view_for(call)
    if flag(call, "externalkey"):
        raise errors.legacy_not_emulated("get", 'externalkey="true" (a key given as external ID)')
    wanted = requested_elements(call, view, obj)
    record = find_by_key(call.editor, obj, call.body.get("key", "").strip(), by_id=view.by_id)
    # GUESS: a key that matches nothing answers an empty <data>, like read.
    found = record_legacy_xml(call, view, obj, call.body.get("object"), record, wanted) if record else ""
    return f"<data>{found}</data>"


# Legacy filter operators (Intacct docs: = != < <= > >= like "is null"; the rest for symmetry).
OPERATORS = {
    "=": "=",
    "!=": "!=",
    "<>": "!=",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "like": "like",
    "not like": "notlike",
    "is null": "isnull",
    "is not null": "isnotnull",
}


def legacy_condition(view: View, obj: ObjectDef, node: etree._Element):
    """A get_list <filter> child as the condition tree readByQuery and query compile."""
    if node.tag == "logical":
        return Logical(
            node.get("logical_operator", "and"),
            [legacy_condition(view, obj, child) for child in node if isinstance(child.tag, str)],
        )
    name = (node.findtext("field") or "").strip().lower()
    field = view.field_for(name)
    if field is None:
        raise errors.invalid_field(obj.name, name)
    operator = " ".join((node.findtext("operator") or "").lower().split())
    if operator not in OPERATORS:
        raise errors.query_syntax(obj.name, f"unknown operator '{operator}' in the filter on {name}")
    operator = OPERATORS[operator]
    values = [] if operator in ("isnull", "isnotnull") else [node.findtext("value") or ""]
    return Compare(field, operator, values)


def whole_number(call: Call, attribute: str, default: int, minimum: int) -> int:
    text = call.body.get(attribute, "").strip()
    if not text:
        return default
    number = parse_whole(text)
    if number is None or number < minimum:
        raise errors.bad_argument("get_list", f"{attribute} must be a whole number of at least {minimum}, not '{text}'")
    return number


GET_LIST_MAXITEMS = 100  # GUESS: the default is undocumented


@gateway_function("get_list", permission="list")
def get_list(call: Call) -> str:
    view, obj = view_for(call)
    wanted = requested_elements(call, view, obj)
    start = whole_number(call, "start", 0, 0)
    maxitems = whole_number(call, "maxitems", GET_LIST_MAXITEMS, 1)
    filters = [legacy_condition(view, obj, child) for child in call.body.iterfind("filter/*")]
    tree = None if not filters else filters[0] if len(filters) == 1 else Logical("and", filters)
    where, params = compile_condition(obj, tree)
    order = []
    for sortfield in call.body.iterfind("sorts/sortfield"):
        name = (sortfield.text or "").strip().lower()
        field = view.field_for(name)
        if field is None:
            raise errors.invalid_field(obj.name, name)
        order.append(f"{quote(field)} {'DESC' if sortfield.get('order') == 'desc' else 'ASC'}")
    entities = visible_entities(call.principal.locationid, flag(call, "showprivate"))
    store, company = call.state.store, call.companyid
    recordnos = store.recordnos(
        company, obj, where, params, entities=entities, order_by=", ".join(order + ["RECORDNO"])
    )
    page = store.get_many(company, obj, recordnos[start : start + maxitems])
    tag = call.body.get("object")
    rows = "".join(record_legacy_xml(call, view, obj, tag, record, wanted) for record in page)
    end = start + len(page) - 1 if page else start  # GUESS for an empty page
    return f'<listtype start="{start}" end="{end}" total="{len(recordnos)}">{escape(tag)}</listtype><data>{rows}</data>'
