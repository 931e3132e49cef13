"""approve and decline (3.0): an approver moves a submitted record to Approved or Declined.

Which objects, which state field, from which states and to which: APPROVALS, one entry per object (the
schema's choice: TIMESHEET and PODOCUMENT; APBILL is accepted by the schema and refused here until an
entry names it). A TIMESHEET's ENTRYKEYS (the SDK's lineRecordNo) may name some of its entries:
each must be one of its lines, and naming only some of them leaves it Partially Approved (GUESS,
docs/decisions.md: the mock keeps no state per entry). APPROVEDBY/DECLINEDBY, when given, must be an
employee (GUESS); they and COMMENT are not stored (the timesheet has no field for them).
"""

from __future__ import annotations

from mockserver.functions import transitions
from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.functions.transitions import Transition
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.lines import line_object
from mockserver.objects.store import Record
from mockserver.objects.values import quote

APPROVABLE = ("Submitted", "Partially Approved")

# object -> function -> rule. States: the object's STATE values (Projects/TimesheetApprove, api.xsd).
APPROVALS: dict[str, dict[str, Transition]] = {
    "TIMESHEET": {
        "approve": Transition("RECORDNO", False, "STATE", APPROVABLE, "Approved", partial="Partially Approved"),
        "decline": Transition("RECORDNO", False, "STATE", APPROVABLE, "Declined"),
    },
    # Purchasing/PurchasingTransactionApprove/Decline name the document by DOCID; a purchase
    # transaction awaits approval Submitted and, approved, is Pending: ready to convert (GUESS, decisions.md).
    "PODOCUMENT": {
        "approve": Transition("DOCID", True, "STATE", ("Submitted",), "Pending"),
        "decline": Transition("DOCID", True, "STATE", ("Submitted",), "Declined"),
    },
}

# The element naming who approved or declined, per function (api.xsd's TIMESHEET content).
APPROVER = {"approve": "APPROVEDBY", "decline": "DECLINEDBY"}


def names_some_entries(call: Call, obj: ObjectDef, record: Record, text: str, verb: str) -> bool:
    """Whether ENTRYKEYS names some of the record's lines but not all; a key that is not one of them is refused."""
    wanted = {k.strip() for k in text.split(",") if k.strip()}
    line = line_object(obj)
    if not wanted or line is None or obj.lines is None or obj.lines.key is None:
        return False
    rows = call.state.store.select(call.companyid, line, f"{quote(obj.lines.key)} = ?", [record.recordno])
    mine = {str(row.recordno) for row in rows}
    strangers = sorted(wanted - mine)
    if strangers:
        raise transitions.refuse(
            verb,
            obj,
            f"Entry {strangers[0]} is not an entry of {obj.label.lower()} {record.recordno}.",
            "Use ENTRYKEYS of the record's own entries.",
        )
    return wanted != mine


def check_approver(call: Call, obj: ObjectDef, element: str, value: str, verb: str) -> None:
    employee = CATALOGUE["EMPLOYEE"]
    if value and call.backend.find(employee, value, by_id=True) is None:
        raise errors.missing_reference(verb, obj.label, element, employee.label, value)


@gateway_function("approve", "decline", permission="edit")
def approve_or_decline(call: Call) -> str:
    verb = call.function.name
    node, obj, rule = transitions.rule_for(call, APPROVALS)
    with call.state.store.atomic():
        record = transitions.find(call, verb, obj, rule, node)
        approver = APPROVER[verb]
        check_approver(call, obj, approver, (node.findtext(approver) or "").strip(), verb)
        entries = node.findtext("ENTRYKEYS")
        some = entries is not None and names_some_entries(call, obj, record, entries, verb)
        state = rule.partial if some and rule.partial else rule.becomes
        return transitions.apply(call, verb, obj, rule, record, state)
