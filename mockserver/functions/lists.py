"""readByQuery and readMore: filtered lists of records, paged through resultId cursors.

readByQuery answers with lowercase elements (<data listtype="vendor"><vendor>...), as every
capture of the real gateway shows.
"""

from __future__ import annotations

from .. import errors
from ..conditions import compile_condition, parse_query_string
from ..cursors import Cursor
from ..locations import visible_entities
from ..records import record_xml, select_fields
from ..render import escape
from . import Call, gateway_function

READ_BY_QUERY_PAGE = (1, 1000, 100)  # minimum, maximum, default


def page_size(call: Call, limits: tuple[int, int, int]) -> int:
    low, high, default = limits
    text = call.text("pagesize")
    if not text:
        return default
    try:
        size = int(text)
    except ValueError:
        raise errors.bad_argument(call.function.name, f"pagesize '{text}' is not a number") from None
    if not low <= size <= high:
        raise errors.bad_argument(call.function.name, f"pagesize must be between {low} and {high}, not {size}")
    return size


def owner(call: Call) -> tuple[str, str, str]:
    principal = call.principal
    return (principal.company.companyid, principal.user.userid, principal.locationid)


def next_page(call: Call, cursor: Cursor) -> str:
    """The cursor's next page as <data>; an exhausted cursor is closed."""
    obj = cursor.obj
    batch = cursor.recordnos[cursor.position:cursor.position + cursor.pagesize]
    cursor.position += len(batch)
    records = call.state.store.get_many(call.companyid, obj, batch)
    remaining = len(cursor.recordnos) - cursor.position
    tag = obj.lowercase
    rows = "".join(record_xml(obj, r, cursor.fields, cursor.with_lines, call.timezone, tag) for r in records)
    result_id = cursor.result_id if remaining else ""
    if not remaining:
        call.state.cursors.close(cursor)
    return (f'<data listtype="{tag}" count="{len(records)}" totalcount="{cursor.totalcount}" '
            f'numremaining="{remaining}" resultId="{escape(result_id)}">{rows}</data>')


@gateway_function("readByQuery")
def read_by_query(call: Call) -> str:
    obj = call.object(not_found=errors.query_object_not_found)
    fields, with_lines = select_fields(obj, call.text("fields", "*"))
    pagesize = page_size(call, READ_BY_QUERY_PAGE)
    where, params = compile_condition(obj, parse_query_string(obj, call.text("query")))
    entities = visible_entities(call.principal.locationid)
    recordnos = call.state.store.recordnos(call.companyid, obj, where, params, entities=entities)
    cursor = Cursor("", owner(call), obj, recordnos, fields, with_lines, pagesize, len(recordnos))
    return next_page(call, call.state.cursors.open(cursor))


@gateway_function("readMore")
def read_more(call: Call) -> str:
    result_id = call.text("resultId")
    if result_id:
        cursor = call.state.cursors.find(result_id, owner(call))
    elif call.text("object"):
        cursor = call.state.cursors.find_latest(owner(call), call.object().name)
        result_id = call.text("object")
    else:  # view / reportId: readView and readReport are not emulated
        raise errors.unsupported_function("readMore of a view or report")
    if cursor is None:
        raise errors.read_more_failed(result_id)
    return next_page(call, cursor)
