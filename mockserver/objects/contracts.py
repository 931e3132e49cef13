"""Contracts and their lines."""

from __future__ import annotations

from mockserver.objects.fields import CONTRACTS, date, decimal, define, enum, integer, status, text
from mockserver.objects.model import Relation

OBJECTS = [
    define(
        "CONTRACT",
        "Contract",
        CONTRACTS,
        "CONTRACTID",
        "NAME",
        [
            text("CONTRACTID", required=True, maxlength=20),
            text("NAME", maxlength=200),
            text("CUSTOMERID", required=True, references="CUSTOMER"),
            date("BEGINDATE", required=True),
            date("ENDDATE", required=True),
            enum("STATE", ("Draft", "In progress", "Renewed", "Cancelled", "Notrenewed", "Closed"), default="Draft"),
            enum("BILLINGFREQUENCY", ("Monthly", "Quarterly", "Annually"), default="Monthly"),
            text("TERMNAME", maxlength=40),
            text("CURRENCY", maxlength=3),
            text("DESCRIPTION", maxlength=1000),
            status(),
        ],
        relations=(Relation("CUSTOMER", "CUSTOMER", "CUSTOMERID"),),
    ),
    define(
        "CONTRACTDETAIL",
        "Contract Line",
        CONTRACTS,
        "RECORDNO",
        None,
        [
            text("CONTRACTID", required=True, references="CONTRACT"),
            text("ITEMID", required=True, references="ITEM"),
            integer("LINENO"),
            date("BEGINDATE"),
            date("ENDDATE"),
            decimal("QUANTITY", default="1"),
            decimal("PRICE"),
            decimal("FLATAMOUNT"),
            enum(
                "BILLINGMETHOD", ("Fixed price", "Quantity based", "Project time", "Project T&M"), default="Fixed price"
            ),
            enum("STATE", ("Draft", "In progress", "Renewal only", "Cancelled", "Closed"), default="Draft"),
        ],
        relations=(Relation("CONTRACT", "CONTRACT", "CONTRACTID"), Relation("ITEM", "ITEM", "ITEMID")),
    ),
]
