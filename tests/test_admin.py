"""The admin API: tenants, sender authorizations, users, faults, the journal and state dumps."""

from __future__ import annotations

import asyncio

import aiohttp
import pytest
from aiohttp.test_utils import TestServer
from lxml import etree

from mockserver.app import create_app
from mockserver.settings import Settings

from .gateway import bare_company, function, login_xml, request_xml, session_xml, vendor_xml

GET_SESSION = function("getAPISession")


async def test_flipping_the_sender_inactive_and_back(gateway):
    status, body = await gateway.admin("PUT", "/__mock__/companies/MOCKCO/senders/mocksender", {"status": "inactive"})
    assert (status, body["status"]) == (200, "inactive")
    blocked = await gateway.call(GET_SESSION)
    assert blocked.authentication_status == "failure"
    assert blocked.errors("operation")[0]["description"] == "Invalid Web Services Authorization"
    await gateway.admin("PUT", "/__mock__/companies/MOCKCO/senders/mocksender", {"status": "active"})
    assert (await gateway.call(GET_SESSION)).authentication_status == "success"


async def test_revoking_a_sender_authorization(gateway):
    status, _ = await gateway.admin("DELETE", "/__mock__/companies/MOCKCO/senders/mocksender")
    assert status == 200
    assert (await gateway.call(GET_SESSION)).authentication_status == "failure"


async def test_company_from_a_fixture_is_isolated_from_mockco(gateway):
    status, body = await gateway.admin("POST", "/__mock__/companies", {"fixture": "MOCKCO"})
    assert status == 201
    tenant = body["companyid"]
    assert tenant.startswith("MOCKCO-") and tenant in gateway.state.companies
    await gateway.call(function("create", vendor_xml("ONLY-IN-TENANT")), authentication=login_xml(companyid=tenant))
    in_mockco = await gateway.call(function("readByName", "<object>VENDOR</object><keys>ONLY-IN-TENANT</keys>"))
    assert in_mockco.root.find("operation/result/data").get("count") == "0"
    in_tenant = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>ONLY-IN-TENANT</keys>"),
        authentication=login_xml(companyid=tenant),
    )
    assert in_tenant.root.find("operation/result/data").get("count") == "1"
    status, _ = await gateway.admin("DELETE", f"/__mock__/companies/{tenant}")
    assert status == 200
    gone = await gateway.call(GET_SESSION, authentication=login_xml(companyid=tenant))
    assert gone.status == 401


async def test_company_reset_restores_its_fixture(gateway):
    await gateway.call(function("create", vendor_xml("TEMP1")))
    status, _ = await gateway.admin("POST", "/__mock__/companies/MOCKCO/reset")
    assert status == 200
    answer = await gateway.call(function("readByName", "<object>VENDOR</object><keys>TEMP1</keys>"))
    assert answer.root.find("operation/result/data").get("count") == "0"


async def test_an_existing_company_is_not_replaced_by_accident(gateway):
    status, _ = await gateway.admin("POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": "MOCKCO"})
    assert status == 409


async def test_an_inline_company_with_duplicate_ids_is_refused_and_creates_nothing(gateway):
    company = bare_company(
        "DUPCO", records={"VENDOR": [{"VENDORID": "V1", "NAME": "A"}, {"VENDORID": "V1", "NAME": "B"}]}
    )
    status, answer = await gateway.admin("POST", "/__mock__/companies", {"company": company})
    assert status == 400 and answer["field"] == "company.records.VENDOR[1].VENDORID"
    assert "DUPCO" not in gateway.state.companies and "inline:DUPCO" not in gateway.state.fixtures


async def test_a_refused_replacement_leaves_the_company_and_its_sessions_as_they_were(gateway):
    status, _ = await gateway.admin("POST", "/__mock__/companies", {"company": bare_company("KEEPCO")})
    assert status == 201
    sessionid = await gateway.open_session(companyid="KEEPCO")
    unbalanced = bare_company(
        "KEEPCO",
        records={
            "GLACCOUNT": [{"ACCOUNTNO": "1000", "TITLE": "Cash"}],
            "GLBATCH": [
                {
                    "JOURNAL": "GJ",
                    "BATCH_DATE": "01/31/2026",
                    "BATCH_TITLE": "Off",
                    "_lines": [
                        {"ACCOUNTNO": "1000", "TR_TYPE": "1", "TRX_AMOUNT": "10"},
                        {"ACCOUNTNO": "1000", "TR_TYPE": "-1", "TRX_AMOUNT": "9"},
                    ],
                }
            ],
        },
    )
    status, _ = await gateway.admin("POST", "/__mock__/companies", {"company": unbalanced, "replace": True})
    assert status == 400
    again = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/>"), authentication=session_xml(sessionid)
    )
    assert again.text("operation/authentication/status") == "success"  # the session still works
    assert "GLBATCH" not in gateway.state.fixtures["inline:KEEPCO"].get("records", {})  # the old fixture kept


