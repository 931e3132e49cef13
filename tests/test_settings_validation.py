"""Every admin setting is checked against its declared model (mockserver/control/models.py): a bad
value answers 400 naming the field, the value and what is allowed, changes nothing, and the gateway
keeps answering afterwards. Also: the gateway's own failures still answer an Intacct envelope."""

from __future__ import annotations

import logging
from dataclasses import replace

import pytest

from mockserver.functions import FUNCTIONS

from .gateway import function, login_xml

GET_SESSION = function("getAPISession")
READ_VENDORS = function("readByQuery", "<object>VENDOR</object><query/><pagesize>1</pagesize>")


async def still_serves(gateway) -> None:
    """A sign-in and a readByQuery for MOCKCO both succeed."""
    signed_in = await gateway.call(GET_SESSION)
    assert (signed_in.status, signed_in.text("operation/result/status")) == (200, "success")
    read = await gateway.call(READ_VENDORS)
    assert (read.status, read.text("operation/result/status")) == (200, "success")


def assert_refused(status: int, body: dict, field: str, value) -> None:
    assert status == 400, body
    assert body["field"] == field and body["value"] == value, body
    assert body["allowed"] and body["error"].startswith(field), body


# --- company settings ---------------------------------------------------------------------------

BAD_COMPANY_SETTINGS = [
    ("session_duration_seconds", "abc", "whole number of seconds from 1"),
    ("session_duration_seconds", 0, "from 1 to"),
    ("session_duration_seconds", 7200.5, "whole number"),
    ("session_duration_seconds", 10**12, "to 604800"),
    ("timezone", "Mars/Base", "IANA time zone"),
    ("timezone", "../../etc/passwd", "IANA time zone"),
    ("timezone", 5, "IANA time zone"),
    ("concurrency_limit", -3, "null (unlimited) or a whole number from 1"),
    ("concurrency_limit", 0, "from 1"),
    ("concurrency_limit", "2", "whole number"),
    ("web_services", "false", "true or false"),
    ("web_services", 0, "true or false"),
    ("login_failure", "loud", '"gateway"'),
    ("uniqueid_replay", True, '"replay"'),
    ("permission_http_status", 500, "200"),
    ("modules", "General Ledger", "list of modules"),
    ("modules", ["General Ledge"], '"General Ledger"'),
    ("name", ["a"], "text"),
    ("colour", "red", '"timezone"'),
    ("companyid", "OTHER", '"timezone"'),  # not a setting: the ID is the URL
]


@pytest.mark.parametrize(("key", "value", "allowed"), BAD_COMPANY_SETTINGS)
async def test_bad_company_settings_are_refused_and_change_nothing(gateway, key, value, allowed):
    _, before = await gateway.admin("GET", "/__mock__/companies/MOCKCO")
    status, body = await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"name": "Changed", key: value})
    field = "modules[0]" if isinstance(value, list) and key == "modules" else key
    assert_refused(status, body, field, value[0] if field == "modules[0]" else value)
    assert allowed in body["allowed"]
    _, after = await gateway.admin("GET", "/__mock__/companies/MOCKCO")
    assert after == before  # the name, valid on its own, was not applied either
    await still_serves(gateway)


async def test_good_company_settings_still_apply(gateway):
    status, body = await gateway.admin(
        "PATCH",
        "/__mock__/companies/MOCKCO",
        {"timezone": "America/New_York", "session_duration_seconds": 60, "concurrency_limit": None},
    )
    assert status == 200 and body["timezone"] == "America/New_York" and body["session_duration_seconds"] == 60
    signed_in = await gateway.call(GET_SESSION)
    assert signed_in.text("operation/authentication/sessiontimestamp").endswith(("-05:00", "-04:00"))
    await still_serves(gateway)


# --- users and senders --------------------------------------------------------------------------

BAD_USERS = [
    ({"status": "sleeping"}, "status", "sleeping", '"locked out"'),
    ({"admin": "superuser"}, "admin", "superuser", '"off", "limited", "full"'),
    ({"grants": {"VENDR": ["list"]}}, "grants.VENDR", "VENDR", "object names, module names or *"),
    ({"grants": {"VENDOR": ["lst"]}}, "grants.VENDOR[0]", "lst", '"list", "view"'),
    ({"grants": {"VENDOR": "list"}}, "grants.VENDOR", "list", "lists of operations"),
    ({"grants": ["VENDOR"]}, "grants", ["VENDOR"], "object names"),
    ({"user_type": "wizard"}, "user_type", "wizard", '"view only user"'),
    ({"entities": ["E999"]}, "entities[0]", "E999", '"E100"'),
    ({"entities": "E100"}, "entities", "E100", "location IDs"),
    ({"password": ""}, "password", "", "1 to 200 characters"),
    ({"password": 12345}, "password", 12345, "1 to 200 characters"),
    ({"password": None}, "password", None, "1 to 200 characters"),
    ({"colour": "red"}, "colour", "red", '"grants"'),
]


