"""Sender IDs, company authorization, logins, locations and API sessions, end to end over HTTP."""

from __future__ import annotations

from .gateway import login_xml, request_xml, session_xml

GET_SESSION = '<function controlid="s-1"><getAPISession/></function>'


async def test_get_api_session_returns_a_session_at_the_mocks_own_endpoint(gateway):
    answer = await gateway.call(GET_SESSION)
    assert answer.status == 200
    assert answer.control_status == "success"
    assert answer.text("control/senderid") == "mocksender"
    assert answer.text("control/controlid") == "req-1"
    assert answer.authentication_status == "success"
    assert answer.text("operation/authentication/userid") == "workato_isu"
    assert answer.text("operation/authentication/companyid") == "MOCKCO"
    result = answer.results()[0]
    assert result.findtext("status") == "success"
    assert result.findtext("function") == "getAPISession"
    assert result.findtext("controlid") == "s-1"
    sessionid = result.findtext("data/api/sessionid")
    assert sessionid.endswith("..") and len(sessionid) >= 30
    assert result.findtext("data/api/endpoint") == gateway.endpoint
    assert result.findtext("data/api/locationid") == ""


async def test_authentication_block_carries_iso_session_timestamps(gateway):
    answer = await gateway.call(GET_SESSION)
    stamp = answer.text("operation/authentication/sessiontimestamp")
    timeout = answer.text("operation/authentication/sessiontimeout")
    # 2026-01-01T11:00:00+00:00, and the fixture's two-hour session duration.
    assert len(stamp) == 25 and stamp.endswith("+00:00") and stamp[10] == "T"
    from datetime import datetime

    assert (datetime.fromisoformat(timeout) - datetime.fromisoformat(stamp)).total_seconds() == 7200


async def test_inactive_sender_authorization_fails_authentication(gateway):
    answer = await gateway.call(GET_SESSION, sender=("inactivesender", "inactivesenderpw"))
    assert answer.status == 200
    assert answer.control_status == "success"
    assert answer.authentication_status == "failure"
    assert answer.results() == []
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert error["description"] == "Invalid Web Services Authorization"
    assert error["description2"] == (
        "The sender ID 'inactivesender' is not authorized to make Web Services requests to company ID 'MOCKCO'."
    )
    assert error["correction"].startswith("Contact the company administrator")


async def test_sender_without_authorization_for_the_company_fails_authentication(gateway):
    answer = await gateway.call(GET_SESSION, sender=("othersender", "othersenderpw"))
    assert answer.authentication_status == "failure"
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert "'othersender' is not authorized" in error["description2"]


async def test_wrong_sender_password_is_a_control_failure(gateway):
    answer = await gateway.call(GET_SESSION, sender=("mocksender", "wrong"))
    assert answer.status == 200
    assert answer.control_status == "failure"
    assert answer.root.find("operation") is None
    assert answer.text("control/senderid") == "mocksender"
    assert answer.text("control/controlid") == "req-1"
    [error] = answer.errors()
    assert error["errorno"] == "XL03000006"
    assert error["description2"] == "Incorrect Intacct XML Partner ID or password."


async def test_sender_id_is_case_sensitive(gateway):
    answer = await gateway.call(GET_SESSION, sender=("MockSender", "mocksenderpw"))
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "XL03000006"


async def test_wrong_user_password_answers_401_sign_in_incorrect(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(password="wrong"))
    assert answer.status == 401
    assert answer.headers["Content-Type"].startswith("text/xml")
    assert answer.control_status == "failure"
    assert answer.root.find("control/senderid") is None  # gateway errors echo only the status
    [error] = answer.errors()
    assert error == {
        "errorno": "XMLGW_JPP0002",
        "description": "Sign-in information is incorrect. Please check your request.",
    }


async def test_unknown_user_and_unknown_company_fail_like_a_wrong_password(gateway):
    for login in (login_xml(userid="nobody"), login_xml(companyid="NOSUCHCO")):
        answer = await gateway.call(GET_SESSION, authentication=login)
        assert answer.status == 401
        assert answer.errors()[0]["errorno"] == "XMLGW_JPP0002"


async def test_legacy_login_failure_style_answers_200_at_authentication_level(gateway):
    company = gateway.state.companies["MOCKCO"]
    company.login_failure = "legacy"
    answer = await gateway.call(GET_SESSION, authentication=login_xml(password="wrong"))
    assert answer.status == 200
    assert answer.control_status == "success"
    assert answer.authentication_status == "failure"
    assert answer.text("operation/authentication/userid") == "workato_isu"
    assert answer.text("operation/authentication/companyid") == "MOCKCO"
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert error["description2"] == "Sign-in information is incorrect"


async def test_location_that_is_not_an_entity_fails_authentication(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(locationid="E999"))
    assert answer.status == 200
    assert answer.authentication_status == "failure"
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert "E999" in error["description2"] and "MOCKCO" in error["description2"]


