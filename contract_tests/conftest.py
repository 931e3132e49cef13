"""Target selection, fixtures and rules of the contract suite.

    INTACCT_TARGET=mock (default) | subprocess | https://...   (or pytest --intacct-target ...)

See targets.py for the kinds. Fixtures:
  target   the kind, the company and its credentials, and `admin` (the mock's admin API for this
           company; None on a real gateway)
  client   an IntacctClient for the target's company, on the test's own event loop (`run`)
  run      runs a coroutine on that loop: run(client.read("VENDOR", 1))
  unique   a per-test prefix ("MCT" + 5 random characters) for every ID written to the target
  created  records the test created (object, RECORDNO): deleted at teardown, best effort, so a
           sandbox is left as it was found

CONTRACT_SHRINK=0 turns hypothesis' shrinking off (the first failing example is reported as found).

Tests are synchronous and drive the async client through `run`, so hypothesis (and its state
machines) can call it; the in-process mock serves from its own thread.

Every test here is marked `portable` (runs anywhere) or `mock_only` (changes what a sandbox cannot:
sender status, users, faults, the clock; skipped against a real gateway). Collection fails on a
test with neither or both.
"""

from __future__ import annotations

import asyncio
import os
import time
from pathlib import Path

import aiohttp
import pytest
from aiointacct import IntacctClient
from hypothesis import Phase, settings

from . import targets
from .helpers import RETRY, Created
from .strategies import unique_prefix

HERE = Path(__file__).resolve().parent
REPORT = pytest.StashKey[list]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--intacct-target",
        default=None,
        help="contract suite target: mock (default), subprocess, or a gateway URL (default: $INTACCT_TARGET)",
    )


def target_setting(config: pytest.Config) -> str:
    return config.getoption("--intacct-target") or os.environ.get("INTACCT_TARGET", "")


def pytest_configure(config: pytest.Config) -> None:
    config.stash[REPORT] = []
    if os.environ.get("CONTRACT_SHRINK") == "0":
        # Report the first failing example as found: for runs that only need to know *that* a
        # property fails (tests/test_contract_fidelity.py), shrinking would dominate the time.
        current = settings()
        settings.register_profile(
            "contract-no-shrink", current, phases=[phase for phase in current.phases if phase is not Phase.shrink]
        )
        settings.load_profile("contract-no-shrink")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    ours = [item for item in items if HERE in Path(str(item.path)).resolve().parents]
    unmarked = []
    for item in ours:
        marks = {mark.name for mark in item.iter_markers()} & {"mock_only", "portable"}
        if len(marks) != 1:
            unmarked.append(item.nodeid)
    if unmarked:
        raise pytest.UsageError(
            "every contract test is marked either mock_only or portable; not: " + ", ".join(unmarked)
        )
    kind = targets.choose_kind(target_setting(config), os.environ)
    if kind not in targets.MOCK_KINDS:
        skip = pytest.mark.skip(reason=f"mock_only: needs the mock's admin API (target is {kind})")
        for item in ours:
            if item.get_closest_marker("mock_only"):
                item.add_marker(skip)


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    lines = config.stash.get(REPORT, [])
    if lines:
        terminalreporter.section("contract suite")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def intacct_gateway(request: pytest.FixtureRequest) -> targets.Gateway:
    """The target of the whole session (see targets.py)."""
    setting = target_setting(request.config)
    environ = targets.environment()
    kind = targets.choose_kind(setting, environ)
    if kind == "mock":
        server = request.getfixturevalue("intacct_mock")  # the installed plugin's in-process mock
        return targets.in_process_target(server.url, environ)
    if kind == "subprocess":
        process = targets.MockProcess().start()
        request.addfinalizer(process.stop)
        return targets.subprocess_target(process, environ)
    if kind == "remote-mock":
        return targets.remote_mock_target(setting, environ)
    return targets.gateway_target(setting, environ)


@pytest.fixture
def target(intacct_gateway: targets.Gateway):
    """This test's company: a fresh one on a mock, the sandbox's own on a real gateway."""
    company = intacct_gateway.open_company()
    yield company
    intacct_gateway.close_company(company)


@pytest.fixture
def loop():
    loop = asyncio.new_event_loop()
    yield loop
    loop.close()


@pytest.fixture
def run(loop):
    return loop.run_until_complete


def pace_seconds() -> float:
    """Least time between two requests: INTACCT_CONTRACT_PACE, else 0.5 s under the sandbox profile
    (a real gateway's company has a concurrency limit and a shared daily budget), else none."""
    default = "0.5" if os.environ.get("HYPOTHESIS_PROFILE") == "sandbox" else "0"
    return float(os.environ.get("INTACCT_CONTRACT_PACE", default))


async def paced_session(seconds: float) -> aiohttp.ClientSession:
    """An HTTP session whose requests start at least `seconds` apart."""
    last = [0.0]

    async def wait_turn(session, context, params) -> None:
        delay = last[0] + seconds - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        last[0] = time.monotonic()

    trace = aiohttp.TraceConfig()
    trace.on_request_start.append(wait_turn)
    return aiohttp.ClientSession(trace_configs=[trace])


@pytest.fixture
def client(target: targets.TargetCompany, run):
    seconds = pace_seconds()
    http = run(paced_session(seconds)) if seconds > 0 else None
    client = IntacctClient(target.credentials, retry=RETRY, http=http)
    yield client
    run(client.close())
    if http is not None:
        run(http.close())


@pytest.fixture
def unique() -> str:
    return unique_prefix()


@pytest.fixture
def created(client: IntacctClient, run, target: targets.TargetCompany, request: pytest.FixtureRequest):
    registry = Created()
    yield registry
    if registry.records:
        leftovers = run(registry.delete_all(client))
        if leftovers and not target.is_mock:
            request.config.stash[REPORT].append(f"{request.node.nodeid}: could not delete {leftovers}")


@pytest.fixture
def report(request: pytest.FixtureRequest):
    """Append a line to the suite's summary at the end of the run."""
    return request.config.stash[REPORT].append
