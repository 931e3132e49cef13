"""hold and resume (3.0) of a contract line (Contracts/ContractLineHold, ContractLineResume): an In progress
line goes On hold as of a date, and back. GUESS (docs/decisions.md): the line's STATE shows the hold
("On hold"); BILLING/REVENUE/EXPENSE (which schedules) and MEMO are accepted and not stored, since the
mock has no schedules. A whole contract's lines (CONTRACT/CONTRACTDETAILKEYS) and contract expenses are
not emulated."""

from __future__ import annotations

from dataclasses import replace

from mockserver.functions import transitions
from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.functions.transitions import Transition
from mockserver.gateway import errors
from mockserver.objects.backend import coerce

HOLDS: dict[str, dict[str, Transition]] = {
    "CONTRACTDETAIL": {
        "hold": Transition("RECORDNO", False, "STATE", ("In progress",), "On hold"),
        "resume": Transition("RECORDNO", False, "STATE", ("On hold",), "In progress"),
    },
}


@gateway_function("hold", "resume", permission="edit")
def hold_or_resume(call: Call) -> str:
    verb = call.function.name
    node, obj, rule = transitions.rule_for(call, HOLDS)
    as_of = (node.findtext("ASOFDATE") or "").strip()
    if not as_of:
        raise errors.required_field_missing(verb, obj.label, "ASOFDATE")
    coerce(replace(obj.by_name["BEGINDATE"], name="ASOFDATE"), as_of, verb, obj.label)  # a bad date, by name
    with call.state.store.atomic():
        record = transitions.find(call, verb, obj, rule, node)
        return transitions.apply(call, verb, obj, rule, record, rule.becomes)
