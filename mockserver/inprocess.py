"""MockIntacct: the mock inside your own process, for any test harness (no pytest needed).

    from mockserver import MockIntacct

    with MockIntacct() as mock:                       # or: async with MockIntacct() as mock:
        company = mock.new_company()                  # a fresh copy of MOCKCO
        run_my_sync(**company.credentials)            # INTACCT_* for that company
        mock.admin.set_sender(company.companyid, "mocksender", "inactive")

The server runs on its own thread and event loop, so sync code and async code (on any loop) can
call it alike. It listens on a free loopback port. Settings come from MockIntacct's keyword arguments
(the fields of mockserver.settings.Settings), then the MOCK_INTACCT_* variables, as for the CLI; only
host and port are not taken from the environment (an in-process mock is a loopback one). The admin
helper sends the admin token whenever one is configured.
"""

from __future__ import annotations

import asyncio
import json
import threading
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from aiohttp import web

from mockserver.settings import DEFAULT_CREDENTIALS, GATEWAY_PATH, Settings

START_TIMEOUT = 60.0  # seconds: loading a large fixture set is the slow part


class AdminError(Exception):
    """The admin API answered an HTTP error; `status` and the server's `message` say which."""

    def __init__(self, method: str, path: str, status: int, message: str) -> None:
        super().__init__(f"admin {method} {path}: HTTP {status}: {message}")
        self.status = status
        self.message = message


@dataclass
class MockCompany:
    companyid: str
    endpoint: str
    credentials: dict[str, str] = field(repr=False)  # the INTACCT_* variables for this company

    @property
    def env(self) -> dict[str, str]:
        return dict(self.credentials)


class Admin:
    """The JSON admin API under /__mock__/ (urllib: callable from sync code and from any thread).

    Call it directly for any endpoint, admin("GET", "/__mock__/journal"), or use the helpers."""

    def __init__(self, url: str, token: str = "") -> None:
        self.url = url
        self.token = token

    def __call__(self, method: str, path: str, body: dict | None = None) -> dict:
        """Send one request; the JSON answer, or AdminError on an HTTP error."""
        if not self.url:
            raise RuntimeError("MockIntacct is not started: use `with MockIntacct() as mock:` or start()")
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return json.loads(reply.read() or b"{}")
        except urllib.error.HTTPError as failure:
            raise AdminError(method, path, failure.code, _error_message(failure.read())) from None

    def create_company(self, fixture: str = "MOCKCO", companyid: str | None = None, replace: bool = False) -> str:
        """A company from a loaded fixture; a fresh ID (MOCKCO-1A2B3C4D) unless companyid is given."""
        body: dict[str, Any] = {"fixture": fixture}
        if companyid is not None:
            body["companyid"] = companyid
        if replace:
            body["replace"] = True
        return self("POST", "/__mock__/companies", body)["companyid"]

    def delete_company(self, companyid: str) -> None:
        self("DELETE", f"/__mock__/companies/{companyid}")

    def reset_company(self, companyid: str) -> dict:
        """Back to its fixture: records, users, senders and settings."""
        return self("POST", f"/__mock__/companies/{companyid}/reset")

    def reset(self) -> dict:
        """Every company back to the fixtures; faults, journal and clock cleared."""
        return self("POST", "/__mock__/reset")

    def company_state(self, companyid: str) -> dict:
        return self("GET", f"/__mock__/companies/{companyid}/state")

    def set_company(self, companyid: str, **settings: Any) -> dict:
        """Company settings, e.g. set_company("MOCKCO", web_services=False, concurrency_limit=2)."""
        return self("PATCH", f"/__mock__/companies/{companyid}", settings)

    def set_sender(self, companyid: str, sender: str, status: str = "active") -> dict:
        return self("PUT", f"/__mock__/companies/{companyid}/senders/{sender}", {"status": status})

    def set_user(self, companyid: str, user: str, **fields: Any) -> dict:
        return self("PUT", f"/__mock__/companies/{companyid}/users/{user}", fields)

    def add_fault(self, rule: dict) -> dict:
        return self("POST", "/__mock__/faults", rule)

    def clear_faults(self) -> dict:
        return self("DELETE", "/__mock__/faults")

    def advance_clock(self, seconds: int) -> dict:
        return self("POST", "/__mock__/clock", {"advance_seconds": seconds})

    def journal(self, limit: int | None = None) -> dict:
        return self("GET", "/__mock__/journal" + ("" if limit is None else f"?limit={limit}"))