async def test_dump_then_load_round_trips_a_company_exactly(gateway):
    await gateway.call(
        function("create", vendor_xml("DUMPED", CREDITLIMIT="12.5")), authentication=login_xml(locationid="E100")
    )
    status, dump = await gateway.admin("GET", "/__mock__/companies/MOCKCO/state")
    assert status == 200 and "records" in dump
    status, _ = await gateway.admin("POST", "/__mock__/companies", {"company": dump, "companyid": "COPYCO"})
    assert status == 201
    _, copy = await gateway.admin("GET", "/__mock__/companies/COPYCO/state")
    assert copy | {"companyid": "MOCKCO", "fixture": dump["fixture"]} == dump
    vendor = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>DUMPED</keys>"),
        authentication=login_xml(companyid="COPYCO", locationid="E100"),
    )
    assert vendor.text("operation/result/data/VENDOR/MEGAENTITYID") == "E100"


async def test_users_are_created_changed_and_removed(gateway):
    status, user = await gateway.admin(
        "PUT", "/__mock__/companies/MOCKCO/users/new_isu", {"password": "newpw", "grants": {"VENDOR": ["list"]}}
    )
    assert status == 201 and "password" not in user
    auth = {"authentication": login_xml(userid="new_isu", password="newpw")}
    assert (await gateway.call(function("readByQuery", "<object>VENDOR</object><query/>"), **auth)).text(
        "operation/result/status"
    ) == "success"
    denied = await gateway.call(function("readByQuery", "<object>CUSTOMER</object><query/>"), **auth)
    assert denied.errors("operation/result")[0]["errorno"] == "PL04000005"
    await gateway.admin("PUT", "/__mock__/companies/MOCKCO/users/new_isu", {"grants": {"*": ["list"]}})
    allowed = await gateway.call(function("readByQuery", "<object>CUSTOMER</object><query/>"), **auth)
    assert allowed.text("operation/result/status") == "success"
    await gateway.admin("DELETE", "/__mock__/companies/MOCKCO/users/new_isu")
    assert (await gateway.call(GET_SESSION, **auth)).status == 401


@pytest.mark.parametrize("body", [{"password": "x", "entities": ["E999"]}, {"password": "x", "colour": "red"}, {}])
async def test_bad_user_changes_are_refused(gateway, body):
    status, answer = await gateway.admin("PUT", "/__mock__/companies/MOCKCO/users/bad_isu", body)
    assert status == 400 and answer["error"]


# --- faults ----------------------------------------------------------------------------------------


async def add_fault(gateway, rule: dict) -> None:
    status, body = await gateway.admin("POST", "/__mock__/faults", rule)
    assert status == 201, body


async def test_a_record_is_shown_as_read_answers_it(gateway):
    status, body = await gateway.admin("GET", "/__mock__/companies/MOCKCO/records/APBILL/1")
    assert status == 200 and body["object"] == "APBILL" and body["recordno"] == 1
    bill = etree.fromstring(body["xml"])
    read = await gateway.call(function("read", "<object>APBILL</object><keys>1</keys><fields>*</fields>"))
    answered = read.root.find("operation/result/data/APBILL")
    assert [e.tag for e in bill.iter()] == [e.tag for e in answered.iter()]  # same fields, same lines
    assert bill.findtext("RECORDID") == answered.findtext("RECORDID") and bill.find("APBILLITEMS") is not None
    for path in (
        "/__mock__/companies/MOCKCO/records/APBILL/999999",
        "/__mock__/companies/MOCKCO/records/NOSUCH/1",
        "/__mock__/companies/MOCKCO/records/APBILL/x",
        "/__mock__/companies/NOSUCHCO/records/APBILL/1",
    ):
        status, body = await gateway.admin("GET", path)
        assert status == 404 and "error" in body, path


