"""Create and update payloads read once into values: `{dotted field: text}` and lines, for the backend.

    <VENDOR><VENDORID>V1</VENDORID><DISPLAYCONTACT><EMAIL1>a@b.c</EMAIL1></DISPLAYCONTACT></VENDOR>
    -> {"VENDORID": "V1", "DISPLAYCONTACT.EMAIL1": "a@b.c"}

Empty elements mean "no value given" (the official SDK sends <DISPLAYCONTACT/> on every update). A date field
may come split, as the SDKs write some 3.0 dates (BankFeedsCreate's FEEDDATE) and every legacy date:
<FEEDDATE><year>2026</year><month>01</month><day>15</day></FEEDDATE> -> {"FEEDDATE": "01/15/2026"}.
"""

from __future__ import annotations

from lxml import etree

from mockserver.gateway import errors
from mockserver.objects import ObjectDef
from mockserver.objects.model import Field
from mockserver.objects.values import parse_whole

DATE_PARTS = ("year", "month", "day")


def split_date(node: etree._Element) -> str | None:
    """<year/><month/><day/> as MM/DD/YYYY (empty when all are empty); None when node is not a split date.
    A bad date is left for the field's own check to report."""
    parts = {child.tag: (child.text or "").strip() for child in node if isinstance(child.tag, str)}
    if not parts or set(parts) - set(DATE_PARTS):
        return None
    year, month, day = (parts.get(part, "") for part in DATE_PARTS)
    if not (year or month or day):
        return ""
    whole_month, whole_day = parse_whole(month), parse_whole(day)
    if whole_month is not None and whole_day is not None:
        month, day = f"{whole_month:02d}", f"{whole_day:02d}"
    return f"{month}/{day}/{year}"


def is_date(field: Field | None) -> bool:
    return field is not None and field.type == "date"


def leaves(node: etree._Element, prefix: str = "", fields: dict[str, Field] | None = None) -> list[tuple[str, str]]:
    """(dotted path, text) of every leaf under node; a split date of one of fields is one leaf."""
    found = []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        path = prefix + child.tag
        date = split_date(child) if fields is not None and is_date(fields.get(path)) else None
        if date is not None:
            found.append((path, date))
        elif len(child):
            found.extend(leaves(child, path + "."))
        else:
            found.append((path, child.text or ""))
    return found


def read_payload(
    obj: ObjectDef, node: etree._Element, action: str
) -> tuple[dict[str, str], list[dict[str, str]] | None]:
    """The field texts and lines (None when the payload has no lines container) of one object element."""
    values: dict[str, str] = {}
    lines = None
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if obj.lines and child.tag == obj.lines.container:
            lines = [read_line(obj, line, action) for line in child if isinstance(line.tag, str)]
            continue
        date = split_date(child) if len(child) and is_date(obj.field(child.tag)) else None
        if date is not None:
            found = [(child.tag, date)]
        else:
            found = leaves(child, child.tag + ".") if len(child) else [(child.tag, child.text or "")]
        for path, text in found:
            if not obj.accepts(path):
                if not text.strip() and any(f.name.startswith(path + ".") for f in obj.fields):
                    continue  # an empty group such as <DISPLAYCONTACT/>
                raise errors.unknown_payload_field(action, obj.label, path)
            if text.strip():
                field = obj.field(path)  # an older spelling is kept under the field's own name
                values[field.name if field else path] = text
    return values, lines


def read_line(obj: ObjectDef, line: etree._Element, action: str) -> dict[str, str]:
    spec = obj.lines
    assert spec is not None
    if line.tag != spec.element:
        raise errors.unknown_payload_field(action, obj.label, f"{spec.container}.{line.tag!s}")
    fields = {f.name: f for f in spec.fields}
    values = {}
    for path, text in leaves(line, fields=fields):
        if path not in fields:
            raise errors.unknown_payload_field(action, obj.label, f"{spec.element}.{path}")
        if text.strip():
            values[path] = text
    return values
