"""The mock's query records against genuine ones: for each genuine record kept in tests/facts, the same
select against the default company MOCKCO answers a record with the same element names in the same order,
values in the same format classes, and is not mostly empty where the genuine record is filled."""

from __future__ import annotations

import asyncio

import pytest
from lxml import etree

from .facts import element_name, genuine_records, mock_gateway, value_class
from .gateway import function, session_xml
from .test_object_catalogue import batched, lookup_names, unwrap

RECORDS = genuine_records()


def select_for(record: etree._Element, listed: list[str]) -> list[str]:
    """Field names for the genuine tags, in order. A tag drops '#', so it is mapped back to the lookup
    name whose '#'-less form matches; a repeated tag (CREDITCARD's LOCATION, LOCATION#) takes the next
    such name in lookup order. A tag lookup does not know stays as it is (the query then says so)."""
    seen: dict[str, int] = {}
    select = []
    for child in record:
        candidates = [name for name in listed if element_name(name) == child.tag] or [child.tag]
        nth = seen.get(child.tag, 0)
        seen[child.tag] = nth + 1
        select.append(candidates[min(nth, len(candidates) - 1)])
    return select


async def collect() -> dict[str, tuple[list[str], etree._Element]]:
    async with mock_gateway() as gateway:
        auth = {"authentication": session_xml(await gateway.open_session())}
        lookups = await batched(
            gateway, auth, {name: unwrap(function("lookup", f"<object>{name}</object>")) for name in RECORDS}
        )
        selects = {name: select_for(RECORDS[name], lookup_names(lookups[name])) for name in RECORDS}
        calls = {
            name: f"<query><object>{name}</object><select>{''.join(f'<field>{f}</field>' for f in fields)}"
            "</select><pagesize>1</pagesize></query>"
            for name, fields in selects.items()
        }
        queried = await batched(gateway, auth, calls, size=10)
    types = {name: lookup_types(lookups[name]) for name in RECORDS}
    return {name: (selects[name], queried[name], types[name]) for name in RECORDS}


def lookup_types(result: etree._Element) -> dict[str, str]:
    """Answered tag -> lookup DATATYPE."""
    return {
        element_name(f.findtext("ID") or ""): f.findtext("DATATYPE") or ""
        for f in result.iterfind("data/Type/Fields/Field")
    }


def same_class(genuine: str, mock: str, datatype: str) -> bool:
    """Format classes agree. The recorder scrubbed some values (their format is unknown) and replaced numbers
    with random ones: a TEXT field (an ID, a phone) may hold digits in one company and letters in another."""
    found = {value_class(genuine), value_class(mock)}
    if "scrubbed" in found:
        return True
    return len(found) == 1 or (found == {"number", "text"} and datatype == "TEXT")


@pytest.fixture(scope="module")
def answers() -> dict:
    return asyncio.run(collect())


def first_record(answers, name: str) -> etree._Element:
    select, result, _ = answers[name]
    assert result.findtext("status") == "success", (select, [e.findtext("description2") for e in result.iter("error")])
    record = result.find("data/*")
    assert record is not None, f"MOCKCO has no {name} record"
    return record


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_mock_record_has_the_genuine_element_names_in_order(answers, name):
    record = first_record(answers, name)
    assert [child.tag for child in record] == [child.tag for child in RECORDS[name]]


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_mock_values_have_the_genuine_format_classes(answers, name):
    record = first_record(answers, name)
    types = answers[name][2]
    differ = [
        (genuine.tag, genuine.text, mock.text, value_class(genuine.text), value_class(mock.text))
        for genuine, mock in zip(RECORDS[name], record, strict=False)
        if genuine.tag == mock.tag
        and genuine.text
        and mock.text
        and not same_class(genuine.text, mock.text, types.get(mock.tag, ""))
    ]
    assert not differ, f"{name}: (tag, genuine, mock, genuine class, mock class): {differ}"


@pytest.mark.parametrize("name", sorted(RECORDS))
def test_mock_record_is_filled_where_the_genuine_one_is(answers, name):
    record = first_record(answers, name)
    filled = [child.tag for child in RECORDS[name] if child.text]
    answered = [mock.tag for genuine, mock in zip(RECORDS[name], record, strict=False) if genuine.text and mock.text]
    assert len(answered) * 2 >= len(filled), (
        f"{name}: {len(answered)} of the {len(filled)} fields filled in the genuine record are filled in MOCKCO's"
    )
