"""The facts the object-model acceptance tests stand on (tests/facts) load and hang together, and the
helpers over them classify values as the genuine recordings show them. Green whatever the catalogue holds."""

from __future__ import annotations

import pytest

from .facts import element_name, genuine_records, objects, value_class


def test_objects_json_holds_127_objects_28_gateway_sets_and_32_sdk_lists():
    facts = objects()
    assert len(facts) == 127
    assert sum("gateway_fields" in f for f in facts.values()) == 28
    assert sum("sdk_fields" in f for f in facts.values()) == 32
    assert all(f["fields"] and f["sources"] for f in facts.values())


@pytest.mark.parametrize("name", [n for n, f in sorted(objects().items()) if "gateway_fields" in f])
def test_a_gateway_set_leads_the_standard_list_in_its_order(name):
    facts = objects()[name]
    assert facts["fields"][: len(facts["gateway_fields"])] == facts["gateway_fields"]
    assert "gateway-select" in facts["sources"]


def test_every_sdk_field_is_a_standard_field():
    for name, facts in objects().items():
        assert set(facts.get("sdk_fields", [])) <= set(facts["fields"]), name


def test_genuine_records_parse_one_record_per_object_named_by_its_tag():
    records = genuine_records()
    assert len(records) == 20 and "DIMENSION" in records and "CLASS" in records
    assert all(name in objects() and len(record) for name, record in records.items())
    assert [child.tag for child in records["DIMENSION"]][:2] == ["id", "name"]


@pytest.mark.parametrize(
    "text, expected",
    [
        (None, "empty"),
        ("", "empty"),
        ("42", "number"),
        ("-1250.75", "number"),
        ("09/30/2026", "date"),
        ("09/30/2026 17:05:09", "timestamp"),
        ("true", "boolean"),
        ("false", "boolean"),
        ("Fake-Justin Allen", "text"),
        ("3220-55186-27290--accrual", "text"),  # GLDETAIL's composite RECORDNO is text, not a number
        ("2026-09-30", "text"),
    ],
)
def test_value_class(text, expected):
    assert value_class(text) == expected


def test_element_name_drops_the_hash():
    assert (element_name("DEPT#"), element_name("DISPLAYCONTACT.EMAIL1")) == ("DEPT", "DISPLAYCONTACT.EMAIL1")
