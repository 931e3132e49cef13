"""Accounts Payable behaviour: what a payment derives from its lines."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record


def payment_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """A payment sent without AMOUNTTOPAY (kept as TOTALENTERED) pays what its lines apply; its
    PAYMENTDATE (kept as WHENPAID) is also its WHENCREATED, the document date, as on bills."""
    values = record.values
    if values.get("TOTALENTERED") is None:
        values["TOTALENTERED"] = round(sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in record.lines), 2)
    if values.get("WHENCREATED") is None:
        values["WHENCREATED"] = values.get("WHENPAID")
