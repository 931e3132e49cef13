"""consolidate (3.0, GlobalConsolidations/ConsolidationCreate) and create_consolidation (legacy): run a global
consolidation of a book (GCBOOK) for a reporting period, for the company's entities or some of them.

The mock checks what a run needs (the company subscribes to Global Consolidations, the book is one of its
consolidation books, the period one of its reporting periods, each entity one of its entities, rates are
numbers, the flags booleans) and answers an empty success. GUESS (docs/decisions.md): no consolidated
entries are produced, since the mock keeps no consolidation ledger; the gateway runs it offline anyway.
"""

from __future__ import annotations

from lxml import etree

from mockserver.functions.call import Call
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.backend import coerce
from mockserver.objects.model import Field
from mockserver.objects.values import quote

ACTION = "consolidate"
FLAGS = ("offline", "updatesucceedingperiods", "changesonly")


def named(call: Call, obj: ObjectDef, field: str, value: str) -> bool:
    return bool(call.state.store.select(call.companyid, obj, f"{quote(field)} = ?", [value], limit=1))


def check_entity(call: Call, book: ObjectDef, entity: etree._Element) -> None:
    entityid = (entity.findtext("entityid") or "").strip()
    if entityid not in call.principal.company.entities:
        raise errors.missing_reference(ACTION, book.label, "entityid", "Entity", entityid)
    for rate in ("bsrate", "warate"):
        coerce(Field(rate, "decimal"), entity.findtext(rate) or "", ACTION, book.label)


@gateway_function("consolidate", "create_consolidation", permission="add")
def consolidate(call: Call) -> str:
    book = call.object("GCBOOK")
    period = CATALOGUE["REPORTINGPERIOD"]  # read to check the name: the permission asked is the book's
    bookid, period_name = call.text("bookid"), call.text("reportingperiodname")
    if not bookid:
        raise errors.required_field_missing(ACTION, book.label, "bookid")
    if not named(call, book, "BOOKID", bookid):
        raise errors.missing_reference(ACTION, book.label, "bookid", book.label, bookid)
    if not period_name:
        raise errors.required_field_missing(ACTION, book.label, "reportingperiodname")
    if not named(call, period, "NAME", period_name):
        raise errors.missing_reference(ACTION, book.label, "reportingperiodname", period.label, period_name)
    for flag in FLAGS:  # the SDK writes offline as T/F, the other flags as true/false
        coerce(Field(flag, "boolean"), call.text(flag), ACTION, book.label)
    for entity in call.body.iterfind("entities/csnentity"):
        check_entity(call, book, entity)
    return ""
