"""Bounded soak: the mock as its own process on loopback, a steady mixed load for N seconds, RSS sampled.

    python bench/soak.py                    # 420 s warm-up, then 180 s measured, 20 clients
    python bench/soak.py --seconds 600 --clients 50 --state /tmp/soak.sqlite

Clients sign in (one API session each, renewed every 30 s, plus some per-request logins), page
vendors with readByQuery/readMore (one in ten result sets abandoned half-way), run query, read and
get_list, create/update/delete vendors in a company of their own (each client keeps at most 40, so the
data stays level), and send a few malformed requests. Once the warm-up is over the data, the journal
(500 exchanges), the rendered-record cache, SQLite's page cache and the allocator are at their steady
state, so RSS from then on should stay flat. The slowest to fill is the set of abandoned readByQuery
result sets (kept 30 idle minutes, at most 10,000): at ~1000 req/s this load abandons ~25 a second,
so the cap is reached after ~400 s, hence the 420 s default warm-up. Shorter warm-ups report that
bounded climb as growth (90 s: +20%; 420 s: +1.4%, 2026-11-24 on 2 cores).

Prints requests served, errors (5xx, transport failures, answers that are not XML), RSS at the end
of the warm-up, at the end and at its peak. Exit status 1 when RSS grew by 10% or more after the
warm-up (--max-growth) or when any error was seen.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import aiohttp
from lxml import etree

REPO_ROOT = Path(__file__).resolve().parent.parent
GATEWAY_PATH = "/ia/xml/xmlgw.phtml"
COMPANY = "SOAKCO"
LIVE_VENDORS = 40


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    raise RuntimeError("no VmRSS")


def admin(base: str, method: str, path: str, body: dict | None = None) -> dict:
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        base + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=60) as reply:
        return json.loads(reply.read() or b"{}")


def envelope(functions: str, authentication: str, transaction: bool = False) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><request><control><senderid>mocksender</senderid>'
        f"<password>mocksenderpw</password><controlid>soak</controlid><uniqueid>false</uniqueid>"
        f'<dtdversion>3.0</dtdversion></control><operation transaction="{str(transaction).lower()}">'
        f"<authentication>{authentication}</authentication><content>{functions}</content></operation>"
        f"</request>"
    ).encode()


def login() -> str:
    return f"<login><userid>workato_isu</userid><companyid>{COMPANY}</companyid><password>mockuserpw</password></login>"


def function(name: str, body: str = "", controlid: str = "f") -> str:
    return f'<function controlid="{controlid}"><{name}>{body}</{name}></function>'


def vendor(vendorid: str, name: str) -> str:
    return f"<VENDOR><VENDORID>{vendorid}</VENDORID><NAME>{name}</NAME></VENDOR>"


class Soak:
    def __init__(self, endpoint: str) -> None:
        self.endpoint = endpoint
        self.counts: Counter = Counter()
        # Each client's live vendors and next serial, kept from the warm-up into the measured run
        # (a fresh list would orphan the warm-up's vendors and make the data grow in a step).
        self.live: dict[int, list[str]] = {}
        self.serials: Counter = Counter()

    async def post(self, http: aiohttp.ClientSession, body: bytes) -> etree._Element | None:
        try:
            async with http.post(self.endpoint, data=body, headers={"Content-Type": "application/xml"}) as reply:
                payload = await reply.read()
                status = reply.status
        except (TimeoutError, aiohttp.ClientError):
            self.counts["transport_errors"] += 1
            return None
        self.counts["requests"] += 1
        if status >= 500:
            self.counts["5xx"] += 1
            return None
        try:
            return etree.fromstring(payload)
        except etree.XMLSyntaxError:
            self.counts["not_xml"] += 1
            return None

    async def client(self, index: int, deadline: float) -> None:
        rng = random.Random(index * 7919 + self.serials[index])
        live = self.live.setdefault(index, [])
        serial = self.serials[index]
        sessionid, renewed = "", 0.0
        async with aiohttp.ClientSession() as http:
            while time.monotonic() < deadline:
                if time.monotonic() - renewed > 30:
                    root = await self.post(http, envelope(function("getAPISession"), login()))
                    if root is not None:
                        sessionid = root.findtext("operation/result/data/api/sessionid") or ""
                    renewed = time.monotonic()
                auth = f"<sessionid>{sessionid}</sessionid>" if sessionid and rng.random() < 0.8 else login()
                roll = rng.random()
                if roll < 0.30:
                    await self.page(http, auth, rng)
                elif roll < 0.40:
                    await self.post(
                        http,
                        envelope(
                            function(
                                "query",
                                "<object>VENDOR</object><select><field>VENDORID</field><field>NAME</field>"
                                "</select><filter><like><field>VENDORID</field><value>S%</value></like></filter>"
                                "<pagesize>20</pagesize>",
                            ),
                            auth,
                        ),
                    )
                elif roll < 0.48:
                    keys = ",".join(str(rng.randint(1, 400)) for _ in range(5))
                    await self.post(
                        http, envelope(function("read", f"<object>VENDOR</object><keys>{keys}</keys>"), auth)
                    )
                elif roll < 0.53:
                    await self.post(
                        http,
                        envelope('<function controlid="g"><get_list object="vendor" maxitems="20"/></function>', auth),
                    )
                elif roll < 0.58:
                    self.counts["malformed_sent"] += 1
                    await self.post(
                        http,
                        envelope(
                            function("readByQuery", "<object>VENDOR</object><query>VENDORID = = 'x'</query>"), auth
                        )[:-40],
                    )
                elif roll < 0.80 or not live:
                    vendorid = f"S{index}-{serial}"
                    serial += 1
                    self.serials[index] = serial
                    root = await self.post(http, envelope(function("create", vendor(vendorid, vendorid)), auth))
                    if root is not None and root.findtext("operation/result/status") == "success":
                        live.append(vendorid)
                        self.counts["creates"] += 1
                elif roll < 0.90:
                    vendorid = rng.choice(live)
                    await self.post(http, envelope(function("update", vendor(vendorid, f"{vendorid} {serial}")), auth))
                    serial += 1
                    self.serials[index] = serial
                if len(live) > LIVE_VENDORS or (live and roll >= 0.90):
                    vendorid = live.pop(0)
                    await self.post(
                        http,
                        envelope(f'<function controlid="d"><delete_vendor vendorid="{vendorid}"/></function>', auth),
                    )
                    self.counts["deletes"] += 1

    async def page(self, http: aiohttp.ClientSession, auth: str, rng: random.Random) -> None:
        root = await self.post(
            http,
            envelope(
                function(
                    "readByQuery", f"<object>VENDOR</object><query/><pagesize>{rng.choice([10, 50, 100])}</pagesize>"
                ),
                auth,
            ),
        )
        abandon = rng.random() < 0.1
        pages = 0
        while root is not None:
            data = root.find("operation/result/data")
            if data is None or data.get("numremaining") in (None, "0") or (abandon and pages == 1):
                return
            pages += 1
            root = await self.post(
                http, envelope(function("readMore", f"<resultId>{data.get('resultId')}</resultId>"), auth)
            )


async def run(endpoint: str, clients: int, seconds: float, soak: Soak) -> None:
    deadline = time.monotonic() + seconds
    await asyncio.gather(*(soak.client(i, deadline) for i in range(clients)))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=180, help="measured soak after the warm-up (default 180)")
    parser.add_argument("--warmup", type=float, default=420, help="warm-up seconds before the first RSS (default 420)")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--state", help="run the mock with --state FILE (default: in memory)")
    parser.add_argument("--max-growth", type=float, default=0.10, help="largest RSS growth after warm-up (0.10)")
    parser.add_argument("--json", action="store_true", help="also print the summary as one JSON line")
    args = parser.parse_args(argv)

    port = free_port()
    base = f"http://127.0.0.1:{port}"
    command = [
        sys.executable,
        "-m",
        "mockserver",
        "serve",
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--log-level",
        "WARNING",
    ] + (["--state", args.state] if args.state else [])
    server = subprocess.Popen(
        command,
        cwd=REPO_ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": str(REPO_ROOT)},
    )
    samples: list[tuple[float, int]] = []
    try:
        for _ in range(200):
            try:
                admin(base, "GET", "/__mock__/health")
                break
            except OSError:
                time.sleep(0.05)
        admin(base, "POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": COMPANY, "replace": True})
        soak = Soak(base + GATEWAY_PATH)
        started = datetime.now(UTC)
        asyncio.run(run(soak.endpoint, args.clients, args.warmup, soak))
        warm = dict(soak.counts)
        start_rss = rss_kib(server.pid)
        began = time.monotonic()

        async def measured() -> None:
            async def sample() -> None:
                while time.monotonic() - began < args.seconds:
                    samples.append((time.monotonic() - began, rss_kib(server.pid)))
                    await asyncio.sleep(1)

            await asyncio.gather(sample(), run(soak.endpoint, args.clients, args.seconds, soak))

        asyncio.run(measured())
        end_rss = rss_kib(server.pid)
        elapsed = time.monotonic() - began
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    counts = soak.counts
    served = counts["requests"] - warm.get("requests", 0)
    errors = counts["5xx"] + counts["transport_errors"] + counts["not_xml"]
    growth = (end_rss - start_rss) / start_rss
    peak = max([end_rss] + [kib for _, kib in samples])
    summary = {
        "date": started.strftime("%Y-%m-%d"),
        "seconds": args.seconds,
        "warmup_seconds": args.warmup,
        "clients": args.clients,
        "state": bool(args.state),
        "requests_served": served,
        "requests_per_s": round(served / elapsed),
        "errors": errors,
        "5xx": counts["5xx"],
        "transport_errors": counts["transport_errors"],
        "not_xml": counts["not_xml"],
        "creates": counts["creates"],
        "deletes": counts["deletes"],
        "rss_start_mib": round(start_rss / 1024, 1),
        "rss_end_mib": round(end_rss / 1024, 1),
        "rss_peak_mib": round(peak / 1024, 1),
        "rss_growth": round(growth, 4),
    }
    print(
        f"soak {summary['date']}: {args.seconds:g} s after a {args.warmup:g} s warm-up, {args.clients} clients, "
        f"{'--state' if args.state else 'in memory'}"
    )
    print(
        f"  requests served {served} ({summary['requests_per_s']}/s), errors {errors} (5xx {counts['5xx']}, "
        f"transport {counts['transport_errors']}, not XML {counts['not_xml']}), creates {counts['creates']}, "
        f"deletes {counts['deletes']}"
    )
    every = max(1, len(samples) // 8)
    print("  RSS over the soak: " + ", ".join(f"{at:.0f}s {kib / 1024:.1f}" for at, kib in samples[::every]) + " MiB")
    print(
        f"  RSS after warm-up {start_rss / 1024:.1f} MiB, at the end {end_rss / 1024:.1f} MiB, peak "
        f"{peak / 1024:.1f} MiB: growth {growth:+.1%} (limit {args.max_growth:.0%})"
    )
    if args.json:
        print(json.dumps(summary))
    if errors or growth >= args.max_growth:
        print(
            "  FAILED: "
            + ("errors seen; " if errors else "")
            + ("RSS grew too much" if growth >= args.max_growth else "")
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
