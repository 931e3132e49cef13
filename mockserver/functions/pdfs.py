"""retrievepdf (3.0, OrderEntry/OrderEntryRetrievePDF): a printed document as a base64 PDF.

The schema's choice is ARINVOICE (by RECORDNO) or SODOCUMENT (by DOCID). GUESS (docs/decisions.md):
the answer is <data listtype="pdf" count="1"><pdf><RECORDNO/><pdfdata>base64</pdfdata></pdf></data>, and
the PDF shows the document's number, customer, dates, lines and totals (not Intacct's print template).
"""

from __future__ import annotations

import base64
from dataclasses import dataclass

from mockserver.functions import answers, transitions
from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors, pdf
from mockserver.objects import ObjectDef
from mockserver.objects.lines import line_object
from mockserver.objects.store import Record
from mockserver.objects.values import to_display


@dataclass(frozen=True)
class Printable:
    """What a printed document shows, in its object's fields."""

    key: str  # the element naming the document
    by_id: bool  # key is the ID field (else RECORDNO)
    number: str  # the document number shown
    party: tuple[str, str]  # customer ID and name
    line_memo: tuple[str, ...]  # a line's text: the first of these with a value
    line_amount: str
    total: str
    total_due: str


PRINTABLE = {
    "ARINVOICE": Printable(
        "RECORDNO", False, "RECORDID", ("CUSTOMERID", "CUSTOMERNAME"), ("ENTRYDESCRIPTION", "ACCOUNTNO"),
        "TRX_AMOUNT", "TOTALENTERED", "TOTALDUE",
    ),
    "SODOCUMENT": Printable(
        "DOCID", True, "DOCID", ("CUSTVENDID", "CUSTVENDNAME"), ("ITEMDESC", "ITEMID", "MEMO"), "TOTAL",
        "TOTAL", "TOTALDUE",
    ),
}  # fmt: skip


def shown(obj: ObjectDef, values: dict, name: str, tz: str) -> str:
    field = obj.field(name)
    return to_display(field, values.get(name), tz) if field is not None else ""


def document_lines(obj: ObjectDef, printable: Printable, record: Record, tz: str) -> list[str]:
    def value(name: str) -> str:
        return shown(obj, record.values, name, tz)

    customer, name = printable.party
    out = [
        f"{obj.label} number: {value(printable.number) or record.recordno}",
        f"Customer: {value(customer)} {value(name)}".rstrip(),
        f"Date: {value('WHENCREATED')}    Due: {value('WHENDUE')}",
        f"State: {value('STATE')}",
        "",
    ]
    line_def = line_object(obj)
    for number, line in enumerate(record.lines, start=1):
        memo = next((str(line[f]) for f in printable.line_memo if line.get(f)), "")
        amount = shown(line_def, line, printable.line_amount, tz) if line_def is not None else ""
        out.append(f"{number}. {memo}    {amount}".rstrip())
    currency = value("CURRENCY") or value("BASECURR")
    out += ["", f"Total: {value('TRX_' + printable.total) or value(printable.total)} {currency}".rstrip()]
    out.append(f"Total due: {value('TRX_' + printable.total_due) or value(printable.total_due)} {currency}".rstrip())
    return out


@gateway_function("retrievepdf", permission="view")
def retrieve_pdf(call: Call) -> str:
    node = transitions.object_element(call)
    obj = call.object(str(node.tag))
    printable = PRINTABLE[obj.name]
    key_element, by_id = printable.key, printable.by_id
    key = (node.findtext(key_element) or "").strip()
    if not key:
        raise errors.required_field_missing("retrievepdf", obj.label, key_element)
    record = call.backend.find(obj, key, by_id=by_id)
    if record is None:
        raise errors.refused("print", obj.label, f"Cannot find {obj.label.lower()} with {key_element} '{key}'.")
    body = pdf.document(f"{obj.label} {key}", document_lines(obj, printable, record, call.timezone))
    row = answers.rows(call)
    inner = [row.inner.leaf("RECORDNO", record.recordno), row.inner.leaf("pdfdata", base64.b64encode(body).decode())]
    return answers.data(call, [row.parent("pdf", inner)], listtype="pdf", count=1)
