"""create, update, delete, read and readByName: the generic (3.0) record functions."""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.answers import Answer
from mockserver.functions.arguments import keys as key_list
from mockserver.functions.arguments import select_fields
from mockserver.functions.call import Call
from mockserver.functions.payload import read_payload
from mockserver.functions.registry import gateway_function
from mockserver.gateway.errors import IntacctError
from mockserver.gateway.record_xml import RecordRenderer
from mockserver.objects import ObjectDef
from mockserver.objects.backend import Backend
from mockserver.objects.store import Record
from mockserver.tenancy.locations import by_key_entities

# Conflicts with what is stored, found when an object is saved: the gateway keeps the objects saved
# before it (the genuine capture lists them with their RECORDNO) and answers failure. Any other
# error (an unknown object or field, a bad format, a missing required field) fails the whole function.
SAVE_CONFLICTS = ("BL34000061", "Cannot update non-existing")


def is_save_conflict(failure: IntacctError) -> bool:
    return any(
        e.errorno == SAVE_CONFLICTS[0] or (e.description2 or "").startswith(SAVE_CONFLICTS[1]) for e in failure.errors
    )


def written_objects(call: Call, action) -> str | Answer:
    """Each object element of a create/update payload, in order. A save conflict stops the function at
    that object: the ones before it stay written and are listed beside the errors; the rest are not tried."""
    keys: list[str] = []
    with call.state.store.atomic():
        for node in call.body:
            if not isinstance(node.tag, str):
                continue
            obj = call.object(node.tag)
            try:
                with call.state.store.atomic():
                    record = action(call.backend, obj, node)
            except IntacctError as failure:
                if not is_save_conflict(failure):
                    raise
                listing = answers.data(call, keys, listtype="objects", count=len(keys))
                return Answer(listing, failure=failure)
            keys.append(answers.record_key(call, obj, record))
    return answers.data(call, keys, listtype="objects", count=len(keys))


def create_from(backend: Backend, obj: ObjectDef, node) -> Record:
    return backend.create(obj, *read_payload(obj, node, "create"))


def update_from(backend: Backend, obj: ObjectDef, node) -> Record:
    return backend.update(obj, *read_payload(obj, node, "update"))


@gateway_function("create", permission="add")
def create(call: Call) -> str | Answer:
    return written_objects(call, create_from)


@gateway_function("update", permission="edit")
def update(call: Call) -> str | Answer:
    return written_objects(call, update_from)


@gateway_function("delete", permission="delete")
def delete(call: Call) -> str:
    obj = call.object()
    with call.state.store.atomic():
        for key in key_list(call):
            call.backend.delete(obj, key)
    return ""


def read_by_keys(call: Call, *, by_id: bool) -> str:
    """read (RECORDNO keys) and readByName (ID field values): uppercase elements, in key order."""
    obj = call.object()
    fields, with_lines = select_fields(obj, call.text("fields", "*"))
    keys = key_list(call)
    company, store = call.companyid, call.state.store
    entities = by_key_entities(call.principal.locationid)
    render = RecordRenderer(
        call.state.rendered, company, obj, fields, with_lines, call.timezone, obj.name, answers.rows(call)
    )
    found = []
    if not keys:  # GUESS: an empty key list reads the first 100 records the session can see
        keys = [str(n) for n in store.recordnos(company, obj, entities=entities)[:100]]
        by_id = False
    backend = call.backend
    for key in keys:
        record = backend.find(obj, key, by_id=by_id)
        if record is not None:
            found.append(render(record))
    return answers.data(call, found, listtype=obj.name, count=len(found))


@gateway_function("read", permission="view")
def read(call: Call) -> str:
    return read_by_keys(call, by_id=False)


@gateway_function("readByName", permission="view")
def read_by_name(call: Call) -> str:
    return read_by_keys(call, by_id=True)
