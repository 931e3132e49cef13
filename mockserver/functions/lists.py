"""readByQuery and readMore: filtered lists of records, paged through resultId cursors.

readByQuery answers with lowercase elements (<data listtype="vendor"><vendor>...), as every
capture of the real gateway shows. With returnFormat json or csv the page is written as that text
inside <data> instead of elements (GUESS: no capture shows the wire form), and readMore continues
in the format the cursor was opened with.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from mockserver.functions import answers
from mockserver.functions.arguments import page_size, return_format, select_fields
from mockserver.functions.call import Call
from mockserver.functions.docparid import of_definition
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.gateway.record_xml import RecordRenderer
from mockserver.objects import Field, ObjectDef
from mockserver.objects.conditions import compile_condition, parse_query_string
from mockserver.objects.cursors import Cursor
from mockserver.objects.store import Record
from mockserver.objects.values import to_display
from mockserver.tenancy.locations import visible_entities

READ_BY_QUERY_PAGE = (1, 1000, 100)  # minimum, maximum, default


def as_csv(header: list[str], rows: list[list[str]]) -> str:
    # "\n" line ends, not RFC 4180's "\r\n": the text travels inside XML, whose parsers turn a raw
    # "\r\n" into "\n" anyway.
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(header)
    writer.writerows(rows)
    return out.getvalue()


def values_dict(fields: list[Field], values: dict[str, Any], tz: str) -> dict:
    """Display values keyed like the XML elements: dotted names become nested objects."""
    out: dict = {}
    for field in fields:
        *groups, leaf = field.path
        node = out
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = to_display(field, values.get(field.name), tz)
    return out


def record_dict(obj: ObjectDef, record: Record, fields: list[Field], with_lines: bool, tz: str) -> dict:
    """A record as a JSON object shaped like its XML (GUESS: lines as {container: {element: [...]}})."""
    out = values_dict(fields, record.values, tz)
    if with_lines and obj.lines:
        spec = obj.lines
        out[spec.container] = {spec.element: [values_dict(list(spec.fields), line, tz) for line in record.lines]}
    return out


def page_data(
    call: Call, obj: ObjectDef, page: list[tuple[int, int]], fields: list[Field], with_lines: bool, fmt: str, **attrs
) -> str:
    """<data> with the rows of one page (RECORDNO, version pairs) in the cursor's format.
    XML rows already rendered at this version are reused without reading the record again."""
    store, company, tz = call.state.store, call.companyid, call.timezone
    if fmt == "xml":
        render = RecordRenderer(
            call.state.rendered, company, obj, fields, with_lines, tz, obj.lowercase, answers.rows(call)
        )
        rows = render.cached_page(page)
        missing = [n for (n, _), xml in zip(page, rows, strict=True) if xml is None]
        if missing:  # records deleted since the page was listed are left out
            written = {r.recordno: render(r) for r in store.get_many(company, obj, missing)}
            rows = [written.get(n) if xml is None else xml for (n, _), xml in zip(page, rows, strict=True)]
        return answers.data(call, [xml for xml in rows if xml is not None], **attrs)
    records = store.get_many(company, obj, [n for n, _ in page])
    if fmt == "json":
        return answers.data_text(
            call, json.dumps([record_dict(obj, r, fields, with_lines, tz) for r in records]), **attrs
        )
    # csv: flat dotted columns; lines have no place in a table (GUESS: left out)
    table = [[to_display(f, r.values.get(f.name), tz) for f in fields] for r in records]
    return answers.data_text(call, as_csv([f.name for f in fields], table), **attrs)


def owner(call: Call) -> tuple[str, str, str]:
    principal = call.principal
    return (principal.company.companyid, principal.user.userid, principal.locationid)


def next_page(call: Call, cursor: Cursor) -> str:
    """The cursor's next page as <data>; an exhausted cursor is closed."""
    obj = cursor.obj
    window = "RECORDNO > ? AND RECORDNO <= ?" + (f" AND ({cursor.where})" if cursor.where else "")
    # One record more than the page tells whether another page follows.
    page = call.state.store.versions(
        call.companyid,
        obj,
        window,
        [cursor.after, cursor.ceiling, *cursor.params],
        entities=cursor.entities,
        limit=cursor.pagesize + 1,
    )
    more = len(page) > cursor.pagesize
    page = page[: cursor.pagesize]
    if page:
        cursor.after = page[-1][0]
    cursor.delivered += len(page)
    # Records deleted since the query ran make the count an estimate until the last page says 0.
    remaining = max(1, cursor.totalcount - cursor.delivered) if more else 0
    result_id = cursor.result_id if remaining else ""
    answer = page_data(
        call,
        obj,
        page,
        cursor.fields,
        cursor.with_lines,
        cursor.extra.get("returnformat", "xml"),
        listtype=obj.lowercase,
        count=len(page),
        totalcount=cursor.totalcount,
        numremaining=remaining,
        resultId=result_id,
    )
    if not remaining:
        call.state.cursors.close(cursor)
    return answer


@gateway_function("readByQuery", permission="list")
def read_by_query(call: Call) -> str:
    obj = call.object(not_found=errors.query_object_not_found)
    fields, with_lines = select_fields(obj, call.text("fields", "*"))
    pagesize = page_size(call, READ_BY_QUERY_PAGE)
    fmt = return_format(call, "returnFormat")
    where, params = compile_condition(obj, parse_query_string(obj, call.text("query")))
    where, params = of_definition(obj, call.text("docparid"), where, params)
    entities = visible_entities(call.principal.locationid)
    store = call.state.store
    ceiling = store.highest_recordno(call.companyid, obj)
    totalcount = store.count(call.companyid, obj, where, params, entities=entities)
    cursor = Cursor(
        "",
        owner(call),
        obj,
        where,
        params,
        entities,
        ceiling,
        fields,
        with_lines,
        pagesize,
        totalcount,
        extra={"returnformat": fmt},
    )
    return next_page(call, call.state.cursors.open(cursor))


@gateway_function("readMore", permission="list")
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
