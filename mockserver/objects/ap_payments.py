"""Accounts Payable behaviour: an AP payment applied to its bills (create_appayment), or a payment
request selecting what it will pay (create_paymentrequest). The totals a payment derives from its own lines
are objects/ap.py's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.gateway import errors
from mockserver.objects.documents import document_totals
from mockserver.tenancy.locations import check_can_modify

if TYPE_CHECKING:
    from mockserver.objects.backend import Backend
    from mockserver.objects.store import Record


def refused(action: str, problem: str, correction: str = "") -> errors.IntacctError:
    # GUESS wording, as create_arpayment's refusals (objects/ar.py).
    return errors.details(("BL01001973", "", problem, correction), errors.could_not(action, "AP Payment"))


def apply_to_bills(backend: Backend, payment: Record, action: str, paid_on: str | None) -> None:
    """Apply an AP payment's lines (RECORDKEY: a bill's RECORDNO, TRX_PAYMENTAMOUNT) to their bills.
    With paid_on, the bills are paid: TOTALPAID rises and TOTALDUE falls, Paid on paid_on once nothing
    is due, else Partially Paid. Without, a payment request selects the amounts (TOTALSELECTED rises)
    for a payment still to be made. A bill pays at most what is due and not selected already."""
    from mockserver.objects import CATALOGUE  # the catalogue is built from these hooks

    bill_def = CATALOGUE["APBILL"]
    for line in payment.lines:
        key, amount = str(line.get("RECORDKEY") or ""), line.get("TRX_PAYMENTAMOUNT") or 0
        if amount <= 0:
            raise refused(action, f"The amount paid on bill {key} must be positive.")
        bill = backend.find(bill_def, key, by_id=False)
        if bill is None:
            raise refused(action, f"Invalid bill key {key}: no such AP bill.", "Use the RECORDNO of an open bill.")
        vendor = payment.values.get("VENDORID")
        if bill.values.get("VENDORID") != vendor:
            raise refused(action, f"Bill {key} belongs to vendor {bill.values.get('VENDORID')}, not to {vendor}.")
        state = bill.values.get("STATE") or ""
        if state in ("Draft", "Submitted", "Reversed", "Paid"):
            raise refused(action, f"Bill {key} is {state.lower()} and cannot be paid.")
        check_can_modify(backend.locationid, bill.entity, bill_def.label)
        selected = bill.values.get("TOTALSELECTED") or 0
        open_amount = round((bill.values.get("TOTALDUE") or 0) - selected, 2)
        if amount > open_amount + 0.005:
            raise refused(
                action,
                f"The amount paid on bill {key} ({amount:.2f}) is greater than its amount due ({open_amount:.2f}).",
            )
        if paid_on is None:
            bill.values["TOTALSELECTED"] = round(selected + amount, 2)
        else:
            bill.values["TOTALPAID"] = round((bill.values.get("TOTALPAID") or 0) + amount, 2)
            document_totals(bill_def, bill, action)
            paid = bill.values["TOTALDUE"] <= 0.005
            bill.values.update(STATE="Paid" if paid else "Partially Paid", WHENPAID=paid_on if paid else None)
        backend.save(bill_def, bill, action)


def unapply_from_bills(backend: Backend, payment: Record, action: str) -> None:
    """A reversed payment's amounts are due again on its bills (Posted, or Partially Paid if others paid
    too). A bill shows no more paid than it had: a payment never applied (MOCKCO's own) gives back nothing."""
    from mockserver.objects import CATALOGUE

    bill_def = CATALOGUE["APBILL"]
    for line in payment.lines:
        bill = backend.find(bill_def, str(line.get("RECORDKEY") or ""), by_id=False)
        had = (bill.values.get("TOTALPAID") or 0) if bill is not None else 0
        if bill is None or had <= 0.005:
            continue  # deleted since, or nothing was paid on it
        bill.values["TOTALPAID"] = max(round(had - (line.get("TRX_PAYMENTAMOUNT") or 0), 2), 0.0)
        document_totals(bill_def, bill, action)
        bill.values["STATE"] = "Partially Paid" if bill.values["TOTALPAID"] > 0.005 else "Posted"
        bill.values["WHENPAID"] = None
        backend.save(bill_def, bill, action)