async def test_one_fault_rule_is_removed_by_its_id_and_an_unknown_id_is_404(gateway):
    _, first = await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "http", "status": 503}})
    _, second = await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "latency", "ms": 10}})
    status, body = await gateway.admin("DELETE", f"/__mock__/faults/{first['id']}")
    assert (status, body) == (200, {"deleted": first["id"]})
    _, listed = await gateway.admin("GET", "/__mock__/faults")
    assert [r["id"] for r in listed["faults"]] == [second["id"]]
    status, body = await gateway.admin("DELETE", f"/__mock__/faults/{first['id']}")
    assert status == 404 and body == {"error": "no such fault rule"}
    assert len(gateway.state.faults.rules) == 1


async def test_latency_fault_delays_the_answer(gateway):
    await add_fault(
        gateway, {"match": {"function": "getAPISession"}, "action": {"type": "latency", "ms": 150}, "times": 1}
    )
    started = asyncio.get_running_loop().time()
    await gateway.call(GET_SESSION)
    assert asyncio.get_running_loop().time() - started >= 0.15


@pytest.mark.parametrize("status", [500, 502, 503, 524])
async def test_http_fault_answers_the_status_once(gateway, status):
    await add_fault(gateway, {"action": {"type": "http", "status": status}, "times": 1})
    async with gateway.http.post(gateway.endpoint, data=request_xml(GET_SESSION)) as reply:
        assert reply.status == status
    assert (await gateway.call(GET_SESSION)).status == 200  # spent


async def test_rate_limit_fault_answers_429_gw_0010_with_retry_after(gateway):
    await add_fault(gateway, {"match": {"company": "MOCKCO"}, "action": {"type": "rate_limit"}, "times": 1})
    answer = await gateway.call(GET_SESSION)
    assert answer.status == 429
    assert answer.headers["Retry-After"] == "1"
    assert answer.errors()[0]["errorno"] == "GW-0010"


async def test_forced_error_fails_only_the_matching_function(gateway):
    await add_fault(
        gateway,
        {
            "match": {"function": "readByQuery", "object": "VENDOR"},
            "action": {"type": "error", "errorno": "XL03000009", "description2": "The Service is Temporarily Off-line"},
        },
    )
    answer = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/>", "a")
        + function("readByQuery", "<object>CUSTOMER</object><query/>", "b")
    )
    first, second = answer.results()
    assert first.findtext("status") == "failure"
    assert first.findtext("errormessage/error/description2") == "The Service is Temporarily Off-line"
    assert second.findtext("status") == "success"


async def test_dropped_connection_fault(gateway):
    await add_fault(gateway, {"action": {"type": "drop"}, "times": 1})
    with pytest.raises(aiohttp.ClientError):
        async with gateway.http.post(gateway.endpoint, data=request_xml(GET_SESSION)) as reply:
            await reply.read()
    assert (await gateway.call(GET_SESSION)).status == 200


async def test_truncated_body_fault(gateway):
    await add_fault(gateway, {"action": {"type": "truncate"}, "times": 1})
    with pytest.raises(aiohttp.ClientPayloadError):
        async with gateway.http.post(gateway.endpoint, data=request_xml(GET_SESSION)) as reply:
            await reply.read()


async def test_http_fault_after_running_leaves_the_write_done(gateway):
    await add_fault(
        gateway, {"match": {"function": "create"}, "action": {"type": "http", "status": 502, "after": True}, "times": 1}
    )
    async with gateway.http.post(gateway.endpoint, data=request_xml(function("create", vendor_xml("GHOSTED")))) as r:
        assert r.status == 502
    found = await gateway.call(function("readByName", "<object>VENDOR</object><keys>GHOSTED</keys>"))
    assert found.root.find("operation/result/data").get("count") == "1"


async def test_probability_and_listing_and_clearing_faults(gateway):
    await add_fault(gateway, {"action": {"type": "http", "status": 500}, "probability": 0.5})
    _, listed = await gateway.admin("GET", "/__mock__/faults")
    assert len(listed["faults"]) == 1
    statuses = []
    for _ in range(40):
        async with gateway.http.post(gateway.endpoint, data=request_xml(GET_SESSION)) as reply:
            statuses.append(reply.status)
    assert 0 < statuses.count(500) < 40
    await gateway.admin("DELETE", "/__mock__/faults")
    assert (await gateway.call(GET_SESSION)).status == 200


