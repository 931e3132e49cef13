"""What a widely used public Python SDK (sageintacctsdk 1.28.1) selects, per object, against MOCKCO:
each of its 32 field lists, queried exactly, succeeds and answers records with those elements in order."""

from __future__ import annotations

import asyncio

import pytest
from lxml import etree

from .facts import element_name, mock_gateway, objects
from .gateway import session_xml
from .test_object_catalogue import batched

SDK_LISTS = {name: facts["sdk_fields"] for name, facts in sorted(objects().items()) if "sdk_fields" in facts}


async def collect() -> dict[str, etree._Element]:
    async with mock_gateway() as gateway:
        auth = {"authentication": session_xml(await gateway.open_session())}
        calls = {
            name: f"<query><object>{name}</object><select>{''.join(f'<field>{f}</field>' for f in fields)}"
            "</select><pagesize>10</pagesize></query>"
            for name, fields in SDK_LISTS.items()
        }
        return await batched(gateway, auth, calls, size=10)


@pytest.fixture(scope="module")
def answers() -> dict[str, etree._Element]:
    return asyncio.run(collect())


def test_the_sdk_has_32_field_lists():
    assert len(SDK_LISTS) == 32


@pytest.mark.parametrize("name", sorted(SDK_LISTS))
def test_sdk_select_succeeds_and_answers_its_elements_in_order(answers, name):
    result = answers[name]
    assert result.findtext("status") == "success", [e.findtext("description2") for e in result.iter("error")]
    records = result.findall("data/*")
    assert records, f"MOCKCO has no {name} record"
    expected = [element_name(f) for f in SDK_LISTS[name]]
    for record in records:
        assert [child.tag for child in record] == expected
