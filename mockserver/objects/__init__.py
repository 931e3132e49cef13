"""The object catalogue: every object the mock stores, defined once (see model.py for the format).

Field names, types and modules follow Intacct's objects as the public SDKs and captures show them;
the catalogue keeps the fields integrations use, not every field Intacct has.
"""

from __future__ import annotations

from mockserver.objects.model import DATATYPES, Field, LineItems, ObjectDef, Relation

__all__ = ["CATALOGUE", "DATATYPES", "Field", "LineItems", "ObjectDef", "Relation", "lookup_object"]

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
    ) + mailaddress(f"{group}.")


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


def document(name: str, label: str, module: str, party: str, party_object: str, number_label: str) -> ObjectDef:
    """A bill or an invoice: dated, due, with lines whose amounts make its totals."""
    return define(
        name,
        label,
        module,
        "RECORDNO",
        "RECORDID",
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
            enum(
                "STATE",
                ("Draft", "Submitted", "Approved", "Posted", "Partially Paid", "Paid", "Reversed"),
                default="Posted",
            ),
            text("CURRENCY", default="USD"),
            decimal("TOTALENTERED", readonly=True),
            decimal("TOTALPAID", readonly=True, default="0"),
            decimal("TOTALDUE", readonly=True),
        ],
        lines=document_lines(f"{name}ITEMS", f"{name}ITEM"),
        relations=(Relation(party_object, party_object, party),),
    )


