"""update_revrecschedule: a revenue recognition schedule's memo and its entries' posting date, account,
amount, percent and description change. The schedule and its entries are objects the generic functions
only read (REVRECSCHEDULE, REVRECSCHEDULEENTRY); this function is their one way in.

GUESS (docs/decisions.md): an entry is named by its recordno and must be one of the schedule's
(REVRECSCHEDULEKEY) and not posted yet; an entry without recordno (adding one) is not emulated; the
memo is the schedule's CHANGEMEMO, cumpercent the entry's PERCENTRECOGNIZED.
"""

from __future__ import annotations

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, legacy_date
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.backend import Backend, coerce
from mockserver.objects.store import Record

# a revrecentry element -> the entry's field
ENTRY_FIELDS = {"accountno": "ACCOUNTNO", "trx_amount": "TRX_AMOUNT", "cumpercent": "PERCENTRECOGNIZED",
                "description": "DESCRIPTION"}  # fmt: skip
ACTION = "update"


def refuse(obj: ObjectDef, problem: str, correction: str = "") -> errors.IntacctError:
    # GUESS wording, in the style of the catalogue's other BL01001973 refusals.
    return errors.details(("BL01001973", "", problem, correction), errors.could_not(ACTION, obj.label))


def entry_changes(backend: Backend, entry_def: ObjectDef, node: etree._Element) -> dict[str, object]:
    """The entry's new values, as the store keeps them; an account must be a GL account."""
    texts = {field: (node.findtext(element) or "").strip() for element, field in ENTRY_FIELDS.items()}
    texts = {field: text for field, text in texts.items() if text}
    posting = legacy_date(node.find("postingdate"))
    if posting:
        texts["POSTINGDATE"] = posting
    account = texts.get("ACCOUNTNO")
    if account and backend.find(CATALOGUE["GLACCOUNT"], account, by_id=True) is None:
        raise errors.missing_reference(ACTION, entry_def.label, "ACCOUNTNO", CATALOGUE["GLACCOUNT"].label, account)
    return {name: coerce(entry_def.by_name[name], text, ACTION, entry_def.label) for name, text in texts.items()}


def schedule_entry(backend: Backend, entry_def: ObjectDef, schedule: Record, node: etree._Element) -> Record:
    key = (node.findtext("recordno") or "").strip()
    if not key:
        raise errors.legacy_not_emulated("update_revrecschedule", "a revrecentry without recordno (a new entry)")
    entry = backend.find(entry_def, key, by_id=False)
    if entry is None or entry.values.get("REVRECSCHEDULEKEY") != schedule.recordno:
        raise refuse(entry_def, f"Schedule {schedule.recordno} has no entry {key}.", "Name one of its entries.")
    if str(entry.values.get("POSTED") or "").lower() == "true":
        raise refuse(entry_def, f"Entry {key} is posted and cannot be changed.")
    return entry


@gateway_function("update_revrecschedule", permission="edit")
def update_revrecschedule(call: Call) -> str:
    schedule_def = catalogue_object(call, "REVRECSCHEDULE")
    entry_def = CATALOGUE["REVRECSCHEDULEENTRY"]
    recordno = (call.body.findtext("recordno") or "").strip()
    if not recordno:
        raise errors.required_field_missing(ACTION, schedule_def.label, "recordno")
    schedule = call.backend.find(schedule_def, recordno, by_id=False)
    if schedule is None:
        raise errors.update_missing(schedule_def.name, "RECORDNO", recordno)
    changed = []
    for node in call.body.findall("revrecentries/revrecentry"):  # the schema requires one; all checked first
        entry = schedule_entry(call.backend, entry_def, schedule, node)
        changed.append((entry, entry_changes(call.backend, entry_def, node)))
    memo = (call.body.findtext("memo") or "").strip()
    with call.state.store.atomic():
        if memo:
            schedule.values["CHANGEMEMO"] = memo
        call.backend.save(schedule_def, schedule, "update_revrecschedule")
        for entry, values in changed:
            entry.values.update(values)
            call.backend.save(entry_def, entry, "update_revrecschedule")
    return answers.key(call, schedule.recordno)
