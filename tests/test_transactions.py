"""Several functions per request, transaction="true" rollback, and uniqueid replay protection."""

from __future__ import annotations

import pytest

from .gateway import bare_company, function, login_xml, vendor_xml


@pytest.fixture
async def company(gateway):
    gateway.state.create_company(bare_company("TXCO"))
    return {"authentication": login_xml(companyid="TXCO")}


def table_dump(gateway) -> list[tuple]:
    """Every row of every table: compares the store byte for byte."""
    db = gateway.state.store.db
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [(table, db.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()) for table in tables]


async def test_functions_answer_in_request_order_and_fail_independently(gateway, company):
    answer = await gateway.call(
        function("create", vendor_xml("V1"), "a")
        + function("create", vendor_xml("V1"), "b")
        + function("readByName", "<object>VENDOR</object><keys>V1</keys>", "c"),
        **company,
    )
    assert [(r.findtext("controlid"), r.findtext("status")) for r in answer.results()] == [
        ("a", "success"),
        ("b", "failure"),
        ("c", "success"),
    ]


async def test_failed_transaction_rolls_back_everything_and_aborts_the_rest(gateway, company):
    await gateway.call(function("create", vendor_xml("EXISTING")), **company)
    before = table_dump(gateway)
    answer = await gateway.call(
        function("create", vendor_xml("NEW1"), "one")
        + function("update", "<VENDOR><VENDORID>EXISTING</VENDORID><NAME>Changed</NAME></VENDOR>", "two")
        + function("create", vendor_xml("EXISTING"), "three")
        + function("create", vendor_xml("NEW2"), "four"),
        transaction=True,
        **company,
    )
    results = answer.results()
    assert [r.findtext("status") for r in results] == ["aborted", "aborted", "failure", "aborted"]
    rolled_back = "The entire transaction in this operation has been rolled back due to an error."
    for result in results:
        errors = result.findall("errormessage/error")
        assert errors[-1].findtext("errorno") == "XL03000009"
        assert errors[-1].findtext("description2") == rolled_back
    assert [e.findtext("errorno") for e in results[2].findall("errormessage/error")] == [
        "BL34000061",
        "BL01001973",
        "XL03000009",
    ]
    assert table_dump(gateway) == before  # byte for byte


async def test_successful_transaction_keeps_every_change(gateway, company):
    answer = await gateway.call(
        function("create", vendor_xml("A"), "1") + function("create", vendor_xml("B"), "2"), transaction=True, **company
    )
    assert [r.findtext("status") for r in answer.results()] == ["success", "success"]
    listing = await gateway.call(function("readByQuery", "<object>VENDOR</object><query/>"), **company)
    assert listing.root.find("operation/result/data").get("totalcount") == "2"


async def test_uniqueid_true_does_not_run_a_completed_controlid_again(gateway, company):
    first = await gateway.call(function("create", vendor_xml("ONCE"), "guid-1"), uniqueid="true", **company)
    assert first.text("operation/result/status") == "success"
    again = await gateway.call(function("create", vendor_xml("TWICE"), "guid-1"), uniqueid="true", **company)
    assert again.text("operation/result/status") == "failure"
    [error] = again.errors("operation/result")
    assert error["errorno"] == "XL03000004"
    assert "guid-1" in error["description2"]
    listing = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/><fields>VENDORID</fields>"), **company
    )
    assert [v.findtext("VENDORID") for v in listing.root.find("operation/result/data")] == ["ONCE"]


async def test_uniqueid_false_runs_the_same_controlid_again(gateway, company):
    for vendorid in ("A", "B"):
        answer = await gateway.call(function("create", vendor_xml(vendorid), "same"), uniqueid="false", **company)
        assert answer.text("operation/result/status") == "success"


async def test_a_failed_function_may_be_retried_under_the_same_controlid(gateway, company):
    failed = await gateway.call(
        function("create", "<VENDOR><VENDORID>X</VENDORID></VENDOR>", "retry"), uniqueid="true", **company
    )
    assert failed.text("operation/result/status") == "failure"
    fixed = await gateway.call(function("create", vendor_xml("X"), "retry"), uniqueid="true", **company)
    assert fixed.text("operation/result/status") == "success"


async def test_a_rolled_back_transaction_does_not_consume_its_controlids(gateway, company):
    await gateway.call(function("create", vendor_xml("DUP"), "setup"), **company)
    await gateway.call(
        function("create", vendor_xml("NEW"), "t-1") + function("create", vendor_xml("DUP"), "t-2"),
        transaction=True,
        uniqueid="true",
        **company,
    )
    retry = await gateway.call(function("create", vendor_xml("NEW"), "t-1"), uniqueid="true", **company)
    assert retry.text("operation/result/status") == "success"


async def test_replay_mode_answers_the_first_result_without_running_again(gateway, company):
    gateway.state.companies["TXCO"].uniqueid_replay = "replay"
    first = await gateway.call(function("create", vendor_xml("R1"), "guid-2"), uniqueid="true", **company)
    again = await gateway.call(function("create", vendor_xml("R2"), "guid-2"), uniqueid="true", **company)
    assert again.text("operation/result/status") == "success"
    assert (
        again.text("operation/result/data/vendor/VENDORID")
        == first.text("operation/result/data/vendor/VENDORID")
        == "R1"
    )
    listing = await gateway.call(function("readByQuery", "<object>VENDOR</object><query/>"), **company)
    assert listing.root.find("operation/result/data").get("totalcount") == "1"


async def test_controlids_are_per_company(gateway, company):
    gateway.state.create_company(bare_company("TXCO2"))
    for companyid in ("TXCO", "TXCO2"):
        answer = await gateway.call(
            function("create", vendor_xml("V"), "shared-guid"),
            uniqueid="true",
            authentication=login_xml(companyid=companyid),
        )
        assert answer.text("operation/result/status") == "success"
