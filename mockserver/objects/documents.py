"""Documents of AP and AR (bills, invoices, adjustments): the totals Intacct computes on every write."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record


def document_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """TOTALENTERED is the sum of the lines; TOTALDUE what payments have not covered yet."""
    values = record.values
    total = round(sum(line.get("TRX_AMOUNT") or 0 for line in record.lines), 2)
    values["TOTALENTERED"] = total
    values["TOTALDUE"] = round(total - (values.get("TOTALPAID") or 0), 2)
