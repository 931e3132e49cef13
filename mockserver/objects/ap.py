"""Accounts Payable: vendors, bills, adjustments and payments."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.objects.documents import adjustment, document
from mockserver.objects.fields import AP, boolean, contact_group, date, decimal, define, enum, integer, status, text
from mockserver.objects.model import LineItems, ObjectDef, Relation

if TYPE_CHECKING:
    from mockserver.objects.store import Record


def amount_from_lines(obj: ObjectDef, record: Record, action: str) -> None:
    """A payment without AMOUNTTOPAY pays what its lines apply."""
    values = record.values
    if values.get("AMOUNTTOPAY") is None:
        values["AMOUNTTOPAY"] = round(sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in record.lines), 2)


OBJECTS = [
    define(
        "VENDOR",
        "Vendor",
        AP,
        "VENDORID",
        "NAME",
        [
            text("VENDORID", required=True, maxlength=20, label="Vendor ID"),
            text("NAME", required=True, maxlength=100, label="Vendor name"),
            text("VENDTYPE", maxlength=80),
            text("PARENTID", references="VENDOR"),
            text("TERMNAME", maxlength=40),
            text("TAXID", maxlength=20),
            decimal("CREDITLIMIT"),
            decimal("TOTALDUE", readonly=True, default="0"),
            boolean("ONETIME", default="false"),
            boolean("ONHOLD", default="false"),
            text("CURRENCY", maxlength=3),
            status(),
            *contact_group("DISPLAYCONTACT", "NAME"),
        ],
        relations=(Relation("PARENT", "VENDOR", "PARENTID"),),
    ),
    document("APBILL", "AP Bill", AP, "VENDORID", "VENDOR", "Bill number"),
    adjustment("APADJUSTMENT", "AP Adjustment", AP, "VENDORID", "VENDOR", "Bill number"),
    define(
        "APPYMT",
        "AP Payment",
        AP,
        "RECORDNO",
        None,
        [
            enum(
                "PAYMENTMETHOD", ("Printed Check", "Manual Check", "Cash", "EFT", "Credit Card", "ACH"), required=True
            ),
            text("FINANCIALENTITY", required=True, maxlength=40),
            text("VENDORID", required=True, references="VENDOR"),
            text("DOCNUMBER", maxlength=45),
            text("DESCRIPTION", maxlength=1000),
            date("PAYMENTDATE", required=True),
            decimal("AMOUNTTOPAY"),
            text("CURRENCY", default="USD"),
            enum("STATE", ("Draft", "Submitted", "Approved", "Complete", "Voided"), default="Complete"),
        ],
        lines=LineItems(
            "APPYMTDETAILS",
            "APPYMTDETAIL",
            (integer("RECORDKEY", required=True), decimal("TRX_PAYMENTAMOUNT", required=True)),
            minimum=1,
        ),
        relations=(Relation("VENDOR", "VENDOR", "VENDORID"),),
        derive=amount_from_lines,
    ),
]
