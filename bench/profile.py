"""Top functions of a py-spy profile in its raw (collapsed stack) format: where the server spends time.

    python -m bench.profile /tmp/prof/S1.c32.txt [--top 10]

Each line of the raw format is `frame;frame;...;leaf count`. "self" is the share of samples with the
function as the leaf (time in its own code), "total" the share with it anywhere on the stack. py-spy
skips idle samples (the event loop waiting), so the shares are of busy time.
"""

from __future__ import annotations

import argparse
import re
from collections import Counter
from pathlib import Path

LINE_NUMBER = re.compile(r":\d+\)$")


def frame_name(frame: str) -> str:
    """`name (path/to/file.py:123)` -> `name (file.py)`: one entry per function, whatever the line."""
    frame = LINE_NUMBER.sub(")", frame.strip())
    name, _, where = frame.partition(" (")
    if not where:
        return frame
    path = where.rstrip(")")
    for anchor in ("/mockserver/", "/site-packages/", "/lib/python3"):
        if anchor in path:
            path = path.split(anchor, 1)[1]
            if anchor == "/mockserver/":
                path = "mockserver/" + path
            elif anchor == "/lib/python3":
                path = "stdlib/" + path.split("/", 1)[-1]
            break
    return f"{name} ({path})"


def read_stacks(path: Path) -> Counter:
    stacks: Counter = Counter()
    for line in path.read_text(errors="replace").splitlines():
        stack, _, count = line.rpartition(" ")
        if stack and count.isdigit():
            stacks[tuple(frame_name(f) for f in stack.split(";"))] += int(count)
    return stacks


def summarize(path: Path, title: str = "", top: int = 10) -> str:
    stacks = read_stacks(path)
    total = sum(stacks.values())
    if not total:
        return f"profile {title or path}: no samples"
    own: Counter = Counter()
    inclusive: Counter = Counter()
    for frames, count in stacks.items():
        own[frames[-1]] += count
        for name in set(frames):
            inclusive[name] += count
    entry = ("mockserver/__main__.py", "mockserver/cli.py")  # on every stack: says nothing
    ours = Counter(
        {
            name: n
            for name, n in inclusive.items()
            if "mockserver/" in name and not name.endswith(tuple(e + ")" for e in entry))
        }
    )
    lines = [
        f"profile {title or path.name}: {total} busy samples (py-spy raw: {path})",
        f"  top {top} by self time                                                   self%",
    ]
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in own.most_common(top)]
    lines.append(f"  top {top} mockserver functions by total time (self + callees)      total%")
    lines += [f"  {100 * n / total:5.1f}%  {name}" for name, n in ours.most_common(top)]
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.splitlines()[0])
    parser.add_argument("raw", nargs="+", type=Path, help="py-spy record --format raw output")
    parser.add_argument("--top", type=int, default=10)
    args = parser.parse_args(argv)
    for path in args.raw:
        print(summarize(path, top=args.top))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