@pytest.mark.parametrize(("change", "field", "value", "allowed"), BAD_USERS)
async def test_bad_user_settings_are_refused_and_change_nothing(gateway, change, field, value, allowed):
    path = "/__mock__/companies/MOCKCO/users/workato_isu"
    _, before = await gateway.admin("GET", "/__mock__/companies/MOCKCO")
    status, body = await gateway.admin("PUT", path, {"first_name": "Changed", **change})
    assert_refused(status, body, field, value)
    assert allowed in body["allowed"]
    _, after = await gateway.admin("GET", "/__mock__/companies/MOCKCO")
    assert after == before
    await still_serves(gateway)


async def test_a_new_user_without_a_password_is_refused_and_not_created(gateway):
    status, body = await gateway.admin("PUT", "/__mock__/companies/MOCKCO/users/nopw_isu", {"admin": "full"})
    assert_refused(status, body, "password", None)
    assert "nopw_isu" not in gateway.state.companies["MOCKCO"].users


@pytest.mark.parametrize("value", ["revoked", "", None, True, ["active"]])
async def test_bad_sender_authorizations_are_refused_and_change_nothing(gateway, value):
    before = dict(gateway.state.companies["MOCKCO"].senders)
    status, body = await gateway.admin("PUT", "/__mock__/companies/MOCKCO/senders/newsender", {"status": value})
    assert_refused(status, body, "status", value)
    assert gateway.state.companies["MOCKCO"].senders == before
    await still_serves(gateway)


# --- faults -------------------------------------------------------------------------------------

BAD_FAULTS = [
    ({"action": {"type": "latency", "ms": 10**12}}, "action.ms", 10**12, "from 0 to 60000"),
    ({"action": {"type": "latency", "ms": -5}}, "action.ms", -5, "from 0 to 60000"),
    ({"action": {"type": "latency", "ms": "abc"}}, "action.ms", "abc", "milliseconds"),
    ({"action": {"type": "latency", "min_ms": 900, "max_ms": 100}}, "action", None, "type is"),
    ({"action": {"type": "http", "status": "abc"}}, "action.status", "abc", "from 400 to 599"),
    ({"action": {"type": "http", "status": 99999}}, "action.status", 99999, "from 400 to 599"),
    ({"action": {"type": "http"}}, "action.status", None, "from 400 to 599"),
    ({"action": {"type": "drop"}, "times": 0}, "times", 0, "from 1"),
    ({"action": {"type": "drop"}, "times": "2"}, "times", "2", "whole number"),
    ({"action": {"type": "drop"}, "probability": 1.5}, "probability", 1.5, "at most 1"),
    ({"action": {"type": "drop"}, "probability": "half"}, "probability", "half", "greater than 0"),
    ({"action": {"type": "drop"}, "match": {"company": 7}}, "match.company", 7, "company ID"),
    ({"action": {"type": "error", "errorno": ["X"]}}, "action.errorno", ["X"], "1 to 40 characters"),
    ({"action": "drop"}, "action", "drop", '"latency"'),
    ({}, "action", None, '"truncate"'),
]


@pytest.mark.parametrize(("rule", "field", "value", "allowed"), BAD_FAULTS)
async def test_bad_fault_rules_are_refused_with_the_field_and_change_nothing(gateway, rule, field, value, allowed):
    await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "latency", "ms": 1}, "match": {"company": "X"}})
    _, before = await gateway.admin("GET", "/__mock__/faults")
    status, body = await gateway.admin("POST", "/__mock__/faults", rule)
    if value is None:  # a missing key or a whole-object check: the value is the object (or absent)
        assert status == 400 and body["field"] == field, body
    else:
        assert_refused(status, body, field, value)
    assert allowed in body["allowed"]
    assert "invalid literal" not in body["error"]
    _, after = await gateway.admin("GET", "/__mock__/faults")
    assert after == before and len(after["faults"]) == 1
    await still_serves(gateway)


# --- journal, clock, company creation ----------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "field", "value"),
    [("limit=abc", "limit", "abc"), ("limit=0", "limit", "0"), ("limit=-1", "limit", "-1"),
     ("limit=10000000", "limit", "10000000"), ("status=sleeping", "status", "sleeping"),
     ("colour=red", "colour", "red"), ("limit=1&limit=2", "limit", ["1", "2"])],
)  # fmt: skip
async def test_bad_journal_queries_are_refused(gateway, query, field, value):
    await gateway.call(GET_SESSION)
    status, body = await gateway.admin("GET", f"/__mock__/journal?{query}")
    assert_refused(status, body, field, value)
    assert len(gateway.state.journal.entries) == 1


