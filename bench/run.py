"""The benchmark: `python -m bench.run` prints a table of figures, baseline ratios and targets.

Every scenario runs against the mock started as a real server (`python -m mockserver serve`) with
load from a separate process (wrk when installed, else bench/load.py), and every load scenario is
repeated against a bare aiohttp server (bench/baseline.py) answering the same bytes, so the
mock/baseline ratios compare across machines. Targets print "met" or "MISSED": information only, the
exit code is 1 only when a scenario could not run (a server that did not start, a failed answer).

    python -m bench.run            # full: 1M-record companies, 10 s runs (several minutes)
    python -m bench.run --quick    # same code paths, tiny counts, 1 s runs (CI's smoke test)
    python -m bench.run --only S1,S2 --profile /tmp/prof   # py-spy the server during S1/S2 at 32 conns
"""

from __future__ import annotations

import argparse
import dataclasses
import http.client
import json
import os
import platform
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from base64 import b64encode
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import ClassVar
from xml.sax.saxutils import escape

from lxml import etree

from mockserver.settings import GATEWAY_PATH
from tests.gateway import function, login_xml, request_xml, session_xml, vendor_xml

from . import peer as wiremock
from .profile import summarize as summarize_profile
from .vendors import vendor_records

REPO = Path(__file__).resolve().parent.parent
MARKER = "@@N@@"  # replaced by a token unique to each request (VENDORIDs for creates)
FAILURE = b"<status>failure</status>"
GB = 1_000_000_000


@dataclass
class Scale:
    duration: int  # seconds per load run (wrk takes whole seconds)
    warmup: int  # seconds of load on the mock before each measured run, not measured
    big: int  # GL accounts in the large company (scenarios 1-1M, 2, 7)
    vendors: int  # vendors in the aggregate company (scenario 5)
    paging: int  # records paged through (scenario 4)
    cold_records: int  # records in the cold-start fixture (scenario 6)
    page_vendors: int  # realistic VENDORs in the company paged 100 at a time with * (scenario 8)
    fresh: int  # companies made from MOCKCO, one-company resets and whole resets timed (scenario 9)
    fresh_records: int  # generated records of the large fixture companies are made from (scenario 9)
    cold_runs: int
    aggregate_runs: int
    timeout: int  # seconds allowed for any one admin call, server start or paging run
    peer_rows: tuple[str, ...]  # the rows WireMock runs beside


# Every load row whose answers a stub can replay: all but S3's creates, which answer each request anew.
PEER_ROWS = ("S1.c1", "S1.c32", "S1.ws.c1", "S1.ws.c32", "S1-1M.c1", "S1-1M.c32", "S2.c1", "S2.c32", "S8.c1", "S8.c32")

FULL = Scale(
    duration=10,
    warmup=2,
    big=1_000_000,
    vendors=1_000_000,
    paging=100_000,
    cold_records=100_000,
    page_vendors=1000,
    fresh=50,
    fresh_records=100_000,
    cold_runs=3,
    aggregate_runs=10,
    timeout=900,
    peer_rows=PEER_ROWS,
)
QUICK = Scale(
    duration=1,
    warmup=0,
    big=10_000,
    vendors=10_000,
    paging=2_500,
    cold_records=10_000,
    page_vendors=100,
    fresh=5,
    fresh_records=10_000,
    cold_runs=1,
    aggregate_runs=3,
    timeout=120,
    peer_rows=("S1.c32",),  # its JVM starts while S1.c1 runs: the smoke stays only a few seconds longer
)


class ScenarioError(Exception):
    """A scenario that could not run: the benchmark's only reason to exit non-zero."""


# --- processes ------------------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def child_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_INTACCT_")}
    env["PYTHONPATH"] = os.pathsep.join([str(REPO)] + ([env["PYTHONPATH"]] if env.get("PYTHONPATH") else []))
    return env


class Process:
    """A child process that is always terminated (then killed) by stop(); output goes to a log file."""

    running: ClassVar[list[Process]] = []  # every Process not yet stopped

    def __init__(self, name: str, args: list[str], workdir: Path) -> None:
        self.name = name
        self.log_path = workdir / f"{name}-{len(Process.running)}.log"
        self.log = open(self.log_path, "wb")  # noqa: SIM115 - the Process owns its log; stop() closes it
        self.popen = subprocess.Popen(
            args, stdout=self.log, stderr=subprocess.STDOUT, cwd=REPO, env=child_environment(), stdin=subprocess.DEVNULL
        )
        Process.running.append(self)

    @property
    def pid(self) -> int:
        return self.popen.pid

    def log_tail(self, lines: int = 15) -> str:
        self.log.flush()
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def stop(self) -> None:
        if self.popen.poll() is None:
            self.popen.terminate()
            try:
                self.popen.wait(5)
            except subprocess.TimeoutExpired:
                self.popen.kill()
                self.popen.wait(5)
        self.log.close()
        if self in Process.running:
            Process.running.remove(self)

    @classmethod
    def stop_all(cls) -> None:
        for process in list(cls.running):
            process.stop()


def call(
    port: int,
    method: str,
    path: str,
    body: bytes | None = None,
    content_type: str = "application/xml",
    timeout: float = 30.0,
) -> tuple[int, bytes, str]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        connection.request(method, path, body=body, headers={"Content-Type": content_type} if body is not None else {})
        reply = connection.getresponse()
        return reply.status, reply.read(), reply.getheader("Content-Type", "")
    finally:
        connection.close()


def admin(port: int, method: str, path: str, payload: dict | None = None, timeout: float = 30.0) -> dict:
    status, data, _ = call(
        port, method, path, json.dumps(payload).encode() if payload is not None else None, "application/json", timeout
    )
    if status >= 300:
        raise ScenarioError(f"{method} {path} answered {status}: {data[:300]!r}")
    return json.loads(data)


def wait_ready(process: Process, port: int, timeout: float, health: str = "/__mock__/health") -> float:
    """Seconds from now until the health path answers 200 (polled every 2 ms)."""
    started = time.perf_counter()
    while time.perf_counter() - started < timeout:
        if process.popen.poll() is not None:
            raise ScenarioError(f"{process.name} exited with {process.popen.returncode}:\n{process.log_tail()}")
        try:
            if call(port, "GET", health, timeout=2)[0] == 200:
                return time.perf_counter() - started
        except OSError:
            pass
        time.sleep(0.002)
    raise ScenarioError(f"{process.name} not ready after {timeout} s:\n{process.log_tail()}")


def start_mock(workdir: Path, timeout: float, fixtures: Path | None = None) -> tuple[Process, int, float]:
    """The mock as `python -m mockserver serve`; returns it, its port and its seconds to ready."""
    port = free_port()
    args = [
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
    ] + (["--fixtures", str(fixtures)] if fixtures else [])
    started = time.perf_counter()
    process = Process("mock", args, workdir)
    try:
        wait_ready(process, port, timeout)
    except BaseException:
        process.stop()
        raise
    return process, port, time.perf_counter() - started


