"""Read-only fields in a create or update: refused naming the field (the default), or dropped when the
company's readonly_fields is "ignore"; a refusal stores nothing."""

from __future__ import annotations

import pytest

from .gateway import bare_company, function, login_xml, vendor_xml


@pytest.fixture
async def company(gateway):
    gateway.state.create_company(bare_company("ROCO"))
    return "ROCO"


AS_ROCO = {"authentication": login_xml(companyid="ROCO")}


async def vendor_count(gateway) -> str:
    answer = await gateway.call(function("readByQuery", "<object>VENDOR</object><query></query>"), **AS_ROCO)
    return answer.root.find("operation/result/data").get("totalcount")


async def test_a_read_only_field_on_create_is_refused_naming_it_and_nothing_is_stored(gateway, company):
    answer = await gateway.call(function("create", vendor_xml("V1", "Acme", TOTALDUE="10")), **AS_ROCO)
    assert answer.text("operation/result/status") == "failure"
    assert [e.findtext("errorno") for e in answer.root.iter("error")] == ["BL01001973", "BL01001973"]
    assert "Field TOTALDUE is read-only" in answer.text("operation/result/errormessage/error/description2")
    assert await vendor_count(gateway) == "0"


async def test_a_read_only_field_on_update_is_refused_and_the_record_is_unchanged(gateway, company):
    await gateway.call(function("create", vendor_xml("V1", "Acme")), **AS_ROCO)
    answer = await gateway.call(function("update", vendor_xml("V1", "Renamed", WHENMODIFIED="01/01/2020")), **AS_ROCO)
    assert answer.text("operation/result/status") == "failure"
    assert "Field WHENMODIFIED is read-only" in answer.text("operation/result/errormessage/error/description2")
    read = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>V1</keys><fields>NAME</fields>"), **AS_ROCO
    )
    assert read.text("operation/result/data/VENDOR/NAME") == "Acme"


async def test_an_update_by_recordno_is_not_a_read_only_value(gateway, company):
    await gateway.call(function("create", vendor_xml("V1", "Acme")), **AS_ROCO)
    answer = await gateway.call(
        function("update", "<VENDOR><RECORDNO>1</RECORDNO><NAME>Renamed</NAME></VENDOR>"), **AS_ROCO
    )
    assert answer.text("operation/result/status") == "success"


async def test_ignore_mode_drops_the_read_only_field_and_stores_the_rest(gateway, company):
    status, _ = await gateway.admin("PATCH", "/__mock__/companies/ROCO", {"readonly_fields": "ignore"})
    assert status == 200
    answer = await gateway.call(function("create", vendor_xml("V1", "Acme", TOTALDUE="10")), **AS_ROCO)
    assert answer.text("operation/result/status") == "success"
    read = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>V1</keys><fields>TOTALDUE</fields>"), **AS_ROCO
    )
    assert read.text("operation/result/data/VENDOR/TOTALDUE") in ("0", "")


async def test_a_bad_readonly_fields_setting_is_a_400_naming_it(gateway, company):
    status, body = await gateway.admin("PATCH", "/__mock__/companies/ROCO", {"readonly_fields": "maybe"})
    assert status == 400 and body["field"] == "readonly_fields"
