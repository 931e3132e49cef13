"""approve/send/confirm/void/decline_appaymentrequest: an AP payment request (APPYMT) moves between the
states of its STATE field, one <appaymentkey> at a time, all or nothing.

GUESS (docs/decisions.md): the mock has no approval workflow (APPYMT ACTION is not kept), so a payment
is created Complete, which here stands for a request nobody has acted on yet besides Draft and Submitted.
Approve and decline act on those; send and confirm complete an approved (or untouched) request; void
cancels anything not voided already."""

from __future__ import annotations

from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.tenancy.locations import check_can_modify

OPEN = frozenset({"Draft", "Submitted", "Complete"})
# function -> (the states it accepts, the state it leaves, the verb of its errors)
TRANSITIONS = {
    "approve_appaymentrequest": (OPEN, "Approved", "approve"),
    "decline_appaymentrequest": (OPEN, "Draft", "decline"),
    "send_appaymentrequest": (frozenset({"Approved", "Complete"}), "Complete", "send"),
    "confirm_appaymentrequest": (frozenset({"Approved", "Complete"}), "Complete", "confirm"),
    "void_appaymentrequest": (frozenset({"Draft", "Submitted", "Approved", "Complete"}), "Voided", "void"),
}
DONE = {"approve": "approved", "decline": "declined", "send": "sent", "confirm": "confirmed", "void": "voided"}


@gateway_function(*TRANSITIONS, permission="edit")
def change_payment_request(call: Call) -> str:
    accepted, target, verb = TRANSITIONS[call.function.name]
    obj = catalogue_object(call, "APPYMT")
    backend = call.backend
    keys = [(k.text or "").strip() for k in call.body.iterfind("appaymentkeys/appaymentkey")]
    if not keys or not all(keys):
        raise errors.required_field_missing(verb, obj.label, "appaymentkey")
    with call.state.store.atomic():
        for key in keys:
            payment = backend.find(obj, key, by_id=False)
            if payment is None:
                raise errors.details(
                    ("BL01001973", "", f"Cannot find AP payment request with key '{key}'.", "Use a RECORDNO."),
                    errors.could_not(verb, obj.label),
                )
            check_can_modify(backend.locationid, payment.entity, obj.label)
            state = payment.values.get("STATE") or ""
            if state not in accepted:
                # GUESS wording, as the catalogue's other BL01001973 refusals.
                raise errors.details(
                    ("BL01001973", "", f"AP payment request {key} is {state.lower()} and cannot be {DONE[verb]}.", ""),
                    errors.could_not(verb, obj.label),
                )
            payment.values["STATE"] = target
            backend.save(obj, payment, verb)
    return ""
