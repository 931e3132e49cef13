"""Target selection, fixtures and rules of the contract suite.

    INTACCT_TARGET=mock (default) | subprocess | https://...   (or pytest --intacct-target ...)

See targets.py for the kinds. The target is chosen once, at configure time: a value that names none
is a usage error (one line, exit status 4), and the run's header and summary say which target it
talked to and which leftover setting (INTACCT_ENDPOINT_URL) it ignored. Every answer of the target
is checked against schemas/response.xsd (envelopes.py). Fixtures:
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
from pathlib import Path

import pytest
from hypothesis import Phase, settings

from . import envelopes, targets
from .envelopes import TargetClient
from .helpers import RETRY, Created
from .strategies import unique_prefix

HERE = Path(__file__).resolve().parent
REPORT = pytest.StashKey[list]()
SELECTION = pytest.StashKey[targets.Selection]()


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--intacct-target",
        default=None,
        help="contract suite target: mock (default), subprocess, or a gateway URL (default: $INTACCT_TARGET)",
    )


def target_setting(config: pytest.Config) -> tuple[str, str]:
    """The target's setting and where it came from."""
    option = config.getoption("--intacct-target")
    if option:
        return option, "--intacct-target"
    return os.environ.get("INTACCT_TARGET", ""), "INTACCT_TARGET"


def pytest_configure(config: pytest.Config) -> None:
    value, source = target_setting(config)
    try:
        config.stash[SELECTION] = targets.select(value, targets.environment(), source)
    except targets.TargetError as problem:
        raise pytest.UsageError(str(problem)) from None
    config.stash[REPORT] = list(config.stash[SELECTION].notes)
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
    kind = config.stash[SELECTION].kind
    if kind not in targets.MOCK_KINDS:
        skip = pytest.mark.skip(reason=f"mock_only: needs the mock's admin API (target is {kind})")
        for item in ours:
            if item.get_closest_marker("mock_only"):
                item.add_marker(skip)


def pytest_report_header(config: pytest.Config) -> list[str]:
    selection = config.stash[SELECTION]
    return [f"contract suite target: {selection.describe()}", *selection.notes]


def pytest_terminal_summary(terminalreporter, config: pytest.Config) -> None:
    lines = config.stash.get(REPORT, []) + envelopes.VIOLATIONS
    if lines:
        terminalreporter.section("contract suite")
        for line in lines:
            terminalreporter.write_line(line)


@pytest.fixture(scope="session")
def intacct_gateway(request: pytest.FixtureRequest) -> targets.Gateway:
    """The target of the whole session (see targets.py)."""
    selection = request.config.stash[SELECTION]
    environ = targets.environment()
    kind = selection.kind
    if kind == "mock":
        server = request.getfixturevalue("intacct_mock")  # the installed plugin's in-process mock
        return targets.in_process_target(server.url, environ)
    if kind == "subprocess":
        process = targets.MockProcess().start()
        request.addfinalizer(process.stop)
        return targets.subprocess_target(process, environ)
    if kind == "remote-mock":
        return targets.remote_mock_target(selection.url, environ)
    return targets.gateway_target(selection.url, environ)


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


@pytest.fixture
def client(target: targets.TargetCompany, run):
    client = TargetClient(target.credentials, retry=RETRY)
    yield client
    run(client.close())


@pytest.fixture
def unique() -> str:
    return unique_prefix()


@pytest.fixture
def created(client: TargetClient, run, target: targets.TargetCompany, request: pytest.FixtureRequest):
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