@pytest.mark.parametrize(
    "rule",
    [
        {"action": {"type": "explode"}},
        {"action": {"type": "http", "status": 200}},
        {"action": {"type": "drop"}, "match": {"colour": "red"}},
        {"action": {"type": "drop"}, "probability": 0},
    ],
)
async def test_bad_fault_rules_are_refused(gateway, rule):
    status, _ = await gateway.admin("POST", "/__mock__/faults", rule)
    assert status == 400


async def test_concurrency_limit_answers_429_when_exceeded(gateway):
    await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"concurrency_limit": 1})
    await add_fault(gateway, {"action": {"type": "latency", "ms": 300}, "times": 1})
    slow = asyncio.ensure_future(gateway.call(GET_SESSION))
    await asyncio.sleep(0.1)
    rejected = await gateway.call(GET_SESSION)
    assert rejected.status == 429 and rejected.errors()[0]["errorno"] == "GW-0010"
    assert (await slow).status == 200


# --- journal ------------------------------------------------------------------------------------


async def test_journal_shows_exchanges_with_secrets_redacted(gateway):
    answer = await gateway.call(GET_SESSION)
    sessionid = answer.text("operation/result/data/api/sessionid")
    await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/>"), authentication=f"<sessionid>{sessionid}</sessionid>"
    )
    status, body = await gateway.admin("GET", "/__mock__/journal?company=MOCKCO")
    assert status == 200
    newest, oldest = body["exchanges"][:2]
    assert newest["functions"][0]["function"] == "readByQuery"
    assert oldest["functions"][0] == {
        "function": "getAPISession",
        "controlid": "f",
        "status": "success",
        "errornos": [],
    }
    assert oldest["company"] == "MOCKCO" and oldest["user"] == "workato_isu" and oldest["http_status"] == 200
    everything = str(body)
    for secret in ("mockuserpw", "mocksenderpw", sessionid):
        assert secret not in everything
    assert "<password>" in oldest["request"]


async def test_journal_filters_by_function_and_status_and_is_bounded(gateway):
    gateway.state.journal.size = 3
    for _ in range(5):
        await gateway.call(function("create", vendor_xml("SAME")))
    _, failures = await gateway.admin("GET", "/__mock__/journal?status=failure&function=create")
    assert len(failures["exchanges"]) == 3  # bounded: only the newest three are kept
    assert all(e["functions"][0]["errornos"] == ["BL34000061", "BL01001973"] for e in failures["exchanges"])


async def test_journal_keeps_a_byte_budget_oldest_dropped_first(gateway):
    journal = gateway.state.journal
    journal.max_bytes = 60_000
    pages = function("readByQuery", "<object>GLACCOUNT</object><query/><pagesize>100</pagesize>")
    for _ in range(6):  # each answer is tens of kilobytes
        await gateway.call(pages)
    await gateway.call(function("create", vendor_xml("LAST-ONE")))
    _, kept = await gateway.admin("GET", "/__mock__/journal")
    sizes = [len(e["request"]) + len(e["response"]) for e in kept["exchanges"]]
    assert 1 <= len(sizes) < 7 and journal.kept_bytes <= 60_000
    assert "LAST-ONE" in kept["exchanges"][0]["request"]  # the newest is always kept


# --- admin token ----------------------------------------------------------------------------------


async def test_admin_api_requires_the_token_when_one_is_set():
    app = create_app(Settings.from_environment(port=0, admin_token="s3cret-test-token"))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as http:
            base = str(server.make_url("")).rstrip("/")
            async with http.post(base + "/__mock__/reset") as reply:
                assert reply.status == 401
            async with http.post(base + "/__mock__/reset", headers={"Authorization": "Bearer wrong"}) as reply:
                assert reply.status == 401
            async with http.post(
                base + "/__mock__/reset", headers={"Authorization": "Bearer s3cret-test-token"}
            ) as reply:
                assert reply.status == 200
            async with http.get(base + "/__mock__/health") as reply:
                assert reply.status == 200  # Docker's healthcheck needs no token
    finally:
        await server.close()
