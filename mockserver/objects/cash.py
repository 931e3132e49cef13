"""Cash Management: bank transaction feeds."""

from __future__ import annotations

from mockserver.objects.fields import CM, date, decimal, define, enum, text
from mockserver.objects.model import LineItems

OBJECTS = [
    define(
        "BANKACCTTXNFEED",
        "Bank Transaction Feed",
        CM,
        "RECORDNO",
        None,
        [
            text("FINANCIALACCOUNT", required=True, maxlength=40),
            date("FEEDDATE", required=True),
            enum("FEEDTYPE", ("onl", "xml"), default="xml"),
            text("FILENAME", maxlength=200),
            enum("STATE", ("queued", "inprogress", "completed", "failed"), default="completed"),
        ],
        lines=LineItems(
            "BANKACCTTXNRECORDS",
            "BANKACCTTXNRECORD",
            (
                date("POSTINGDATE", required=True),
                text("TRANSACTIONID"),
                text("DOCTYPE"),
                text("DOCNO"),
                text("DESCRIPTION"),
                decimal("AMOUNT", required=True),
                text("CURRENCY"),
            ),
            minimum=1,
        ),
    ),
]
