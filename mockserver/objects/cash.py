"""Cash management receipts (OTHERRECEIPTS): totals and whether the money is in a bank account yet."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.objects.documents import document_totals

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record


def receipt_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """TOTALENTERED from the lines; a receipt recorded into a bank account is Deposited, one recorded into an
    undeposited funds account is Undeposited until a deposit takes it (GUESS, docs/decisions.md)."""
    document_totals(obj, record, action)
    values = record.values
    if values.get("STATE") != "Reversed":
        values["STATE"] = "Deposited" if values.get("FINANCIALENTITY") else "Undeposited"
