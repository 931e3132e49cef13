"""The contract suite runs unchanged wherever INTACCT_TARGET points.

Two runs in pytest subprocesses, side by side:
  * "subprocess": the suite starts `python -m mockserver serve` itself and drives it by URL;
  * the sandbox path: a mock started here as a separate process is handed to the suite only as a
    URL plus INTACCT_* credentials, exactly as a real sandbox would be. The suite then cannot use
    the admin API, so its mock_only tests must be skipped and every portable one must pass.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

from contract_tests.targets import GATEWAY_PATH, MockProcess

ROOT = Path(__file__).resolve().parent.parent
SANDBOX_CREDENTIALS = {
    "INTACCT_SENDER_ID": "mocksender",
    "INTACCT_SENDER_PASSWORD": "mocksenderpw",
    "INTACCT_COMPANY_ID": "MOCKCO",
    "INTACCT_USER_ID": "workato_isu",
    "INTACCT_USER_PASSWORD": "mockuserpw",
}


def start_suite(**variables: str) -> subprocess.Popen:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("INTACCT_", "HYPOTHESIS_"))}
    env.update(HYPOTHESIS_PROFILE="ci", **variables)
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-rs", "--no-header", "-p", "no:cacheprovider", "contract_tests"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def counts(output: str) -> dict[str, int]:
    summary = output.strip().splitlines()[-1]
    return {word: int(number) for number, word in re.findall(r"(\d+) (passed|failed|skipped|error)", summary)}


def test_the_suite_passes_against_a_subprocess_mock_and_against_a_bare_url():
    server = MockProcess().start()
    try:
        runs = {
            "subprocess": start_suite(INTACCT_TARGET="subprocess"),
            "url": start_suite(INTACCT_TARGET=server.url + GATEWAY_PATH, **SANDBOX_CREDENTIALS),
        }
        outputs = {kind: process.communicate(timeout=600)[0] for kind, process in runs.items()}
    finally:
        for process in runs.values():
            if process.poll() is None:
                process.kill()
        server.stop()
    for kind, process in runs.items():
        assert process.returncode == 0, f"contract suite against {kind}:\n{outputs[kind][-4000:]}"
    subprocess_counts, url_counts = counts(outputs["subprocess"]), counts(outputs["url"])
    print(f"\ncontract suite: subprocess {subprocess_counts}, bare URL {url_counts}")
    assert subprocess_counts.get("skipped", 0) == 0
    assert url_counts.get("skipped", 0) > 0 and "mock_only: needs the mock's admin API" in outputs["url"]
    # Every test ran one way or the other, and the portable ones ran against the bare URL too.
    assert url_counts["passed"] + url_counts["skipped"] == subprocess_counts["passed"]
    assert url_counts["passed"] >= 10
