"""Records as Python values, and back: object payloads for create/update, and <data> children.

Python -> XML (create/update payloads, `Record.fields` or a (name, dict) pair):
  * a scalar is the element's text: str as is, bool as true/false, date as MM/DD/YYYY, datetime as
    MM/DD/YYYY HH:MM:SS (the object API's formats), anything else (int, Decimal) via str();
    None is an empty element;
  * a dict is a group: DISPLAYCONTACT={"EMAIL1": "a@b.c"} -> <DISPLAYCONTACT><EMAIL1>a@b.c</EMAIL1>...;
  * a list repeats its key: ENTRIES={"GLENTRY": [l1, l2]} -> <ENTRIES><GLENTRY>l1</GLENTRY><GLENTRY>l2...;
  * keys starting with "@" are attributes, and "#text" is the text of an element that also has them.
  Keys are written in the dict's order.

XML -> Python (`element_value`, the inverse, used for every record in a response):
  * an element with no attributes and no child elements -> its text, a str ("" when empty);
  * an element with child elements -> a dict in document order; a child name seen more than once
    becomes a list of its values, so a line-item container with ONE line reads as a dict, not a
    list: use `as_list()` where a list is expected;
  * attributes are kept as "@name" keys (a leaf with attributes is {"@name": ..., "#text": ...}).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from lxml import etree


@dataclass
class Record:
    """One object to create or update: Record("VENDOR", {"VENDORID": "V1", "NAME": "Acme"})."""

    object: str
    fields: dict[str, Any] = field(default_factory=dict)


ObjectLike = Record | tuple[str, Mapping[str, Any]]


def tag_name(element: etree._Element) -> str:
    """An element's name. lxml answers a str for every element built or parsed here; its stubs also
    allow the bytes or QName a tag may be set to by hand, which str() spells out."""
    tag = element.tag
    return tag if isinstance(tag, str) else str(tag)


def text_of(value: Any) -> str:
    """A Python scalar as the gateway writes it."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, datetime):
        return value.strftime("%m/%d/%Y %H:%M:%S")
    if isinstance(value, date):
        return value.strftime("%m/%d/%Y")
    return str(value)


def fill(element: etree._Element, value: Any) -> None:
    """Write `value` into `element` by the rules above."""
    if isinstance(value, Mapping):
        for key, item in value.items():
            if key.startswith("@"):
                element.set(key[1:], text_of(item))
            elif key == "#text":
                element.text = text_of(item)
            elif isinstance(item, (list, tuple)):
                for each in item:
                    fill(etree.SubElement(element, key), each)
            else:
                fill(etree.SubElement(element, key), item)
    elif isinstance(value, (list, tuple)):
        raise TypeError(f"a list must be the value of a named element, not the content of <{tag_name(element)}>")
    elif value is not None:
        element.text = text_of(value)


def object_element(obj: ObjectLike) -> etree._Element:
    """<VENDOR>...</VENDOR> for a Record or a (name, fields) pair."""
    fields: Mapping[str, Any]
    if isinstance(obj, Record):
        name, fields = obj.object, obj.fields
    elif isinstance(obj, tuple) and len(obj) == 2 and isinstance(obj[0], str) and isinstance(obj[1], Mapping):
        name, fields = obj
    else:
        raise TypeError(f"an object is a Record or a (name, dict) pair, not {obj!r}")
    element = etree.Element(name)
    fill(element, fields)
    return element


def objects_of(objects: ObjectLike | Iterable[ObjectLike]) -> list[ObjectLike]:
    """One object, or many, as a list."""
    if isinstance(objects, Record) or (
        isinstance(objects, tuple) and len(objects) == 2 and isinstance(objects[0], str)
    ):
        return [objects]
    found = list(objects)
    if not found:
        raise ValueError("at least one object is needed")
    return found


def element_value(element: etree._Element) -> Any:
    """An element as str or dict by the rules above."""
    children = [(child.tag, child) for child in element if isinstance(child.tag, str)]  # not comments or PIs
    attributes = {f"@{k}": v for k, v in element.attrib.items()}
    if not children:
        text = element.text or ""
        if not attributes:
            return text
        return {**attributes, "#text": text}
    counts = Counter(tag for tag, _ in children)
    value: dict[str, Any] = dict(attributes)
    for tag, child in children:
        if counts[tag] > 1:
            value.setdefault(tag, []).append(element_value(child))
        else:
            value[tag] = element_value(child)
    return value


def as_list(value: Any) -> list[Any]:
    """A value that may hold one item or several, as a list: None -> [], dict/str -> [it], list -> it."""
    if value is None:
        return []
    return value if isinstance(value, list) else [value]
