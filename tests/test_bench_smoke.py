"""The benchmark still runs end to end: `python -m bench.run --quick` prints every scenario row and
exits 0. Timings are machine-dependent and never asserted here."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.vendors import vendor_records
from mockserver.control.fixture_models import check_records

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
)


def test_quick_benchmark_prints_every_scenario_and_exits_0():
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
    rows = [line.split()[0] for line in done.stdout.splitlines() if line.strip()]
    for scenario in SCENARIOS:
        assert scenario in rows, f"no {scenario} row:\n{done.stdout}"
    assert "ERROR" not in done.stdout, done.stdout


def test_aiohttp_load_generator_path_runs_when_wrk_is_absent():
    """bench/load.py, the loader used where wrk is not installed, with fixed and unique-ID bodies."""
    done = subprocess.run(
        [sys.executable, "-m", "bench.run", "--quick", "--loader", "aiohttp", "--only", "S1,S3"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
        stdin=subprocess.DEVNULL,
    )
    assert done.returncode == 0, f"exit {done.returncode}\n{done.stdout}\n{done.stderr[-3000:]}"
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
