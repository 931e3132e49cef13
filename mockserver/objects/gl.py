"""General Ledger behaviour: a journal entry (GLBATCH with GLENTRY lines) must balance, unless statistical."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.gateway import errors

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record


def balanced_journal(obj: ObjectDef, record: Record, action: str) -> None:
    """Debits (TR_TYPE 1) must equal credits (-1), but in a statistical journal (definitions: "statistical"),
    whose lines count statistical accounts (headcount, square feet), not money; the batch number is the
    record number."""
    statistical = obj.statistical is not None and obj.statistical.applies(record.values)
    record.values["STATISTICAL"] = "true" if statistical else "false"  # a boolean as stored
    record.values["BATCHNO"] = record.recordno
    if statistical:
        return
    balance = sum((line.get("TRX_AMOUNT") or 0) * int(line.get("TR_TYPE") or 1) for line in record.lines)
    if abs(balance) > 0.005:
        raise errors.unbalanced_entry(action, obj.label)