class MockIntacct:
    """A mock-intacct server on its own thread and event loop; a context manager, sync and async.

    MockIntacct(fixtures="my/fixtures", admin_token="t") takes any Settings field as a keyword, or
    a whole Settings with `settings=`."""

    def __init__(self, settings: Settings | None = None, **overrides: Any) -> None:
        if settings is None:
            overrides.setdefault("host", "127.0.0.1")
            overrides.setdefault("port", 0)
            settings = Settings.from_environment(**overrides)
        elif overrides:
            raise TypeError("give either settings or keyword settings, not both")
        self.settings = settings
        self.port = 0
        self.admin = Admin("", settings.admin_token)
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._runner: web.AppRunner | None = None

    # --- lifecycle -----------------------------------------------------------------------------

    def start(self) -> MockIntacct:
        """Start serving; returns once the fixtures are loaded and the port is bound."""
        if self._thread is not None:
            raise RuntimeError("this MockIntacct is already started")
        from mockserver.app import create_app  # late: `import mockserver` stays light

        loop = asyncio.new_event_loop()
        self._loop = loop
        self._thread = threading.Thread(target=loop.run_forever, name="mock-intacct", daemon=True)
        self._thread.start()

        async def serve() -> int:
            runner = web.AppRunner(create_app(self.settings), access_log=None)
            await runner.setup()  # loads the fixtures: a bad fixture set fails here
            self._runner = runner
            site = web.TCPSite(runner, self.settings.host, self.settings.port)
            await site.start()
            return runner.addresses[0][1]

        try:
            self.port = asyncio.run_coroutine_threadsafe(serve(), loop).result(timeout=START_TIMEOUT)
        except BaseException:
            self.stop()
            raise
        self.admin.url = self.url
        return self

    def stop(self) -> None:
        """Stop serving and end the thread; safe to call twice."""
        loop, thread, runner = self._loop, self._thread, self._runner
        self._loop = self._thread = self._runner = None
        if loop is None or thread is None:
            return
        if runner is not None:
            asyncio.run_coroutine_threadsafe(runner.cleanup(), loop).result(timeout=30)
        loop.call_soon_threadsafe(loop.stop)
        thread.join(timeout=10)
        loop.close()

    def __enter__(self) -> MockIntacct:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    async def __aenter__(self) -> MockIntacct:
        # Starting blocks until the fixtures are loaded: off the caller's loop.
        return await asyncio.to_thread(self.start)

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await asyncio.to_thread(self.stop)

    # --- where and who -------------------------------------------------------------------------

    @property
    def url(self) -> str:
        """The server's base URL (the admin API is under /__mock__/)."""
        if not self.port:
            raise RuntimeError("MockIntacct is not started: use `with MockIntacct() as mock:` or start()")
        host = self.settings.host
        return f"http://[{host}]:{self.port}" if ":" in host else f"http://{host}:{self.port}"

    @property
    def endpoint(self) -> str:
        """The gateway URL: what INTACCT_ENDPOINT_URL is set to."""
        return self.url + GATEWAY_PATH

    def credentials(self, companyid: str = "MOCKCO") -> dict[str, str]:
        """The INTACCT_* variables for a company (the default fixture's sender and user)."""
        return {"INTACCT_ENDPOINT_URL": self.endpoint, **DEFAULT_CREDENTIALS, "INTACCT_COMPANY_ID": companyid}

    @property
    def env(self) -> dict[str, str]:
        """The INTACCT_* variables for MOCKCO: os.environ.update(mock.env)."""
        return self.credentials()

    def new_company(self, fixture: str = "MOCKCO") -> MockCompany:
        """A fresh copy of a fixture company, with its credentials."""
        companyid = self.admin.create_company(fixture)
        return MockCompany(companyid, self.endpoint, self.credentials(companyid))


def _error_message(body: bytes) -> str:
    try:
        answer = json.loads(body)
    except ValueError:
        return body[:300].decode("utf-8", "replace")
    if isinstance(answer, dict) and isinstance(answer.get("error"), str):
        return answer["error"]
    return json.dumps(answer)[:300]
