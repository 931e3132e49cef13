"""Line items of a header, built from what the target's lookup says: the header's ONE2MANY relationship
names the line object and the container (objects.LineRelation), and the line object's own lookup gives
the fields a line needs (its required, writable ones).

One rule cannot be learned from lookup: a journal entry must balance. It lives here, in BALANCING, and
is driven by lookup as far as it can be: a line object with a required ENUM whose valid values are
exactly 1 and -1 (GLENTRY's TR_TYPE: debit, credit) gets one line per sign with the same values, so
the amounts cancel.
"""

from __future__ import annotations

from collections.abc import Mapping

from .objects import FieldDescription, LineRelation, ObjectDescription
from .strategies import UniqueIds, mismatches, nest, required_values

SIGNS = {"1", "-1"}  # BALANCING: the valid values of a debit/credit field


def sign_field(line: ObjectDescription) -> FieldDescription | None:
    """The line's debit/credit field, if lookup describes one (an ENUM of exactly 1 and -1)."""
    return next((f for f in line.required if f.datatype == "ENUM" and set(f.valid_values) == SIGNS), None)


def balanced(line: ObjectDescription, values: Mapping[str, str]) -> list[dict[str, str]]:
    """BALANCING: the lines a header needs from one line's values: one per sign when lines carry a
    sign (same amount each side), else just that line."""
    sign = sign_field(line)
    if sign is None:
        return [dict(values)]
    return [{**values, sign.name: value} for value in sign.valid_values]


def line_strategy(line: ObjectDescription, ids: UniqueIds, references: Mapping[str, str]):
    """Lines for one header: the line object's required fields with drawn values, balanced."""
    return required_values(line, ids, references).map(lambda values: balanced(line, values))


def with_lines(values: Mapping[str, str], relation: LineRelation, lines: list[dict[str, str]]) -> dict:
    """A create payload: the header's fields and its lines inside their container."""
    return {**values, relation.container: {relation.object: [nest(line) for line in lines]}}


def line_mismatches(line: ObjectDescription, written: list[dict[str, str]], answered) -> list[str]:
    """Lines read back (the container's list in a read answer) against the lines written, in order."""
    if isinstance(answered, Mapping):
        answered = answered.get(line.name)
    if isinstance(answered, Mapping):  # one line reads as a dict, several as a list
        answered = [answered]
    answered = list(answered or [])
    if len(answered) != len(written):
        return [f"{line.name}: wrote {len(written)} lines, read {len(answered)}: {answered}"]
    found = []
    for position, (sent, got) in enumerate(zip(written, answered, strict=True), start=1):
        found += [f"line {position}: {problem}" for problem in mismatches(line, sent, got)]
    return found
