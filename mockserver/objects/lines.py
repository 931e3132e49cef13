"""Line items stored once, as rows of their line object's own table (GLENTRY, APBILLITEM, ...).

A header's `Record.lines` is the in-memory view the backend, derive hooks and renderers use: a list of
dicts of the line's writable fields, in order. The store calls this module with every header write, so
the line rows always match their header: the line object's key field (RECORDKEY, BATCHNO) holds the
header's RECORDNO, LINE_NO numbers the lines 1..n, the fields the definition's `from_header` names are
copied from the header, and the lines are in the header's entity. A line at the same position keeps its
RECORDNO across header updates (GUESS, docs/decisions.md); added lines get new ones, removed ones go.
A page of headers gets its lines in one query.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.values import quote, to_display, to_storage

if TYPE_CHECKING:
    from mockserver.objects.store import Record, Store

CHUNK = 500  # header RECORDNOs per IN (...): well under SQLite's parameter limit


def line_object(obj: ObjectDef) -> ObjectDef | None:
    """The object a header's lines are rows of, if they are one (SUPDOC attachments are not)."""
    return CATALOGUE[obj.lines.object] if obj.lines is not None and obj.lines.object else None


def shown_from_header(line: ObjectDef, header: Record) -> dict[str, Any]:
    """The line's fields copied from its header, converted when the two fields' types differ."""
    header_def = CATALOGUE[line.line_of[0]] if line.line_of else None
    assert header_def is not None, f"{line.name} is not a line object"
    shown = {}
    for target, source in line.from_header.items():
        value = header.values.get(source)
        field, origin = line.by_name[target], header_def.by_name[source]
        if value is not None and field.type != origin.type:
            value = to_storage(field, to_display(origin, value))
        shown[target] = value
    return shown


def rows_of(line: ObjectDef, key: str, header: Record, recordnos: list[int]) -> list[Record]:
    shown = shown_from_header(line, header)
    numbered = "LINE_NO" in line.by_name
    defaults = {f.name: to_storage(f, f.default) for f in line.fields if f.default is not None}
    rows = []
    for position, (values, recordno) in enumerate(zip(header.lines, recordnos, strict=True), start=1):
        row = {**defaults, **values, **shown, "RECORDNO": recordno, key: header.recordno}
        if numbered:
            row["LINE_NO"] = position
        rows.append(type(header)(recordno, header.entity, row, version=header.version))
    return rows


def write(store: Store, company: str, obj: ObjectDef, headers: list[Record]) -> None:
    """The lines of newly inserted headers."""
    line = line_object(obj)
    if line is None or obj.lines is None or obj.lines.key is None:
        return
    number = store.next_recordno(company, line)
    rows = []
    for header in headers:
        rows += rows_of(line, obj.lines.key, header, list(range(number, number + len(header.lines))))
        number += len(header.lines)
    if rows:
        store.insert_many(company, line, rows)


def existing(store: Store, company: str, line: ObjectDef, key: str, header: int) -> list[int]:
    sql = f"SELECT RECORDNO FROM {quote(line.name)} WHERE _company = ? AND {quote(key)} = ? ORDER BY RECORDNO"
    return [row[0] for row in store.db.execute(sql, (company, header))]


def rewrite(store: Store, company: str, obj: ObjectDef, header: Record) -> None:
    """A replaced header's lines: same positions keep their RECORDNO, the rest are new or gone."""
    line = line_object(obj)
    if line is None or obj.lines is None or obj.lines.key is None:
        return
    key = obj.lines.key
    old = existing(store, company, line, key, header.recordno)
    number = store.next_recordno(company, line)
    kept = old[: len(header.lines)]
    recordnos = kept + list(range(number, number + len(header.lines) - len(kept)))
    removed = old[len(kept) :]
    _remove(store, company, line, key, header.recordno, removed)
    store.insert_many(company, line, rows_of(line, key, header, recordnos))
    for listener in store.listeners:
        for recordno in kept:
            listener.record_changed(company, line.name, recordno)


def remove(store: Store, company: str, obj: ObjectDef, header: int) -> None:
    """A deleted header's lines."""
    line = line_object(obj)
    if line is None or obj.lines is None or obj.lines.key is None:
        return
    _remove(store, company, line, obj.lines.key, header, existing(store, company, line, obj.lines.key, header))


def _remove(store: Store, company: str, line: ObjectDef, key: str, header: int, gone: list[int]) -> None:
    """Delete every line row of the header (kept ones are inserted again); `gone` are never numbered again."""
    store.db.execute(f"DELETE FROM {quote(line.name)} WHERE _company = ? AND {quote(key)} = ?", (company, header))
    store.counts.pop((company, line.name), None)
    if gone:
        store.note_deleted(company, line, max(gone))
    for listener in store.listeners:
        for recordno in gone:
            listener.record_deleted(company, line.name, recordno)


def attach(store: Store, company: str, obj: ObjectDef, headers: list[Record]) -> None:
    """Fill the headers' `lines` from the line table: one query per page (of up to CHUNK headers)."""
    line = line_object(obj)
    if line is None or obj.lines is None or obj.lines.key is None or not headers:
        return
    names = [f.name for f in obj.lines.fields]
    by_recordno = {}
    for header in headers:
        header.lines = []
        by_recordno[header.recordno] = header
    columns = ", ".join(map(quote, [obj.lines.key, *names]))
    numbers = list(by_recordno)
    for start in range(0, len(numbers), CHUNK):
        chunk = numbers[start : start + CHUNK]
        sql = (
            f"SELECT {columns} FROM {quote(line.name)} WHERE _company = ? AND {quote(obj.lines.key)} "
            f"IN ({', '.join('?' * len(chunk))}) ORDER BY {quote(obj.lines.key)}, RECORDNO"
        )
        for row in store.db.execute(sql, [company, *chunk]):
            by_recordno[row[0]].lines.append({n: v for n, v in zip(names, row[1:], strict=True) if v is not None})