def start_baseline(workdir: Path) -> tuple[Process, int]:
    port = free_port()
    process = Process("baseline", [sys.executable, "-m", "bench.baseline", "--port", str(port)], workdir)
    try:
        wait_ready(process, port, 30)
    except BaseException:
        process.stop()
        raise
    return process, port


def cpu_seconds(pid: int) -> float | None:
    """CPU time (user + system) the process has used so far, from /proc (None elsewhere): unlike the
    wall time to ready, it hardly grows when other processes share the CPUs."""
    stat = Path(f"/proc/{pid}/stat")
    if not stat.exists():
        return None
    fields = stat.read_text().rpartition(")")[2].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class Peer:
    """WireMock for this run: started once, or why not (`skipped`, one line)."""

    name: str = "WireMock"
    process: Process | None = None
    port: int = 0
    skipped: str = ""
    up: bool = False
    started: float = 0.0  # perf_counter when its JVM was started
    ready_s: float | None = None  # seconds from that start to its health answering 200: S6's peer figure

    def ready(self) -> bool:
        """Waits (once) for WireMock's health; False, the reason in `skipped`, when it never came up."""
        if self.process and not self.up:
            try:
                wait_ready(self.process, self.port, 60, health=wiremock.HEALTH_PATH)
                self.ready_s = time.perf_counter() - self.started
                self.up = True
            except ScenarioError as failure:
                self.process.stop()
                self.process, self.port = None, 0
                self.skipped = f"{self.name} did not start: {str(failure).splitlines()[0]}"
        return self.up


def start_peer(workdir: Path, java: str | None, jar: Path | None, skip: str = "", quick: bool = False) -> Peer:
    """WireMock standalone on a free port, not yet waited for, or a Peer saying why it is skipped."""
    reason = skip or wiremock.unavailable(java, jar)
    if reason or java is None or jar is None:
        return Peer(skipped=reason)
    port = free_port()
    started = time.perf_counter()
    process = Process("wiremock", wiremock.command(java, jar, port, workdir / "wiremock", quick), workdir)
    return Peer(wiremock.version(jar), process, port, started=started)


def memory_kib(pid: int) -> dict[str, int]:
    found = {}
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        name, _, value = line.partition(":")
        if name in ("VmHWM", "VmRSS"):
            found[name] = int(value.split()[0])
    return found


# --- load -------------------------------------------------------------------------------------------

WRK_SCRIPT = r"""
-- bench.run: POST a fixed body, one of several in turn, or one with a unique token per request; report JSON.
local bodies = {}
for _, path in ipairs({%(paths)s}) do
  local f = assert(io.open(path, "rb"))
  table.insert(bodies, f:read("*a"))
  f:close()
end
local template = bodies[1]
local marker = %(marker)s
local tag = "%(tag)s"
wrk.method = "POST"
wrk.body = template
wrk.headers["Content-Type"] = "application/xml"

local threads = {}
local next_tid = 1
function setup(thread)
  thread:set("tid", next_tid)
  next_tid = next_tid + 1
  table.insert(threads, thread)
end

function init(args)
  sent = 0
  failures = 0
end

if marker then
  request = function()
    sent = sent + 1
    local body = template:gsub(marker, tag .. tid .. "n" .. sent)
    return wrk.format(nil, nil, nil, body)
  end
elseif #bodies > 1 then
  -- each thread walks the list from its own offset, so its connections carry different requests at once
  request = function()
    sent = sent + 1
    return wrk.format(nil, nil, nil, bodies[((tid * 5 + sent) %% #bodies) + 1])
  end
end

function response(status, headers, body)
  if status == 200 and body:find("<status>failure</status>", 1, true) then
    failures = failures + 1
  end
end

function done(summary, latency, requests)
  local failed = 0
  for _, t in ipairs(threads) do failed = failed + t:get("failures") end
  local e = summary.errors
  io.write(string.format(
    'JSON:{"requests": %%d, "duration_us": %%d, "p50_us": %%d, "p99_us": %%d, "max_us": %%d, ' ..
    '"socket_errors": %%d, "status_errors": %%d, "failures": %%d}\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99), latency.max,
    e.connect + e.read + e.write + e.timeout, e.status, failed))
end
"""


@dataclass
class LoadResult:
    requests: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    max_ms: float
    errors: int
    failures: int


class Loader:
    """Runs one bounded load run from a separate process: wrk, or bench.load (aiohttp)."""

    def __init__(self, kind: str, workdir: Path) -> None:
        self.kind = kind
        self.workdir = workdir
        self.runs = 0

    def describe(self) -> str:
        if self.kind == "wrk":
            version = subprocess.run(["wrk", "-v"], capture_output=True, text=True).stdout.splitlines()
            return (version[0].split(" Copyright")[0] if version else "wrk").strip()
        return "bench.load (aiohttp, one process)"

    def run(self, port: int, bodies: list[bytes], connections: int, duration: int) -> LoadResult:
        """Load with these request bodies, taken in turn across the connections (one body: every request)."""
        self.runs += 1
        tag = f"r{self.runs}"
        body_paths = [self.workdir / f"body-{self.runs}-{k}.xml" for k in range(len(bodies))]
        for path, body in zip(body_paths, bodies, strict=True):
            path.write_bytes(body)
        url = f"http://127.0.0.1:{port}{GATEWAY_PATH}"
        templated = MARKER.encode() in bodies[0]
        if self.kind == "wrk":
            script = self.workdir / f"load-{self.runs}.lua"
            paths = ", ".join(json.dumps(str(path)) for path in body_paths)
            script.write_text(
                WRK_SCRIPT % {"paths": paths, "marker": f'"{MARKER}"' if templated else "nil", "tag": tag}
            )
            args = [
                "wrk",
                "-t",
                str(min(connections, 2)),
                "-c",
                str(connections),
                "-d",
                f"{duration}s",
                "--timeout",  # a page that waits behind 31 slow ones (S1-1M.c32) is slow, not lost
                "30s",
                "-s",
                str(script),
                url,
            ]
        else:
            args = [
                sys.executable,
                "-m",
                "bench.load",
                "--url",
                url,
                *(arg for path in body_paths for arg in ("--body-file", str(path))),
                "--connections",
                str(connections),
                "--duration",
                str(duration),
                "--tag",
                tag,
            ]
            if templated:
                args += ["--marker", MARKER]
        try:
            done = subprocess.run(
                args,
                capture_output=True,
                text=True,
                timeout=duration + 60,
                cwd=REPO,
                env=child_environment(),
                stdin=subprocess.DEVNULL,
            )
        except subprocess.TimeoutExpired:  # run() kills the child before raising
            raise ScenarioError(f"{self.kind} overran its {duration} s run by a minute") from None
        lines = [line for line in done.stdout.splitlines() if line.startswith(("JSON:", "{"))]
        if done.returncode != 0 or not lines:
            raise ScenarioError(f"{self.kind} failed ({done.returncode}): {done.stderr[-500:]} {done.stdout[-500:]}")
        data = json.loads(lines[-1].removeprefix("JSON:"))
        if self.kind == "wrk":
            seconds = data["duration_us"] / 1e6
            return LoadResult(
                data["requests"],
                data["requests"] / seconds if seconds else 0.0,
                data["p50_us"] / 1000,
                data["p99_us"] / 1000,
                data["max_us"] / 1000,
                data["socket_errors"] + data["status_errors"],
                data["failures"],
            )
        return LoadResult(
            data["requests"],
            data["requests_per_s"],
            data["p50_ms"],
            data["p99_ms"],
            data["max_ms"],
            data["errors"],
            data["failures"],
        )


