"""Where the contract suite runs: which gateway, which credentials, and (for a mock) its admin API.

INTACCT_TARGET (or pytest --intacct-target) picks the kind:

  unset / "mock"   the in-process mock of the pytest plugin (fixture intacct_mock)
  "subprocess"     `python -m mockserver serve --port <free>` in its own process, reached only by URL
  http(s) URL      with INTACCT_MOCK_ADMIN_URL set: a mock reached through that URL (a proxy, say)
                   whose admin API is at INTACCT_MOCK_ADMIN_URL; without it: a real gateway at that
                   URL, credentials from INTACCT_*, no admin API

The target named is the one used, always: INTACCT_ENDPOINT_URL (left over from
`eval "$(mock-intacct env)"`, say) never redirects the suite; when it names another endpoint, the
run reports that it was ignored. A value that names no target is a usage error (TargetError).

Every mock kind gives each test a fresh company through the admin API (POST /__mock__/companies);
a real gateway uses the one company of the INTACCT_* variables.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from aiointacct import Credentials

GATEWAY_PATH = "/ia/xml/xmlgw.phtml"
ROOT = Path(__file__).resolve().parent.parent

# The mock's default fixture credentials (README: "Default credentials (all fake)"). INTACCT_*
# variables, when set, win, so a mock loaded with other fixtures works too.
MOCK_CREDENTIALS = {
    "INTACCT_SENDER_ID": "mocksender",
    "INTACCT_SENDER_PASSWORD": "mocksenderpw",
    "INTACCT_USER_ID": "workato_isu",
    "INTACCT_USER_PASSWORD": "mockuserpw",
}
MOCK_FIXTURE = "MOCKCO"

MOCK_KINDS = ("mock", "subprocess", "remote-mock")


class AdminAPI:
    """The mock's JSON admin API under /__mock__/, over plain HTTP (urllib: no event loop needed)."""

    def __init__(self, url: str, token: str | None = None) -> None:
        self.url = url.rstrip("/")
        self.token = token

    def call(self, method: str, path: str, body: dict | None = None) -> dict:
        data = None if body is None else json.dumps(body).encode()
        headers = {"Content-Type": "application/json"}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(self.url + path, data=data, method=method, headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=30) as reply:
                return json.loads(reply.read() or b"{}")
        except urllib.error.HTTPError as failure:
            raise AssertionError(f"admin {method} {path}: HTTP {failure.code} {failure.read()[:300]!r}") from None

    def new_company(self, fixture: str = MOCK_FIXTURE) -> str:
        return self.call("POST", "/__mock__/companies", {"fixture": fixture})["companyid"]

    def delete_company(self, companyid: str) -> None:
        self.call("DELETE", f"/__mock__/companies/{companyid}")


@dataclass
class CompanyAdmin:
    """The admin API bound to one company: what mock_only tests change."""

    api: AdminAPI
    companyid: str

    def settings(self, **changes) -> dict:
        return self.api.call("PATCH", f"/__mock__/companies/{self.companyid}", changes)

    def sender(self, sender: str, status: str) -> dict:
        return self.api.call("PUT", f"/__mock__/companies/{self.companyid}/senders/{sender}", {"status": status})

    def user(self, user: str, **fields) -> dict:
        return self.api.call("PUT", f"/__mock__/companies/{self.companyid}/users/{user}", fields)

    def fault(self, action: dict, times: int | None = None, **match) -> dict:
        rule = {"match": {"company": self.companyid, **match}, "action": action}
        if times is not None:
            rule["times"] = times
        return self.api.call("POST", "/__mock__/faults", rule)

    def advance_clock(self, seconds: int) -> dict:
        return self.api.call("POST", "/__mock__/clock", {"advance_seconds": seconds})


@dataclass
class Gateway:
    """The target for the whole session: its kind, endpoint, credentials and admin API (mocks only)."""

    kind: str
    endpoint: str
    env: Mapping[str, str] = field(repr=False)  # INTACCT_* values (without the company for mocks)
    admin_api: AdminAPI | None = None

    @property
    def is_mock(self) -> bool:
        return self.admin_api is not None

    def credentials(self, companyid: str | None = None) -> Credentials:
        overrides = {"endpoint_url": self.endpoint}
        if companyid is not None:
            overrides["company_id"] = companyid
        return Credentials.from_env(env=self.env, **overrides)

    def open_company(self) -> TargetCompany:
        """A company for one test (or one state machine run): fresh on a mock, the sandbox's otherwise."""
        if self.admin_api is None:
            return TargetCompany(self, self.env.get("INTACCT_COMPANY_ID", ""), self.credentials(), None)
        companyid = self.admin_api.new_company()
        return TargetCompany(self, companyid, self.credentials(companyid), CompanyAdmin(self.admin_api, companyid))

    def close_company(self, company: TargetCompany) -> None:
        if company.admin is not None:
            try:
                self.admin_api.delete_company(company.companyid)
            except Exception:  # best effort: a leftover company in a mock harms nothing
                pass


