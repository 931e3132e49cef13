"""General Ledger: accounts, statistical accounts, allocations and journal entries (GLBATCH with GLENTRY
lines, which must balance)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.gateway import errors
from mockserver.objects.fields import GL, boolean, date, decimal, define, enum, integer, status, text
from mockserver.objects.model import LineItems, ObjectDef

if TYPE_CHECKING:
    from mockserver.objects.store import Record


def balanced_journal(obj: ObjectDef, record: Record, action: str) -> None:
    """Debits (TR_TYPE 1) must equal credits (-1); the batch number is the record number."""
    balance = sum((line.get("TRX_AMOUNT") or 0) * int(line.get("TR_TYPE") or 1) for line in record.lines)
    if abs(balance) > 0.005:
        raise errors.unbalanced_entry(action, obj.label)
    record.values["BATCHNO"] = record.recordno


OBJECTS = [
    define(
        "GLACCOUNT",
        "GL Account",
        GL,
        "ACCOUNTNO",
        "TITLE",
        [
            text("ACCOUNTNO", required=True, maxlength=24, label="Account number"),
            text("TITLE", required=True, maxlength=80, label="Title"),
            enum("ACCOUNTTYPE", ("balancesheet", "incomestatement"), default="balancesheet"),
            enum("NORMALBALANCE", ("debit", "credit"), default="debit"),
            enum(
                "CLOSINGTYPE",
                ("non-closing account", "closing account", "closed to account"),
                default="non-closing account",
            ),
            text("CLOSINGACCOUNTNO", references="GLACCOUNT"),
            text("CATEGORY", maxlength=80),
            boolean("REQUIREDEPT", default="false"),
            boolean("REQUIRELOC", default="false"),
            boolean("TAXABLE", default="false"),
            status(),
        ],
    ),
    define(
        "STATACCOUNT",
        "Statistical Account",
        GL,
        "ACCOUNTNO",
        "TITLE",
        [
            text("ACCOUNTNO", required=True, maxlength=24),
            text("TITLE", required=True, maxlength=80),
            enum("ACCOUNTTYPE", ("forperiod", "cumulative"), default="forperiod"),
            text("CATEGORY", maxlength=80),
            status(),
        ],
    ),
    define(
        "ALLOCATION",
        "Transaction Allocation",
        GL,
        "ALLOCATIONID",
        "DESCRIPTION",
        [
            text("ALLOCATIONID", required=True, maxlength=20),
            enum("TYPE", ("Percentage", "Absolute", "Exact"), default="Percentage"),
            text("DESCRIPTION", maxlength=100),
            text("DOCNUMBER", maxlength=40),
            status(),
        ],
    ),
    define(
        "GLBATCH",
        "Journal Entry",
        GL,
        "RECORDNO",
        "BATCH_TITLE",
        [
            integer("BATCHNO", readonly=True),
            text("JOURNAL", required=True, maxlength=20),
            date("BATCH_DATE", required=True),
            text("BATCH_TITLE", required=True, maxlength=100),
            text("REFERENCENO", maxlength=40),
            date("REVERSEDATE"),
            enum("STATE", ("Draft", "Submitted", "Posted", "Reversed"), default="Posted"),
        ],
        lines=LineItems(
            "ENTRIES",
            "GLENTRY",
            (
                text("ACCOUNTNO", required=True, references="GLACCOUNT"),
                enum("TR_TYPE", ("1", "-1"), required=True),
                decimal("TRX_AMOUNT", required=True),
                text("DESCRIPTION"),
                text("LOCATION", references="LOCATION"),
                text("DEPARTMENT", references="DEPARTMENT"),
                text("CLASSID", references="CLASS"),
                text("PROJECTID", references="PROJECT"),
                text("CUSTOMERID", references="CUSTOMER"),
                text("VENDORID", references="VENDOR"),
                text("EMPLOYEEID", references="EMPLOYEE"),
                text("ITEMID", references="ITEM"),
                text("CURRENCY"),
                text("EXCH_RATE_TYPE_ID"),
            ),
            minimum=2,
        ),
        derive=balanced_journal,
    ),
]
