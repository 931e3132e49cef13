"""General Ledger behaviour: a journal entry (GLBATCH with GLENTRY lines) must balance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.gateway import errors

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record


def balanced_journal(obj: ObjectDef, record: Record, action: str) -> None:
    """Debits (TR_TYPE 1) must equal credits (-1); the batch number is the record number."""
    balance = sum((line.get("TRX_AMOUNT") or 0) * int(line.get("TR_TYPE") or 1) for line in record.lines)
    if abs(balance) > 0.005:
        raise errors.unbalanced_entry(action, obj.label)
    record.values["BATCHNO"] = record.recordno
