"""The default fixtures are checked here, byte for byte, so start-up need not check them again
(control/fixture_check.py); any other file, an edited default one among them, is still checked in full at
start and refused with the same one-line error."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

from mockserver.control import fixture_check
from mockserver.settings import DEFAULT_FIXTURES

from .server_process import REPO_ROOT


def serve(fixtures: Path) -> subprocess.CompletedProcess:
    """`serve` with these fixtures; one that refuses them ends before its ready line."""
    command = [sys.executable, "-m", "mockserver", "serve", "--port", "0", "--fixtures", str(fixtures)]
    return subprocess.run(command, capture_output=True, text=True, timeout=60, cwd=REPO_ROOT)


def copy_of_defaults(tmp_path: Path) -> Path:
    target = tmp_path / "fixtures"
    shutil.copytree(DEFAULT_FIXTURES, target, ignore=shutil.ignore_patterns("__pycache__", "*.py"))
    return target


def test_checked_json_lists_every_default_fixture_as_it_is_and_each_passes_the_check():
    # listing() runs the start-up check on every default file (a SettingsError fails this test) and
    # digests it: a fixture edited without `python -m mockserver.control.fixture_check` fails here.
    assert json.loads(fixture_check.CHECKED_FILE.read_text()) == fixture_check.listing()
    listed = {key for key in json.loads(fixture_check.CHECKED_FILE.read_text()) if not key.startswith("$")}
    assert listed == {"senders.json"} | {f"companies/{p.name}" for p in (DEFAULT_FIXTURES / "companies").glob("*.json")}


def test_an_edited_default_company_fixture_is_checked_and_refused_as_before(tmp_path):
    fixtures = copy_of_defaults(tmp_path)
    mockco = fixtures / "companies" / "MOCKCO.json"
    text = mockco.read_text()
    assert text.count('"NORMALBALANCE": "debit"') > 1
    mockco.write_text(text.replace('"NORMALBALANCE": "debit"', '"NORMALBALANCE": "sideways"', 1))
    assert not fixture_check.already_checked(mockco.read_bytes())
    done = serve(fixtures)
    assert done.returncode == 2
    assert done.stdout == ""  # never got as far as a ready line
    assert done.stderr == (
        f"mock-intacct: {mockco}: $.records.GLACCOUNT[0].NORMALBALANCE: 'sideways' is not one of: debit, credit "
        '(value "sideways"); allowed: enum field NORMALBALANCE, one of "debit", "credit"\n'
    )


def test_an_edited_default_senders_file_is_checked_and_refused_as_before(tmp_path):
    fixtures = copy_of_defaults(tmp_path)
    senders = fixtures / "senders.json"
    passwords = json.loads(senders.read_text())
    senders.write_text(json.dumps(passwords | {"mocksender": ""}, indent=1))
    done = serve(fixtures)
    assert done.returncode == 2
    assert done.stderr == (
        f'mock-intacct: {senders}: $.mocksender: String should have at least 1 character (value ""); '
        "allowed: String should have at least 1 character\n"
    )


def test_the_default_fixtures_load_without_pydantic():
    # The cold start's point: checked already, so neither pydantic nor the admin models are imported.
    program = (
        "import sys; from mockserver.app import create_app; from mockserver.settings import Settings; "
        "from mockserver.state import MockState; state = MockState(Settings()); create_app(state.settings, state); "
        "state.load_fixtures(); print(sorted(state.companies), 'pydantic' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", program], capture_output=True, text=True, timeout=60, cwd=REPO_ROOT)
    assert done.stdout.split("] ")[-1].strip() == "False", done.stdout + done.stderr
    assert "'MOCKCO'" in done.stdout
