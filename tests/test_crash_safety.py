"""Crash safety with --state FILE: kill -9 the server in the middle of a write load, restart it on the
same file, and find every acknowledged create, nothing half-written, no partial transaction and
nothing of a failed function. Also measures what durability costs (creates/s with --state vs in
memory). Cycles: 2 here, 10 with HYPOTHESIS_PROFILE=thorough (MOCK_INTACCT_CRASH_CYCLES=N).

--state opens SQLite in WAL mode with synchronous=FULL (mockserver/objects/store.py): a kill -9 loses at
most the requests whose answer was not sent; FULL also covers an OS crash or power loss, which a
process kill cannot show (the OS still holds unsynced pages), so the test proves the first and the
settings the second.
"""

from __future__ import annotations

import asyncio
import os
import random
import sqlite3
import time
from dataclasses import dataclass, field

import aiohttp
import pytest
from lxml import etree

from .gateway import bare_company, function, login_xml, request_xml, vendor_xml
from .server_process import ServerProcess

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
CYCLES = int(os.environ.get("MOCK_INTACCT_CRASH_CYCLES") or (10 if THOROUGH else 2))
WRITERS = 16
COMPANY = "CRASHCO"
AUTH = {"authentication": login_xml(companyid=COMPANY)}


@dataclass
class Outcomes:
    """Vendor IDs by what the client was told."""

    acknowledged: set[str] = field(default_factory=set)  # must exist
    refused: set[str] = field(default_factory=set)  # failed function or rolled-back transaction: must not
    unknown_groups: list[set[str]] = field(default_factory=list)  # no answer: all or none of each group
    requests: int = 0
    no_answer: int = 0

    def all_ids(self) -> set[str]:
        return self.acknowledged | self.refused | set().union(*self.unknown_groups)


def name_of(vendorid: str) -> str:
    return f"Name of {vendorid}"


async def write_load(endpoint: str, writer: int, cycle: int, outcomes: Outcomes) -> None:
    """Single creates, transactions of three creates (some failing on purpose), and requests whose
    first function fails on purpose, until the server dies under them."""
    rng = random.Random(cycle * 1000 + writer)
    async with aiohttp.ClientSession() as http:
        for serial in range(1_000_000):
            prefix = f"K{cycle}-{writer}-{serial}"
            kind = rng.choice(["single", "transaction", "failing-function"])
            if kind == "single":
                ids, body, must_succeed = (
                    [prefix],
                    request_xml(function("create", vendor_xml(prefix, name_of(prefix))), **AUTH),
                    True,
                )
            elif kind == "transaction":
                ids = [f"{prefix}-a", f"{prefix}-b", f"{prefix}-c"]
                doomed = rng.random() < 0.4  # the middle create duplicates an existing vendor
                middle = vendor_xml("EXISTING") if doomed else vendor_xml(ids[1], name_of(ids[1]))
                body = request_xml(
                    function("create", vendor_xml(ids[0], name_of(ids[0])), "a")
                    + function("create", middle, "b")
                    + function("create", vendor_xml(ids[2], name_of(ids[2])), "c"),
                    transaction=True,
                    **AUTH,
                )
                if doomed:
                    ids = [ids[0], ids[2]]
                must_succeed = not doomed
            else:  # one create function of two vendors, the second without its required NAME: neither may exist
                # (a duplicate second keeps the first, as the genuine capture shows: docs/decisions.md)
                ids = [f"{prefix}-x", f"{prefix}-y"]
                body = request_xml(
                    function(
                        "create",
                        vendor_xml(ids[0], name_of(ids[0])) + f"<VENDOR><VENDORID>{ids[1]}</VENDORID></VENDOR>",
                        "x",
                    ),
                    **AUTH,
                )
                must_succeed = False
            outcomes.requests += 1
            try:
                async with http.post(endpoint, data=body, headers={"Content-Type": "application/xml"}) as reply:
                    payload = await reply.read()
                    assert reply.status == 200, payload[:300]
            except (TimeoutError, aiohttp.ClientError):
                outcomes.no_answer += 1
                outcomes.unknown_groups.append(set(ids))
                return
            statuses = [r.findtext("status") for r in etree.fromstring(payload).iterfind("operation/result")]
            if must_succeed:
                assert set(statuses) == {"success"}, payload[:500]
                outcomes.acknowledged.update(ids)
            else:
                assert "success" not in statuses, payload[:500]
                outcomes.refused.update(ids)


async def load_until_killed(server: ServerProcess, cycle: int, outcomes: Outcomes, after: float) -> None:
    tasks = [asyncio.create_task(write_load(server.endpoint, w, cycle, outcomes)) for w in range(WRITERS)]
    await asyncio.sleep(after)
    server.kill()
    await asyncio.wait_for(asyncio.gather(*tasks), 30)


