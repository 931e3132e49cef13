"""Answers of gateway functions: <data ...> and <key> elements, written in the request's form.

Every builder writes at the payload's depth (the children of <result>), flat or indented as the
request's includewhitespace asks, with every attribute value escaped. Rows inside <data> are written
with `rows(call)`, one level deeper.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mockserver.gateway.errors import IntacctError
from mockserver.gateway.markup import Markup
from mockserver.gateway.render import payload_markup
from mockserver.objects import ObjectDef
from mockserver.objects.store import Record

if TYPE_CHECKING:
    from mockserver.functions.call import Call


@dataclass(frozen=True)
class Answer:
    """A payload with a bare form: what the HTTP answer is when the function is the request's only one
    and it is declared bare (query with returnformat json/csv: "CSV and JSON responses do not include
    any surrounding XML elements"). Handlers without a bare form return the payload text alone."""

    payload: str
    bare: tuple[bytes, str] | None = None  # (body, Content-Type)
    # A function that wrote part of its work and then failed (create/update stopped at a save
    # conflict): the writes before it are kept and the result is a failure carrying the payload.
    failure: IntacctError | None = None


def writer(call: Call) -> Markup:
    """The writer for the payload's own elements (<data>, <key>, get_list's <listtype>)."""
    return payload_markup(call.control.includewhitespace)


def rows(call: Call) -> Markup:
    """The writer for what goes inside <data>: one element per record or row."""
    return writer(call).inner


def data(call: Call, children: Iterable[str] | str = (), **attrs: object) -> str:
    """<data attr="..."> around rows written with `rows(call)`; no rows is <data ...></data>."""
    return writer(call).parent("data", children, attrs)


def data_text(call: Call, text: str, **attrs: object) -> str:
    """<data attr="...">text</data>: rows written as json or csv text."""
    return writer(call).leaf("data", text, attrs)


def key(call: Call, value: object) -> str:
    """<key>value</key>: what the legacy create/update functions answer."""
    return writer(call).leaf("key", value)


def record_key(call: Call, obj: ObjectDef, record: Record) -> str:
    """One row of a create/update answer: RECORDNO and the ID field, in the lowercase element."""
    row = rows(call)
    inner = [row.inner.leaf("RECORDNO", record.recordno)]
    if obj.id_field != "RECORDNO":
        inner.append(row.inner.leaf(obj.id_field, record.values.get(obj.id_field)))
    return row.parent(obj.lowercase, inner)