async def test_journal_limit_is_applied(gateway):
    for _ in range(3):
        await gateway.call(GET_SESSION)
    status, body = await gateway.admin("GET", "/__mock__/journal?limit=2")
    assert status == 200 and len(body["exchanges"]) == 2


@pytest.mark.parametrize("value", ["abc", -1, None, True, 10**12])
async def test_bad_clock_advances_are_refused_and_leave_the_clock(gateway, value):
    status, body = await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": value})
    assert_refused(status, body, "advance_seconds", value)
    assert gateway.state.clock.offset == 0.0
    await still_serves(gateway)


async def test_an_infinite_clock_advance_is_refused(gateway):
    async with gateway.http.post(gateway.base_url + "/__mock__/clock", data=b'{"advance_seconds": Infinity}') as reply:
        assert reply.status == 400 and (await reply.json())["field"] == "advance_seconds"
    assert gateway.state.clock.offset == 0.0


BAD_CREATIONS = [
    ({"fixture": "NOPE"}, "fixture", "NOPE"),
    ({"fixture": "MOCKCO", "companyid": "has space"}, "companyid", "has space"),
    ({"fixture": "MOCKCO", "replace": "yes"}, "replace", "yes"),
    ({"company": "nope"}, "company", "nope"),
    ({"company": {"companyid": "BADCO", "users": "nope"}}, "company.users", "nope"),
    ({"company": {"companyid": "BADCO", "timezone": "Mars/Base"}}, "company.timezone", "Mars/Base"),
    ({"company": {"companyid": "BADCO", "records": {"VENDR": []}}}, "company.records.VENDR", []),
    (
        {"company": {"companyid": "BADCO", "records": {"VENDOR": [{"VENDORID": "V1", "COLOUR": "red"}]}}},
        "company.records.VENDOR[0].COLOUR",
        "red",
    ),
    (
        {"company": {"companyid": "BADCO", "records": {"VENDOR": [{"VENDORID": "V1", "_entity": "E100"}]}}},
        "company.records.VENDOR[0]._entity",
        "E100",
    ),
]


@pytest.mark.parametrize(("body", "field", "value"), BAD_CREATIONS)
async def test_bad_company_creations_are_refused_and_create_nothing(gateway, body, field, value):
    before = (sorted(gateway.state.companies), sorted(gateway.state.fixtures))
    status, answer = await gateway.admin("POST", "/__mock__/companies", body)
    assert_refused(status, answer, field, value)
    assert (sorted(gateway.state.companies), sorted(gateway.state.fixtures)) == before
    await still_serves(gateway)


# --- defence in depth -----------------------------------------------------------------------------


def broken_inspect(call):
    """The one deliberate failure in the suite: a handler with a bug, to prove the gateway's last line
    of defence (no setting or request can reach one any more)."""
    raise RuntimeError("a bug in a handler")


async def test_an_unexpected_exception_answers_an_intacct_envelope_journaled_and_logged(gateway, monkeypatch, caplog):
    monkeypatch.setitem(FUNCTIONS, "inspect", replace(FUNCTIONS["inspect"], handler=broken_inspect))
    with caplog.at_level(logging.INFO, logger="mock_intacct"):
        answer = await gateway.call(function("inspect", "<object>VENDOR</object>"), controlid="boom-1")
    assert answer.status == 500
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "GW-0001"
    logged = [r for r in caplog.records if r.levelno == logging.ERROR]
    assert logged and logged[0].exc_info and "a bug in a handler" in caplog.text
    _, journal = await gateway.admin("GET", "/__mock__/journal?limit=1")
    newest = journal["exchanges"][0]
    assert newest["http_status"] == 500 and newest["errornos"] == ["GW-0001"]
    assert "boom-1" in newest["request"] and "GW-0001" in newest["response"]
    monkeypatch.undo()
    await still_serves(gateway)


@pytest.mark.parametrize(("login_failure", "errorno"), [("gateway", "XMLGW_JPP0002"), ("legacy", "XL03000006")])
async def test_the_log_line_of_a_failed_sign_in_says_failure_and_its_errorno(gateway, caplog, login_failure, errorno):
    await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"login_failure": login_failure})
    with caplog.at_level(logging.INFO, logger="mock_intacct"):
        await gateway.call(GET_SESSION, authentication=login_xml(password="wrong"))
    line = [r.getMessage() for r in caplog.records if r.name == "mock_intacct"][-1]
    assert f"failure {errorno}" in line and "success" not in line, line
