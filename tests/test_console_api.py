"""The console's own endpoints over real HTTP: the same token as the admin API, cross-site writes refused,
summaries that filter, one exchange redacted with its failures drawn out, replay, the live event stream."""

from __future__ import annotations

import asyncio
import json

import aiohttp
import pytest
from aiohttp.test_utils import TestServer

from mockserver.app import STATE, create_app
from mockserver.settings import Settings

from .gateway import function, request_xml

MISSING_OBJECT = function("readByQuery", "<object>NOSUCHOBJECT</object><query/><pagesize>1</pagesize>")


async def exchanges(gateway, **query) -> list[dict]:
    status, found = await gateway.admin(
        "GET", "/__mock__/console/exchanges?" + "&".join(f"{k}={v}" for k, v in query.items())
    )
    assert status == 200, found
    return found["exchanges"]


async def test_the_page_and_its_assets_are_served_from_the_package(gateway):
    async with gateway.http.get(gateway.base_url + "/__mock__/ui") as reply:
        assert reply.status == 200 and "text/html" in reply.headers["Content-Type"]
        assert "frame-ancestors 'none'" in reply.headers["Content-Security-Policy"]
        page = await reply.text()
    assert "/__mock__/ui/console.js" in page and "http" not in page.replace("http-equiv", "")
    for asset, kind in (("console.js", "javascript"), ("console.css", "css")):
        async with gateway.http.get(f"{gateway.base_url}/__mock__/ui/{asset}") as reply:
            assert reply.status == 200 and kind in reply.headers["Content-Type"]
    for elsewhere in ("/__mock__/ui/../control/admin.py", "/__mock__/ui/index.html", "/__mock__/ui/x.js"):
        async with gateway.http.get(gateway.base_url + elsewhere) as reply:
            assert reply.status == 404, elsewhere


async def test_summaries_list_newest_first_and_filter(gateway):
    await gateway.call(function("getAPISession", controlid="ok"))
    await gateway.call(MISSING_OBJECT)
    newest, oldest = await exchanges(gateway)
    assert newest["functions"][0]["function"] == "readByQuery" and newest["failed"] and newest["errornos"]
    assert oldest["functions"] == [{"function": "getAPISession", "status": "success", "errornos": []}]
    assert oldest["company"] == "MOCKCO" and oldest["user"] == "workato_isu" and oldest["http_status"] == 200
    errorno = newest["errornos"][0]
    assert [e["id"] for e in await exchanges(gateway, status="failure")] == [newest["id"]]
    assert [e["id"] for e in await exchanges(gateway, errorno=errorno)] == [newest["id"]]
    assert [e["id"] for e in await exchanges(gateway, object="nosuchobject")] == [newest["id"]]
    assert [e["id"] for e in await exchanges(gateway, function="getAPISession")] == [oldest["id"]]
    assert await exchanges(gateway, company="OTHERCO") == []
    assert [e["id"] for e in await exchanges(gateway, limit=1)] == [newest["id"]]
    assert [e["id"] for e in await exchanges(gateway, before=newest["id"])] == [oldest["id"]]
    # Free text searches what the console shows: a password is redacted there, so it finds nothing.
    assert await exchanges(gateway, q="mockuserpw") == [] and len(await exchanges(gateway, q="NOSUCHOBJECT")) == 1


async def test_a_bad_limit_or_a_gone_exchange_is_a_clear_error(gateway):
    for limit in ("0", "501", "ten"):
        status, body = await gateway.admin("GET", f"/__mock__/console/exchanges?limit={limit}")
        assert status == 400 and body["field"] == "limit", body
    status, body = await gateway.admin("GET", "/__mock__/console/exchanges?colour=red")
    assert status == 400 and body["field"] == "colour"
    status, body = await gateway.admin("GET", "/__mock__/console/exchange?id=abc")
    assert status == 404 and "no longer in the journal" in body["error"]
    status, body = await gateway.admin("GET", "/__mock__/console/exchange")
    assert status == 400 and body["field"] == "id"
    status, body = await gateway.admin("POST", "/__mock__/console/replay?id=abc")
    assert status == 404


