"""The README's Performance table, written from a benchmark run's JSON (never typed by hand).

    python -m bench.run --json bench/results-DATE.json       # a full run, its figures as data
    python -m bench.readme bench/results-DATE.json           # rewrite the table in README.md from it
    python -m bench.readme --check                           # exit 1 if README.md's table is not its source's

The table sits between two markers in README.md; the first names the JSON it came from, so the check (and
tests/test_bench_readme.py) can render it again and compare. Every figure that has a target prints its verdict,
and every missed target is listed under the table by name.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
README = REPO / "README.md"
START = re.compile(r"<!-- bench-table: (?P<source>\S+) -->\n")
END = "<!-- /bench-table -->"


def number(value: float | None, pattern: str) -> str:
    if value is None:
        return "-"
    if abs(value) >= 1000:
        return f"{value:,.0f}"
    return pattern.format(value)


def ratio(value: float | None) -> str:
    return "-" if value is None else f"{value:.2f}"


def verdicts(text: str) -> str:
    """`<=0.5 ms MISSED; >=1.0x WireMock met` with the misses in bold."""
    return re.sub(r"\bMISSED\b", "**MISSED**", text) or "-"


def misses(rows: list[dict]) -> list[str]:
    found = []
    for row in rows:
        for figure in row["figures"]:
            for part in figure["verdicts"].split("; "):
                if part.endswith("MISSED") or "MISSED (" in part:
                    target = part.split(" MISSED")[0]
                    shown = number(figure["mock"], figure["unit_format"])
                    found.append(f"{row['key']} {figure['name']}: {shown}, target {target}")
    return found


def render(results: dict, source: str) -> str:
    lines = [
        f"<!-- bench-table: {source} -->",
        "",
        "```text",
        *results["header"],
        "```",
        "",
        "| id | scenario | figure | mock | baseline | mock/base | WireMock | mock/WM | target |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for row in results["rows"]:
        if row["error"]:
            lines.append(f"| {row['key']} | {row['title']} | error | {row['error'].splitlines()[0]} | | | | | |")
            continue
        for i, figure in enumerate(row["figures"]):
            title = row["title"] if i == 0 else ""
            pattern = figure["unit_format"]
            cells = [
                row["key"] if i == 0 else "",
                title.replace("|", "\\|"),
                figure["name"],
                number(figure["mock"], pattern),
                number(figure["baseline"], pattern),
                ratio(figure["ratio"]),
                number(figure["peer"], pattern),
                ratio(figure["peer_ratio"]),
                verdicts(figure["verdicts"]),
            ]
            lines.append("| " + " | ".join(cells) + " |")
    missed = misses(results["rows"])
    lines += ["", f"Targets missed in this run: {len(missed)}" + (":" if missed else ".")]
    lines += [""] + [f"- {miss}" for miss in missed] if missed else []
    lines.append(END)
    return "\n".join(lines) + "\n"


def current(readme: str) -> tuple[str, str, tuple[int, int]] | None:
    """(source, the block as it stands, its span) of README's table, None when the markers are missing."""
    start = START.search(readme)
    end = readme.find(END)
    if not start or end < start.start():
        return None
    span = (start.start(), end + len(END) + 1)
    return start.group("source"), readme[span[0] : span[1]], span


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.readme", description=__doc__.splitlines()[0])
    parser.add_argument("results", nargs="?", help="a benchmark run's JSON (python -m bench.run --json FILE)")
    parser.add_argument("--check", action="store_true", help="exit 1 if README.md's table differs from its source")
    args = parser.parse_args(argv)
    readme = README.read_text()
    block = current(readme)
    if block is None:
        print(f"README.md: no table markers ({START.pattern[:18]}... {END})", file=sys.stderr)
        return 1
    source = args.results or block[0]
    path = Path(source) if Path(source).is_absolute() else REPO / source
    try:
        results = json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as failure:
        print(f"{source}: cannot be read as benchmark JSON: {failure}", file=sys.stderr)
        return 1
    shown = str(path.relative_to(REPO)) if path.is_relative_to(REPO) else source
    rendered = render(results, shown)
    if args.check:
        if rendered != block[1]:
            print(f"README.md's Performance table is not {shown}: run python -m bench.readme {shown}", file=sys.stderr)
            return 1
        return 0
    README.write_text(readme[: block[2][0]] + rendered + readme[block[2][1] :])
    print(f"README.md: Performance table written from {shown}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
