"""Records as the gateway writes them: the key answers of create/update, the fields a read selects, and
each record's XML (reused per version)."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from mockserver.gateway import errors
from mockserver.gateway.render import element, escape
from mockserver.objects import Field, ObjectDef
from mockserver.objects.store import Record, Store
from mockserver.objects.values import to_display

# --- XML ----------------------------------------------------------------------------------------


def key_xml(obj: ObjectDef, record: Record) -> str:
    """What create/update answer per object: RECORDNO and the ID field, lowercase element."""
    inner = element("RECORDNO", record.recordno)
    if obj.id_field != "RECORDNO":
        inner += element(obj.id_field, record.values.get(obj.id_field))
    return f"<{obj.lowercase}>{inner}</{obj.lowercase}>"


def select_fields(obj: ObjectDef, requested: str | None) -> tuple[list[Field], bool]:
    """The fields a read asks for ('*' or empty = all) and whether lines are included."""
    if requested is None or requested.strip() in ("", "*"):
        return list(obj.fields), obj.lines is not None
    chosen: list[Field] = []
    with_lines = False
    for name in (part.strip().upper() for part in requested.split(",")):
        if not name:
            continue
        if obj.lines and name == obj.lines.container:
            with_lines = True
            continue
        field = obj.field(name)
        group = [f for f in obj.fields if f.name.startswith(name + ".")]
        if field is None and not group:
            raise errors.invalid_field(obj.name, name)
        for picked in [field] if field else group:
            if picked not in chosen:
                chosen.append(picked)
    return chosen, with_lines


def fields_layout(fields: list[Field]) -> tuple[tuple[tuple[str, str, Field], ...], str]:
    """Markup around each field's value, worked out once per field list: group opens and closes
    for dotted names (DISPLAYCONTACT.EMAIL1 nests), the leaf tags, and what closes the last group."""
    return _layout(tuple(fields))


@lru_cache(maxsize=512)
def _layout(fields: tuple[Field, ...]) -> tuple[tuple[tuple[str, str, Field], ...], str]:
    segments: list[tuple[str, str, Field]] = []
    open_groups: list[str] = []
    for field in fields:
        *groups, leaf = field.path
        before = ""
        while open_groups and open_groups != groups[: len(open_groups)]:
            before += f"</{open_groups.pop()}>"
        for group in groups[len(open_groups) :]:
            before += f"<{group}>"
            open_groups.append(group)
        segments.append((before + f"<{leaf}>", f"</{leaf}>", field))
    return tuple(segments), "".join(f"</{group}>" for group in reversed(open_groups))


class RecordRenderer:
    """Renders records of one object with one field list, reusing each record's markup while its
    version is unchanged (the store forgets a record's markup when it changes or goes away)."""

    def __init__(
        self, store: Store, company: str, obj: ObjectDef, fields: list[Field], with_lines: bool, tz: str, tag: str
    ) -> None:
        self.store, self.company, self.obj, self.tz, self.tag = store, company, obj, tz, tag
        self.with_lines = with_lines and obj.lines is not None
        self.segments, self.closing = fields_layout(fields)
        if self.with_lines:
            self.line_segments, self.line_closing = fields_layout(list(obj.lines.fields))
        self.signature = (tuple(f.name for f in fields), self.with_lines, tz, tag)

    def values_xml(self, values: dict[str, Any], segments, closing) -> str:
        tz = self.tz
        return (
            "".join(before + escape(to_display(f, values.get(f.name), tz)) + after for before, after, f in segments)
            + closing
        )

    def cached(self, recordno: int, version: int) -> str | None:
        return self.store.fragment(self.company, self.obj, recordno, (self.signature, version))

    def __call__(self, record: Record) -> str:
        key = (self.signature, record.version)
        cached = self.store.fragment(self.company, self.obj, record.recordno, key)
        if cached is not None:
            return cached
        inner = self.values_xml(record.values, self.segments, self.closing)
        if self.with_lines:
            spec = self.obj.lines
            inner += (
                f"<{spec.container}>"
                + "".join(
                    f"<{spec.element}>{self.values_xml(line, self.line_segments, self.line_closing)}</{spec.element}>"
                    for line in record.lines
                )
                + f"</{spec.container}>"
            )
        xml = f"<{self.tag}>{inner}</{self.tag}>"
        self.store.keep_fragment(self.company, self.obj, record.recordno, key, xml)
        return xml
