"""Field values between their three forms: what clients write, what SQLite stores, what responses show.

Stored forms sort and compare correctly in SQL: dates as YYYY-MM-DD, timestamps as
YYYY-MM-DD HH:MM:SS (UTC), decimals as REAL, integers as INTEGER, booleans as 'true'/'false'.
Responses show dates as MM/DD/YYYY and timestamps as MM/DD/YYYY HH:MM:SS in the company time zone.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from zoneinfo import ZoneInfo

from mockserver.objects import Field

_DATE_FORMATS = ("%m/%d/%Y", "%Y-%m-%d", "%m-%d-%Y")
_TIMESTAMP_FORMATS = ("%m/%d/%Y %H:%M:%S", "%Y-%m-%d %H:%M:%S", "%Y-%m-%dT%H:%M:%S", "%m/%d/%Y %H:%M")
_TRUE = {"true", "t", "1", "yes"}
_FALSE = {"false", "f", "0", "no"}


class BadValue(ValueError):
    """A value that does not fit its field's type; the message names what was expected."""


SQLITE_MAX_INTEGER = 2**63 - 1


def parse_whole(raw: str) -> int | None:
    """A client's count or key (RECORDNO, offset, line number) as an int SQLite can hold, or None.

    str.isdigit alone is not enough: it accepts digits such as '²' that int() refuses."""
    raw = raw.strip()
    if not (raw.isascii() and raw.isdigit()) or len(raw) > 19 or int(raw) > SQLITE_MAX_INTEGER:
        return None
    return int(raw)


# The forms requests and fixtures write most (MM/DD/YYYY, with a time): read without strptime, which
# costs most of a fixture's load. The same dates as the "%m/%d/%Y" patterns; the rest falls through.
_US_DATE = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})")
_US_TIMESTAMP = re.compile(r"([0-9]{1,2})/([0-9]{1,2})/([0-9]{4}) ([0-9]{1,2}):([0-9]{2}):([0-9]{2})")


def parse_date(raw: str) -> str:
    if found := _US_DATE.fullmatch(raw):
        month, day, year = map(int, found.groups())
        try:
            return datetime(year, month, day).strftime("%Y-%m-%d")
        except ValueError:
            raise BadValue(f"'{raw}' is not a date in the format MM/DD/YYYY") from None
    for pattern in _DATE_FORMATS:
        try:
            return datetime.strptime(raw, pattern).strftime("%Y-%m-%d")
        except ValueError:
            continue
    raise BadValue(f"'{raw}' is not a date in the format MM/DD/YYYY")


def parse_timestamp(raw: str) -> str:
    if found := _US_TIMESTAMP.fullmatch(raw):
        month, day, year, hour, minute, second = map(int, found.groups())
        try:
            return datetime(year, month, day, hour, minute, second).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            raise BadValue(f"'{raw}' is not a timestamp in the format MM/DD/YYYY HH:MM:SS") from None
    for pattern in _TIMESTAMP_FORMATS:
        try:
            return datetime.strptime(raw, pattern).strftime("%Y-%m-%d %H:%M:%S")
        except ValueError:
            continue
    try:
        return parse_date(raw) + " 00:00:00"
    except BadValue:
        raise BadValue(f"'{raw}' is not a timestamp in the format MM/DD/YYYY HH:MM:SS") from None


def to_storage(field: Field, raw: str | None):
    """A client's text for this field as stored; '' and None are NULL."""
    if raw is None:
        return None
    raw = raw.strip()
    if raw == "":
        return None
    kind = field.type
    if kind == "text":
        if field.maxlength and len(raw) > field.maxlength:
            raise BadValue(f"is longer than {field.maxlength} characters")
        return raw
    if kind == "enum":
        for allowed in field.valid_values:
            if allowed.lower() == raw.lower():
                return allowed
        raise BadValue(f"'{raw}' is not one of: {', '.join(field.valid_values)}")
    if kind == "integer":
        try:
            number = int(raw)
        except ValueError:
            raise BadValue(f"'{raw}' is not a whole number") from None
        if abs(number) > SQLITE_MAX_INTEGER:
            raise BadValue(f"'{raw}' is out of range")
        return number
    if kind == "decimal":
        try:
            exact = Decimal(raw)
        except InvalidOperation:
            raise BadValue(f"'{raw}' is not a number") from None
        if not exact.is_finite():
            raise BadValue(f"'{raw}' is not a number")
        stored = float(exact)
        if stored in (float("inf"), float("-inf")):
            raise BadValue(f"'{raw}' is out of range")
        return stored
    if kind == "boolean":
        lowered = raw.lower()
        if lowered in _TRUE:
            return "true"
        if lowered in _FALSE:
            return "false"
        raise BadValue(f"'{raw}' is not true or false")
    if kind == "date":
        return parse_date(raw)
    if kind == "timestamp":
        return parse_timestamp(raw)
    raise AssertionError(f"unknown field type {kind}")


def format_decimal(value: float) -> str:
    """The shortest text that reads back as the stored float (rounded to 10 places, as sums of
    lines carry float noise), never in exponent form: 1946936.31, not 1946936.3100000001."""
    text = format(Decimal(repr(round(float(value), 10))), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def to_display(field: Field, stored, tz_name: str = "UTC") -> str:
    """A stored value as responses show it; NULL shows as ''."""
    if stored is None:
        return ""
    kind = field.type
    if kind == "decimal":
        return format_decimal(stored)
    if kind == "date":
        year, month, day = stored.split("-")
        return f"{month}/{day}/{year}"
    if kind == "timestamp":
        if tz_name != "UTC":
            moment = datetime.fromisoformat(stored).replace(tzinfo=UTC).astimezone(ZoneInfo(tz_name))
            stored = moment.strftime("%Y-%m-%d %H:%M:%S")
        return f"{stored[5:7]}/{stored[8:10]}/{stored[0:4]}{stored[10:]}"
    return str(stored)


def quote(name: str) -> str:
    """A table or column name as SQL writes it."""
    return '"' + name.replace('"', '""') + '"'


def sql_type(field: Field) -> str:
    return {"integer": "INTEGER", "decimal": "REAL"}.get(field.type, "TEXT")