def check_state(server: ServerProcess, outcomes: Outcomes) -> dict[str, int]:
    status, state = server.admin("GET", f"/__mock__/companies/{COMPANY}/state")
    assert status == 200, state
    vendors = {v["VENDORID"]: v for v in state["records"]["VENDOR"]}
    present = set(vendors) - {"EXISTING"}
    return {
        "acknowledged": len(outcomes.acknowledged),
        "acknowledged_found": len(outcomes.acknowledged & present),
        "lost": len(outcomes.acknowledged - present),
        "refused": len(outcomes.refused),
        "refused_but_present": len(outcomes.refused & present),
        "unanswered_groups": len(outcomes.unknown_groups),
        "unanswered_partial": sum(1 for group in outcomes.unknown_groups if 0 < len(group & present) < len(group)),
        "unanswered_present": sum(1 for group in outcomes.unknown_groups if group <= present),
        "half_written": sum(1 for vid in present if vendors[vid]["NAME"] != name_of(vid)),
        "unknown_records": len(present - outcomes.all_ids()),
    }


@pytest.fixture
def state_file(tmp_path):
    return str(tmp_path / "state.sqlite")


def restart(state_file: str) -> ServerProcess:
    return ServerProcess("--state", state_file).start()


def test_a_restart_on_the_same_state_file_keeps_senders_and_inline_companies(state_file):
    own_sender = ("ownsender", "ownsenderpw")
    inline = bare_company("OWNCO", senders={"ownsender": "active"}, sender_passwords=dict([own_sender]))

    def control_status(server: ServerProcess, **request) -> str | None:
        import urllib.request

        body = request_xml(function("getAPISession"), **request)
        with urllib.request.urlopen(urllib.request.Request(server.endpoint, data=body), timeout=30) as reply:
            return etree.fromstring(reply.read()).findtext("operation/result/status")

    own = {"sender": own_sender, "authentication": login_xml(companyid="OWNCO")}
    with ServerProcess("--state", state_file) as first:
        assert first.admin("POST", "/__mock__/companies", {"company": inline})[0] == 201
        assert control_status(first) == "success" and control_status(first, **own) == "success"
    with ServerProcess("--state", state_file) as second:
        assert control_status(second) == "success"  # the fixtures' sender ID
        assert control_status(second, **own) == "success"  # the inline company's own sender ID
        assert second.admin("POST", "/__mock__/companies/OWNCO/reset")[0] == 200


async def test_kill_minus_9_loses_no_acknowledged_write_and_leaves_no_partial_one(state_file):
    outcomes = Outcomes()
    rng = random.Random(7)
    server = ServerProcess("--state", state_file).start()
    try:
        assert server.admin("POST", "/__mock__/companies", {"company": bare_company(COMPANY)})[0] == 201
        async with (
            aiohttp.ClientSession() as http,
            http.post(server.endpoint, data=request_xml(function("create", vendor_xml("EXISTING")), **AUTH)) as reply,
        ):
            assert b"<status>success</status>" in await reply.read()
        for cycle in range(CYCLES):
            await load_until_killed(server, cycle, outcomes, after=rng.uniform(0.8, 1.6))
            server = restart(state_file)  # the same file, after a kill -9
            counts = check_state(server, outcomes)
            print(
                f"\ncrash cycle {cycle + 1}/{CYCLES}: requests={outcomes.requests} "
                + " ".join(f"{k}={v}" for k, v in counts.items())
            )
            assert counts["lost"] == 0 and counts["refused_but_present"] == 0
            assert counts["unanswered_partial"] == 0 and counts["half_written"] == 0
            assert counts["unknown_records"] == 0
        assert outcomes.no_answer > 0, "the kill never interrupted a request"
        assert counts["acknowledged"] > 100 and counts["refused"] > 10
    finally:
        server.stop()
    with sqlite3.connect(state_file) as db:
        assert db.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert db.execute("PRAGMA journal_mode").fetchone() == ("wal",)


async def creates_per_second(server: ServerProcess, seconds: float, clients: int = 8) -> float:
    assert server.admin("POST", "/__mock__/companies", {"company": bare_company("RATECO")})[0] == 201
    done = 0
    deadline = time.monotonic() + seconds

    async def client(index: int) -> None:
        nonlocal done
        async with aiohttp.ClientSession() as http:
            for serial in range(10_000_000):
                if time.monotonic() >= deadline:
                    return
                body = request_xml(
                    function("create", vendor_xml(f"R{index}-{serial}")), authentication=login_xml(companyid="RATECO")
                )
                async with http.post(server.endpoint, data=body) as reply:
                    assert b"<status>success</status>" in await reply.read()
                done += 1

    started = time.monotonic()
    await asyncio.gather(*(client(i) for i in range(clients)))
    return done / (time.monotonic() - started)


async def test_what_durable_state_costs_is_measured(tmp_path):
    seconds = float(os.environ.get("MOCK_INTACCT_LOAD_SECONDS") or (20 if THOROUGH else 1.5))
    with ServerProcess() as memory:
        in_memory = await creates_per_second(memory, seconds)
    with ServerProcess("--state", str(tmp_path / "rate.sqlite")) as durable:
        with_state = await creates_per_second(durable, seconds)
    print(
        f"\ndurability cost: creates/s in memory={in_memory:.0f} with --state (WAL, synchronous=FULL)="
        f"{with_state:.0f} ({with_state / in_memory:.0%} of in-memory), 8 clients, {seconds:g} s each"
    )
    assert in_memory > 0 and with_state > 0
