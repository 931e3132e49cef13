"""Hypothesis strategies built from the target's own object descriptions (objects.py), and the text
the target is expected to answer for each value written.

A field's DATATYPE picks the strategy, maxLength bounds text, VALIDVALUES are the enum choices,
READONLY fields are never written and fields that reference another object are only written with the
ID of a record that exists there. Values the gateway answers are compared as strings in its own
formats: decimals without trailing zeros, dates MM/DD/YYYY, booleans true/false, enums as written.
"""

from __future__ import annotations

import itertools
import secrets
import string
from collections.abc import Mapping
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from .objects import FieldDescription, ObjectDescription

# Text that must survive XML escaping and a round trip: markup characters, quotes, accents.
TEXT_ALPHABET = string.ascii_letters + string.digits + " &<>'\"-.,/#()éüñ"
ID_ALPHABET = string.ascii_uppercase + string.digits
MAX_TEXT = 30


def unique_prefix() -> str:
    """A per-test prefix for every ID written to the target: 'MCT' + 5 random characters."""
    return "MCT" + "".join(secrets.choice(ID_ALPHABET) for _ in range(5))


class UniqueIds:
    """IDs under one prefix, never the same twice (hypothesis may draw the same example again)."""

    def __init__(self, prefix: str) -> None:
        self.prefix = prefix
        self.counter = itertools.count(1)

    def next(self, max_length: int | None = None) -> str:
        value = f"{self.prefix}{next(self.counter):04d}"
        if max_length is not None and len(value) > max_length:
            raise ValueError(f"IDs of {len(value)} characters do not fit maxLength {max_length}")
        return value


# --- values ------------------------------------------------------------------------------------------


def text_strategy(field: FieldDescription) -> st.SearchStrategy[str]:
    limit = min(field.max_length or MAX_TEXT, MAX_TEXT)
    leaf = field.path[-1]
    if "EMAIL" in leaf:  # an address the real gateway's format check accepts
        return st.from_regex(r"[a-z][a-z0-9]{0,8}@example\.com", fullmatch=True).filter(lambda v: len(v) <= limit)
    if "PHONE" in leaf:
        return st.from_regex(r"[0-9]{3}-[0-9]{3}-[0-9]{4}", fullmatch=True).filter(lambda v: len(v) <= limit)
    return st.text(TEXT_ALPHABET, min_size=1, max_size=limit).filter(lambda v: v.strip() == v and v != "")


def value_strategy(field: FieldDescription) -> st.SearchStrategy[str]:
    """Text to write into `field`, as a client writes it."""
    kind = field.datatype
    if kind == "ENUM" and field.valid_values:
        return st.sampled_from(field.valid_values)
    if kind == "BOOLEAN":
        return st.sampled_from(["true", "false"])
    if kind == "INTEGER":
        digits = max(1, min((field.max_length or 8) - 1, 9))
        return st.integers(0, 10**digits - 1).map(str)
    if kind == "DECIMAL":
        # Two places, sometimes with trailing zeros the gateway drops ("1500.50" reads "1500.5").
        return st.decimals(min_value=-(10**7), max_value=10**7, places=2, allow_nan=False, allow_infinity=False).map(
            lambda d: f"{d:.2f}"
        )
    if kind == "DATE":
        return st.dates(date(1990, 1, 1), date(2099, 12, 31)).map(lambda d: d.strftime("%m/%d/%Y"))
    if kind == "TIMESTAMP":
        return st.datetimes(datetime(1990, 1, 1), datetime(2099, 12, 31)).map(
            lambda d: d.replace(microsecond=0).strftime("%m/%d/%Y %H:%M:%S")
        )
    return text_strategy(field)


def displayed(field: FieldDescription, written: str) -> str:
    """What the gateway answers for a value written as `written`."""
    kind = field.datatype
    if written == "":
        return ""
    if kind == "DECIMAL":
        text = format(Decimal(written).normalize(), "f")
        return "0" if text in ("-0", "0") else text
    if kind == "INTEGER":
        return str(int(written))
    if kind == "BOOLEAN":
        return "true" if written.lower() in ("true", "t", "1") else "false"
    return written


# --- records -----------------------------------------------------------------------------------------


def nest(values: Mapping[str, Any]) -> dict[str, Any]:
    """{"DISPLAYCONTACT.EMAIL1": v} -> {"DISPLAYCONTACT": {"EMAIL1": v}}: the payload shape."""
    payload: dict[str, Any] = {}
    for name, value in values.items():
        *groups, leaf = name.split(".")
        node = payload
        for group in groups:
            node = node.setdefault(group, {})
        node[leaf] = value
    return payload


def value_at(record: Mapping[str, Any], name: str) -> Any:
    """A dotted field's value in a read answer (None when absent)."""
    node: Any = record
    for part in name.split("."):
        if not isinstance(node, Mapping) or part not in node:
            return None
        node = node[part]
    return node


def required_values(obj: ObjectDescription, ids: UniqueIds, references: Mapping[str, str]):
    """Required fields: text ones get a unique ID under the test's prefix (so a sandbox record is
    recognisable and IDs never collide), references the ID of an existing record, the rest a value
    of their type."""
    fixed: dict[str, st.SearchStrategy[str]] = {}
    for field in obj.required:
        if field.references:
            fixed[field.name] = st.just(references[field.name])
        elif field.datatype == "TEXT":
            fixed[field.name] = st.just(field).map(lambda f: ids.next(f.max_length))
        else:
            fixed[field.name] = value_strategy(field)
    return st.fixed_dictionaries(fixed)


@st.composite
def record_values(
    draw, obj: ObjectDescription, ids: UniqueIds, references: Mapping[str, str] | None = None
) -> dict[str, str]:
    """A create payload (dotted names -> text): every required field, and a drawn subset of the
    optional ones with drawn values."""
    values = dict(draw(required_values(obj, ids, references or {})))
    choices = obj.optional
    if choices:
        chosen = draw(st.lists(st.sampled_from(choices), unique_by=lambda f: f.name, max_size=len(choices)))
        for field in chosen:
            # An optional <OBJECT>ID is still the record's ID: unique, as a required one; so is a
            # transaction's document number (DOCNO: its DOCID is the definition and that number).
            is_id = field.name in (f"{obj.name}ID", "DOCNO") and field.datatype == "TEXT"
            values[field.name] = ids.next(field.max_length) if is_id else draw(value_strategy(field))
    return values


@st.composite
def changes(draw, obj: ObjectDescription) -> dict[str, str]:
    """An update: one or more optional fields with new values (never the record's ID)."""
    choices = [f for f in obj.optional if f.name != f"{obj.name}ID"]
    chosen = draw(
        st.lists(st.sampled_from(choices), unique_by=lambda f: f.name, min_size=1, max_size=min(4, len(choices)))
    )
    return {field.name: draw(value_strategy(field)) for field in chosen}


def expected(obj: ObjectDescription, written: Mapping[str, str]) -> dict[str, str]:
    return {name: displayed(obj.field(name), value) for name, value in written.items()}


def mismatches(obj: ObjectDescription, written: Mapping[str, str], answer: Mapping[str, Any]) -> list[str]:
    """Fields whose answered text differs from what was written, as readable lines."""
    found = []
    for name, value in expected(obj, written).items():
        got = value_at(answer, name)
        if got != value:
            found.append(f"{obj.name}.{name}: wrote {written[name]!r}, expected {value!r}, read {got!r}")
    return found
