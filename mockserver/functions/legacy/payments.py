"""create_arpayment and apply_arpayment: AR payments received and applied to invoices (the application
rule itself belongs to the ARPYMT object: objects/ar.py apply_payment)."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, given, legacy_date
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE
from mockserver.objects.ar import apply_payment
from mockserver.objects.backend import Backend, coerce
from mockserver.tenancy.locations import check_can_modify


def today(backend: Backend) -> str:
    moment = datetime.fromtimestamp(int(backend.clock.now()), ZoneInfo(backend.company.timezone))
    return moment.strftime("%m/%d/%Y")


def payment_items(items: etree._Element) -> list[dict[str, str]]:
    """arpaymentitem elements as ARPYMTDETAIL line texts."""
    return [
        {
            "RECORDKEY": (item.findtext("invoicekey") or "").strip(),
            "TRX_PAYMENTAMOUNT": (item.findtext("amount") or "").strip(),
        }
        for item in items.iterfind("arpaymentitem")
    ]


@gateway_function("create_arpayment", permission="add")
def create_arpayment(call: Call) -> str:
    obj = catalogue_object(call, "ARPYMT")
    backend = call.backend
    texts = given(
        {
            "PAYMENTMETHOD": call.text("paymentmethod"),
            "CUSTOMERID": call.text("customerid"),
            "FINANCIALENTITY": call.text("bankaccountid") or call.text("undepfundsacct"),
            # GUESS: without datereceived the payment is dated today (company time zone).
            "RECEIPTDATE": legacy_date(call.body.find("datereceived")) or today(backend),
            "PAYMENTAMOUNT": call.text("paymentamount"),
            "DOCNUMBER": call.text("refid"),
            "CURRENCY": call.text("currency"),
        }
    )
    lines = [given(line) for line in payment_items(call.body)]
    with call.state.store.atomic():
        payment = backend.create(obj, texts, lines)
        apply_payment(backend, payment, payment.lines, 0.0, payment.values["RECEIPTDATE"], "create")
    return answers.key(call, payment.recordno)


@gateway_function("apply_arpayment", permission="edit")
def apply_arpayment(call: Call) -> str:
    obj = catalogue_object(call, "ARPYMT")
    backend = call.backend
    key = call.text("arpaymentkey")
    whenpaid = CATALOGUE["ARINVOICE"].by_name["WHENPAID"]
    paid_on = coerce(whenpaid, legacy_date(call.body.find("paymentdate")) or "", "apply", obj.label)
    raw = [line for items in call.body.iterfind("arpaymentitems") for line in payment_items(items)]
    with call.state.store.atomic():
        payment = backend.find(obj, key, by_id=False)
        if payment is None:
            raise errors.arpayment_problem(
                "apply", f"Cannot find AR payment with key '{key}'.", "Use the RECORDNO of an existing AR payment."
            )
        check_can_modify(backend.locationid, payment.entity, obj.label)
        lines = backend.build_lines(obj, raw, "apply")
        before = sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in payment.lines)
        apply_payment(backend, payment, lines, before, paid_on or payment.values["RECEIPTDATE"], "apply")
        payment.lines.extend(lines)
        backend.save(obj, payment, "apply")
    return ""
