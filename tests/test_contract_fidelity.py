"""The contract suite catches a wrong gateway.

A corrupting proxy (contract_tests/proxy.py) stands in front of the mock and answers like a gateway
with a bug: "drop-last-record" loses the last record of every list page but keeps the counts,
"fake-success" turns failed results into successes. Parts of the contract suite run in a pytest
subprocess against each proxy (INTACCT_TARGET=<proxy URL>, INTACCT_MOCK_ADMIN_URL=<the mock>) and
must fail, naming the tests that should notice; the same selection against the mock itself passes.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from contract_tests.proxy import CorruptingProxy

ROOT = Path(__file__).resolve().parent.parent

SELECTION = [
    "contract_tests/test_pagination.py",
    "contract_tests/test_transactions.py::test_a_failed_transaction_leaves_no_trace",
    "contract_tests/test_errors.py",
]
MUST_FAIL = {
    "drop-last-record": [
        "test_pagination.py::test_read_by_query_and_read_more_yield_every_record_once",
        "test_pagination.py::test_query_offset_pages_yield_every_record_once",
    ],
    "fake-success": [
        "test_transactions.py::test_a_failed_transaction_leaves_no_trace",
        "test_errors.py::test_an_unknown_object_fails_the_function[create]",
        "test_errors.py::test_a_missing_required_field_fails_with_bl01001973",
        "test_errors.py::test_a_duplicate_id_fails_with_bl34000061_then_bl01001973",
    ],
}


def start_suite(endpoint: str, admin_url: str) -> subprocess.Popen:
    env = {name: value for name, value in os.environ.items() if not name.startswith(("INTACCT_", "HYPOTHESIS_"))}
    # No shrinking: only *that* a test fails matters here, and shrinking would dominate the time.
    env.update(INTACCT_TARGET=endpoint, INTACCT_MOCK_ADMIN_URL=admin_url, HYPOTHESIS_PROFILE="ci", CONTRACT_SHRINK="0")
    return subprocess.Popen(
        [sys.executable, "-m", "pytest", "-q", "-rfE", "--no-header", "-p", "no:cacheprovider", *SELECTION],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def failed_tests(output: str) -> list[str]:
    return [line.split()[1] for line in output.splitlines() if line.startswith(("FAILED ", "ERROR "))]


@pytest.fixture
def proxies(intacct_mock):
    started = {mode: CorruptingProxy(intacct_mock.url, mode).start() for mode in MUST_FAIL}
    yield started
    for proxy in started.values():
        proxy.stop()


def test_the_contract_suite_fails_against_a_wrong_gateway_and_passes_against_the_mock(intacct_mock, proxies):
    runs = {mode: start_suite(proxy.endpoint, intacct_mock.url) for mode, proxy in proxies.items()}
    runs["mock"] = start_suite(intacct_mock.endpoint, intacct_mock.url)
    outputs = {}
    try:
        for mode, process in runs.items():
            outputs[mode] = (process.communicate(timeout=240)[0], process.returncode)
    finally:
        for process in runs.values():
            if process.poll() is None:
                process.kill()
                process.wait()

    output, code = outputs.pop("mock")
    assert code == 0, f"the selection fails against the mock itself:\n{output[-4000:]}"
    for mode, (output, code) in outputs.items():
        failed = failed_tests(output)
        assert code != 0, f"the suite passed behind a {mode} proxy:\n{output[-4000:]}"
        missed = [name for name in MUST_FAIL[mode] if not any(f.endswith(name) for f in failed)]
        assert not missed, f"behind a {mode} proxy these did not fail: {missed}\nfailed: {failed}"
