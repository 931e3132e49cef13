"""Order entry, purchasing and inventory transactions (SODOCUMENT, PODOCUMENT, INVDOCUMENT): the document
number and ID Intacct gives them and the totals it computes on every write."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mockserver.objects.model import ObjectDef
    from mockserver.objects.store import Record

# A line's unit amount: a sale's or purchase's price, an inventory line's cost.
UNIT_AMOUNT = ("PRICE", "COST")


def document_prefix(transaction_type: str) -> str:
    """GUESS (docs/decisions.md): a transaction definition's numbering prefix is the initials of its name
    ("Sales Order" -> "SO", "Purchase Order" -> "PO", "Inventory Adjustment" -> "IA")."""
    return "".join(word[0] for word in transaction_type.split() if word[:1].isalnum()).upper() or "DOC"


def document_id(transaction_type: str, docno: str) -> str:
    """DOCID, the key legacy functions answer and take: "Sales Order-SO0001"."""
    return f"{transaction_type}-{docno}"


def line_total(line: dict) -> float:
    quantity = line.get("QUANTITY") or 0
    unit = next((line[name] for name in UNIT_AMOUNT if line.get(name) is not None), 0)
    discount = line.get("DISCOUNTPERCENT") or 0
    return round(quantity * unit * (1 - discount / 100), 2)


def transaction_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """DOCNO when none was given (GUESS: the definition's prefix and the record number, SO0001), DOCID,
    each line's extended amount and the header's subtotal and total (no taxes or subtotal lines)."""
    values = record.values
    transaction_type = str(values.get("DOCPARID") or "")
    if "DOCID" in obj.by_name:  # a recurring template has no number of its own
        if not values.get("DOCNO"):
            values["DOCNO"] = f"{document_prefix(transaction_type)}{record.recordno:04d}"
        values["DOCID"] = document_id(transaction_type, str(values["DOCNO"]))
    total = 0.0
    for line in record.lines:
        line["TOTAL"] = line["TRX_TOTAL"] = line_total(line)
        total += line["TOTAL"]
    total = round(total, 2)
    due = round(total - (values.get("TOTALPAID") or 0), 2)
    for name in ("SUBTOTAL", "TOTAL", "TRX_SUBTOTAL", "TRX_TOTAL", "TOTALENTERED", "TRX_TOTALENTERED"):
        if name in obj.by_name:
            values[name] = total
    for name in ("TOTALDUE", "TRX_TOTALDUE"):
        if name in obj.by_name:
            values[name] = due
