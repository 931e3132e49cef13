"""get_companyprefs (@application): a subscription's preferences as <companypref> rows (application,
preference, prefvalue), the shape of the developer docs. Values come from the company's settings where it
has them (multi-entity, subscriptions, dimensions); the rest are GUESSES (docs/decisions.md)."""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.metadata import GL_DIMENSIONS, STANDARD_DIMENSIONS
from mockserver.functions.registry import UNCHECKED, gateway_function
from mockserver.gateway import errors
from mockserver.tenancy.companies import Company

# The docs' application codes -> the module a company subscribes to (None: always there).
APPLICATIONS = {
    "GEN": None,
    "ME": None,
    "GL": "General Ledger",
    "CM": "Cash Management",
    "AP": "Accounts Payable",
    "AR": "Accounts Receivable",
    "EE": "Employee Expenses",
    "PO": "Purchasing",
    "SO": "Order Entry",
    "INV": "Inventory Control",
    "PA": "Projects",
    "CS": "Global Consolidations",
}
# GUESS: a US company's general settings (account numbers of 4 digits, fiscal year from January).
GENERAL = (
    ("PRIMARY_ACCTNO_LENGTH", "4"),
    ("ACCTNO_SEPARATOR", "-"),
    ("SUBACCTNO_LENGTH", "0"),
    ("FISCAL_FIRST_MONTH", "1"),
    ("FISCAL_FIRST_MONTH_TAX", "1"),
    ("WEEK_START", "1"),
    ("CUSTOM_ACCOUNTING_PERIODS", "F"),
)


def preferences(company: Company, application: str) -> list[tuple[str, str]]:
    if application == "GEN":
        return list(GENERAL)
    if application == "ME":
        return [("MULTI_ENTITY", "T" if company.multi_entity else "F")]  # GUESS name
    if application == "GL":  # the docs' example: EMPLOYEEDIMENSION T
        return [(f"{name}DIMENSION", "T" if name in GL_DIMENSIONS else "F") for name in STANDARD_DIMENSIONS]
    return []


@gateway_function("get_companyprefs", permission=UNCHECKED)
def get_companyprefs(call: Call) -> str:
    application = call.body.get("application", "").strip().upper()
    if application not in APPLICATIONS:
        raise errors.legacy_not_emulated(
            "get_companyprefs", f"application '{application}' (use one of {', '.join(APPLICATIONS)})"
        )
    company = call.principal.company
    module = APPLICATIONS[application]
    if module is not None and company.modules is not None and module not in company.modules:
        # GUESS wording: a subscription the company does not have.
        raise errors.error("BL01001973", "", f"The company is not subscribed to {module}.", "")
    m = answers.rows(call)
    rows = [
        m.parent(
            "companypref",
            [m.inner.leaf("application", application), m.inner.leaf("preference", name), m.inner.leaf("prefvalue", v)],
        )
        for name, v in preferences(company, application)
    ]
    return answers.data(call, rows)
