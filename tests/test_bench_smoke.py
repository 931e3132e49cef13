"""The benchmark still runs end to end: `python -m bench.run --quick` prints every scenario row and
exits 0. Timings are machine-dependent and never asserted here."""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from base64 import b64encode
from pathlib import Path

from bench.peer import unavailable
from bench.readme import render
from bench.run import call, free_port
from bench.vendors import vendor_records
from mockserver.control.fixture_models import check_records
from mockserver.settings import GATEWAY_PATH

REPO = Path(__file__).resolve().parent.parent
SCENARIOS = (
    "S1.c1",
    "S1.c32",
    "S1.ws.c1",
    "S1.ws.c32",
    "S1-1M.c1",
    "S1-1M.c32",
    "S2.c1",
    "S2.c32",
    "S3.one",
    "S3.x100",
    "S4",
    "S5",
    "S6.default",
    "S6.records",
    "S7",
    "S8.c1",
    "S8.c32",
    "S9.create",
    "S9.reset",
    "S9.all",
    "S9.records",
)


def quick_bench(*args: str) -> subprocess.CompletedProcess:
    """`python -m bench.run --quick ARGS` run to its end; it must exit 0."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    return done


def test_quick_benchmark_prints_every_scenario_and_exits_0(tmp_path):
    figures = tmp_path / "quick.json"
    done = quick_bench("--json", str(figures))
    rows = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    for scenario in SCENARIOS:
        assert scenario in rows, f"no {scenario} row:\n{done.stdout}"
    assert "ERROR" not in done.stdout, done.stdout
    # the same rows as data, which the README's table is rendered from (bench/readme.py)
    table = render(json.loads(figures.read_text()), "quick.json")
    for scenario in SCENARIOS:
        assert f"| {scenario} |" in table, table
    # WireMock, the peer, runs beside S1.c32 where bench/peer's jar and java are installed, else one line says why not
    peer_line = next(line for line in done.stdout.splitlines() if line.startswith("peer: "))
    s1_c32 = next(line for line in done.stdout.splitlines() if line.startswith("S1.c32") and " req/s " in line)
    if "skipped" in peer_line:
        assert ">=1.0x WireMock not measured" in s1_c32, done.stdout
    else:
        assert "WireMock 3." in peer_line and re.search(r">=1\.0x WireMock (met|MISSED)", s1_c32), done.stdout


def test_peer_is_skipped_with_one_line_where_java_or_the_jar_is_missing():
    """No Java runtime (or no jar): the S1 rows still run and the peer's absence is one line, not an error."""
    done = quick_bench("--only", "S1.c32", "--java", "/nonexistent/java")
    assert "peer: WireMock skipped: no Java runtime (/nonexistent/java" in done.stdout, done.stdout
    assert re.search(r"^S1\.c32 .* req/s .* >=1\.0x WireMock not measured$", done.stdout, re.M), done.stdout
    assert "Traceback" not in done.stderr and "ERROR" not in done.stdout
    assert "no WireMock jar" in unavailable(sys.executable, Path("/nonexistent/wiremock-standalone.jar"))


def test_baseline_answers_each_varied_request_with_its_own_bytes():
    """bench/baseline.py over a real socket: the per-request answers, and the fixed answer for anything else."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "bench.baseline", "--port", str(port)], cwd=REPO, stdin=subprocess.DEVNULL
    )
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                if call(port, "GET", "/__mock__/health", timeout=1)[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        pairs = [(b"<request>a</request>", "\u00e9t\u00e9 a".encode()), (b"<request>b</request>", b"<b/>")]
        listed = [
            {"request": b64encode(r).decode(), "body": b64encode(a).decode(), "content_type": "text/xml"}
            for r, a in pairs
        ]
        assert call(port, "PUT", "/__baseline__/answers", json.dumps(listed).encode(), "application/json")[0] == 200
        assert call(port, "PUT", "/__baseline__/body", b"<fixed/>", "text/xml")[0] == 200
        for request, answer in pairs:
            assert call(port, "POST", GATEWAY_PATH, request)[1] == answer
        assert call(port, "POST", GATEWAY_PATH, b"<request>other</request>")[1] == b"<fixed/>"
    finally:
        server.terminate()
        server.wait(10)


def test_aiohttp_load_generator_path_runs_when_wrk_is_absent():
    """bench/load.py, the loader used where wrk is not installed, with fixed and unique-ID bodies."""
    done = quick_bench("--loader", "aiohttp", "--only", "S1,S3")
    rows = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    for scenario in ("S1.c1", "S1.c32", "S3.one", "S3.x100"):
        assert scenario in rows, f"no {scenario} row:\n{done.stdout}"
    assert "bench.load (aiohttp" in done.stdout


def test_soak_script_runs_and_reports_requests_errors_and_rss():
    """bench/soak.py, briefly: it serves, reports, and exits 0 (growth is not judged in a run this short)."""
    done = subprocess.run(
        [
            sys.executable,
            "bench/soak.py",
            "--seconds",
            "3",
            "--warmup",
            "2",
            "--clients",
            "4",
            "--max-growth",
            "10",
            "--json",
        ],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    assert summary["requests_served"] > 0 and summary["errors"] == 0
    assert summary["rss_start_mib"] > 0 and "RSS over the soak" in done.stdout


def test_vendor_page_seed_is_a_valid_fixture_with_many_distinct_fields():
    """S8's seed: records.VENDOR a company fixture accepts, with unique VENDORIDs and many fields filled."""
    records = vendor_records(150)
    check_records({"VENDOR": records}, [])
    assert len({r["VENDORID"] for r in records}) == 150
    assert len(records[0]) >= 20 and "DISPLAYCONTACT.EMAIL1" in records[0]
    assert len({r["NAME"] for r in records}) == 150
