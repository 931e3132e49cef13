"""Documents of AP and AR (bills, invoices, adjustments): dated, with lines of an account and an amount
each, whose amounts make the totals Intacct computes on every write."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.objects.fields import date, decimal, define, enum, text
from mockserver.objects.model import Field, LineItems, ObjectDef, Relation

if TYPE_CHECKING:
    from mockserver.objects.store import Record


def document_totals(obj: ObjectDef, record: Record, action: str) -> None:
    """TOTALENTERED is the sum of the lines; TOTALDUE what payments have not covered yet."""
    values = record.values
    total = round(sum(line.get("TRX_AMOUNT") or 0 for line in record.lines), 2)
    values["TOTALENTERED"] = total
    values["TOTALDUE"] = round(total - (values.get("TOTALPAID") or 0), 2)


def document_lines(container: str, element: str) -> LineItems:
    """Lines of AP/AR documents (bills, invoices, adjustments): an account and an amount each."""
    return LineItems(
        container,
        element,
        (
            text("ACCOUNTNO", required=True, references="GLACCOUNT"),
            decimal("TRX_AMOUNT", required=True),
            text("ENTRYDESCRIPTION"),
            text("LOCATIONID", references="LOCATION"),
            text("DEPARTMENTID", references="DEPARTMENT"),
            text("PROJECTID", references="PROJECT"),
            text("CLASSID", references="CLASS"),
        ),
        minimum=1,
    )


def document_object(
    name: str, label: str, module: str, party: str, party_object: str, fields: list[Field]
) -> ObjectDef:
    """A document of `party` (VENDORID/CUSTOMERID): its own fields, then its totals, with lines."""
    totals = [
        text("CURRENCY", default="USD"),
        decimal("TOTALENTERED", readonly=True),
        decimal("TOTALPAID", readonly=True, default="0"),
        decimal("TOTALDUE", readonly=True),
    ]
    return define(
        name,
        label,
        module,
        "RECORDNO",
        "RECORDID",
        fields + totals,
        lines=document_lines(f"{name}ITEMS", f"{name}ITEM"),
        relations=(Relation(party_object, party_object, party),),
        derive=document_totals,
    )


def document(name: str, label: str, module: str, party: str, party_object: str, number_label: str) -> ObjectDef:
    """A bill or an invoice: dated, due, with lines whose amounts make its totals."""
    states = ("Draft", "Submitted", "Approved", "Posted", "Partially Paid", "Paid", "Reversed")
    return document_object(
        name,
        label,
        module,
        party,
        party_object,
        [
            text("RECORDID", maxlength=45, label=number_label),
            text(party, required=True, references=party_object),
            date("WHENCREATED", required=True, label="Date"),
            date("WHENPOSTED"),
            date("WHENDUE"),
            date("WHENPAID", readonly=True),
            text("TERMNAME"),
            text("DOCNUMBER", maxlength=45),
            text("DESCRIPTION", maxlength=1000),
            enum("STATE", states, default="Posted"),
        ],
    )


def adjustment(name: str, label: str, module: str, party: str, party_object: str, number_label: str) -> ObjectDef:
    """An AP or AR adjustment: like a bill or invoice, without due and paid dates or terms."""
    return document_object(
        name,
        label,
        module,
        party,
        party_object,
        [
            text("RECORDID", maxlength=45, label="Adjustment number"),
            text(party, required=True, references=party_object),
            date("WHENCREATED", required=True, label="Date"),
            date("WHENPOSTED"),
            text("DOCNUMBER", maxlength=45, label=number_label),
            text("DESCRIPTION", maxlength=1000),
            enum("STATE", ("Draft", "Posted", "Partially Paid", "Paid", "Reversed"), default="Posted"),
        ],
    )
