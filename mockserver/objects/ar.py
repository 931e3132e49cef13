"""Accounts Receivable: customers, invoices, adjustments and payments received."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockserver.gateway import errors
from mockserver.objects.documents import adjustment, document, document_totals
from mockserver.objects.fields import AR, boolean, contact_group, date, decimal, define, enum, integer, status, text
from mockserver.objects.model import LineItems, Relation
from mockserver.tenancy.locations import check_can_modify

if TYPE_CHECKING:
    from mockserver.objects.backend import Backend
    from mockserver.objects.store import Record

INVOICE = document("ARINVOICE", "AR Invoice", AR, "CUSTOMERID", "CUSTOMER", "Invoice number")

OBJECTS = [
    define(
        "CUSTOMER",
        "Customer",
        AR,
        "CUSTOMERID",
        "NAME",
        [
            text("CUSTOMERID", required=True, maxlength=20, label="Customer ID"),
            text("NAME", required=True, maxlength=100, label="Customer name"),
            text("CUSTTYPE", maxlength=80),
            text("PARENTID", references="CUSTOMER"),
            text("TERMNAME", maxlength=40),
            decimal("CREDITLIMIT"),
            decimal("TOTALDUE", readonly=True, default="0"),
            boolean("ONHOLD", default="false"),
            text("CURRENCY", maxlength=3),
            status(),
            *contact_group("DISPLAYCONTACT", "NAME"),
        ],
        relations=(Relation("PARENT", "CUSTOMER", "PARENTID"),),
    ),
    INVOICE,
    adjustment("ARADJUSTMENT", "AR Adjustment", AR, "CUSTOMERID", "CUSTOMER", "Invoice number"),
    define(
        "ARPYMT",
        "AR Payment",
        AR,
        "RECORDNO",
        None,
        [
            enum(
                "PAYMENTMETHOD",
                ("Printed Check", "Cash", "EFT", "Credit Card", "Online Charge Card", "Online ACH Debit"),
                required=True,
            ),
            text("CUSTOMERID", required=True, references="CUSTOMER"),
            text("FINANCIALENTITY", maxlength=40),
            date("RECEIPTDATE", required=True),
            decimal("PAYMENTAMOUNT", required=True),
            text("DOCNUMBER", maxlength=45),
            text("DESCRIPTION", maxlength=1000),
            text("CURRENCY", default="USD"),
            enum("STATE", ("Draft", "Submitted", "Complete", "Voided"), default="Complete"),
        ],
        lines=LineItems(
            "ARPYMTDETAILS",
            "ARPYMTDETAIL",
            (integer("RECORDKEY", required=True), decimal("TRX_PAYMENTAMOUNT", required=True)),
            minimum=0,
        ),
        relations=(Relation("CUSTOMER", "CUSTOMER", "CUSTOMERID"),),
    ),
]


def apply_payment(
    backend: Backend, payment: Record, lines: list[dict[str, Any]], applied_before: float, paid_on: str, action: str
) -> None:
    """Apply payment lines (RECORDKEY, TRX_PAYMENTAMOUNT) to their invoices: each invoice's TOTALPAID
    rises and its TOTALDUE falls; it is Paid (on `paid_on`) once nothing is due, else Partially Paid."""
    amount = payment.values.get("PAYMENTAMOUNT") or 0
    applied = round(applied_before + sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in lines), 2)
    if applied > amount + 0.005:
        raise errors.arpayment_problem(
            action,
            f"The amounts applied ({applied:.2f}) exceed the payment amount ({amount:.2f}).",
            "Apply at most the payment's unapplied amount.",
        )
    for line in lines:
        key, paid = str(line["RECORDKEY"]), line["TRX_PAYMENTAMOUNT"]
        if paid <= 0:
            raise errors.arpayment_problem(action, f"The amount applied to invoice {key} must be positive.")
        invoice = backend.find(INVOICE, key, by_id=False)
        if invoice is None:
            raise errors.arpayment_problem(
                action, f"Invalid invoice key {key}: no such AR invoice.", "Use the RECORDNO of an open invoice."
            )
        if invoice.values.get("CUSTOMERID") != payment.values.get("CUSTOMERID"):
            raise errors.arpayment_problem(
                action,
                f"Invoice {key} belongs to customer {invoice.values.get('CUSTOMERID')}, not to the "
                f"payment's customer {payment.values.get('CUSTOMERID')}.",
            )
        if invoice.values.get("STATE") in ("Draft", "Reversed"):
            raise errors.arpayment_problem(
                action, f"Invoice {key} is {invoice.values['STATE'].lower()} and cannot be paid."
            )
        check_can_modify(backend.locationid, invoice.entity, INVOICE.label)
        if paid > (invoice.values.get("TOTALDUE") or 0) + 0.005:
            raise errors.invoice_overpaid(key)
        invoice.values["TOTALPAID"] = round((invoice.values.get("TOTALPAID") or 0) + paid, 2)
        document_totals(INVOICE, invoice, action)
        if invoice.values["TOTALDUE"] <= 0.005:
            invoice.values.update(STATE="Paid", WHENPAID=paid_on)
        else:
            invoice.values["STATE"] = "Partially Paid"
        backend.save(INVOICE, invoice, action)