# --- the table -------------------------------------------------------------------------------------


@dataclass
class Figure:
    name: str
    mock: float | None
    baseline: float | None = None
    target: str = ""  # e.g. "<10", ">=0.5x base"
    met: bool | None = None
    unit_format: str = "{:.2f}"
    limit: float | None = None  # the target's bound in the figure's unit: prints figure/limit beside it
    peer: float | None = None  # the same figure from WireMock serving the mock's bytes
    also: list[tuple[str, bool | None]] = field(default_factory=list)  # more targets; None: not measured

    @property
    def of_limit(self) -> str:
        return "" if self.mock is None or not self.limit else f" ({self.mock / self.limit:.2f}x of target)"

    @property
    def ratio(self) -> float | None:
        if self.mock is None or not self.baseline:
            return None
        return self.mock / self.baseline

    @property
    def peer_ratio(self) -> float | None:
        if self.mock is None or not self.peer:
            return None
        return self.mock / self.peer

    @property
    def verdicts(self) -> str:
        parts = [f"{self.target} {verdict(self.met)}{self.of_limit}".rstrip()] if self.target else []
        return "; ".join(parts + [f"{target} {verdict(met) or 'not measured'}" for target, met in self.also])


def verdict(met: bool | None) -> str:
    return "" if met is None else ("met" if met else "MISSED")


@dataclass
class Row:
    key: str
    title: str
    figures: list[Figure] = field(default_factory=list)
    note: str = ""
    detail: str = ""  # a third line under the note
    error: str = ""


def short(count: int) -> str:
    """1000000 -> 1M, 10000 -> 10k."""
    for size, suffix in ((1_000_000, "M"), (1000, "k")):
        if count >= size and count % size == 0:
            return f"{count // size}{suffix}"
    return f"{count:,}"


def fmt(value: float | None, pattern: str = "{:.2f}") -> str:
    if value is None:
        return "-"
    if abs(value) >= 10000:
        return f"{value:,.0f}"
    return pattern.format(value)


def table(rows: list[Row]) -> str:
    out = [
        f"{'id':<12} {'scenario':<66} {'figure':<13} {'mock':>11} {'baseline':>11} {'mock/base':>9} "
        f"{'WireMock':>11} {'mock/WM':>8}  target"
    ]
    out.append("-" * 170)
    for row in rows:
        if row.error:
            out.append(f"{row.key:<12} {row.title[:66]:<66} ERROR: {row.error.splitlines()[0][:200]}")
            continue
        for i, figure in enumerate(row.figures):
            title = (row.title, row.note, row.detail)[i] if i < 3 else ""
            ratio = "-" if figure.ratio is None else f"{figure.ratio:.2f}"
            peer_ratio = "-" if figure.peer_ratio is None else f"{figure.peer_ratio:.2f}"
            out.append(
                f"{row.key:<12} {title[:66]:<66} {figure.name:<13} {fmt(figure.mock, figure.unit_format):>11} "
                f"{fmt(figure.baseline, figure.unit_format):>11} {ratio:>9} "
                f"{fmt(figure.peer, figure.unit_format):>11} {peer_ratio:>8}  {figure.verdicts}".rstrip()
            )
    return "\n".join(out)


def results(rows: list[Row], header: list[str]) -> dict:
    """The run as data: each row's figures with their ratios and verdicts, for bench/readme.py."""
    listed = []
    for row in rows:
        figures = [
            dataclasses.asdict(f) | {"ratio": f.ratio, "peer_ratio": f.peer_ratio, "verdicts": f.verdicts}
            for f in row.figures
        ]
        listed.append(dataclasses.asdict(row) | {"figures": figures})
    return {"header": header, "rows": listed}


# --- requests -----------------------------------------------------------------------------------------


def read_by_query(object_name: str, pagesize: int, query: str = "", fields: str = "*") -> str:
    return function(
        "readByQuery",
        f"<object>{object_name}</object><fields>{fields}</fields><query>{escape(query)}</query>"
        f"<pagesize>{pagesize}</pagesize>",
        "rbq",
    )


# S1's varied requests: what an integration sends while it pages GL accounts, not one request repeated.
PAGE_FIELDS = ("*", "RECORDNO,ACCOUNTNO,TITLE,ACCOUNTTYPE,NORMALBALANCE,STATUS")
PAGE_SIZES = (100, 100, 100, 50)  # by start, in turn
PAGE_STARTS = 8
PAGES_DETAIL = f"ACCOUNTNO > {PAGE_STARTS} starts x (* | 6 named fields), pagesize 100 or 50"


def keyset_pages(starts: list[str], authentication: str) -> list[tuple[bytes, int]]:
    """GLACCOUNT pages as an integration pages by key (`ACCOUNTNO > 'the last one seen'`, "" for the first
    page), from each start, once with every field and once with six named ones; pagesize 100, 50 for
    every fourth start. Returns (request body, records the page must hold)."""
    pages = []
    for i, start in enumerate(starts):
        size = PAGE_SIZES[i % len(PAGE_SIZES)]
        query = f"ACCOUNTNO > '{start}'" if start else ""
        for fields in PAGE_FIELDS:
            body = request_xml(read_by_query("GLACCOUNT", size, query, fields), authentication=authentication)
            pages.append((body, size))
    return pages


def spread(count: int, picks: int) -> list[int]:
    """`picks` indexes spread evenly over range(count), first and last included."""
    return sorted({round(j * (count - 1) / max(1, picks - 1)) for j in range(picks)})


def page_starts(accountnos: list[str]) -> list[str]:
    """The first page and starts spread over the accounts that still have a full page of 100 after them."""
    ordered = sorted(accountnos)
    candidates = ordered[: len(ordered) - max(PAGE_SIZES)]
    if not candidates:
        raise ScenarioError(f"{len(ordered)} GL accounts: too few for full pages of {max(PAGE_SIZES)}")
    return [""] + [candidates[i] for i in spread(len(candidates), PAGE_STARTS - 1)]


