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

from contract_tests.targets import GATEWAY_PATH, MockProcess, free_port

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


# --- target selection: the target named is the one used, and a bad one is one line -------------


def run_suite(*arguments: str, **variables: str) -> subprocess.CompletedProcess:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("INTACCT_", "HYPOTHESIS_"))}
    env.update(HYPOTHESIS_PROFILE="ci", **variables)
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *arguments],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def test_an_explicit_target_wins_over_a_leftover_endpoint_url_and_the_run_says_so():
    """INTACCT_ENDPOINT_URL from `eval "$(mock-intacct env)"` points at a port nobody listens on: the
    suite must still talk to INTACCT_TARGET (so its tests pass), and report the ignored variable."""
    leftover = f"http://127.0.0.1:{free_port()}{GATEWAY_PATH}"
    server = MockProcess().start()
    try:
        target = server.url + GATEWAY_PATH
        done = run_suite(
            "contract_tests/test_errors.py",
            INTACCT_TARGET=target,
            INTACCT_ENDPOINT_URL=leftover,
            **SANDBOX_CREDENTIALS,
        )
    finally:
        server.stop()
    output = done.stdout + done.stderr
    assert done.returncode == 0, output[-4000:]
    assert f"contract suite target: gateway {target}" in output  # the header names the target used
    ignored = f"INTACCT_ENDPOINT_URL={leftover} is ignored: the suite talks to INTACCT_TARGET={target}"
    assert output.count(ignored) == 2, output[-4000:]  # in the header and in the closing summary
    assert re.search(r"\d+ passed", output)


def test_a_leftover_endpoint_url_is_reported_when_the_default_mock_is_the_target():
    leftover = f"http://127.0.0.1:{free_port()}{GATEWAY_PATH}"
    done = run_suite("-q", "contract_tests/test_errors.py", INTACCT_ENDPOINT_URL=leftover)
    assert done.returncode == 0, (done.stdout + done.stderr)[-4000:]
    assert f"INTACCT_ENDPOINT_URL={leftover} is ignored: the suite talks to INTACCT_TARGET=mock (the default)" in (
        done.stdout
    )


def test_a_target_that_names_nothing_is_a_one_line_usage_error():
    for arguments, variables, expected in (
        ((), {"INTACCT_TARGET": "garbage"}, "INTACCT_TARGET must be mock, subprocess or an http(s) URL, not 'garbage'"),
        (("--intacct-target", "ftp://x"), {}, "--intacct-target must be mock, subprocess or an http(s) URL"),
        (
            (),
            {"INTACCT_TARGET": "https://api.intacct.com/ia/xml/xmlgw.phtml", "INTACCT_SENDER_ID": "s"},
            "is a real gateway: it needs INTACCT_SENDER_PASSWORD, INTACCT_COMPANY_ID",
        ),
    ):
        done = run_suite("-q", *arguments, "contract_tests", **variables)
        assert done.returncode == 4, done.stdout + done.stderr  # pytest's usage error status
        assert "INTERNALERROR" not in done.stdout + done.stderr and "Traceback" not in done.stderr
        lines = [line for line in done.stderr.splitlines() if line.strip()]
        assert lines == [lines[0]] and lines[0].startswith("ERROR: ") and expected in lines[0], done.stderr
