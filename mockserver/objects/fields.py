"""Field factories and the fields every object shares (RECORDNO, audit stamps, owning entity).

Area modules build their objects from these, so one object reads as one list of fields.
"""

from __future__ import annotations

from mockserver.objects.model import Field, ObjectDef

# Modules, named as Intacct's subscription and permission screens name them.
GL = "General Ledger"
AP = "Accounts Payable"
AR = "Accounts Receivable"
CM = "Cash Management"
PROJECTS = "Projects"
TIME = "Time & Expenses"
INVENTORY = "Inventory Control"
CONTRACTS = "Contracts"
COMPANY = "Company"

STATUS = ("active", "inactive")


def text(name, **rules) -> Field:
    return Field(name, "text", **rules)


def enum(name, values, **rules) -> Field:
    return Field(name, "enum", valid_values=tuple(values), **rules)


def integer(name, **rules) -> Field:
    return Field(name, "integer", **rules)


def decimal(name, **rules) -> Field:
    return Field(name, "decimal", **rules)


def boolean(name, **rules) -> Field:
    return Field(name, "boolean", **rules)


def date(name, **rules) -> Field:
    return Field(name, "date", **rules)


def status() -> Field:
    return enum("STATUS", STATUS, default="active", label="Status")


def mailaddress(prefix: str) -> tuple[Field, ...]:
    return tuple(
        text(f"{prefix}MAILADDRESS.{part}", maxlength=80)
        for part in ("ADDRESS1", "ADDRESS2", "CITY", "STATE", "ZIP", "COUNTRY")
    )


def contact_group(group: str, name_from: str) -> tuple[Field, ...]:
    """DISPLAYCONTACT of vendors and customers: PRINTAS defaults to the record's name."""
    return (
        text(f"{group}.CONTACTNAME", maxlength=200, readonly=True),
        text(f"{group}.PRINTAS", maxlength=200, default_from=name_from),
        text(f"{group}.COMPANYNAME", maxlength=100),
        text(f"{group}.FIRSTNAME", maxlength=40),
        text(f"{group}.LASTNAME", maxlength=40),
        text(f"{group}.PHONE1", maxlength=30),
        text(f"{group}.EMAIL1", maxlength=200),
        text(f"{group}.EMAIL2", maxlength=200),
        *mailaddress(f"{group}."),
    )


def system_fields(obj_fields: tuple[Field, ...], entity_aware: bool) -> tuple[Field, ...]:
    """RECORDNO, audit stamps and owning entity. Documents whose WHENCREATED is their own date
    (bills, invoices) keep the creation stamp in AUDITWHENCREATED, as Intacct does."""
    own = {f.name for f in obj_fields}
    created = "AUDITWHENCREATED" if "WHENCREATED" in own else "WHENCREATED"
    stamps = (
        integer("RECORDNO", readonly=True, label="Record number"),
        Field(created, "timestamp", readonly=True, label="When created"),
        Field("WHENMODIFIED", "timestamp", readonly=True, label="When modified"),
        integer("CREATEDBY", readonly=True, label="Created by"),
        integer("MODIFIEDBY", readonly=True, label="Modified by"),
    )
    entity = (
        (
            integer("MEGAENTITYKEY", readonly=True, label="Created at - Entity key"),
            text("MEGAENTITYID", readonly=True, label="Created at - Entity ID"),
            text("MEGAENTITYNAME", readonly=True, label="Created at - Entity name"),
        )
        if entity_aware
        else ()
    )
    return stamps + obj_fields + entity


def define(name, label, module, id_field, name_field, fields, *, entity_aware=True, **rest) -> ObjectDef:
    return ObjectDef(
        name,
        label,
        module,
        id_field,
        name_field,
        system_fields(tuple(fields), entity_aware),
        entity_aware=entity_aware,
        **rest,
    )