async def test_one_exchange_is_redacted_and_its_failures_drawn_out(gateway):
    await gateway.call(MISSING_OBJECT)
    (summary,) = await exchanges(gateway)
    status, shown = await gateway.admin("GET", f"/__mock__/console/exchange?id={summary['id']}")
    assert status == 200
    assert "mocksenderpw" not in shown["request"] and "mockuserpw" not in shown["request"]
    assert "<password>" in shown["request"] and "\n  <control>" in shown["request"]  # indented
    (failure,) = shown["failures"]
    assert failure["errorno"] == summary["errornos"][0] and failure["function"] == "readByQuery"
    assert "NOSUCHOBJECT" in failure["description"] and failure["where"] == "result"


async def test_replay_sends_the_same_request_again_and_journals_it(gateway):
    await gateway.call(function("getAPISession"))
    (first,) = await exchanges(gateway)
    status, again = await gateway.admin("POST", f"/__mock__/console/replay?id={first['id']}")
    assert status == 200 and again["http_status"] == 200 and "<sessionid>" in again["response"]
    assert again["failures"] == []
    newest, _ = await exchanges(gateway)
    assert newest["id"] == again["id"] != first["id"] and newest["functions"][0]["status"] == "success"


async def test_the_event_stream_announces_each_new_exchange(gateway):
    async with gateway.http.get(gateway.base_url + "/__mock__/console/events") as refused:
        assert refused.status == 406 and "text/event-stream" in (await refused.json())["error"]
    wanted = {"Accept": "text/event-stream"}
    async with gateway.http.get(gateway.base_url + "/__mock__/console/events", headers=wanted) as stream:
        assert stream.headers["Content-Type"].startswith("text/event-stream")
        assert await stream.content.readline() == b": connected\n"
        await stream.content.readline()
        await gateway.call(MISSING_OBJECT)
        event = await asyncio.wait_for(stream.content.readline(), 5)
        data = await asyncio.wait_for(stream.content.readline(), 5)
    assert event == b"event: exchange\n"
    announced = json.loads(data.removeprefix(b"data: "))
    assert announced["functions"][0]["function"] == "readByQuery" and announced["failed"]


@pytest.fixture
async def guarded():
    """A mock run with --admin-token."""
    app = create_app(Settings.from_environment(port=0, admin_token="console-test-token"))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    yield str(server.make_url("")).rstrip("/"), app[STATE]
    await server.close()


async def test_with_a_token_no_data_and_no_event_is_served_without_it(guarded):
    base, _ = guarded
    async with aiohttp.ClientSession() as http:
        async with http.get(base + "/__mock__/ui") as reply:  # the page itself holds nothing: it asks
            assert reply.status == 200
        for path in ("/__mock__/console/exchanges", "/__mock__/console/exchange?id=1", "/__mock__/console/events"):
            wrong = {"Authorization": "Bearer wrong", "Accept": "text/event-stream"}
            async with http.get(base + path, headers=wrong) as reply:
                assert reply.status == 401, path
        async with http.post(base + "/__mock__/console/replay?id=1") as reply:
            assert reply.status == 401
        good = {"Authorization": "Bearer console-test-token"}
        async with http.get(base + "/__mock__/console/exchanges", headers=good) as reply:
            assert reply.status == 200


async def test_a_cross_site_write_is_refused_and_changes_nothing(gateway):
    company = gateway.state.companies["MOCKCO"]
    url = gateway.base_url + "/__mock__/companies/MOCKCO/senders/mocksender"
    for origin in ("http://evil.example", "null", gateway.base_url.replace("127.0.0.1", "localhost")):
        async with gateway.http.put(url, json={"status": "inactive"}, headers={"Origin": origin}) as reply:
            assert reply.status == 403 and "cross-site" in (await reply.json())["error"]
    async with gateway.http.post(
        gateway.base_url + "/__mock__/reset", headers={"Origin": "http://evil.example"}
    ) as reply:
        assert reply.status == 403
    assert company.senders["mocksender"] == "active"
    async with gateway.http.put(url, json={"status": "inactive"}, headers={"Origin": gateway.base_url}) as reply:
        assert reply.status == 200  # the console's own page
    async with gateway.http.get(
        gateway.base_url + "/__mock__/faults", headers={"Origin": "http://evil.example"}
    ) as reply:
        assert reply.status == 200  # reads change nothing (and CORS keeps their answer from the other site)
    assert gateway.state.companies["MOCKCO"].senders["mocksender"] == "inactive"


def test_request_xml_helper_still_carries_the_secrets_the_console_hides():
    assert b"mocksenderpw" in request_xml() and b"mockuserpw" in request_xml()
