"""retrievepdf (3.0, OrderEntry/OrderEntryRetrievePDF): a printed document as a base64 PDF.

The schema's choice is ARINVOICE (by RECORDNO) or SODOCUMENT (by DOCID); the mock's catalogue has no
SODOCUMENT, so that one is answered as any object the company does not have. GUESS (docs/decisions.md):
the answer is <data listtype="pdf" count="1"><pdf><RECORDNO/><pdfdata>base64</pdfdata></pdf></data>, and
the PDF shows the invoice's number, customer, dates, lines and totals (not Intacct's print template).
"""

from __future__ import annotations

import base64

from mockserver.functions import answers, transitions
from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors, pdf
from mockserver.objects import ObjectDef
from mockserver.objects.lines import line_object
from mockserver.objects.store import Record
from mockserver.objects.values import to_display

# object -> the element naming the document, and whether it is the ID field (else RECORDNO)
PRINTABLE = {"ARINVOICE": ("RECORDNO", False), "SODOCUMENT": ("DOCID", True)}


def shown(obj: ObjectDef, values: dict, name: str, tz: str) -> str:
    field = obj.field(name)
    return to_display(field, values.get(name), tz) if field is not None else ""


def invoice_lines(obj: ObjectDef, record: Record, tz: str) -> list[str]:
    def value(name: str) -> str:
        return shown(obj, record.values, name, tz)

    out = [
        f"Invoice number: {value('RECORDID') or record.recordno}",
        f"Customer: {value('CUSTOMERID')} {value('CUSTOMERNAME')}".rstrip(),
        f"Date: {value('WHENCREATED')}    Due: {value('WHENDUE')}",
        f"State: {value('STATE')}",
        "",
    ]
    line_def = line_object(obj)
    for number, line in enumerate(record.lines, start=1):
        memo = line.get("ENTRYDESCRIPTION") or line.get("ACCOUNTNO") or ""
        amount = shown(line_def, line, "TRX_AMOUNT", tz) if line_def is not None else ""
        out.append(f"{number}. {memo}    {amount}".rstrip())
    currency = value("CURRENCY") or value("BASECURR")
    out += ["", f"Total: {value('TRX_TOTALENTERED') or value('TOTALENTERED')} {currency}".rstrip()]
    out.append(f"Total due: {value('TRX_TOTALDUE') or value('TOTALDUE')} {currency}".rstrip())
    return out


@gateway_function("retrievepdf", permission="view")
def retrieve_pdf(call: Call) -> str:
    node = transitions.object_element(call)
    obj = call.object(str(node.tag))
    key_element, by_id = PRINTABLE[obj.name]
    key = (node.findtext(key_element) or "").strip()
    if not key:
        raise errors.required_field_missing("retrievepdf", obj.label, key_element)
    record = call.backend.find(obj, key, by_id=by_id)
    if record is None:
        raise errors.refused("print", obj.label, f"Cannot find {obj.label.lower()} with {key_element} '{key}'.")
    body = pdf.document(f"{obj.label} {key}", invoice_lines(obj, record, call.timezone))
    row = answers.rows(call)
    inner = [row.inner.leaf("RECORDNO", record.recordno), row.inner.leaf("pdfdata", base64.b64encode(body).decode())]
    return answers.data(call, [row.parent("pdf", inner)], listtype="pdf", count=1)
