"""Employee expense behaviour: deleting and reversing expense reports, deleting adjustments and expense
types, expense report summaries, and reimbursement requests that pay reports. The plain creates and updates
(create_expensereport, create_expensetype, ...) are translation files (translations/*.json).

GUESSES (docs/decisions.md): no approval workflow, so a Submitted report can be reimbursed or reversed; a
reversal changes the report itself (STATE Reversed), no reversing report is stored; a reimbursement request
pays its reports at once (STATE Complete); summaries share the legacy summaries' table (batches.py)."""

from __future__ import annotations

import copy
from dataclasses import replace

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.batches import open_summary
from mockserver.functions.legacy.common import catalogue_object, given, legacy_date, reject_unemulated_options
from mockserver.functions.legacy.translate import TRANSLATIONS, create_record
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.gateway.envelope import Function
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.backend import Backend, coerce
from mockserver.objects.store import Record
from mockserver.objects.values import quote
from mockserver.tenancy.locations import by_key_entities, check_can_modify

# What a report's state allows (no approval workflow: Submitted counts as approved).
PAYABLE = ("Submitted", "Approved", "Partially Paid")
CENT = 0.005


def refuse(action: str, obj: ObjectDef, problem: str, correction: str = "") -> errors.IntacctError:
    # GUESS wording, in the style of the catalogue's other BL01001973 refusals.
    return errors.details(("BL01001973", "", problem, correction), errors.could_not(action, obj.label))


def find_by(backend: Backend, obj: ObjectDef, field: str, value: str) -> Record | None:
    """The record whose `field` is `value` (an expense type by its name), if this session may see it."""
    found = backend.store.select(backend.companyid, obj, f"{quote(field)} = ?", [value], limit=1)
    entities = by_key_entities(backend.locationid)
    if not found or (entities is not None and found[0].entity not in entities):
        return None
    return found[0]


def report(call: Call, obj: ObjectDef, action: str) -> Record:
    """The expense report or adjustment named by @key (a RECORDNO), which this session may change."""
    key = call.body.get("key", "").strip()
    record = call.backend.find(obj, key, by_id=False) if key else None
    if record is None:
        raise refuse(action, obj, f"Cannot find {obj.label.lower()} with key '{key}' to {action}.", "Use a RECORDNO.")
    check_can_modify(call.backend.locationid, record.entity, obj.label)
    return record


@gateway_function("delete_expensereport", "delete_expenseadjustmentreport", permission="delete")
def delete_report(call: Call) -> str:
    name = "EEXPENSES" if call.function.name == "delete_expensereport" else "EXPENSEADJUSTMENTS"
    obj = catalogue_object(call, name)
    reject_unemulated_options(call)
    with call.state.store.atomic():
        record = call.backend.find(obj, call.body.get("key", "").strip(), by_id=False)
        if record is not None and (record.values.get("TOTALPAID") or 0) > CENT:
            raise refuse("delete", obj, f"{obj.label} {record.recordno} has reimbursements applied.")
        call.backend.delete(obj, call.body.get("key", ""))
    return ""


@gateway_function("delete_expensetype", permission="delete")
def delete_expensetype(call: Call) -> str:
    obj = catalogue_object(call, "EEACCOUNTLABEL")
    reject_unemulated_options(call)
    name = call.body.get("expensetype", "").strip()
    with call.state.store.atomic():
        record = find_by(call.backend, obj, "ACCOUNTLABEL", name) if name else None
        if record is None:
            raise errors.delete_missing(obj.label, name)
        call.backend.delete(obj, str(record.recordno))
    return ""


@gateway_function("reverse_expensereport", permission="edit")
def reverse_expensereport(call: Call) -> str:
    obj = catalogue_object(call, "EEXPENSES")
    reversed_on = legacy_date(call.body.find("datereversed"))
    if not reversed_on:
        raise errors.required_field_missing("reverse", obj.label, "datereversed")
    coerce(obj.by_name["WHENPOSTED"], reversed_on, "reverse", obj.label)  # a bad date is refused by name
    with call.state.store.atomic():
        record = report(call, obj, "reverse")
        state = record.values.get("STATE")
        if state in ("Reversed", "Reversal", "Declined", "Draft"):
            raise refuse("reverse", obj, f"{obj.label} {record.recordno} is {state.lower()}: it cannot be reversed.")
        if (record.values.get("TOTALPAID") or 0) > CENT:
            raise refuse("reverse", obj, f"{obj.label} {record.recordno} has reimbursements applied.")
        record.values["STATE"] = "Reversed"
        if call.text("description"):
            record.values["MEMO"] = call.text("description")
        call.backend.save(obj, record, "reverse")
    return ""


