"""Inventory Control: items and warehouses."""

from __future__ import annotations

from mockserver.objects.fields import INVENTORY, decimal, define, enum, status, text

OBJECTS = [
    define(
        "ITEM",
        "Item",
        INVENTORY,
        "ITEMID",
        "NAME",
        [
            text("ITEMID", required=True, maxlength=30),
            text("NAME", required=True, maxlength=100),
            enum(
                "ITEMTYPE",
                (
                    "Inventory",
                    "Non-Inventory",
                    "Non-Inventory (Purchase only)",
                    "Non-Inventory (Sales only)",
                    "Kit",
                    "Stockable Kit",
                ),
                default="Inventory",
            ),
            text("PRODUCTLINEID", maxlength=40),
            decimal("BASEPRICE"),
            decimal("STANDARD_COST"),
            text("UOMGRP", maxlength=40),
            text("EXTENDED_DESCRIPTION", maxlength=4000),
            status(),
        ],
        entity_aware=False,
    ),
    define(
        "WAREHOUSE",
        "Warehouse",
        INVENTORY,
        "WAREHOUSEID",
        "NAME",
        [
            text("WAREHOUSEID", required=True, maxlength=20),
            text("NAME", required=True, maxlength=40),
            text("LOCATIONID", references="LOCATION"),
            text("MANAGERID", references="EMPLOYEE"),
            status(),
        ],
    ),
]
