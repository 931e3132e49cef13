"""Cash management behaviour: reversing a charge card transaction, deposits of undeposited receipts, and
deleting a customer charge card. The plain creates and updates (record_cctransaction, record_otherreceipt,
create_customerbankaccount, ...) are translation files (translations/*.json).

GUESSES (docs/decisions.md): a reversal changes the transaction itself (STATE Reversed); a deposit's
receiptkey is the RECORDNO of an undeposited other receipt (OTHERRECEIPTS in state Undeposited) or, when
there is none with that number, of an AR payment received into undeposited funds (UNDEPOSITEDACCOUNTNO set,
no bank account); deposited, either gets the deposit's bank account (an other receipt also its deposit date,
and so the state Deposited)."""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, given, legacy_date
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.backend import Backend, coerce
from mockserver.objects.store import Record
from mockserver.tenancy.locations import check_can_modify

BANK_ACCOUNTS = ("CHECKINGACCOUNT", "SAVINGSACCOUNT")


def refuse(action: str, obj: ObjectDef, problem: str, correction: str = "") -> errors.IntacctError:
    # GUESS wording, in the style of the catalogue's other BL01001973 refusals.
    return errors.details(("BL01001973", "", problem, correction), errors.could_not(action, obj.label))


@gateway_function("reverse_cctransaction", permission="edit")
def reverse_cctransaction(call: Call) -> str:
    obj = catalogue_object(call, "CCTRANSACTION")
    backend = call.backend
    reversed_on = legacy_date(call.body.find("datereversed"))
    if not reversed_on:
        raise errors.required_field_missing("reverse", obj.label, "datereversed")
    coerce(obj.by_name["WHENCREATED"], reversed_on, "reverse", obj.label)  # a bad date is refused by name
    key = call.body.get("key", "").strip()
    with call.state.store.atomic():
        record = backend.find(obj, key, by_id=False) if key else None
        if record is None:
            raise refuse(
                "reverse", obj, f"Cannot find {obj.label.lower()} with key '{key}' to reverse.", "Use a RECORDNO."
            )
        check_can_modify(backend.locationid, record.entity, obj.label)
        if record.values.get("STATE") in ("Reversed", "Reversal"):
            raise refuse("reverse", obj, f"{obj.label} {key} is already reversed.")
        record.values["STATE"] = "Reversed"
        if call.text("memo"):
            record.values["DESCRIPTION"] = call.text("memo")
        backend.save(obj, record, "reverse")
    return ""


def bank_account_exists(backend: Backend, account: str) -> bool:
    """A checking or savings account of that BANKACCOUNTID (their ID field is RECORDNO)."""
    return any(
        backend.store.select(backend.companyid, CATALOGUE[name], "BANKACCOUNTID = ?", [account], limit=1)
        for name in BANK_ACCOUNTS
    )


def undeposited(backend: Backend, key: str) -> tuple[ObjectDef, Record] | None:
    """The receipt a receiptkey names, while it waits in undeposited funds."""
    receipts, payments = CATALOGUE["OTHERRECEIPTS"], CATALOGUE["ARPYMT"]
    receipt = backend.find(receipts, key, by_id=False)
    if receipt is not None and receipt.values.get("STATE") == "Undeposited":
        return receipts, receipt
    payment = backend.find(payments, key, by_id=False)
    if (
        payment is not None
        and payment.values.get("UNDEPOSITEDACCOUNTNO")
        and not payment.values.get("FINANCIALENTITY")
        and payment.values.get("STATE") not in ("Draft", "Voided")
    ):
        return payments, payment
    return None


@gateway_function("record_deposit", permission="add")
def record_deposit(call: Call) -> str:
    obj = catalogue_object(call, "DEPOSIT")
    backend = call.backend
    if call.body.find("receipts") is not None:
        raise errors.legacy_not_emulated(call.function.name, "receipts recorded inside the deposit")
    texts = given(
        {
            "FINANCIALENTITY": call.text("bankaccountid"),
            "WHENCREATED": legacy_date(call.body.find("depositdate")),
            "DEPOSITID": call.text("depositid"),
            "DESCRIPTION": call.text("description"),
            "SUPDOCID": call.text("supdocid"),
        }
    )
    keys = [(key.text or "").strip() for key in call.body.iterfind("receiptkeys/receiptkey")]
    account = texts.get("FINANCIALENTITY")
    if account and not bank_account_exists(backend, account):
        raise errors.missing_reference("create", obj.label, "bankaccountid", "Bank Account", account)
    with call.state.store.atomic():
        found: list[tuple[ObjectDef, Record]] = []
        for key in keys:
            waiting = undeposited(backend, key)
            if waiting is None or any(o is waiting[0] and r.recordno == waiting[1].recordno for o, r in found):
                raise refuse(
                    "create",
                    obj,
                    f"Cannot find an undeposited receipt with key '{key}' to deposit.",
                    "Use the RECORDNO of a receipt in undeposited funds, once.",
                )
            found.append(waiting)
        lines = [
            {
                "RECEIPTKEY": str(receipt.recordno),
                "RECEIPTTYPE": receipt_obj.name,
                "TRX_AMOUNT": str(receipt.values.get("TOTALENTERED") or receipt.values.get("PAYMENTAMOUNT") or 0),
            }
            for receipt_obj, receipt in found
        ]
        deposit = backend.create(obj, texts, lines)
        for receipt_obj, receipt in found:
            check_can_modify(backend.locationid, receipt.entity, receipt_obj.label)
            receipt.values["FINANCIALENTITY"] = deposit.values["FINANCIALENTITY"]
            if receipt_obj.field("DEPOSITDATE") is not None:
                receipt.values["DEPOSITDATE"] = deposit.values["WHENCREATED"]
            backend.save(receipt_obj, receipt, "deposit")
    return answers.key(call, deposit.recordno)


@gateway_function("delete_customerchargecard", permission="delete")
def delete_customerchargecard(call: Call) -> str:
    obj = catalogue_object(call, "CUSTOMERCHARGECARD")
    if call.body.get("externalkey", "false").strip() == "true":
        raise errors.legacy_not_emulated(call.function.name, 'externalkey="true" (a key given as external ID)')
    with call.state.store.atomic():
        call.backend.delete(obj, call.body.get("recordno", ""))
    return ""
