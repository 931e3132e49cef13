"""Arguments of gateway functions, read one way: page size, offset, return format, flags, keys, fields.

Numbers are strict (`values.parse_whole`: ASCII digits only, so "١٠٠" or "²" is refused, not read as
100 or 2), and every bad argument is the gateway's error naming the argument, raised before any data
is read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mockserver.gateway import errors
from mockserver.gateway.envelope import flag as is_true
from mockserver.objects import Field, ObjectDef
from mockserver.objects.values import SQLITE_MAX_INTEGER, parse_whole

if TYPE_CHECKING:
    from mockserver.functions.call import Call

RETURN_FORMATS = ("xml", "json", "csv")


def whole_number(call: Call, name: str, text: str, default: int, low: int = 0, high: int = SQLITE_MAX_INTEGER) -> int:
    """A count or position given as text (an element's or an attribute's), from low to high; empty is
    the default."""
    if not text:
        return default
    number = parse_whole(text)
    if number is None or not low <= number <= high:
        raise errors.bad_argument(
            call.function.name, f"{name} must be a whole number from {low} to {high}, not '{text}'"
        )
    return number


def page_size(call: Call, limits: tuple[int, int, int], path: str = "pagesize") -> int:
    """<pagesize> within (minimum, maximum, default)."""
    low, high, default = limits
    return whole_number(call, "pagesize", call.text(path), default, low, high)


def offset(call: Call, path: str = "offset") -> int:
    """<offset>: how many rows to skip; absent or empty is 0."""
    return whole_number(call, "offset", call.text(path), 0)


def return_format(call: Call, path: str) -> str:
    """xml (the default), json or csv, from the element at `path` (readByQuery: returnFormat;
    query: options/returnformat)."""
    text = call.text(path).lower()
    if not text:
        return "xml"
    if text not in RETURN_FORMATS:
        raise errors.bad_argument(call.function.name, f"returnFormat must be one of xml, json, csv, not '{text}'")
    return text


def flag(call: Call, path: str) -> bool:
    """A true/false option (query's options/caseinsensitive): only "true", in any case, is true."""
    return is_true(call.text(path))


def keys(call: Call, path: str = "keys") -> list[str]:
    """A comma-separated key list (<keys>1,2,3</keys>), each stripped, empty ones dropped."""
    return [key.strip() for key in call.text(path).split(",") if key.strip()]


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
        # a dotted group (DISPLAYCONTACT) only when no field has the name: not a walk of every field per name
        group = [] if field else [f for f in obj.fields if f.name.startswith(name + ".")]
        if field is None and not group:
            raise errors.invalid_field(obj.name, name)
        for picked in [field] if field else group:
            if picked not in chosen:
                chosen.append(picked)
    return chosen, with_lines
