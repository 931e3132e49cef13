"""MockIntacct, the in-process server for any harness: sync and async context manager, free port,
credentials, and an admin helper that sends the admin token."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import urllib.error
import urllib.request

import pytest
from aiointacct import Credentials, IntacctClient

from mockserver import MockIntacct
from mockserver.inprocess import AdminError


def status_of(url: str, token: str | None = None) -> int:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers), timeout=10) as reply:
            return reply.status
    except urllib.error.HTTPError as refused:
        return refused.code


def mock_threads() -> list[threading.Thread]:
    return [thread for thread in threading.enumerate() if thread.name == "mock-intacct"]


def test_a_with_block_serves_on_a_free_loopback_port_and_stops_after():
    before = len(mock_threads())
    with MockIntacct() as mock:
        assert mock.url.startswith("http://127.0.0.1:") and mock.port > 0
        assert status_of(mock.url + "/__mock__/health") == 200
        assert mock.env == {
            "INTACCT_ENDPOINT_URL": mock.url + "/ia/xml/xmlgw.phtml",
            "INTACCT_SENDER_ID": "mocksender",
            "INTACCT_SENDER_PASSWORD": "mocksenderpw",
            "INTACCT_COMPANY_ID": "MOCKCO",
            "INTACCT_USER_ID": "workato_isu",
            "INTACCT_USER_PASSWORD": "mockuserpw",
        }
        url = mock.url
    with pytest.raises(urllib.error.URLError):
        urllib.request.urlopen(url + "/__mock__/health", timeout=5)
    assert len(mock_threads()) == before
    mock.stop()  # a second stop is harmless


async def test_an_async_with_block_serves_a_client_on_the_tests_own_loop():
    async with MockIntacct() as mock:
        company = mock.new_company()
        async with IntacctClient(Credentials.from_env(env=company.credentials)) as client:
            session = await client.open_session()
    assert session.company_id == company.companyid and session.endpoint == mock.endpoint


def test_the_admin_helper_creates_changes_resets_and_deletes_companies():
    with MockIntacct() as mock:
        admin = mock.admin
        assert admin.create_company("MOCKSMALL", companyid="HARNESS") == "HARNESS"
        assert admin.set_company("HARNESS", web_services=False)["web_services"] is False
        assert admin.set_sender("HARNESS", "mocksender", "inactive")["status"] == "inactive"
        admin.reset_company("HARNESS")
        assert admin("GET", "/__mock__/companies/HARNESS")["web_services"] is True
        with pytest.raises(AdminError) as exists:
            admin.create_company("MOCKSMALL", companyid="HARNESS")
        assert exists.value.status == 409 and "exists" in exists.value.message
        assert admin.create_company("MOCKCO", companyid="HARNESS", replace=True) == "HARNESS"
        admin.delete_company("HARNESS")
        assert "HARNESS" not in admin("GET", "/__mock__/companies")["companies"]
        with pytest.raises(AdminError, match=r"HTTP 400: fixture: no such fixture; allowed: one of \"MOCKCO\""):
            admin.create_company("NOSUCH")


def test_the_admin_helper_sends_the_configured_token():
    with MockIntacct(admin_token="harness-token") as mock:
        assert status_of(mock.url + "/__mock__/companies") == 401  # the token is enforced ...
        assert status_of(mock.url + "/__mock__/companies", "harness-token") == 200
        assert mock.new_company().companyid.startswith("MOCKCO-")  # ... and the helper sends it


def test_the_token_from_the_environment_is_sent_too(monkeypatch):
    monkeypatch.setenv("MOCK_INTACCT_ADMIN_TOKEN", "from-env")
    with MockIntacct() as mock:
        assert status_of(mock.url + "/__mock__/companies") == 401
        assert mock.admin.reset()["companies"]


def test_a_fixture_folder_that_does_not_load_fails_start_and_leaves_no_thread(tmp_path):
    before = len(mock_threads())
    with pytest.raises(Exception), MockIntacct(fixtures=str(tmp_path / "missing")):  # noqa: B017 (its kind is not the point)
        pass
    assert len(mock_threads()) == before


def test_url_before_start_says_how_to_start():
    with pytest.raises(RuntimeError, match="not started"):
        _ = MockIntacct().url
    with pytest.raises(RuntimeError, match="not started"):
        MockIntacct().admin.reset()


def test_importing_mockserver_stays_light():
    probe = "import sys, json, mockserver; print(json.dumps(['aiohttp' in sys.modules, mockserver.__version__]))"
    loaded, version = json.loads(subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout)
    assert loaded is False and version
