"""approve and decline (3.0): an approver moves a submitted record on, or turns it down.

APPROVALS is data, one entry per object: the element naming the record, the field holding its state, the
states it may be approved or declined from and the state each leaves it in. An object without an entry
is refused (XL03000009 naming it). PODOCUMENT (the SDK's PurchasingTransactionApprove/Decline) is named
by its DOCID; GUESS (docs/decisions.md): an approved purchase goes from Submitted to Pending (ready to
convert), a declined one to Declined; COMMENT is accepted and not stored.
"""

from __future__ import annotations

from dataclasses import dataclass

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.tenancy.locations import check_can_modify


@dataclass(frozen=True)
class Approval:
    key: str  # the element naming the record (its ID field, or RECORDNO)
    state: str  # the field holding its state
    allowed: tuple[str, ...]  # the states approve and decline start from
    approve: str  # the state approve leaves
    decline: str  # the state decline leaves


APPROVALS: dict[str, Approval] = {
    "PODOCUMENT": Approval("DOCID", "STATE", ("Submitted",), approve="Pending", decline="Declined"),
}
DONE = {"approve": "approved", "decline": "declined"}


@gateway_function("approve", "decline", permission="edit")
def approve_or_decline(call: Call) -> str:
    verb = call.function.name
    node = next((child for child in call.body if isinstance(child.tag, str)), None)
    if node is None:
        raise errors.bad_argument(verb, "names no record (<PODOCUMENT><DOCID>...</DOCID></PODOCUMENT>)")
    tag = str(node.tag)
    rule = APPROVALS.get(tag)
    if rule is None:
        raise errors.legacy_not_emulated(verb, f"the {tag} object")
    obj = call.object(tag)
    key = (node.findtext(rule.key) or "").strip()
    if not key:
        raise errors.required_field_missing(verb, obj.label, rule.key)
    backend = call.backend
    with call.state.store.atomic():
        record = backend.find(obj, key, by_id=rule.key == obj.id_field)
        if record is None:
            raise errors.transaction_problem(verb, obj.label, f"Cannot find {obj.label.lower()} {key} to {verb}.")
        check_can_modify(backend.locationid, record.entity, obj.label)
        current = record.values.get(rule.state)
        if current not in rule.allowed:
            allowed = " or ".join(rule.allowed)
            problem = f"{obj.label} {key} is {current}: only {allowed} can be {DONE[verb]}."
            raise errors.transaction_problem(verb, obj.label, problem)
        record.values[rule.state] = getattr(rule, verb)
        backend.save(obj, record, verb)
    return answers.data(call, [answers.record_key(call, obj, record)], listtype="objects", count=1)
