"""The official Sage Intacct JavaScript SDK (@intacct/intacct-sdk 2.2.1), unmodified, works against the mock.

The SDK only accepts endpoints on *.intacct.com, so the session runs with a preload script
(tests/js/intacct-dns.js) that resolves *.intacct.com to 127.0.0.1, and the endpoint is
http://mock.intacct.com:<port>/...; the mock hands that URL back from getAPISession, which the
SDK re-validates. The scripted session itself is tests/js/sdk-session.js.

Needs Node and the SDK: `npm ci --prefix tests/js --no-audit --no-fund` (skipped otherwise).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from .server_process import ServerProcess

ROOT = Path(__file__).resolve().parent.parent
JS = ROOT / "tests" / "js"
SDK = JS / "node_modules" / "@intacct" / "intacct-sdk"
TIMEOUT = 60  # seconds, for the whole SDK session

CREDENTIALS = {
    "INTACCT_SENDER_ID": "mocksender",
    "INTACCT_SENDER_PASSWORD": "mocksenderpw",
    "INTACCT_COMPANY_ID": "MOCKCO",
    "INTACCT_USER_ID": "workato_isu",
    "INTACCT_USER_PASSWORD": "mockuserpw",
}

pytestmark = [
    pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed"),
    pytest.mark.skipif(
        not SDK.joinpath("package.json").is_file(),
        reason="the official SDK is not installed: run `npm ci --prefix tests/js`",
    ),
]


def sdk_environment(port: int) -> dict[str, str]:
    env = {
        name: value for name, value in os.environ.items() if not name.startswith("INTACCT_") and name != "NODE_OPTIONS"
    }
    env.update(CREDENTIALS)
    env["INTACCT_ENDPOINT_URL"] = f"http://mock.intacct.com:{port}/ia/xml/xmlgw.phtml"
    env["NODE_OPTIONS"] = f"--require {JS / 'intacct-dns.js'}"
    return env


def test_the_official_javascript_sdk_runs_a_full_session_against_the_mock():
    # The README's start command (`mock-intacct serve`), on a free port.
    with ServerProcess(log_level="INFO") as server:
        port = server.port
        session = subprocess.run(
            ["node", str(JS / "sdk-session.js")],
            cwd=ROOT,
            env=sdk_environment(port),
            capture_output=True,
            text=True,
            timeout=TIMEOUT,
        )
    server_output = server.output()

    report = f"stdout:\n{session.stdout}\nstderr:\n{session.stderr}\nserver:\n{server_output[-4000:]}"
    assert session.returncode == 0, report
    summary = json.loads(session.stdout.strip().splitlines()[-1])
    assert summary["sdk"] == "2.2.1", report
    assert summary["endpoint"] == f"http://mock.intacct.com:{port}/ia/xml/xmlgw.phtml", report
    assert summary["steps"] == {
        "paging": "passed",
        "session": "passed",
        "vendor_crud": "passed",
        "transaction": "passed",
    }, report
    assert summary["records"] == summary["totalcount"] >= 25, report
    assert summary["pages"] == -(-summary["totalcount"] // 10) >= 2, report
