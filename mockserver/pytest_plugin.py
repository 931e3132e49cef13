"""pytest plugin (entry point `pytest11`): the mock in your own test suite with one fixture name.

    def test_my_integration(intacct_company):
        client = MyIntacctClient(**intacct_company.credentials)   # a fresh company for this test
        ...

`intacct_mock` (session scope) is a mock server on a free loopback port, started in-process on a
background thread; `intacct_company` is a fresh copy of the MOCKCO fixture per test, deleted after.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.request
from dataclasses import dataclass, field

import pytest
from aiohttp import web

from mockserver.cli import DEFAULT_CREDENTIALS
from mockserver.settings import GATEWAY_PATH, Settings


@dataclass
class MockCompany:
    companyid: str
    endpoint: str
    credentials: dict[str, str] = field(repr=False)  # the INTACCT_* variables for this company

    @property
    def env(self) -> dict[str, str]:
        return dict(self.credentials)


class MockServer:
    """A mock running on its own thread and event loop, so sync and async tests can both use it."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.loop = asyncio.new_event_loop()
        self.runner: web.AppRunner | None = None
        self.port = 0
        self.thread = threading.Thread(target=self.loop.run_forever, name="mock-intacct", daemon=True)

    def start(self) -> MockServer:
        from mockserver.app import create_app  # imported late: plugins load before the suite's own imports

        self.thread.start()

        async def serve() -> int:
            self.runner = web.AppRunner(create_app(self.settings), access_log=None)
            await self.runner.setup()
            site = web.TCPSite(self.runner, "127.0.0.1", 0)
            await site.start()
            return site._server.sockets[0].getsockname()[1]

        self.port = asyncio.run_coroutine_threadsafe(serve(), self.loop).result(timeout=30)
        return self

    def stop(self) -> None:
        if self.runner is not None:
            asyncio.run_coroutine_threadsafe(self.runner.cleanup(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.url + GATEWAY_PATH

    def admin(self, method: str, path: str, body: dict | None = None) -> dict:
        """Call the admin API (/__mock__/...) and return its JSON answer; raises on HTTP errors."""
        data = None if body is None else json.dumps(body).encode()
        request = urllib.request.Request(
            self.url + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=30) as reply:
            return json.loads(reply.read() or b"{}")

    def credentials(self, companyid: str = "MOCKCO") -> dict[str, str]:
        return {"INTACCT_ENDPOINT_URL": self.endpoint, **DEFAULT_CREDENTIALS, "INTACCT_COMPANY_ID": companyid}

    def new_company(self, fixture: str = "MOCKCO") -> MockCompany:
        companyid = self.admin("POST", "/__mock__/companies", {"fixture": fixture})["companyid"]
        return MockCompany(companyid, self.endpoint, self.credentials(companyid))


@pytest.fixture(scope="session")
def intacct_mock():
    """A mock-intacct server with the default fixtures, for the whole test session."""
    server = MockServer(Settings.from_environment(port=0)).start()
    yield server
    server.stop()


@pytest.fixture
def intacct_company(intacct_mock: MockServer):
    """A fresh, isolated copy of the MOCKCO company for one test; deleted afterwards."""
    company = intacct_mock.new_company()
    yield company
    intacct_mock.admin("DELETE", f"/__mock__/companies/{company.companyid}")
