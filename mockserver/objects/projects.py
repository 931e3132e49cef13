"""Projects, their tasks, and timesheets (Time & Expenses)."""

from __future__ import annotations

from mockserver.objects.fields import PROJECTS, TIME, boolean, date, decimal, define, enum, integer, status, text
from mockserver.objects.model import LineItems, Relation

OBJECTS = [
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
]
