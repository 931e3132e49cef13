"""Create and update payloads read once into values: `{dotted field: text}` and lines, for the backend.

    <VENDOR><VENDORID>V1</VENDORID><DISPLAYCONTACT><EMAIL1>a@b.c</EMAIL1></DISPLAYCONTACT></VENDOR>
    -> {"VENDORID": "V1", "DISPLAYCONTACT.EMAIL1": "a@b.c"}

Empty elements mean "no value given" (the official SDK sends <DISPLAYCONTACT/> on every update).
"""

from __future__ import annotations

from lxml import etree

from mockserver.gateway import errors
from mockserver.objects import ObjectDef


def leaves(node: etree._Element, prefix: str = "") -> list[tuple[str, str]]:
    """(dotted path, text) of every leaf under node."""
    found = []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        path = prefix + child.tag
        if len(child):
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
        for path, text in leaves(child, child.tag + ".") if len(child) else [(child.tag, child.text or "")]:
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
    names = {f.name for f in spec.fields}
    values = {}
    for path, text in leaves(line):
        if path not in names:
            raise errors.unknown_payload_field(action, obj.label, f"{spec.element}.{path}")
        if text.strip():
            values[path] = text
    return values
