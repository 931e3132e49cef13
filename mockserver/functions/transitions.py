"""A function that moves one record from some states to another (approve, decline, hold, resume): the rule
as data, and the one way it is applied. The modules that declare the functions hold their tables."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.gateway import errors
from mockserver.objects import ObjectDef
from mockserver.objects.store import Record
from mockserver.tenancy.locations import check_can_modify


@dataclass(frozen=True)
class Transition:
    """What `function` does to a record of one object."""

    key: str  # the element naming the record (RECORDNO, DOCID)
    by_id: bool  # the key is the object's ID field, not its RECORDNO
    state: str  # the field that holds the state
    allowed: tuple[str, ...]  # the states the function may start from
    becomes: str  # the state it leaves
    partial: str | None = None  # the state it leaves when it names only some of the record's lines


def refuse(verb: str, obj: ObjectDef, problem: str, correction: str = "") -> errors.IntacctError:
    return errors.refused(verb, obj.label, problem, correction)


def object_element(call: Call) -> etree._Element:
    """The one object element the function names (<TIMESHEET>, <CONTRACTDETAIL>); the schema allows one."""
    return next(node for node in call.body if isinstance(node.tag, str))


def rule_for(call: Call, rules: dict[str, dict[str, Transition]]) -> tuple[etree._Element, ObjectDef, Transition]:
    """The object element the call names, its object and the rule of this function for it; an object the
    table has no rule for is not emulated (XL03000009 naming it)."""
    node = object_element(call)
    tag = str(node.tag)
    if tag not in rules:
        raise errors.legacy_not_emulated(call.function.name, f"the {tag} object")
    return node, call.object(tag), rules[tag][call.function.name]


def find(call: Call, verb: str, obj: ObjectDef, rule: Transition, node: etree._Element) -> Record:
    key = (node.findtext(rule.key) or "").strip()
    if not key:
        raise errors.required_field_missing(verb, obj.label, rule.key)
    record = call.backend.find(obj, key, by_id=rule.by_id)
    if record is None:
        raise refuse(verb, obj, f"Cannot find {obj.label.lower()} with {rule.key} '{key}' to {verb}.")
    check_can_modify(call.backend.locationid, record.entity, obj.label)
    return record


def apply(call: Call, verb: str, obj: ObjectDef, rule: Transition, record: Record, state: str) -> str:
    """Check the record may move, move it to `state` (saved with its stamps and audit row), answer its key."""
    current = record.values.get(rule.state)
    if current not in rule.allowed:
        key = record.values.get(obj.id_field) if rule.by_id else record.recordno
        allowed = " or ".join(rule.allowed)
        raise refuse(verb, obj, f"{obj.label} {key} is {current}: only {allowed} can be {past(verb)}.")
    record.values[rule.state] = state
    call.backend.save(obj, record, verb)
    row = answers.record_key(call, obj, record)
    return answers.data(call, [row], listtype="objects", count=1)


def past(verb: str) -> str:
    return {"approve": "approved", "decline": "declined", "hold": "put on hold", "resume": "resumed"}.get(verb, verb)
