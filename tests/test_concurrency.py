"""Concurrency: 200 clients against ONE company of a mock running as its own process. Writers create,
update and delete their own vendors; racers fight over a few shared vendor IDs; readers page through
the vendors with readByQuery/readMore. Afterwards every acknowledged create exists exactly once
(unless its client deleted it), no RECORDNO or VENDORID repeats, no result set returned a record
twice, and the server's memory is back where a first round of the same load left it.

Load time: 4 s here, 60 s with HYPOTHESIS_PROFILE=thorough, or MOCK_INTACCT_LOAD_SECONDS=N.
"""

from __future__ import annotations

import asyncio
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field

import aiohttp
import pytest
from lxml import etree

from .gateway import bare_company, function, login_xml, request_xml, response_schema, session_xml, vendor_xml
from .server_process import ServerProcess

THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
LOAD_SECONDS = float(os.environ.get("MOCK_INTACCT_LOAD_SECONDS") or (60 if THOROUGH else 4))
WARMUP_SECONDS = min(LOAD_SECONDS, 10 if THOROUGH else 3)
CLIENTS = 200
RACE_IDS = 25
# RSS after the load may exceed the warm-up baseline by this much (allocator and SQLite page cache
# high-water marks move a little with a longer run); a leak of the load's size would not fit.
RSS_TOLERANCE = 0.10
RSS_SLACK_KIB = 12 * 1024


@dataclass
class Ledger:
    """What the clients were told, to compare with what the company holds afterwards."""

    requests: int = 0
    server_errors: int = 0
    invalid: list[str] = field(default_factory=list)
    created: dict[str, int] = field(default_factory=dict)  # VENDORID -> RECORDNO, acknowledged
    recordnos_issued: list[int] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)
    names: dict[str, str] = field(default_factory=dict)  # VENDORID -> NAME of the last acknowledged update
    race_creates: Counter = field(default_factory=Counter)
    race_deletes: Counter = field(default_factory=Counter)
    race_refusals: int = 0
    unexpected_failures: list[str] = field(default_factory=list)
    result_sets: int = 0
    pages: int = 0
    repeated_in_result_set: int = 0


class Client:
    def __init__(self, http: aiohttp.ClientSession, endpoint: str, company: str, ledger: Ledger) -> None:
        self.http, self.endpoint, self.company, self.ledger = http, endpoint, company, ledger
        self.sessionid = ""

    async def call(self, functions: str, **kwargs) -> etree._Element | None:
        authentication = session_xml(self.sessionid) if self.sessionid else login_xml(companyid=self.company)
        body = request_xml(functions, authentication=kwargs.pop("authentication", authentication), **kwargs)
        self.ledger.requests += 1
        async with self.http.post(self.endpoint, data=body, headers={"Content-Type": "application/xml"}) as reply:
            payload = await reply.read()
            if reply.status >= 500:
                self.ledger.server_errors += 1
                return None
        root = etree.fromstring(payload)
        if not response_schema().validate(root):
            self.ledger.invalid.append(payload[:300].decode(errors="replace"))
            return None
        return root

    async def open_session(self) -> None:
        root = await self.call(function("getAPISession"), authentication=login_xml(companyid=self.company))
        self.sessionid = root.findtext("operation/result/data/api/sessionid")


def result_of(root: etree._Element | None) -> etree._Element | None:
    return None if root is None else root.find("operation/result")


async def writer(client: Client, index: int, deadline: float) -> None:
    rng = random.Random(index)
    ledger = client.ledger
    live: list[str] = []
    serial = 0
    while time.monotonic() < deadline:
        roll = rng.random()
        if roll < 0.6 or not live:
            vendorid = f"W{index:03d}-{serial}"
            serial += 1
            result = result_of(await client.call(function("create", vendor_xml(vendorid, f"{vendorid} v0"))))
            if result is not None and result.findtext("status") == "success":
                recordno = int(result.findtext("data/vendor/RECORDNO"))
                ledger.created[vendorid] = recordno
                ledger.recordnos_issued.append(recordno)
                ledger.names[vendorid] = f"{vendorid} v0"
                live.append(vendorid)
            elif result is not None:
                ledger.unexpected_failures.append(f"create {vendorid}: {etree.tostring(result)[:300]!r}")
        elif roll < 0.85:
            vendorid = rng.choice(live)
            name = f"{vendorid} v{serial}"
            serial += 1
            result = result_of(
                await client.call(
                    function("update", f"<VENDOR><VENDORID>{vendorid}</VENDORID><NAME>{name}</NAME></VENDOR>")
                )
            )
            if result is not None and result.findtext("status") == "success":
                ledger.names[vendorid] = name
            elif result is not None:
                ledger.unexpected_failures.append(f"update {vendorid}: {etree.tostring(result)[:300]!r}")
        else:
            vendorid = live.pop(rng.randrange(len(live)))
            result = result_of(
                await client.call(function("delete", f"<object>VENDOR</object><keys>{ledger.created[vendorid]}</keys>"))
            )
            if result is not None and result.findtext("status") == "success":
                ledger.deleted.add(vendorid)
            elif result is not None:
                ledger.unexpected_failures.append(f"delete {vendorid}: {etree.tostring(result)[:300]!r}")


