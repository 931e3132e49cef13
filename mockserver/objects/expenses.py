"""Employee expenses (EEXPENSES, EXPENSEADJUSTMENTS) and reimbursement requests: the totals Intacct
computes on every write."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record


def expense_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """An expense's lines carry the reimbursement AMOUNT (TRX_AMOUNT is the bill's word for it): the report
    totals them, and TOTALDUE is what reimbursements have not paid yet. GUESS: the reimbursement currency is
    the transaction currency, so the TRX_ totals are the same figures."""
    values = record.values
    total = round(sum(line.get("AMOUNT") or 0 for line in record.lines), 2)
    paid = values.get("TOTALPAID") or 0
    values.update(TOTALENTERED=total, TRX_TOTALENTERED=total, TRX_TOTALPAID=paid)
    values["TOTALDUE"] = values["TRX_TOTALDUE"] = round(total - paid, 2)


def reimbursement_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """A reimbursement request is for what its lines pay."""
    record.values["TOTALENTERED"] = round(sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in record.lines), 2)
