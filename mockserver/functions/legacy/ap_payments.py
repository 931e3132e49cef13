"""create_appayment and create_paymentrequest: AP payments made outside Intacct's payment run, and
payment requests for bills (the application rule belongs to the APPYMT object: objects/ap_payments.py).

create_appayment is a manual check: its payitems are GL distribution lines, not bills. GUESS
(docs/decisions.md), as Intacct records a manual check: the mock writes a posted bill of those lines
(numbered billno, dated checkdate) and an APPYMT (Complete, DOCNUMBER the check number) applied to it, so
the bill is Paid. create_paymentrequest writes an APPYMT Submitted whose paymentrequestitems name bills
(key = RECORDNO); the amounts are selected on those bills (TOTALSELECTED) until the request is paid.

Their content models are in schemas/request.xsd. Accepted and not stored (no such field, or a read-only
one): batchkey, basepaymentamount, paymentexchratetype and the exchange rate elements of a manual check;
grouppayments, paymentoption and paymentcontact of a request.
"""

from __future__ import annotations

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, given, legacy_date
from mockserver.functions.legacy.translate import Elements, field_texts
from mockserver.functions.registry import gateway_function
from mockserver.gateway import envelope, errors
from mockserver.objects import CATALOGUE
from mockserver.objects.ap_payments import apply_to_bills
from mockserver.objects.backend import Backend
from mockserver.objects.values import quote

PAYITEM: Elements = {
    "glaccountno": "ACCOUNTNO",
    "accountlabel": "ACCOUNTLABEL",
    "paymentamount": "TRX_AMOUNT",
    "item1099": "FORM1099",
}
MANUAL_CHECK = "Manual Check"  # GUESS: a manual payment without paymentmethod


def financial_entity(call: Call, label: str) -> str:
    account = call.text("bankaccountid") or call.text("chargecardid")
    if not account:
        raise errors.required_field_missing("create", label, "bankaccountid")
    return account


def account_of_label(backend: Backend, label: str) -> str:
    """The GL account an AP account label stands for; an unknown label is refused by name."""
    labels = CATALOGUE["APACCOUNTLABEL"]
    rows = backend.store.select(backend.companyid, labels, f"{quote('ACCOUNTLABEL')} = ?", [label], limit=1)
    if not rows:
        raise errors.details(
            ("BL01001973", "", f"Invalid AP account label '{label}'.", "Use an existing account label or glaccountno."),
            errors.could_not("create", "AP Payment"),
        )
    return str(rows[0].values.get("GLACCOUNTNO") or "")


def bill_lines(call: Call, items: etree._Element | None) -> list[dict[str, str]]:
    """payitem elements as APBILLITEM line texts (each element mapped, or refused by name)."""
    line_def = CATALOGUE["APBILLITEM"]
    writable = {f.name for f in line_def.fields if not f.readonly}
    lines = []
    for item in [] if items is None else items.iterfind("payitem"):
        texts = field_texts(item, PAYITEM, lambda n: n if n in writable else None, "create", "AP Payment")
        if "ACCOUNTLABEL" in texts and "ACCOUNTNO" not in texts:
            texts["ACCOUNTNO"] = account_of_label(call.backend, texts["ACCOUNTLABEL"])
        lines.append(texts)
    return lines


@gateway_function("create_appayment", permission="add")
def create_appayment(call: Call) -> str:
    bill_def, obj = catalogue_object(call, "APBILL"), catalogue_object(call, "APPYMT")
    backend = call.backend
    account = financial_entity(call, obj.label)
    paid_on = legacy_date(call.body.find("checkdate"))
    common = {"VENDORID": call.text("vendorid"), "DESCRIPTION": call.text("memo"), "CURRENCY": call.text("currency")}
    bill_texts = given(
        {**common, "RECORDID": call.text("billno"), "WHENCREATED": paid_on, "WHENPOSTED": paid_on, "WHENDUE": paid_on}
    )
    lines = bill_lines(call, call.body.find("payitems"))
    with call.state.store.atomic():
        bill = backend.create(bill_def, bill_texts, lines)
        payment_texts = given(
            {
                **common,
                "FINANCIALENTITY": account,
                "PAYMENTMETHOD": call.text("paymentmethod") or MANUAL_CHECK,
                "PAYMENTDATE": paid_on,
                "DOCNUMBER": call.text("checkno"),
                "STATE": "Complete",
            }
        )
        paid = [{"RECORDKEY": str(bill.recordno), "TRX_PAYMENTAMOUNT": str(bill.values.get("TOTALENTERED"))}]
        payment = backend.create(obj, payment_texts, paid)
        apply_to_bills(backend, payment, "create", payment.values["WHENPAID"])
    return answers.key(call, payment.recordno)


@gateway_function("create_paymentrequest", permission="add")
def create_paymentrequest(call: Call) -> str:
    obj = catalogue_object(call, "APPYMT")
    backend = call.backend
    account = financial_entity(call, obj.label)
    items = call.body.find("paymentrequestitems")
    if items is None:
        raise errors.legacy_not_emulated(call.function.name, "a request of a paymentamount without bills")
    lines = []
    for item in items.iterfind("paymentrequestitem"):
        if envelope.flag(item.get("externalkey", "false")):
            raise errors.legacy_not_emulated(call.function.name, 'externalkey="true" (a bill named by external ID)')
        for unemulated in ("credittoapply", "discounttoapply"):
            if (item.findtext(unemulated) or "").strip():
                raise errors.legacy_not_emulated(call.function.name, f"{unemulated} (credits and discounts applied)")
        lines.append(given({"RECORDKEY": item.findtext("key"), "TRX_PAYMENTAMOUNT": item.findtext("paymentamount")}))
    texts = given(
        {
            "FINANCIALENTITY": account,
            "VENDORID": call.text("vendorid"),
            "DESCRIPTION": call.text("memo") or call.text("paymentdescription"),
            "PAYMENTMETHOD": call.text("paymentmethod"),
            "PAYMENTDATE": legacy_date(call.body.find("paymentdate")),
            "DOCNUMBER": call.text("documentnumber"),
            "STATE": "Submitted",
        }
    )
    with call.state.store.atomic():
        payment = backend.create(obj, texts, lines)
        apply_to_bills(backend, payment, "create", None)
    return answers.key(call, payment.recordno)
