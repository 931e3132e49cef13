"""Create-then-read returns what was written, for every object the target lists with `inspect *`.

For each object the test reads its description (lookup + inspect detail=1) and:
  * gives required fields that reference another object the ID of an existing record there
    (readByQuery pagesize 1), or skips the object when there is none;
  * gives a header whose lookup names its line object (a ONE2MANY relationship) lines built from
    the line object's own lookup (lines.py: its required fields, balanced when they carry a sign);
  * creates a record with only the required fields; when that fails the object needs something
    lookup does not describe and is skipped with the target's reason;
  * otherwise, with hypothesis, creates records with drawn optional fields and reads each back by
    RECORDNO: every written field, and every field of every line, reads as the target writes it.
The objects covered and skipped (with reasons) are printed in the suite's summary.

INTACCT_CONTRACT_SKIP_OBJECTS (comma list) leaves objects out; against a real gateway it defaults
to USERINFO, whose records are sign-in users of the sandbox.
"""

from __future__ import annotations

import os
import re
import traceback

import pytest
from aiointacct import ResultError
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import create, minimal_values
from .lines import balanced, line_mismatches, line_strategy, with_lines
from .objects import describe, object_names
from .strategies import UniqueIds, mismatches, record_values, value_at

pytestmark = pytest.mark.portable

PER_OBJECT = 200  # examples per object at most (a thorough run would otherwise take hours)


def skipped_by_configuration(is_mock: bool) -> set[str]:
    default = "" if is_mock else "USERINFO"
    text = os.environ.get("INTACCT_CONTRACT_SKIP_OBJECTS", default)
    return {name.strip().upper() for name in text.split(",") if name.strip()}


def error_text(failure: ResultError) -> str:
    return "; ".join(" ".join(p for p in (e.errorno, e.description, e.description2) if p) for e in failure.errors)


def check_round_trip(client, run, created, obj, ids, references, line=None, line_references=None) -> None:
    lines = line_strategy(line, ids, line_references or {}) if line is not None else st.just([])

    @settings(max_examples=min(settings().max_examples, PER_OBJECT))
    @given(values=record_values(obj, ids, references), written_lines=lines)
    def round_trip(values, written_lines):
        payload = with_lines(values, obj.lines, written_lines) if line is not None and obj.lines else values
        [keys] = run(create(client, created, obj.name, [payload]))
        for key, text in keys.items():
            if key in values:
                assert text == values[key], f"{obj.name} create answered {key}={text!r}, wrote {values[key]!r}"
        answer = run(client.read(obj.name, keys["RECORDNO"]))
        assert len(answer.records) == 1, f"{obj.name} {keys['RECORDNO']}: read answered {answer.records}"
        problems = mismatches(obj, values, answer.records[0])
        if line is not None and obj.lines:
            problems += line_mismatches(line, written_lines, answer.records[0].get(obj.lines.container))
        assert not problems, "\n".join(problems)

    round_trip()


def referenced(client, run, description, obj) -> tuple[dict[str, str], str | None]:
    """An existing record's ID for each required reference of `obj`, or why there is none."""
    references = {}
    for field in obj.required_references:
        try:
            id_field = description(field.references).id_field_of(field.name)
            page = run(client.read_by_query(field.references, "", [id_field or "RECORDNO"], pagesize=1))
        except ResultError as failure:
            return references, f"required {field.name} references {field.references}, unreadable: {error_text(failure)}"
        value = value_at(page.records[0], id_field) if page.records and id_field else None
        if not value:
            return references, f"required {field.name} references {field.references}, which has no record to name"
        references[field.name] = value
    return references, None


def test_create_then_read_returns_what_was_written(client, run, created, unique, target, report):
    descriptions = {}

    def description(name):
        if name not in descriptions:
            descriptions[name] = run(describe(client, name))
        return descriptions[name]

    ids = UniqueIds(unique)
    configured = skipped_by_configuration(target.is_mock)
    covered, skipped, broken = [], {}, []
    for name in run(object_names(client)):
        if name.upper() in configured:
            skipped[name] = "left out by INTACCT_CONTRACT_SKIP_OBJECTS"
            continue
        try:
            obj = description(name)
        except ResultError as failure:
            skipped[name] = f"not described: {error_text(failure)}"
            continue
        if not any(f.writable for f in obj.fields):  # AUDITHISTORY: the gateway writes it, not a client
            skipped[name] = "read-only: lookup describes every field as READONLY"
            continue
        references, reason = referenced(client, run, description, obj)
        line, line_references = None, {}
        if not reason and obj.lines is not None:
            try:
                line = description(obj.lines.object)
            except ResultError as failure:
                reason = f"its lines {obj.lines.object} are not described: {error_text(failure)}"
            else:
                line_references, reason = referenced(client, run, description, line)
        if reason:
            skipped[name] = reason
            continue

        probe = minimal_values(obj, ids, references)
        if line is not None and obj.lines is not None:
            probe = with_lines(probe, obj.lines, balanced(line, minimal_values(line, ids, line_references)))
        try:
            run(create(client, created, name, [probe]))
        except ResultError as failure:
            text = error_text(failure)
            missing = re.search(r"Required field (\S+) is missing", text)
            if missing and obj.field(missing.group(1)) is None:  # a create parameter, not a field
                skipped[name] = f"requires {missing.group(1)}, which lookup does not describe: {text}"
            elif "cannot be created through the API" in text:  # line items, derived objects (GLDETAIL)
                skipped[name] = f"not creatable through the API: {text}"
            elif "line" in text.lower():  # owned line items lookup does not describe
                skipped[name] = f"required line items: {text}"
            else:
                broken.append(f"{name}: a create with every field lookup requires fails: {text} ({probe})")
            continue

        try:
            check_round_trip(client, run, created, obj, ids, references, line, line_references)
        except Exception as failure:
            broken.append(f"{name}: " + "".join(traceback.format_exception_only(failure)))
            continue
        covered.append(name)

    report(f"round trip covered {len(covered)} objects: {', '.join(covered)}")
    if broken:
        report(f"round trip FAILED for {len(broken)} objects: {', '.join(b.partition(':')[0] for b in broken)}")
    for name, reason in skipped.items():
        report(f"round trip skipped {name}: {reason}")
    print("covered:", covered, "\nskipped:", skipped)
    assert not broken, "\n".join(broken)
    assert covered, "no object could be created from its description"
