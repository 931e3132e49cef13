"""Accounts Receivable behaviour: a payment received applied to its invoices."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockserver.gateway import errors
from mockserver.objects.documents import document_totals
from mockserver.tenancy.locations import check_can_modify

if TYPE_CHECKING:
    from mockserver.objects.backend import Backend
    from mockserver.objects.store import Record


def apply_payment(
    backend: Backend, payment: Record, lines: list[dict[str, Any]], applied_before: float, paid_on: str, action: str
) -> None:
    """Apply payment lines (RECORDKEY, TRX_PAYMENTAMOUNT) to their invoices: each invoice's TOTALPAID
    rises and its TOTALDUE falls; it is Paid (on `paid_on`) once nothing is due, else Partially Paid."""
    from mockserver.objects import CATALOGUE  # the catalogue is built from these hooks

    invoice_def = CATALOGUE["ARINVOICE"]
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
        invoice = backend.find(invoice_def, key, by_id=False)
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
        check_can_modify(backend.locationid, invoice.entity, invoice_def.label)
        if paid > (invoice.values.get("TOTALDUE") or 0) + 0.005:
            raise errors.invoice_overpaid(key)
        invoice.values["TOTALPAID"] = round((invoice.values.get("TOTALPAID") or 0) + paid, 2)
        document_totals(invoice_def, invoice, action)
        if invoice.values["TOTALDUE"] <= 0.005:
            invoice.values.update(STATE="Paid", WHENPAID=paid_on)
        else:
            invoice.values["STATE"] = "Partially Paid"
        backend.save(invoice_def, invoice, action)