def full_pages(port: int, pages: list[tuple[bytes, int]]) -> list[bytes]:
    """The request bodies, once the mock has answered each with a page as full as its pagesize."""
    for body, size in pages:
        count = data_attributes(checked(port, body)[0]).get("count")
        if count != str(size):
            raise ScenarioError(f"a varied page held {count} records, expected {size}: {body[-300:]!r}")
    return [body for body, _ in pages]


def accountnos(port: int) -> list[str]:
    """MOCKCO's GL account numbers (184 today; the first 1000, the largest page readByQuery gives)."""
    answer = checked(port, request_xml(read_by_query("GLACCOUNT", 1000, fields="ACCOUNTNO")))[0]
    return [number.decode() for number in re.findall(rb"<ACCOUNTNO>([^<]*)</ACCOUNTNO>", answer)]


def open_session(port: int, companyid: str) -> str:
    status, answer, _ = call(
        port,
        "POST",
        GATEWAY_PATH,
        request_xml(function("getAPISession"), authentication=login_xml(companyid=companyid)),
    )
    found = re.search(rb"<sessionid>([^<]+)</sessionid>", answer)
    if status != 200 or not found:
        raise ScenarioError(f"getAPISession for {companyid} failed ({status}): {answer[:400]!r}")
    return found.group(1).decode()


def data_attributes(answer: bytes) -> dict[str, str]:
    found = re.search(rb"<data ([^>]*)>", answer)
    if not found:
        raise ScenarioError(f"no <data> in the answer: {answer[:400]!r}")
    return {k.decode(): v.decode() for k, v in re.findall(rb'(\w+)="([^"]*)"', found.group(1))}


def checked(port: int, body: bytes, timeout: float = 60.0) -> tuple[bytes, str]:
    """One request to the mock; its answer and content type, or ScenarioError if anything failed."""
    sample = body.replace(MARKER.encode(), b"probe")
    status, answer, content_type = call(port, "POST", GATEWAY_PATH, sample, timeout=timeout)
    if status != 200 or FAILURE in answer:
        raise ScenarioError(f"the mock answered {status}: {answer[:600]!r}")
    return answer, content_type


def forget_cursors(port: int) -> None:
    """Each readByQuery leaves its cursor open for 30 minutes; moving the mock's clock past that
    makes the next readByQuery expire them, so every run starts with none left by the previous one."""
    admin(port, "POST", "/__mock__/clock", {"advance_seconds": 31 * 60})


# --- scenarios -----------------------------------------------------------------------------------------


