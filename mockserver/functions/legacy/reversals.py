"""reverse_bill, reverse_invoice, reverse_appayment, reverse_arpayment: a posted document or payment is
reversed on a date. GUESS (docs/decisions.md): the record itself changes state (bills and invoices
Reversed; payments, whose STATE has no Reversed, Voided) and a payment gives back what it applied to its
invoices or bills; no separate reversing document is stored."""

from __future__ import annotations

from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, legacy_date
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.ap_payments import unapply_from_bills
from mockserver.objects.backend import Backend, coerce
from mockserver.objects.documents import document_totals
from mockserver.objects.store import Record
from mockserver.tenancy.locations import check_can_modify

# function -> (object, the state a reversal leaves, the date field the reversal date is checked as)
REVERSALS = {
    "reverse_bill": ("APBILL", "Reversed", "WHENPOSTED"),
    "reverse_invoice": ("ARINVOICE", "Reversed", "WHENPOSTED"),
    "reverse_appayment": ("APPYMT", "Voided", "WHENPAID"),
    "reverse_arpayment": ("ARPYMT", "Voided", "RECEIPTDATE"),
}


def refuse(obj: ObjectDef, problem: str, correction: str = "") -> errors.IntacctError:
    # GUESS wording, in the style of the catalogue's other BL01001973 refusals.
    return errors.details(("BL01001973", "", problem, correction), errors.could_not("reverse", obj.label))


def unapply_arpayment(backend: Backend, payment: Record) -> None:
    """What the payment paid on each invoice is due again (Posted, or Partially Paid if others paid too)."""
    invoice_def = CATALOGUE["ARINVOICE"]
    for line in payment.lines:
        invoice = backend.find(invoice_def, str(line.get("RECORDKEY") or ""), by_id=False)
        if invoice is None:
            continue  # the invoice was deleted since: nothing to give back
        paid = round((invoice.values.get("TOTALPAID") or 0) - (line.get("TRX_PAYMENTAMOUNT") or 0), 2)
        invoice.values["TOTALPAID"] = max(paid, 0.0)
        document_totals(invoice_def, invoice, "reverse")
        invoice.values["STATE"] = "Partially Paid" if invoice.values["TOTALPAID"] > 0.005 else "Posted"
        invoice.values["WHENPAID"] = None
        backend.save(invoice_def, invoice, "reverse")


@gateway_function(*REVERSALS, permission="edit")
def reverse(call: Call) -> str:
    object_name, reversed_state, date_field = REVERSALS[call.function.name]
    obj = catalogue_object(call, object_name)
    backend = call.backend
    key = call.body.get("key", "").strip()
    reversed_on = legacy_date(call.body.find("datereversed"))
    if not reversed_on:
        raise errors.required_field_missing("reverse", obj.label, "datereversed")
    coerce(obj.by_name[date_field], reversed_on, "reverse", obj.label)  # a bad date is refused by name
    with call.state.store.atomic():
        record = backend.find(obj, key, by_id=False) if key else None
        if record is None:
            raise refuse(obj, f"Cannot find {obj.label.lower()} with key '{key}' to reverse.", "Use a RECORDNO.")
        check_can_modify(backend.locationid, record.entity, obj.label)
        state = record.values.get("STATE")
        if state in ("Reversed", "Voided"):
            raise refuse(obj, f"{obj.label} {key} is already {state.lower()}.")
        if state in ("Draft", "Submitted"):
            raise refuse(obj, f"{obj.label} {key} is {state.lower()}: only a posted record can be reversed.")
        if object_name in ("APBILL", "ARINVOICE") and (record.values.get("TOTALPAID") or 0) > 0.005:
            raise refuse(obj, f"{obj.label} {key} has payments applied.", "Reverse its payments first.")
        if object_name == "ARPYMT":
            unapply_arpayment(backend, record)
        elif object_name == "APPYMT":
            unapply_from_bills(backend, record, "reverse")
        record.values["STATE"] = reversed_state
        memo = call.text("description")
        if memo and obj.field("DESCRIPTION") is not None:
            record.values["DESCRIPTION"] = memo
        backend.save(obj, record, "reverse")
    return ""
