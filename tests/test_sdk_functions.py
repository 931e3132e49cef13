"""Every concrete function class of the official JavaScript SDK (@intacct/intacct-sdk 2.2.1), built with its
required fields from MOCKCO's records, either works against the mock or fails with the error
tests/js/out_of_reach.json lists for it, with the reason (issue 17).

tests/js/sdk-functions.js enumerates the classes from the SDK itself (dist/Functions), so a class the
SDK adds, or one that stops working, fails here until it works or is listed. The figure (N of M classes
work, by module) is printed: `python -m pytest -s tests/test_sdk_functions.py`.
"""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter
from pathlib import Path

from .server_process import ServerProcess
from .test_official_sdk import JS, ROOT, pytestmark, sdk_environment

__all__ = ["pytestmark"]

OUT_OF_REACH = JS / "out_of_reach.json"
TIMEOUT = 120  # seconds, for every class


def module_of(name: str) -> str:
    return name.split("/")[0] if "/" in name else "(root)"


def figure(classes: dict[str, dict[str, str]]) -> str:
    works = Counter(module_of(n) for n, o in classes.items() if o["status"] == "success")
    total = Counter(module_of(n) for n in classes)
    by_module = ", ".join(f"{m} {works[m]}/{total[m]}" for m in sorted(total))
    return f"{sum(works.values())} of {len(classes)} SDK function classes work ({by_module})"


def test_every_sdk_function_class_works_or_is_listed_out_of_reach(tmp_path: Path) -> None:
    with ServerProcess() as server:
        run = subprocess.run(
            ["node", str(JS / "sdk-functions.js")],
            cwd=ROOT,
            env=sdk_environment(server.port),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    assert run.returncode == 0, f"stdout:\n{run.stdout}\nstderr:\n{run.stderr}\nserver:\n{server.output()[-4000:]}"
    classes: dict[str, dict[str, str]] = json.loads(run.stdout.strip().splitlines()[-1])["classes"]
    print("\n" + figure(classes))

    listed: dict[str, dict[str, str]] = json.loads(OUT_OF_REACH.read_text(encoding="utf-8"))
    assert len(classes) >= 140, f"only {len(classes)} function classes found in the SDK (2.2.1 has 140)"
    wrong = []
    for name, out in sorted(classes.items()):
        expected = listed.get(name)
        if out["status"] == "success":
            if expected is not None:
                wrong.append(f"{name} works now: remove it from {OUT_OF_REACH.name}")
        elif expected is None:
            wrong.append(f"{name} fails and is not listed: {out['error']} {out['description']}")
        elif out["error"] != expected["error"]:
            wrong.append(f"{name} fails with {out['error']} {out['description']}, listed as {expected['error']}")
    stale = sorted(set(listed) - set(classes))
    assert not stale, f"{OUT_OF_REACH.name} names classes the SDK does not have: {stale}"
    assert all(entry.get("reason") for entry in listed.values()), "every out-of-reach class needs a reason"
    assert not wrong, "\n".join(wrong)
    works = sum(1 for out in classes.values() if out["status"] == "success")
    claim = re.search(
        r"function classes, (\d+) work against the mock", (ROOT / "README.md").read_text(encoding="utf-8")
    )
    assert claim and int(claim.group(1)) == works, f"the README should say {works} of {len(classes)} classes work"