def adjustment(name: str, label: str, module: str, party: str, party_object: str, number_label: str) -> ObjectDef:
    return define(
        name,
        label,
        module,
        "RECORDNO",
        "RECORDID",
        [
            text("RECORDID", maxlength=45, label="Adjustment number"),
            text(party, required=True, references=party_object),
            date("WHENCREATED", required=True, label="Date"),
            date("WHENPOSTED"),
            text("DOCNUMBER", maxlength=45, label=number_label),
            text("DESCRIPTION", maxlength=1000),
            enum("STATE", ("Draft", "Posted", "Partially Paid", "Paid", "Reversed"), default="Posted"),
            text("CURRENCY", default="USD"),
            decimal("TOTALENTERED", readonly=True),
            decimal("TOTALPAID", readonly=True, default="0"),
            decimal("TOTALDUE", readonly=True),
        ],
        lines=document_lines(f"{name}ITEMS", f"{name}ITEM"),
        relations=(Relation(party_object, party_object, party),),
    )


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
    define(
        "CONTACT",
        "Contact",
        COMPANY,
        "CONTACTNAME",
        "PRINTAS",
        [
            text("CONTACTNAME", required=True, maxlength=200),
            text("PRINTAS", required=True, maxlength=200),
            text("COMPANYNAME", maxlength=100),
            text("PREFIX", maxlength=15),
            text("FIRSTNAME", maxlength=40),
            text("LASTNAME", maxlength=40),
            text("INITIAL", maxlength=1),
            text("PHONE1", maxlength=30),
            text("PHONE2", maxlength=30),
            text("CELLPHONE", maxlength=30),
            text("EMAIL1", maxlength=200),
            text("EMAIL2", maxlength=200),
            text("URL1", maxlength=200),
            boolean("TAXABLE", default="true"),
            *mailaddress(""),
            status(),
        ],
    ),
    define(
        "LOCATION",
        "Location",
        COMPANY,
        "LOCATIONID",
        "NAME",
        [
            text("LOCATIONID", required=True, maxlength=20),
            text("NAME", required=True, maxlength=40),
            text("PARENTID", references="LOCATION"),
            text("SUPERVISORID", references="EMPLOYEE"),
            date("STARTDATE"),
            date("ENDDATE"),
            text("CURRENCY", maxlength=3),
            status(),
        ],
        relations=(Relation("PARENT", "LOCATION", "PARENTID"),),
    ),
    define(
        "DEPARTMENT",
        "Department",
        COMPANY,
        "DEPARTMENTID",
        "TITLE",
        [
            text("DEPARTMENTID", required=True, maxlength=20),
            text("TITLE", required=True, maxlength=40),
            text("PARENTID", references="DEPARTMENT"),
            text("SUPERVISORID", references="EMPLOYEE"),
            status(),
        ],
        relations=(Relation("PARENT", "DEPARTMENT", "PARENTID"),),
    ),
    define(
        "CLASS",
        "Class",
        COMPANY,
        "CLASSID",
        "NAME",
        [
            text("CLASSID", required=True, maxlength=20),
            text("NAME", required=True, maxlength=40),
            text("DESCRIPTION", maxlength=200),
            text("PARENTID", references="CLASS"),
            status(),
        ],
    ),
    define(
        "EMPLOYEE",
        "Employee",
        COMPANY,
        "EMPLOYEEID",
        "PERSONALINFO.CONTACTNAME",
        [
            text("EMPLOYEEID", required=True, maxlength=20),
            text("PERSONALINFO.CONTACTNAME", required=True, references="CONTACT", label="Contact name"),
            text("TITLE", maxlength=80),
            text("LOCATIONID", references="LOCATION"),
            text("DEPARTMENTID", references="DEPARTMENT"),
            text("SUPERVISORID", references="EMPLOYEE"),
            date("STARTDATE"),
            date("ENDDATE"),
            text("EMPLOYEETYPE", maxlength=40),
            status(),
        ],
        relations=(
            Relation("CONTACT", "CONTACT", "PERSONALINFO.CONTACTNAME"),
            Relation("DEPARTMENT", "DEPARTMENT", "DEPARTMENTID"),
            Relation("LOCATION", "LOCATION", "LOCATIONID"),
        ),
    ),
    define(
        "PROJECT",
        "Project",
        PROJECTS,
        "PROJECTID",
        "NAME",
        [
            text("PROJECTID", required=True, maxlength=20),
            text("NAME", required=True, maxlength=200),
            enum(
                "PROJECTCATEGORY",
                ("Contract", "Capitalized", "Internal Billable", "Internal Non-billable"),
                required=True,
            ),
            text("PROJECTTYPE", maxlength=40),
            text("PROJECTSTATUS", maxlength=40),
            text("CUSTOMERID", references="CUSTOMER"),
            text("MANAGERID", references="EMPLOYEE"),
            text("LOCATIONID", references="LOCATION"),
            text("DEPARTMENTID", references="DEPARTMENT"),
            date("BEGINDATE"),
            date("ENDDATE"),
            decimal("BUDGETAMOUNT"),
            text("DESCRIPTION", maxlength=1000),
            status(),
        ],
        relations=(Relation("CUSTOMER", "CUSTOMER", "CUSTOMERID"), Relation("MANAGER", "EMPLOYEE", "MANAGERID")),
    ),
    define(
        "TASK",
        "Task",
        PROJECTS,
        "TASKID",
        "NAME",
        [
            text("TASKID", required=True, maxlength=20),
            text("NAME", required=True, maxlength=200),
            text("PROJECTID", required=True, references="PROJECT"),
            date("PBEGINDATE"),
            date("PENDDATE"),
            decimal("BUDGETQTY"),
            text("DESCRIPTION", maxlength=1000),
            enum(
                "TASKSTATUS", ("Not Started", "Planned", "In Progress", "Completed", "On Hold"), default="Not Started"
            ),
            boolean("BILLABLE", default="false"),
        ],
        relations=(Relation("PROJECT", "PROJECT", "PROJECTID"),),
    ),
    define(
        "TIMESHEET",
        "Timesheet",
        TIME,
        "RECORDNO",
        None,
        [
            text("EMPLOYEEID", required=True, references="EMPLOYEE"),
            date("BEGINDATE", required=True),
            date("ENDDATE"),
            text("DESCRIPTION", maxlength=1000),
            enum("STATE", ("Draft", "Submitted", "Partially Approved", "Approved", "Declined"), default="Draft"),
        ],
        lines=LineItems(
            "TIMESHEETENTRIES",
            "TIMESHEETENTRY",
            (
                date("ENTRYDATE", required=True),
                decimal("QTY", required=True),
                text("DESCRIPTION"),
                text("PROJECTID", references="PROJECT"),
                integer("TASKKEY"),
                text("CUSTOMERID", references="CUSTOMER"),
                text("TIMETYPE"),
                boolean("BILLABLE"),
            ),
            minimum=1,
        ),
        relations=(Relation("EMPLOYEE", "EMPLOYEE", "EMPLOYEEID"),),
    ),
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
    define(
        "USERINFO",
        "User",
        COMPANY,
        "LOGINID",
        "DESCRIPTION",
        [
            text("LOGINID", required=True, maxlength=40),
            text("DESCRIPTION", maxlength=200),
            enum(
                "USERTYPE",
                (
                    "business user",
                    "employee user",
                    "view only user",
                    "project manager user",
                    "payment approver",
                    "platform user",
                    "CRM user",
                    "warehouse user",
                ),
                default="business user",
            ),
            enum("ADMIN", ("Off", "Limited", "Full"), default="Off"),
            enum("STATE", ("active", "inactive", "locked out"), default="active", label="User status"),
            text("CONTACTINFO.FIRSTNAME"),
            text("CONTACTINFO.LASTNAME"),
            text("CONTACTINFO.EMAIL1"),
            boolean("LOGINDISABLED", default="false"),
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
    ),
    document("APBILL", "AP Bill", AP, "VENDORID", "VENDOR", "Bill number"),
    document("ARINVOICE", "AR Invoice", AR, "CUSTOMERID", "CUSTOMER", "Invoice number"),
    adjustment("APADJUSTMENT", "AP Adjustment", AP, "VENDORID", "VENDOR", "Bill number"),
    adjustment("ARADJUSTMENT", "AR Adjustment", AR, "CUSTOMERID", "CUSTOMER", "Invoice number"),
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
    ),
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
    define(
        "SUPDOC",
        "Attachment",
        COMPANY,
        "SUPDOCID",
        "SUPDOCNAME",
        [
            text("SUPDOCID", required=True, maxlength=20),
            text("SUPDOCNAME", maxlength=100),
            text("FOLDER", maxlength=100),
            text("DESCRIPTION", maxlength=1000),
        ],
        lines=LineItems(
            "ATTACHMENTS",
            "ATTACHMENT",
            (
                text("ATTACHMENTNAME", required=True),
                text("ATTACHMENTTYPE", required=True),
                text("ATTACHMENTDATA", required=True),
            ),
            minimum=0,
        ),
    ),
]

CATALOGUE: dict[str, ObjectDef] = {obj.name: obj for obj in OBJECTS}


def lookup_object(name: str) -> ObjectDef | None:
    """Object names are case-insensitive in <object> (readByQuery sends them either way)."""
    return CATALOGUE.get(name.strip().upper())