async def test_entity_restricted_user_cannot_sign_in_to_another_entity(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(userid="e100_isu", locationid="E200"))
    assert answer.authentication_status == "failure"
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert "e100_isu" in error["description2"] and "E200" in error["description2"]


async def test_entity_restricted_user_cannot_open_a_top_level_session(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(userid="e100_isu"))
    assert answer.authentication_status == "failure"
    assert "top level" in answer.errors("operation")[0]["description2"]


async def test_entity_restricted_user_signs_in_to_its_entity(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(userid="e100_isu", locationid="E100"))
    assert answer.authentication_status == "success"
    assert answer.text("operation/authentication/locationid") == "E100"
    assert answer.text("operation/result/data/api/locationid") == "E100"


async def test_session_authenticates_later_requests_and_reports_its_location(gateway):
    sessionid = await gateway.open_session(locationid="E200")
    answer = await gateway.call(GET_SESSION, authentication=session_xml(sessionid))
    assert answer.authentication_status == "success"
    assert answer.text("operation/authentication/userid") == "workato_isu"
    assert answer.text("operation/authentication/locationid") == "E200"
    # getAPISession on a session without a location hands back the same session.
    assert answer.text("operation/result/data/api/sessionid") == sessionid


async def test_get_api_session_with_locationid_switches_entity(gateway):
    sessionid = await gateway.open_session()
    answer = await gateway.call(
        '<function controlid="s"><getAPISession><locationid>E100</locationid></getAPISession></function>',
        authentication=session_xml(sessionid),
    )
    api = answer.results()[0].find("data/api")
    assert api.findtext("locationid") == "E100"
    assert api.findtext("sessionid") != sessionid


async def test_get_api_session_cannot_switch_to_an_unknown_entity(gateway):
    sessionid = await gateway.open_session()
    answer = await gateway.call(
        '<function controlid="s"><getAPISession><locationid>E999</locationid></getAPISession></function>',
        authentication=session_xml(sessionid),
    )
    assert answer.authentication_status == "success"
    result = answer.results()[0]
    assert result.findtext("status") == "failure"
    assert "E999" in answer.errors("operation/result")[0]["description2"]


async def test_unknown_session_fails_with_invalid_session(gateway):
    answer = await gateway.call(GET_SESSION, authentication=session_xml("NotARealSession.."))
    assert answer.status == 200
    assert answer.authentication_status == "failure"
    assert answer.text("operation/authentication/userid") == ""
    assert answer.text("operation/authentication/companyid") == ""
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert error["description2"].startswith("Invalid session")


async def test_session_expires_after_the_company_duration_without_use(gateway):
    sessionid = await gateway.open_session()
    status, _ = await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 7201})
    assert status == 200
    answer = await gateway.call(GET_SESSION, authentication=session_xml(sessionid))
    assert answer.authentication_status == "failure"
    assert answer.errors("operation")[0]["description2"].startswith("Invalid session")


async def test_session_expiry_slides_forward_on_every_use(gateway):
    sessionid = await gateway.open_session()
    for _ in range(3):  # 3 x 1.5 h of activity outlives the 2 h duration
        await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 5400})
        answer = await gateway.call(GET_SESSION, authentication=session_xml(sessionid))
        assert answer.authentication_status == "success"


async def test_session_stops_working_when_the_sender_authorization_is_made_inactive(gateway):
    sessionid = await gateway.open_session()
    gateway.state.companies["MOCKCO"].senders["mocksender"] = "inactive"
    answer = await gateway.call(GET_SESSION, authentication=session_xml(sessionid))
    assert answer.authentication_status == "failure"
    assert answer.errors("operation")[0]["description"] == "Invalid Web Services Authorization"


async def test_each_operation_authenticates_on_its_own(gateway):
    body = request_xml(GET_SESSION).decode()
    bad = (
        "<operation><authentication>"
        + login_xml(userid="e100_isu", locationid="E200")
        + "</authentication><content>"
        + GET_SESSION
        + "</content></operation>"
    )
    answer = await gateway.post(body.replace("</request>", bad + "</request>"))
    statuses = [op.findtext("authentication/status") for op in answer.root.findall("operation")]
    assert statuses == ["success", "failure"]


def test_sessions_nobody_uses_again_are_forgotten():
    """A client that logs in for every job never comes back to its old sessions; they must not pile up."""
    from mockserver.control.clock import Clock
    from mockserver.tenancy.sessions import SWEEP_SECONDS, Sessions

    clock = Clock()
    sessions = Sessions(clock)
    abandoned = [sessions.open("MOCKCO", "workato_isu", "", duration=3600) for _ in range(50)]
    clock.advance(3600 + SWEEP_SECONDS)
    kept = sessions.open("MOCKCO", "workato_isu", "", duration=3600)
    assert list(sessions.by_id) == [kept.sessionid]
    assert all(sessions.live(s.sessionid) is None for s in abandoned)
