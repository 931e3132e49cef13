"""The README's Performance table is a benchmark run's JSON rendered by bench/readme.py, never typed by hand:
the table must be its named source rendered again, and the renderer names every missed target."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench.readme import README, current, misses, render
from bench.run import Figure, Row, results

REPO = Path(__file__).resolve().parent.parent


def test_readme_table_is_its_source_json_rendered_again():
    block = current(README.read_text())
    assert block is not None, "README.md has no <!-- bench-table: ... --> markers"
    source, shown, _ = block
    assert (REPO / source).is_file(), f"README's table names {source}, which is not in the repository"
    assert shown == render(json.loads((REPO / source).read_text()), source), (
        f"README.md's Performance table differs from {source}: run python -m bench.readme {source}"
    )


def test_every_missed_target_is_named_under_the_table():
    rate = Figure("req/s", 500.0, 1000.0, target=">=0.5x base", met=False, unit_format="{:.1f}", peer=2000.0)
    rate.also.append((">=1.0x WireMock", False))
    p50 = Figure("p50 ms", 0.4, 0.2, target="<=0.5 ms", met=True)
    cold = Figure("ready s", 0.45, target="<0.3 s", met=False, unit_format="{:.3f}", limit=0.3)
    data = json.loads(json.dumps(results([Row("S1.c32", "pages", [rate, p50]), Row("S6", "cold", [cold])], ["h"])))
    assert misses(data["rows"]) == [
        "S1.c32 req/s: 500.0, target >=0.5x base",
        "S1.c32 req/s: 500.0, target >=1.0x WireMock",
        "S6 ready s: 0.450, target <0.3 s",
    ]
    table = render(data, "x.json")
    assert "| S1.c32 | pages | req/s | 500.0 | 1,000 | 0.50 | 2,000 | 0.25 | >=0.5x base **MISSED**" in table
    assert "| | | p50 ms | 0.40 | 0.20 | 2.00 | - | - | <=0.5 ms met |" in table.replace("|  |  |", "| | |")
    assert "Targets missed in this run: 3:" in table


def test_unreadable_source_is_one_line_and_changes_nothing(tmp_path):
    before = README.read_bytes()
    broken = tmp_path / "broken.json"
    broken.write_text("{not json")
    done = subprocess.run(
        [sys.executable, "-m", "bench.readme", str(broken)], cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1 and "cannot be read as benchmark JSON" in done.stderr
    assert README.read_bytes() == before