async def racer(client: Client, index: int, deadline: float) -> None:
    """Creates vendors whose IDs other racers want too; sometimes deletes one it won."""
    rng = random.Random(10_000 + index)
    ledger = client.ledger
    won: dict[str, int] = {}
    while time.monotonic() < deadline:
        if won and rng.random() < 0.2:
            vendorid, recordno = won.popitem()
            result = result_of(await client.call(function("delete", f"<object>VENDOR</object><keys>{recordno}</keys>")))
            if result is not None and result.findtext("status") == "success":
                ledger.race_deletes[vendorid] += 1
            continue
        vendorid = f"RACE-{rng.randrange(RACE_IDS)}"
        result = result_of(await client.call(function("create", vendor_xml(vendorid))))
        if result is None:
            continue
        if result.findtext("status") == "success":
            recordno = int(result.findtext("data/vendor/RECORDNO"))
            ledger.race_creates[vendorid] += 1
            ledger.recordnos_issued.append(recordno)
            won[vendorid] = recordno
        elif result.findtext("errormessage/error/errorno") == "BL34000061":
            ledger.race_refusals += 1
        else:
            ledger.unexpected_failures.append(f"race {vendorid}: {etree.tostring(result)[:300]!r}")


async def reader(client: Client, index: int, deadline: float) -> None:
    """Pages through the vendors; within one result set no RECORDNO may come twice."""
    rng = random.Random(20_000 + index)
    ledger = client.ledger
    while time.monotonic() < deadline:
        query = rng.choice(["", "VENDORID LIKE 'W%'", "VENDORID LIKE 'RACE-%' OR VENDORID LIKE 'S%'"])
        pagesize = rng.choice([1, 7, 50, 100])
        result = result_of(
            await client.call(
                function(
                    "readByQuery",
                    f"<object>VENDOR</object><query>{query}</query><fields>RECORDNO,VENDORID</fields>"
                    f"<pagesize>{pagesize}</pagesize>",
                )
            )
        )
        seen: set[int] = set()
        ledger.result_sets += 1
        while result is not None and result.findtext("status") == "success":
            ledger.pages += 1
            data = result.find("data")
            page = [int(v.findtext("RECORDNO")) for v in data.iterfind("vendor")]
            ledger.repeated_in_result_set += len(page) - len(set(page)) + len(seen & set(page))
            seen.update(page)
            if int(data.get("numremaining")) == 0 or time.monotonic() >= deadline:
                break
            result = result_of(await client.call(function("readMore", f"<resultId>{data.get('resultId')}</resultId>")))
        if result is not None and result.findtext("status") != "success":
            ledger.unexpected_failures.append(f"paging: {etree.tostring(result)[:300]!r}")


async def run_load(server: ServerProcess, company: str, seconds: float, rss: list[int]) -> Ledger:
    ledger = Ledger()
    sessions = [aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=1)) for _ in range(CLIENTS)]
    try:
        clients = [Client(http, server.endpoint, company, ledger) for http in sessions]
        roles = {0: writer, 1: writer, 2: writer, 3: writer, 4: racer, 5: racer}
        # Most clients hold an API session; every fifth signs in on each request.
        await asyncio.gather(*(c.open_session() for i, c in enumerate(clients) if i % 5))
        deadline = time.monotonic() + seconds

        async def sample() -> None:
            while time.monotonic() < deadline:
                rss.append(server.rss_kib())
                await asyncio.sleep(0.25)

        await asyncio.gather(sample(), *(roles.get(i % 10, reader)(c, i, deadline) for i, c in enumerate(clients)))
    finally:
        await asyncio.gather(*(http.close() for http in sessions))
    return ledger


def settle_rss(server: ServerProcess) -> int:
    time.sleep(0.5)
    return server.rss_kib()


@pytest.fixture(scope="module")
def server():
    with ServerProcess() as process:
        yield process