@gateway_function("create_expensereportbatch", permission="add")
def create_expensereportbatch(call: Call) -> str:
    """A summary of expense reports (Intacct's PRBATCH of type ee): a title and an optional GL posting date.
    The create_expensereport elements inside it are created in the summary (batchkey = its key), all or none."""
    obj = catalogue_object(call, "EEXPENSES")
    label = "Expense Report Summary"
    title = call.text("batchtitle")
    if not title:
        raise errors.required_field_missing("create", label, "batchtitle")
    created = legacy_date(call.body.find("datecreated")) or ""
    if created:
        coerce(obj.by_name["WHENCREATED"], created, "create", label)  # a bad date is refused by name
    with call.state.store.atomic():
        key = open_summary(call, "ee", title, created, None)
        for report_body in call.body.iterfind("create_expensereport"):
            create_in_summary(call, report_body, key)
    return answers.key(call, key)


def create_in_summary(call: Call, body: etree._Element, summary: int) -> None:
    """One report of the summary, through its translation, filed under the summary's key."""
    body = copy.deepcopy(body)
    for old in body.findall("batchkey"):
        body.remove(old)
    etree.SubElement(body, "batchkey").text = str(summary)
    function = Function(call.function.controlid, "create_expensereport", body)
    create_record(replace(call, function=function), TRANSLATIONS["create_expensereport"])


def reimbursement_items(call: Call) -> list[dict[str, str]]:
    items = call.body.find("eppaymentrequestitems")
    return [
        given(
            {
                "RECORDKEY": item.findtext("key"),
                "TRX_PAYMENTAMOUNT": item.findtext("paymentamount"),
                "CREDITTOAPPLY": item.findtext("credittoapply"),
            }
        )
        for item in (items if items is not None else [])
        if item.tag == "eppaymentrequestitem"
    ]


def pay_report(backend: Backend, request: ObjectDef, employee: str, line: dict, paid_on: str) -> None:
    """The report a request line names is paid by its amount: Paid when nothing is due, else Partially Paid."""
    obj = CATALOGUE["EEXPENSES"]
    key = str(line["RECORDKEY"])
    record = backend.find(obj, key, by_id=False)
    if record is None:
        raise refuse("create", request, f"Cannot find expense report with key '{key}' to reimburse.")
    check_can_modify(backend.locationid, record.entity, obj.label)
    values = record.values
    if values.get("EMPLOYEEID") != employee:
        raise refuse("create", request, f"Expense report {key} belongs to employee {values.get('EMPLOYEEID')}.")
    if values.get("STATE") not in PAYABLE:
        raise refuse(
            "create", request, f"Expense report {key} is {str(values.get('STATE')).lower()}: it cannot be paid."
        )
    amount = line["TRX_PAYMENTAMOUNT"]
    if amount <= 0 or amount > (values.get("TOTALDUE") or 0) + CENT:
        raise refuse(
            "create",
            request,
            f"The payment amount {amount} is not between 0 and the {values.get('TOTALDUE')} due on expense report {key}.",
        )
    values["TOTALPAID"] = round((values.get("TOTALPAID") or 0) + amount, 2)
    paid = values["TOTALPAID"] >= (values.get("TOTALENTERED") or 0) - CENT
    values["STATE"] = "Paid" if paid else "Partially Paid"
    values["WHENPAID"] = coerce(obj.by_name["WHENPAID"], paid_on, "create", request.label) if paid else None
    backend.save(obj, record, "reimburse")


@gateway_function("create_reimbursementrequest", permission="add")
def create_reimbursementrequest(call: Call) -> str:
    obj = catalogue_object(call, "EPPAYMENTREQUEST")
    catalogue_object(call, "EEXPENSES")  # the reports it pays: same subscription and permission checks
    backend = call.backend
    texts = given(
        {
            "FINANCIALENTITY": call.text("bankaccountid"),
            "EMPLOYEEID": call.text("employeeid"),
            "MEMO": call.text("memo"),
            "PAYMENTMETHOD": call.text("paymentmethod"),
            "WHENPAID": legacy_date(call.body.find("paymentdate")),
            "PAYMENTOPTION": call.text("paymentoption"),
            "DOCNUMBER": call.text("documentnumber"),
            "DESCRIPTION": call.text("paymentdescription"),
            "PAYMENTCONTACT": call.text("paymentcontact"),
        }
    )
    with call.state.store.atomic():
        request = backend.create(obj, texts, reimbursement_items(call))
        for line in request.lines:
            pay_report(backend, obj, request.values["EMPLOYEEID"], line, texts["WHENPAID"])
    return answers.key(call, request.recordno)
