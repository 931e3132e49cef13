"""Records as XML elements, written flat or indented at their depth, and the cache of what was written.

A readByQuery page is mostly the same records answered again, so each record's markup is kept per way
it was written (fields, lines, time zone, element name, flat or indented at which depth) and per record
version. The store tells the cache (a listener) when a record changes or is deleted, when a company is
dropped (a reset company reuses RECORDNOs at version 1) and when a savepoint rolls back (a record can
be back at an older version number with different content): the cache forgets then.
"""

from __future__ import annotations

from typing import Any

from mockserver.gateway.markup import Markup, escape, markup
from mockserver.objects import Field, ObjectDef
from mockserver.objects.store import Record, Store
from mockserver.objects.values import to_display

Segments = tuple[tuple[tuple[str, str, Field], ...], str]


class RecordCache:
    """Rendered records by (company, object), then by how they were written, then by RECORDNO, with the
    version each was written at; bounded. A page finds its shelf (company, object, how written) once and
    then each record by its RECORDNO alone: the key of how a record is written holds every field name,
    too long to hash again for each record of a page."""

    LIMIT = 20_000  # markups kept (one per record and way it was written)

    def __init__(self, store: Store) -> None:
        self.kept: dict[tuple[str, str], dict[tuple, dict[int, tuple[int, str]]]] = {}
        self.size = 0
        store.listeners.append(self)

    def shelf(self, company: str, obj: str, way: tuple) -> dict[int, tuple[int, str]]:
        """RECORDNO -> (version, markup) of one object's records written one way."""
        return self.kept.setdefault((company, obj), {}).setdefault(way, {})

    def keep(self, company: str, obj: str, way: tuple, recordno: int, version: int, xml: str) -> None:
        if self.size >= self.LIMIT:
            self.forget(list(self.kept))  # crude but bounded; a hot page is rendered again at once
        shelf = self.shelf(company, obj, way)
        self.size += recordno not in shelf
        shelf[recordno] = (version, xml)

    # --- what the store tells -------------------------------------------------------------------

    def record_changed(self, company: str, obj: str, recordno: int) -> None:
        for shelf in self.kept.get((company, obj), {}).values():
            self.size -= shelf.pop(recordno, None) is not None

    record_deleted = record_changed

    def company_dropped(self, company: str) -> None:
        self.forget([key for key in self.kept if key[0] == company])

    def rolled_back(self) -> None:
        self.forget(list(self.kept))

    def forget(self, keys: list[tuple[str, str]]) -> None:
        """Drops these objects' shelves, emptied in place: a renderer made before holds its shelf (it lives
        for one call) and must find nothing there."""
        for key in keys:
            for shelf in self.kept.pop(key).values():
                self.size -= len(shelf)
                shelf.clear()


def fields_layout(fields: list[Field], writer: Markup) -> Segments:
    """Markup around each field's value, worked out once per field list and writer (the children's
    depth and form): group opens and closes for dotted names (DISPLAYCONTACT.EMAIL1 nests), the leaf
    tags, and what closes the last group."""
    # Keyed by the fields' identities: a Field is a frozen dataclass whose hash walks every attribute, and a
    # page's 45 of them cost more to hash than the layout saves. The layout holds the fields, so their ids
    # cannot be reused while it is kept.
    key = (tuple(map(id, fields)), writer.pretty, writer.depth)
    found = _LAYOUTS.get(key)
    if found is None:
        if len(_LAYOUTS) >= 512:
            _LAYOUTS.clear()
        found = _LAYOUTS[key] = _layout(tuple(fields), writer.pretty, writer.depth)
    return found


def grouped(fields: tuple[Field, ...]) -> list[Field]:
    """The fields with each dotted group gathered where its first field stands: Intacct's lookup order
    can interleave a group (CONTACT lists MAILADDRESS.ADDRESS1 apart from the rest of MAILADDRESS), and a
    read answer nests each group once."""
    tree: dict = {}  # group name or field -> subtree or Field, in first-seen order
    for field in fields:
        *groups, _ = field.path
        node = tree
        for group in groups:
            node = node.setdefault(("group", group), {})
        node[("field", field.name)] = field

    def flat(node: dict) -> list[Field]:
        found: list[Field] = []
        for (kind, _), child in node.items():
            found.extend(flat(child) if kind == "group" else [child])
        return found

    return flat(tree)


_LAYOUTS: dict[tuple, Segments] = {}


def _layout(fields: tuple[Field, ...], pretty: bool, depth: int) -> Segments:
    segments: list[tuple[str, str, Field]] = []
    open_groups: list[str] = []
    for field in grouped(fields):
        *groups, leaf = field.path
        before = ""
        while open_groups and open_groups != groups[: len(open_groups)]:
            group = open_groups.pop()
            before += markup(pretty, depth + len(open_groups)).closing(group)
        for group in groups[len(open_groups) :]:
            before += markup(pretty, depth + len(open_groups)).opening(group)
            open_groups.append(group)
        leaf = leaf.replace("#", "")  # the gateway drops it from tags: DEPT# -> <DEPT>
        segments.append((before + markup(pretty, depth + len(open_groups)).opening(leaf), f"</{leaf}>", field))
    closing = "".join(markup(pretty, depth + n).closing(group) for n, group in reversed(list(enumerate(open_groups))))
    return tuple(segments), closing


class RecordRenderer:
    """Renders records of one object with one field list, written by `writer` (the depth of the record
    elements, flat or indented), reusing each record's markup while its version is unchanged."""

    def __init__(
        self,
        cache: RecordCache,
        company: str,
        obj: ObjectDef,
        fields: list[Field],
        with_lines: bool,
        tz: str,
        tag: str,
        writer: Markup,
    ) -> None:
        self.cache, self.company, self.obj, self.tz, self.tag, self.writer = cache, company, obj, tz, tag, writer
        self.lines = obj.lines if with_lines else None
        self.segments, self.closing = fields_layout(fields, writer.inner)
        if self.lines is not None:
            # <container> is the record's child, each line its grandchild, the line's fields below that.
            self.line_segments, self.line_closing = fields_layout(list(self.lines.fields), writer.inner.inner.inner)
        self.way = (tuple(f.name for f in fields), self.lines is not None, tz, tag, writer.pretty, writer.depth)
        self.shelf = cache.shelf(company, obj.name, self.way)

    def values_xml(self, values: dict[str, Any], segments, closing) -> str:
        tz = self.tz
        return (
            "".join(before + escape(to_display(f, values.get(f.name), tz)) + after for before, after, f in segments)
            + closing
        )

    def cached_page(self, page: list[tuple[int, int]]) -> list[str | None]:
        """The kept markup of each (RECORDNO, version) of a page, in order; None where it must be written."""
        shelf = self.shelf
        return [found[1] if (found := shelf.get(n)) is not None and found[0] == v else None for n, v in page]

    def cached(self, recordno: int, version: int) -> str | None:
        found = self.shelf.get(recordno)
        return found[1] if found is not None and found[0] == version else None

    def __call__(self, record: Record) -> str:
        cached = self.cached(record.recordno, record.version)
        if cached is not None:
            return cached
        inner = self.values_xml(record.values, self.segments, self.closing)
        spec = self.lines
        if spec is not None:
            container, line = self.writer.inner, self.writer.inner.inner
            inner += container.parent(
                spec.container,
                [
                    line.parent(spec.element, self.values_xml(values, self.line_segments, self.line_closing))
                    for values in record.lines
                ],
            )
        xml = self.writer.parent(self.tag, inner)
        self.cache.keep(self.company, self.obj.name, self.way, record.recordno, record.version, xml)
        return xml