async def test_200_clients_on_one_company_lose_nothing_and_duplicate_nothing(server):
    # Round one (warm-up) on a company of its own, then removed: its high-water mark is the baseline.
    assert server.admin("POST", "/__mock__/companies", {"company": bare_company("WARMCO")})[0] == 201
    await run_load(server, "WARMCO", WARMUP_SECONDS, [])
    server.admin("DELETE", "/__mock__/companies/WARMCO")
    server.admin("DELETE", "/__mock__/journal")
    baseline = settle_rss(server)

    assert server.admin("POST", "/__mock__/companies", {"company": bare_company("CONCO")})[0] == 201
    samples: list[int] = []
    started = time.monotonic()
    ledger = await run_load(server, "CONCO", LOAD_SECONDS, samples)
    elapsed = time.monotonic() - started

    status, state = server.admin("GET", "/__mock__/companies/CONCO/state")
    assert status == 200
    vendors = state["records"].get("VENDOR", [])
    by_id = Counter(v["VENDORID"] for v in vendors)
    by_recordno = Counter(int(v["RECORDNO"]) for v in vendors)
    stored = {v["VENDORID"]: v for v in vendors}
    expected = {vid: no for vid, no in ledger.created.items() if vid not in ledger.deleted}
    found = sum(1 for vid, no in expected.items() if by_id[vid] == 1 and int(stored[vid]["RECORDNO"]) == no)
    lost = len(expected) - found
    resurrected = sum(1 for vid in ledger.deleted if vid in stored)
    stale_names = sum(1 for vid in expected if vid in stored and stored[vid]["NAME"] != ledger.names[vid])
    race_wrong = sum(
        1
        for i in range(RACE_IDS)
        if (ledger.race_creates[f"RACE-{i}"] - ledger.race_deletes[f"RACE-{i}"]) != by_id[f"RACE-{i}"]
    )
    unknown = sum(1 for vid in stored if vid not in ledger.created and not vid.startswith("RACE-"))
    reused = len(ledger.recordnos_issued) - len(set(ledger.recordnos_issued))

    server.admin("DELETE", "/__mock__/companies/CONCO")
    server.admin("DELETE", "/__mock__/journal")
    after = settle_rss(server)
    peak = max(samples, default=after)
    print(
        f"\nconcurrency: clients={CLIENTS} seconds={LOAD_SECONDS:g} requests={ledger.requests} "
        f"({ledger.requests / elapsed:.0f}/s) 5xx={ledger.server_errors} invalid={len(ledger.invalid)} "
        f"creates_acknowledged={len(ledger.created)} deleted={len(ledger.deleted)} expected={len(expected)} "
        f"found={found} lost={lost} resurrected={resurrected} stale_names={stale_names} "
        f"race_creates={sum(ledger.race_creates.values())} race_refusals={ledger.race_refusals} "
        f"race_wrong={race_wrong} unknown_records={unknown} duplicate_vendorids={sum(n > 1 for n in by_id.values())} "
        f"duplicate_recordnos={sum(n > 1 for n in by_recordno.values())} recordnos_reissued={reused} "
        f"result_sets={ledger.result_sets} pages={ledger.pages} repeated_in_result_set={ledger.repeated_in_result_set} "
        f"unexpected_failures={len(ledger.unexpected_failures)}"
    )
    print(
        f"concurrency memory: rss_baseline={baseline / 1024:.1f}MiB rss_peak={peak / 1024:.1f}MiB "
        f"rss_after={after / 1024:.1f}MiB growth={(after - baseline) / baseline:+.1%} "
        f"(allowed {RSS_TOLERANCE:.0%} + {RSS_SLACK_KIB // 1024} MiB)"
    )

    assert ledger.server_errors == 0 and not ledger.invalid, ledger.invalid[:3]
    assert not ledger.unexpected_failures, ledger.unexpected_failures[:5]
    assert len(ledger.created) > CLIENTS and ledger.race_refusals > 0  # the load really ran and raced
    assert lost == 0 and resurrected == 0 and stale_names == 0 and unknown == 0
    assert race_wrong == 0
    assert all(n == 1 for n in by_id.values()) and all(n == 1 for n in by_recordno.values())
    assert ledger.repeated_in_result_set == 0
    assert after <= baseline * (1 + RSS_TOLERANCE) + RSS_SLACK_KIB


async def test_a_deleted_recordno_is_never_handed_out_again(gateway):
    gateway.state.create_company(bare_company("REUSECO"))
    as_reuse = {"authentication": login_xml(companyid="REUSECO")}
    first = await gateway.call(function("create", vendor_xml("FIRST")), **as_reuse)
    recordno = first.text("operation/result/data/vendor/RECORDNO")
    await gateway.call(function("delete", f"<object>VENDOR</object><keys>{recordno}</keys>"), **as_reuse)
    second = await gateway.call(function("create", vendor_xml("SECOND")), **as_reuse)
    assert second.text("operation/result/data/vendor/RECORDNO") != recordno