class Bench:
    def __init__(
        self,
        scale: Scale,
        loader: Loader,
        workdir: Path,
        only: list[str],
        profile_dir: Path | None,
    ) -> None:
        self.scale, self.loader, self.workdir, self.only = scale, loader, workdir, only
        self.profile_dir = profile_dir
        self.peer = Peer(skipped="not started")  # main() starts WireMock once the rows asked for are known
        self.rows: list[Row] = []
        self.p50: dict[str, float] = {}
        self.profiles: list[str] = []

    def wanted(self, key: str) -> bool:
        return not self.only or any(key == o or key.split(".")[0] == o for o in self.only)

    def progress(self, text: str) -> None:
        print(f"[bench {time.strftime('%H:%M:%S')}] {text}", file=sys.stderr, flush=True)

    def attempt(self, key: str, title: str, measure) -> None:
        if not self.wanted(key):
            return
        self.progress(f"{key}: {title}")
        row = Row(key, title)
        try:
            measure(row)
        except ScenarioError as failure:
            row.error = str(failure)
        except (OSError, ValueError, KeyError, subprocess.SubprocessError) as failure:
            row.error = f"{type(failure).__name__}: {failure}"
        self.rows.append(row)

    def load_row(
        self,
        row: Row,
        mock: int,
        mock_pid: int,
        baseline: int,
        body: bytes | list[bytes],
        connections: int,
        per_request: int = 1,
        profile_name: str = "",
    ) -> LoadResult:
        """Load the mock with the body (or the bodies in turn across the connections), then the baseline
        and WireMock answering each with the mock's exact bytes for it; figures and ratios."""
        bodies = body if isinstance(body, list) else [body]
        answers = [(request, *checked(mock, request)) for request in bodies]
        templated = MARKER.encode() in bodies[0]  # unique per request: only the baseline's fixed answer fits
        self.set_baseline(baseline, answers, templated)
        peer = self.peer.port if not templated and row.key in self.scale.peer_rows and self.peer.ready() else 0
        if peer:
            self.set_peer(peer, answers)
        forget_cursors(mock)
        if self.scale.warmup:
            self.loader.run(mock, bodies, connections, self.scale.warmup)
            forget_cursors(mock)
        spy = self.start_profile(mock_pid, profile_name)
        try:
            measured = self.loader.run(mock, bodies, connections, self.scale.duration)
        finally:
            self.finish_profile(spy, profile_name)
        base = self.loader.run(baseline, bodies, connections, self.scale.duration)
        if measured.errors or measured.failures or not measured.requests:
            raise ScenarioError(
                f"{measured.requests} answers, {measured.errors} HTTP/socket errors, "
                f"{measured.failures} failure answers from the mock"
            )
        them = None
        if peer:
            if self.scale.warmup:  # the JVM compiles its hot paths under load: it gets the mock's warm-up too
                self.loader.run(peer, bodies, connections, self.scale.warmup)
            them = self.loader.run(peer, bodies, connections, self.scale.duration)
            if them.errors or not them.requests:
                raise ScenarioError(f"{self.peer.name}: {them.requests} answers, {them.errors} HTTP/socket errors")
        row.figures += [
            Figure("req/s", measured.requests_per_s, base.requests_per_s, unit_format="{:.1f}"),
            Figure("p50 ms", measured.p50_ms, base.p50_ms),
            Figure("p99 ms", measured.p99_ms, base.p99_ms),
        ]
        if them:
            for figure, value in zip(row.figures[-3:], (them.requests_per_s, them.p50_ms, them.p99_ms), strict=True):
                figure.peer = value
        if per_request > 1:
            row.figures.insert(
                1,
                Figure(
                    "creates/s",
                    measured.requests_per_s * per_request,
                    base.requests_per_s * per_request,
                    unit_format="{:.0f}",
                ),
            )
        sizes = sorted(len(answer) for _, answer, _ in answers)
        row.note = f"{measured.requests} requests in {self.scale.duration} s, " + (
            f"answer {sizes[0]:,} bytes"
            if len(bodies) == 1
            else f"{len(bodies)} different, answers {sizes[0]:,}-{sizes[-1]:,} bytes"
        )
        return measured

    def set_baseline(self, port: int, answers: list[tuple[bytes, bytes, str]], templated: bool) -> None:
        """The baseline answers the first answer to anything, and each known request with its own answer."""
        _, answer, content_type = answers[0]
        status, _, _ = call(port, "PUT", "/__baseline__/body", answer, content_type)
        pairs = [] if templated else answers
        listed = [
            {"request": b64encode(r).decode(), "body": b64encode(a).decode(), "content_type": t} for r, a, t in pairs
        ]
        status_all, _, _ = call(port, "PUT", "/__baseline__/answers", json.dumps(listed).encode(), "application/json")
        if status != 200 or status_all != 200:
            raise ScenarioError(f"the baseline refused its answers ({status}, {status_all})")
        for request, answer, _ in pairs:
            if call(port, "POST", GATEWAY_PATH, request)[1] != answer:
                raise ScenarioError("the baseline did not answer a request with the mock's bytes for it")

    def set_peer(self, port: int, answers: list[tuple[bytes, bytes, str]]) -> None:
        """WireMock's stubs become these answers; each is asked once, and must come back byte for byte."""
        status, reply, _ = call(port, "POST", wiremock.IMPORT_PATH, wiremock.stubs(answers), "application/json")
        if status != 200:
            raise ScenarioError(f"{self.peer.name} refused the stubs ({status}): {reply[:300]!r}")
        for request, answer, _ in answers:
            status, reply, _ = call(port, "POST", GATEWAY_PATH, request)
            if status != 200 or reply != answer:
                raise ScenarioError(f"{self.peer.name} answered {status}, not the mock's bytes: {reply[:300]!r}")

    # py-spy, only with --profile: samples the server while the measured run loads it.
    def start_profile(self, pid: int, name: str) -> subprocess.Popen | None:
        if not (self.profile_dir and name):
            return None
        spy = shutil.which("py-spy")
        if not spy:
            raise ScenarioError("--profile needs py-spy (pip install py-spy)")
        out = self.profile_dir / f"{name}.txt"
        return subprocess.Popen(
            [
                spy,
                "record",
                "--pid",
                str(pid),
                "--duration",
                str(self.scale.duration),
                "--rate",
                "100",
                "--format",
                "raw",
                "--output",
                str(out),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def finish_profile(self, spy: subprocess.Popen | None, name: str) -> None:
        if spy is None:
            return
        try:
            spy.wait(30)
        except subprocess.TimeoutExpired:
            spy.kill()
            spy.wait(5)
        out = self.profile_dir / f"{name}.txt"
        if out.exists():
            self.profiles.append(summarize_profile(out, name))

    def figure_target(self, figure: Figure, target: str, ok: bool) -> None:
        figure.target, figure.met = target, ok

    def page_targets(self, row: Row, connections: int) -> None:
        """Issue 15's readByQuery page targets: c32 >= 1.0x WireMock and >= 0.5x bare, p99 < 10 ms; c1 p50 <= 0.5 ms."""
        rate, p50, p99 = row.figures[:3]
        if connections == 1:
            self.figure_target(p50, "<=0.5 ms", (p50.mock or 0) <= 0.5)
            return
        self.figure_target(rate, ">=0.5x base", (rate.ratio or 0) >= 0.5)
        rate.also.append((">=1.0x WireMock", None if rate.peer_ratio is None else rate.peer_ratio >= 1.0))
        self.figure_target(p99, "<10 ms", (p99.mock or 0) < 10)

    # -- the default company server: scenarios 1, 3 and 4 --

    def default_company(self) -> None:
        keys = ("S1.c1", "S1.c32", "S1.ws.c1", "S1.ws.c32", "S3.one", "S3.x100", "S4", "S8.c1", "S8.c32")
        if not any(self.wanted(k) for k in keys):
            return
        mock, mock_port, _ = start_mock(self.workdir, self.scale.timeout)
        baseline, baseline_port = start_baseline(self.workdir)
        try:
            self.scenario_1(mock, mock_port, baseline_port)
            self.scenario_3(mock, mock_port, baseline_port)
            self.scenario_4(mock_port)
            self.scenario_8(mock, mock_port, baseline_port)
        finally:
            baseline.stop()
            mock.stop()

    def scenario_1(self, mock: Process, port: int, baseline: int) -> None:
        """Issue 15's page target: varied keyset pages of MOCKCO's accounts, beside bare aiohttp and WireMock."""
        for connections in (1, 32):
            key = f"S1.c{connections}"

            def measure(row: Row, connections=connections, key=key) -> None:
                bodies = full_pages(port, keyset_pages(page_starts(accountnos(port)), login_xml()))
                result = self.load_row(
                    row,
                    port,
                    mock.pid,
                    baseline,
                    bodies,
                    connections,
                    profile_name="S1.c32" if connections == 32 else "",
                )
                self.p50[key] = result.p50_ms
                self.page_targets(row, connections)
                row.detail = PAGES_DETAIL

            self.attempt(
                key,
                f"readByQuery GLACCOUNT, {len(PAGE_FIELDS) * PAGE_STARTS} varied pages, login, MOCKCO, {connections} conn",
                measure,
            )
        # The same page with includewhitespace=true, the gateway's default: the indented answer.
        indented = request_xml(read_by_query("GLACCOUNT", 100), includewhitespace="true")
        for connections in (1, 32):

            def measure_indented(row: Row, connections=connections) -> None:
                self.load_row(row, port, mock.pid, baseline, indented, connections)

            self.attempt(
                f"S1.ws.c{connections}",
                f"the same, includewhitespace=true (indented answer), {connections} conn",
                measure_indented,
            )

    def scenario_3(self, mock: Process, port: int, baseline: int) -> None:
        session = session_xml(open_session(port, "MOCKCO"))
        one = request_xml(function("create", vendor_xml(f"V{MARKER}")), authentication=session)
        hundred = request_xml(
            function("create", "".join(vendor_xml(f"V{MARKER}-{k}") for k in range(100))), authentication=session
        )
        self.attempt(
            "S3.one",
            "create VENDOR, 1 per request, session, MOCKCO, 32 conn",
            lambda row: self.load_row(row, port, mock.pid, baseline, one, 32),
        )
        self.attempt(
            "S3.x100",
            "create VENDOR, 100 per create, session, MOCKCO, 32 conn",
            lambda row: self.load_row(row, port, mock.pid, baseline, hundred, 32, per_request=100),
        )

    def scenario_4(self, port: int) -> None:
        count = self.scale.paging

        def measure(row: Row) -> None:
            admin(
                port,
                "POST",
                "/__mock__/companies",
                {"companyid": "PAGING", "company": bare_company("PAGING", {"GLACCOUNT": count})},
                timeout=self.scale.timeout,
            )
            session = session_xml(open_session(port, "PAGING"))
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.scale.timeout)
            received, requests = 0, 0
            started = time.perf_counter()
            try:
                body = request_xml(read_by_query("GLACCOUNT", 1000), authentication=session)
                while True:
                    connection.request("POST", GATEWAY_PATH, body=body, headers={"Content-Type": "application/xml"})
                    reply = connection.getresponse()
                    answer = reply.read()
                    requests += 1
                    if reply.status != 200 or FAILURE in answer:
                        raise ScenarioError(f"page {requests} answered {reply.status}: {answer[:400]!r}")
                    page = data_attributes(answer)
                    received += int(page["count"])
                    if int(page["numremaining"]) == 0 or requests > count:
                        break
                    body = request_xml(
                        function("readMore", f"<resultId>{page['resultId']}</resultId>", "more"), authentication=session
                    )
            finally:
                connection.close()
            seconds = time.perf_counter() - started
            if received != count:
                raise ScenarioError(f"paged {received} records, expected {count}")
            row.figures.append(Figure("total s", seconds, target="<10 s", met=seconds < 10))
            row.figures.append(Figure("records/s", received / seconds, unit_format="{:.0f}"))
            row.note = f"{requests} requests, sequential, one keep-alive connection"

        self.attempt("S4", f"page {count:,} GLACCOUNT, readByQuery+readMore pagesize 1000", measure)

    def scenario_8(self, mock: Process, port: int, baseline: int) -> None:
        """A page of 100 VENDORs with every field of each (issue 16's figure), seeded with realistic values."""
        if not any(self.wanted(f"S8.c{c}") for c in (1, 32)):
            return
        count = self.scale.page_vendors
        records = vendor_records(count)
        seeded: list[str] = []  # the session, once the company exists (made by the first row that runs)

        def session() -> str:
            if not seeded:
                company = {**bare_company("VENDORPAGE", {}), "records": {"VENDOR": records}}
                admin(port, "POST", "/__mock__/companies", {"companyid": "VENDORPAGE", "company": company})
                seeded.append(session_xml(open_session(port, "VENDORPAGE")))
            return seeded[0]

        for connections in (1, 32):

            def measure(row: Row, connections=connections) -> None:
                body = request_xml(read_by_query("VENDOR", 100), authentication=session())
                answer = checked(port, body)[0]
                if data_attributes(answer).get("count") != "100":
                    raise ScenarioError(f"the page held {data_attributes(answer).get('count')} VENDORs, expected 100")
                fields = vendor_leaf_count(answer)
                self.load_row(row, port, mock.pid, baseline, body, connections)
                row.detail = f"{fields} fields per VENDOR in the answer, {len(records[0])} of them seeded"

            self.attempt(
                f"S8.c{connections}",
                f"readByQuery VENDOR pagesize 100 *, session, {count:,} VENDOR, {connections} conn",
                measure,
            )

    # -- the large company server: scenarios 7, 2, 1 on 1M, 5 --

    def large_company(self) -> None:
        if not any(self.wanted(k) for k in ("S7", "S2.c1", "S2.c32", "S1-1M.c1", "S1-1M.c32", "S5")):
            return
        mock, port, _ = start_mock(self.workdir, self.scale.timeout)
        baseline, baseline_port = start_baseline(self.workdir)
        try:
            idle = memory_kib(mock.pid)
            started = time.perf_counter()
            admin(
                port,
                "POST",
                "/__mock__/companies",
                {"companyid": "BIG", "company": bare_company("BIG", {"GLACCOUNT": self.scale.big})},
                timeout=self.scale.timeout,
            )
            created = time.perf_counter() - started
            loaded = memory_kib(mock.pid)  # before any load can raise the high-water mark

            def scenario_7(row: Row) -> None:
                limit_mib = 1.5 * GB / 2**20
                row.figures.append(
                    Figure(
                        "VmHWM MiB",
                        loaded["VmHWM"] / 1024,
                        target="<1.5 GB",
                        met=loaded["VmHWM"] * 1024 < 1.5 * GB,
                        unit_format="{:.0f}",
                        limit=limit_mib,
                    )
                )
                row.figures.append(Figure("VmRSS MiB", loaded["VmRSS"] / 1024, unit_format="{:.0f}"))
                row.figures.append(Figure("idle HWM MiB", idle["VmHWM"] / 1024, unit_format="{:.0f}"))
                row.figures.append(Figure("create s", created))
                row.note = f"1.5 GB = {limit_mib:.0f} MiB; create s: POST /__mock__/companies"

            self.attempt("S7", f"peak RSS, {self.scale.big:,} GLACCOUNT loaded (+ default fixtures)", scenario_7)
            self.scenario_2(mock, port, baseline_port)
            self.scenario_1_large(mock, port, baseline_port)
            self.scenario_5(port)
        finally:
            baseline.stop()
            mock.stop()

    def scenario_2(self, mock: Process, port: int, baseline: int) -> None:
        accountno = f"ACC{self.scale.big // 2:08d}"  # generated IDs: first 3 letters of the ID field + RECORDNO
        for connections in (1, 32):

            def measure(row: Row, connections=connections) -> None:
                session = session_xml(open_session(port, "BIG"))
                body = request_xml(read_by_query("GLACCOUNT", 1, f"ACCOUNTNO = '{accountno}'"), authentication=session)
                page = data_attributes(checked(port, body)[0])
                if page.get("count") != "1":
                    raise ScenarioError(f"ACCOUNTNO = '{accountno}' found {page.get('count')} records, expected 1")
                result = self.load_row(
                    row, port, mock.pid, baseline, body, connections, profile_name="S2.c32" if connections == 32 else ""
                )
                self.figure_target(row.figures[2], "<5 ms", result.p99_ms < 5)

            self.attempt(
                f"S2.c{connections}",
                f"readByQuery p1 ACCOUNTNO = '{accountno}', session, {short(self.scale.big)}, {connections} conn",
                measure,
            )

    def scenario_1_large(self, mock: Process, port: int, baseline: int) -> None:
        # S1's mix of pages, from starts spread over the generated IDs (ACC + RECORDNO in 8 digits).
        candidates = self.scale.big - max(PAGE_SIZES)
        starts = [""] + [f"ACC{1 + i:08d}" for i in spread(candidates, PAGE_STARTS - 1)]
        pages = keyset_pages(starts, login_xml(companyid="BIG"))
        for connections in (1, 32):

            def measure(row: Row, connections=connections) -> None:
                result = self.load_row(row, port, mock.pid, baseline, full_pages(port, pages), connections)
                default = self.p50.get(f"S1.c{connections}")
                if default:
                    ratio = result.p50_ms / default
                    row.figures.append(Figure("p50 / S1 p50", ratio, target="<=1.5x", met=ratio <= 1.5))
                row.detail = PAGES_DETAIL

            self.attempt(
                f"S1-1M.c{connections}",
                f"readByQuery GLACCOUNT, S1's pages, login, {short(self.scale.big)} accounts, {connections} conn",
                measure,
            )

    def scenario_5(self, port: int) -> None:
        def measure(row: Row) -> None:
            started = time.perf_counter()
            admin(
                port,
                "POST",
                "/__mock__/companies",
                {"companyid": "VENDORS", "company": bare_company("VENDORS", {"VENDOR": self.scale.vendors})},
                timeout=self.scale.timeout,
            )
            created = time.perf_counter() - started
            session = session_xml(open_session(port, "VENDORS"))
            body = request_xml(
                function(
                    "query",
                    "<object>VENDOR</object><select><count>RECORDNO</count><sum>CREDITLIMIT</sum></select>",
                    "agg",
                ),
                authentication=session,
            )
            timings = []
            answer = b""
            for _ in range(self.scale.aggregate_runs):
                started = time.perf_counter()
                answer, _ = checked(port, body, timeout=self.scale.timeout)
                timings.append(time.perf_counter() - started)
            counted = re.search(rb"<COUNT\.RECORDNO>(\d+)</COUNT\.RECORDNO>", answer)
            if not counted or int(counted.group(1)) != self.scale.vendors:
                raise ScenarioError(f"count was {counted and counted.group(1)!r}, expected {self.scale.vendors}")
            summed = re.search(rb"<SUM\.CREDITLIMIT>([^<]*)</SUM\.CREDITLIMIT>", answer)
            p50 = statistics.median(timings)
            row.figures.append(Figure("p50 s", p50, target="<1 s", met=p50 < 1, unit_format="{:.3f}"))
            row.figures.append(Figure("max s", max(timings), unit_format="{:.3f}"))
            row.figures.append(Figure("create s", created))
            row.note = f"{len(timings)} sequential; sum = {summed.group(1).decode() if summed else '?'!r}" + (
                " (generated: no CREDITLIMIT)" if summed and not summed.group(1) else ""
            )

        self.attempt("S5", f"query count(RECORDNO)+sum(CREDITLIMIT), {self.scale.vendors:,} VENDOR", measure)

    # -- scenario 6: cold starts --

    def scenario_6(self) -> None:
        def cold(row: Row, fixtures: Path | None, target: float | None) -> None:
            times, cpu = [], []
            for _ in range(self.scale.cold_runs):
                mock, _, seconds = start_mock(self.workdir, self.scale.timeout, fixtures)
                cpu.append(cpu_seconds(mock.popen.pid))
                mock.stop()
                times.append(seconds)
            median = statistics.median(times)
            row.figures.append(
                Figure(
                    "ready s",
                    median,
                    target=f"<{target} s" if target else "",
                    met=median < target if target else None,
                    unit_format="{:.3f}",
                    limit=target,
                )
            )
            row.figures.append(Figure("max s", max(times), unit_format="{:.3f}"))
            used = [seconds for seconds in cpu if seconds is not None]
            if used:  # the mock's own CPU seconds to ready: about what a quiet machine's wall time would be
                row.figures.append(Figure("cpu s", statistics.median(used), unit_format="{:.3f}"))
            row.note = f"median of {len(times)}: process start to /__mock__/health 200"
            if fixtures is None and self.peer.ready_s is not None and self.scale is not QUICK:
                # what a suite using WireMock waits for instead: its JVM to /__admin/health (started once, at the
                # bench's start, on an idle machine; in --quick it starts beside S1 and is no figure)
                row.figures[0].peer = self.peer.ready_s
                row.detail = "WireMock: its one start for this run, java -jar to /__admin/health 200"

        self.attempt("S6.default", "cold start to health ready, default fixtures", lambda row: cold(row, None, 0.3))

        def with_records(row: Row) -> None:
            fixtures = self.workdir / "fixtures-cold"
            (fixtures / "companies").mkdir(parents=True, exist_ok=True)
            shutil.copy(REPO / "fixtures" / "senders.json", fixtures / "senders.json")
            company = bare_company("COLD", {"GLACCOUNT": self.scale.cold_records})
            (fixtures / "companies" / "COLD.json").write_text(json.dumps(company))
            cold(row, fixtures, None)

        self.attempt("S6.records", f"cold start, one company with {self.scale.cold_records:,} GLACCOUNT", with_records)

    # -- scenario 9: fresh companies and resets (fixture templates) --

    def scenario_9(self) -> None:
        if not any(self.wanted(k) for k in ("S9.create", "S9.reset", "S9.all", "S9.records")):
            return
        mock, port, _ = start_mock(self.workdir, self.scale.timeout)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=self.scale.timeout)
        count = self.scale.fresh
        created: list[str] = []

        def timed(method: str, path: str, payload: dict | None = None, on: http.client.HTTPConnection = connection):
            """Milliseconds of one admin call on a keep-alive connection (no connect in the figure)."""
            body = json.dumps(payload).encode() if payload is not None else None
            started = time.perf_counter()
            on.request(method, path, body=body, headers={"Content-Type": "application/json"})
            reply = on.getresponse()
            answer = reply.read()
            elapsed = (time.perf_counter() - started) * 1000
            if reply.status >= 300:
                raise ScenarioError(f"{method} {path} answered {reply.status}: {answer[:300]!r}")
            return elapsed

        def figures(row: Row, name: str, times: list[float], bound: float) -> None:
            median = statistics.median(times)
            row.figures.append(Figure(name, median, target=f"<={bound:g} ms", met=median <= bound, limit=bound))
            row.figures.append(Figure("max ms", max(times)))

        def create(row: Row) -> None:
            times = []
            for i in range(count):
                created.append(f"FRESH-{i}")
                times.append(timed("POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": created[-1]}))
            figures(row, "median ms", times, 5)
            deleted = [timed("DELETE", f"/__mock__/companies/{c}") for c in created[1:]]
            row.figures.append(Figure("delete ms", statistics.median(deleted)))
            del created[1:]
            row.note = f"{count} new IDs in turn; the first is MOCKCO's second load (it keeps the template)"
            row.detail = "delete ms: DELETE /__mock__/companies/{id} of them, median"

        def reset_one(row: Row) -> None:
            if not created:
                timed("POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": "FRESH-0"})
                created.append("FRESH-0")
            write = request_xml(
                function("create", vendor_xml("S9-WRITE", "Written before the reset"), "w"),
                authentication=login_xml(companyid=created[0]),
            )
            times = []
            for _ in range(count):  # a test's write first (a VENDOR, its audit row), not timed; then the reset
                status, answer, _ = call(port, "POST", GATEWAY_PATH, write)
                if status != 200 or FAILURE in answer:
                    raise ScenarioError(f"the write before a reset answered {status}: {answer[:300]!r}")
                times.append(timed("POST", f"/__mock__/companies/{created[0]}/reset"))
            figures(row, "median ms", times, 5)
            row.note = f"{count} resets of one MOCKCO company, each after creating a VENDOR in it"

        def reset_all(row: Row) -> None:
            figures(row, "median ms", [timed("POST", "/__mock__/reset") for _ in range(count)], 20)
            row.note = f"{count} whole resets: every company gone, MOCKCO and MOCKSMALL back"
            if self.peer.ready():  # a WireMock suite's reset between tests: its stubs back to none
                peer = http.client.HTTPConnection("127.0.0.1", self.peer.port, timeout=self.scale.timeout)
                try:
                    resets = [timed("POST", "/__admin/reset", on=peer) for _ in range(count)]
                finally:
                    peer.close()
                row.figures[0].peer = statistics.median(resets)
                row.note += "; WireMock: POST /__admin/reset (stubs back to none), median"
            created.clear()

        def records(row: Row) -> None:
            runs = max(5, count // 5)
            times = []
            for i in range(runs):
                companyid = f"FRESHBIG-{i}"
                company = bare_company(companyid, {"GLACCOUNT": self.scale.fresh_records})
                times.append(timed("POST", "/__mock__/companies", {"company": company}))
                timed("DELETE", f"/__mock__/companies/{companyid}")  # not in the figure: one large company at a time
            figures(row, "median ms", times, 5)
            row.figures.append(Figure("first ms", times[0]))
            row.note = f"{runs} in turn, a new ID each; the first two load (the second keeps the template)"
            row.detail = "first ms: the first, loaded from the fixture without a template"

        try:
            self.attempt("S9.create", "POST /__mock__/companies {fixture: MOCKCO}, new ID each time", create)
            self.attempt("S9.reset", "POST /__mock__/companies/{id}/reset, MOCKCO", reset_one)
            self.attempt("S9.all", "POST /__mock__/reset (MOCKCO and MOCKSMALL at start)", reset_all)
            self.attempt(
                "S9.records",
                f"fresh company from a fixture of {self.scale.fresh_records:,} generated GLACCOUNT",
                records,
            )
        finally:
            connection.close()
            mock.stop()

    def run(self) -> None:
        self.default_company()
        self.large_company()
        self.scenario_9()
        self.scenario_6()


def vendor_leaf_count(answer: bytes) -> int:
    """Fields of the first record (<vendor>) in a readByQuery answer: its leaf elements (groups like DISPLAYCONTACT
    nest theirs), counted from the answer so the figure follows the catalogue, whatever its size."""
    data = etree.fromstring(answer).find(".//data")
    if data is None or not len(data):
        raise ScenarioError(f"no VENDOR in the answer: {answer[:400]!r}")
    return sum(1 for element in data[0].iter() if len(element) == 0)


def bare_company(companyid: str, generate: dict[str, int]) -> dict:
    """An inline company fixture: mocksender authorized, workato_isu with full access, synthetic records."""
    return {
        "companyid": companyid,
        "name": f"{companyid} benchmark company",
        "senders": {"mocksender": "active"},
        "users": [{"userid": "workato_isu", "password": "mockuserpw", "admin": "full"}],
        "generate": generate,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny counts and 1 s runs (CI smoke test)")
    parser.add_argument(
        "--loader", choices=("auto", "wrk", "aiohttp"), default="auto", help="load generator (auto: wrk when installed)"
    )
    parser.add_argument("--only", default="", help="comma-separated scenario ids or prefixes: S1,S2,S5,...")
    parser.add_argument("--profile", metavar="DIR", help="py-spy the server during S1.c32 and S2.c32 into DIR")
    parser.add_argument("--duration", type=int, help="seconds per load run (overrides the mode's)")
    parser.add_argument("--no-peer", action="store_true", help="do not run WireMock beside the baseline")
    parser.add_argument(
        "--json", type=Path, metavar="FILE", help="also write the figures as JSON (python -m bench.readme reads it)"
    )
    parser.add_argument("--java", default=wiremock.find_java(), help="the Java runtime for WireMock (default: java)")
    parser.add_argument(
        "--wiremock-jar",
        type=Path,
        default=wiremock.find_jar(),
        help=f"WireMock's standalone jar (default: the one `{wiremock.INSTALL}` installs)",
    )
    args = parser.parse_args(argv)
    scale = QUICK if args.quick else FULL
    if args.duration:
        scale = dataclasses.replace(scale, duration=args.duration)
    kind = args.loader if args.loader != "auto" else ("wrk" if shutil.which("wrk") else "aiohttp")
    if kind == "wrk" and not shutil.which("wrk"):
        parser.error("wrk is not installed (apt-get install wrk), use --loader aiohttp")
    profile_dir = Path(args.profile) if args.profile else None
    if profile_dir:
        profile_dir.mkdir(parents=True, exist_ok=True)

    # SIGTERM/SIGHUP unwind through the finally blocks that stop every child.
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda number, frame: sys.exit(128 + number))
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="mock-intacct-bench-") as tmp:
        workdir = Path(tmp)
        loader = Loader(kind, workdir)
        only = [o.strip() for o in args.only.split(",") if o.strip()]
        try:
            bench = Bench(scale, loader, workdir, only, profile_dir)
            wanted = any(bench.wanted(key) for key in scale.peer_rows)
            skip = "--no-peer" if args.no_peer else ("" if wanted else "no row it runs beside was asked for")
            peer = start_peer(workdir, args.java, args.wiremock_jar, skip, quick=args.quick)
            if scale is not QUICK:
                peer.ready()  # a JVM starting up must not share the CPUs with a measured run
            bench.peer = peer
            bench.run()
        finally:
            Process.stop_all()
    elapsed = time.perf_counter() - started
    header = [
        f"mock-intacct benchmark, {'--quick' if args.quick else 'full'} mode, "
        f"{datetime.now(UTC).isoformat(timespec='seconds')}",
        f"machine: {platform.platform()}, {os.cpu_count()} CPUs, Python {platform.python_version()}; "
        f"load: {loader.describe()}; {scale.duration} s per run (+{scale.warmup} s warm-up on the mock)",
        f"1-minute load average before {load_before:.2f}, after {os.getloadavg()[0]:.2f} (above ~0.5 before: "
        f"other processes share the CPUs and the figures are noisier)",
        "baseline: bench/baseline.py answering the mock's exact bytes; mock/base = mock figure / baseline "
        "figure. Targets are information, not pass/fail.",
    ]
    if peer.skipped:
        header.append(f"peer: WireMock skipped: {peer.skipped}")
    elif peer.up:
        header.append(
            f"peer: {peer.name} standalone ({args.java}), one stub per request body answering the mock's exact "
            f"bytes, no request journal; mock/WM = mock figure / WireMock figure; rows {', '.join(scale.peer_rows)}"
        )
    print("\n".join(header))
    print()
    print(table(bench.rows))
    if args.json:
        args.json.write_text(json.dumps(results(bench.rows, header), indent=1) + "\n")
    for summary in bench.profiles:
        print()
        print(summary)
    print()
    print(f"total {elapsed:.1f} s")
    return 1 if any(row.error for row in bench.rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
