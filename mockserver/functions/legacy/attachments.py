"""create_supdoc and update_supdoc: attachments (SUPDOC) with their files as lines."""

from __future__ import annotations

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, given
from mockserver.functions.registry import gateway_function
from mockserver.objects import ObjectDef
from mockserver.objects.backend import Backend, LineChanges


def attachment_lines(body: etree._Element) -> list[dict[str, str]]:
    return [
        given(
            {
                "ATTACHMENTNAME": a.findtext("attachmentname"),
                "ATTACHMENTTYPE": a.findtext("attachmenttype"),
                "ATTACHMENTDATA": a.findtext("attachmentdata"),
            }
        )
        for attachments in body.iterfind("attachments")
        for a in attachments.iterfind("attachment")
    ]


def supdoc_values(call: Call, supdocid: str) -> dict[str, str]:
    return given(
        {
            "SUPDOCID": supdocid,
            "SUPDOCNAME": call.text("supdocname"),
            "FOLDER": call.text("supdocfoldername"),
            "DESCRIPTION": call.text("supdocdescription"),
        }
    )


def next_supdoc_id(backend: Backend, obj: ObjectDef) -> str:
    """Attachment auto-numbering: the next free number (GUESS: plain digits, as captures show "35")."""
    number = backend.store.next_recordno(backend.companyid, obj)
    while backend.store.get_by_id(backend.companyid, obj, str(number)) is not None:  # any entity's
        number += 1
    return str(number)


@gateway_function("create_supdoc", permission="add")
def create_supdoc(call: Call) -> str:
    obj = catalogue_object(call, "SUPDOC")
    backend = call.backend
    with call.state.store.atomic():
        texts = supdoc_values(call, call.text("supdocid") or next_supdoc_id(backend, obj))
        record = backend.create(obj, texts, attachment_lines(call.body))
    return answers.key(call, record.values["SUPDOCID"])


@gateway_function("update_supdoc", permission="edit")
def update_supdoc(call: Call) -> str:
    obj = catalogue_object(call, "SUPDOC")
    added = attachment_lines(call.body)
    # Attachments are added, never replaced (Intacct docs).
    changes = LineChanges([(None, line) for line in added]) if added else None
    with call.state.store.atomic():
        record = call.backend.update(obj, supdoc_values(call, call.text("supdocid")), changes)
    return answers.key(call, record.values["SUPDOCID"])