@dataclass
class TargetCompany:
    """What a test sees as `target`: the kind, the company, its credentials, and the admin helper
    (None on a real gateway)."""

    gateway: Gateway
    companyid: str
    credentials: Credentials = field(repr=False)
    admin: CompanyAdmin | None

    @property
    def kind(self) -> str:
        return self.gateway.kind

    @property
    def is_mock(self) -> bool:
        return self.admin is not None

    def credentials_with(self, **changes) -> Credentials:
        return replace(self.credentials, **changes)


class TargetError(ValueError):
    """The target settings name no usable target; one line for the terminal."""


@dataclass(frozen=True)
class Selection:
    """What the settings chose, before anything starts: the kind, the URL of a URL target, and
    notes for the run's report (settings that were ignored)."""

    kind: str
    url: str = ""
    notes: tuple[str, ...] = ()

    def describe(self) -> str:
        return {"mock": "the in-process mock", "subprocess": "the mock as its own process"}.get(
            self.kind, f"{self.kind} {self.url}"
        )


def choose_kind(value: str | None, environ: Mapping[str, str], source: str = "INTACCT_TARGET") -> str:
    value = (value or "").strip()
    if value in ("", "mock"):
        return "mock"
    if value == "subprocess":
        return "subprocess"
    if value.startswith(("http://", "https://")):
        return "remote-mock" if environ.get("INTACCT_MOCK_ADMIN_URL") else "gateway"
    raise TargetError(f"{source} must be mock, subprocess or an http(s) URL, not {value!r}")


def select(value: str | None, environ: Mapping[str, str], source: str = "INTACCT_TARGET") -> Selection:
    """The target `value` names (INTACCT_TARGET or --intacct-target), checked; TargetError if unusable."""
    kind = choose_kind(value, environ, source)
    url = (value or "").strip() if kind in ("gateway", "remote-mock") else ""
    if kind == "gateway":
        missing = [name for name in REAL_GATEWAY_VARIABLES if not environ.get(name)]
        if missing:
            raise TargetError(f"{source}={url} is a real gateway: it needs {', '.join(missing)}")
    if kind == "remote-mock" and not environ["INTACCT_MOCK_ADMIN_URL"].startswith(("http://", "https://")):
        raise TargetError(f"INTACCT_MOCK_ADMIN_URL must be an http(s) URL, not {environ['INTACCT_MOCK_ADMIN_URL']!r}")
    notes = []
    leftover = (environ.get("INTACCT_ENDPOINT_URL") or "").strip()
    if leftover and leftover != url:
        named = f"{source}={url}" if url else f"{source}={(value or '').strip() or 'mock'} (the default)"
        notes.append(
            f"INTACCT_ENDPOINT_URL={leftover} is ignored: the suite talks to {named}; "
            "unset INTACCT_ENDPOINT_URL, or set INTACCT_TARGET to it"
        )
    return Selection(kind, url, tuple(notes))


REAL_GATEWAY_VARIABLES = (
    "INTACCT_SENDER_ID",
    "INTACCT_SENDER_PASSWORD",
    "INTACCT_COMPANY_ID",
    "INTACCT_USER_ID",
    "INTACCT_USER_PASSWORD",
)


def mock_env(environ: Mapping[str, str]) -> dict[str, str]:
    return {name: environ.get(name) or default for name, default in MOCK_CREDENTIALS.items()}


def gateway_target(url: str, environ: Mapping[str, str]) -> Gateway:
    """A real gateway at `url`: the target named, whatever INTACCT_ENDPOINT_URL says (see select)."""
    env = {k: v for k, v in environ.items() if k.startswith("INTACCT_")}
    missing = [name for name in REAL_GATEWAY_VARIABLES if not env.get(name)]
    if missing:
        raise TargetError(f"a real gateway target needs {', '.join(missing)}")
    return Gateway("gateway", url, env)


def remote_mock_target(url: str, environ: Mapping[str, str]) -> Gateway:
    return Gateway(
        "remote-mock",
        url,
        mock_env(environ),
        AdminAPI(environ["INTACCT_MOCK_ADMIN_URL"], environ.get("INTACCT_MOCK_ADMIN_TOKEN")),
    )


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class MockProcess:
    """`python -m mockserver serve` as a separate process, known only by its URL."""

    def __init__(self) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.process: subprocess.Popen | None = None

    def start(self, timeout: float = 30.0) -> MockProcess:
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "mockserver",
                "serve",
                "--host",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--log-level",
                "WARNING",
            ],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"mock-intacct exited with {self.process.returncode}: "
                    f"{self.process.stderr.read().decode(errors='replace')[-2000:]}"
                )
            try:
                with urllib.request.urlopen(self.url + "/__mock__/health", timeout=2) as reply:
                    if reply.status == 200:
                        return self
            except OSError:
                pass
            time.sleep(0.05)
        self.stop()
        raise RuntimeError(f"mock-intacct did not become ready at {self.url} within {timeout} s")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process is not None and self.process.stderr is not None:
            self.process.stderr.close()


def subprocess_target(server: MockProcess, environ: Mapping[str, str]) -> Gateway:
    return Gateway("subprocess", server.url + GATEWAY_PATH, mock_env(environ), AdminAPI(server.url))


def in_process_target(url: str, environ: Mapping[str, str]) -> Gateway:
    return Gateway("mock", url.rstrip("/") + GATEWAY_PATH, mock_env(environ), AdminAPI(url))


def environment() -> dict[str, str]:
    return dict(os.environ)
