"""Bad company fixture files fail start-up with the file name, the JSON path of the bad item and why
(a ConfigurationError, which the CLI prints as one line); the log tells the truth about what loaded."""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from mockserver.configuration import ConfigurationError
from mockserver.settings import DEFAULT_FIXTURES, Settings
from mockserver.state import MockState

from .gateway import bare_company
from .server_process import REPO_ROOT, free_port


def fixtures_with(tmp_path: Path, name: str, content: str | dict) -> Path:
    """A fixtures directory: the default senders and MOCKSMALL, plus one company file `name`."""
    directory = tmp_path / "fixtures"
    (directory / "companies").mkdir(parents=True)
    shutil.copy(DEFAULT_FIXTURES / "senders.json", directory / "senders.json")
    shutil.copy(DEFAULT_FIXTURES / "companies" / "MOCKSMALL.json", directory / "companies" / "MOCKSMALL.json")
    text = content if isinstance(content, str) else json.dumps(content)
    (directory / "companies" / name).write_text(text)
    return directory


def load(directory: Path, state: str = "") -> MockState:
    mock = MockState(Settings(fixtures=str(directory), state=state))
    mock.load_fixtures()
    return mock


def vendors(*rows: dict) -> dict:
    return bare_company("BROKEN", records={"VENDOR": list(rows)})


BROKEN = [
    (
        vendors({"VENDORID": "V1", "NAME": "One"}, {"VENDORID": "V2", "NAME": "Two", "COLOUR": "red"}),
        "$.records.VENDOR[1].COLOUR: unknown key",
    ),
    (bare_company("BROKEN", records={"VENDR": [{"VENDORID": "V1"}]}), "$.records.VENDR: unknown key"),
    (
        bare_company("BROKEN", records={"GLBATCH": [{"JOURNAL": "GJ", "_lines": [{"ACCOUNTNO": "1", "AMOUNT": 1}]}]}),
        "$.records.GLBATCH[0]._lines[0].AMOUNT: unknown key",
    ),
    (vendors({"VENDORID": "V1", "STATUS": "sleeping"}), "$.records.VENDOR[0].STATUS: 'sleeping' is not one of"),
    (vendors({"VENDORID": "V1", "_entity": "E999"}), "$.records.VENDOR[0]._entity: not an entity"),
    (
        vendors({"VENDORID": "V1", "NAME": "One"}, {"VENDORID": "V1", "NAME": "Again"}),
        "$.records.VENDOR[1].VENDORID: a duplicate VENDORID",
    ),
    (
        vendors({"VENDORID": "V1", "NAME": "One"}, {"VENDORID": "V2", "NAME": "Two", "RECORDNO": 1}),
        "$.records.VENDOR[1].RECORDNO: a duplicate RECORDNO",
    ),
    ({"companyid": "BROKEN", "users": "nope"}, "$.users: Input should be a valid list"),
    (bare_company("BROKEN", timezone="Mars/Base"), "$.timezone: 'Mars/Base' is not an IANA time zone"),
    (
        bare_company("BROKEN", session_duration_seconds="abc"),
        "$.session_duration_seconds: Input should be a valid integer",
    ),
    ({"name": "no ID"}, "$.companyid: required"),
    ([1, 2], "$: Input should be a valid dictionary"),
    ("{ not json", "is not JSON: Expecting property name enclosed in double quotes at line 1, column 3"),
    ("\udcff", "is not UTF-8 text"),
]


@pytest.mark.parametrize(("content", "message"), BROKEN)
def test_a_bad_fixture_file_names_the_file_the_path_and_why(tmp_path, content, message):
    if content == "\udcff":
        directory = fixtures_with(tmp_path, "BROKEN.json", "{}")
        (directory / "companies" / "BROKEN.json").write_bytes(b'{"name": "\xff"}')
    else:
        directory = fixtures_with(tmp_path, "BROKEN.json", content)
    with pytest.raises(ConfigurationError) as caught:
        load(directory)
    text = str(caught.value)
    assert text.startswith(str(directory / "companies" / "BROKEN.json") + ": "), text
    assert message in text and "\n" not in text, text


def test_a_bad_senders_file_names_the_file(tmp_path):
    directory = fixtures_with(tmp_path, "OK.json", bare_company("OK"))
    (directory / "senders.json").write_text('{"mocksender": 5}')
    with pytest.raises(ConfigurationError, match=r"senders\.json: \$\.mocksender: Input should be a valid string"):
        load(directory)


def test_the_shipped_fixtures_load(tmp_path):
    mock = load(DEFAULT_FIXTURES)
    assert {"MOCKCO", "MOCKSMALL"} <= set(mock.companies)


def test_zero_companies_loaded_is_a_warning(tmp_path, caplog):
    directory = fixtures_with(tmp_path, "LATER.json", bare_company("LATER", load_at_start=False))
    (directory / "companies" / "MOCKSMALL.json").unlink()
    with caplog.at_level(logging.INFO, logger="mock_intacct"):
        mock = load(directory)
    assert mock.companies == {}
    warnings = [r.getMessage() for r in caplog.records if r.levelno == logging.WARNING]
    assert warnings and "no companies loaded" in warnings[0] and str(directory / "companies") in warnings[0]


def test_the_log_says_which_companies_came_from_the_state_file(tmp_path, caplog):
    state = str(tmp_path / "state.sqlite")
    first = load(fixtures_with(tmp_path / "a", "FIRSTCO.json", bare_company("FIRSTCO")), state)
    first.store.close()
    newer = fixtures_with(tmp_path / "b", "NEWCO.json", bare_company("NEWCO"))
    with caplog.at_level(logging.INFO, logger="mock_intacct"):
        second = load(newer, state)
    assert set(second.companies) == {"FIRSTCO", "MOCKSMALL"}  # the state file wins ...
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "restored companies FIRSTCO, MOCKSMALL from the state file" in logged  # ... and the log says so
    assert "loaded" not in logged and "NEWCO" not in logged
    second.store.close()


def test_serve_with_a_bad_fixture_file_fails_and_names_the_file(tmp_path):
    directory = fixtures_with(tmp_path, "BROKEN.json", vendors({"VENDORID": "V1", "COLOUR": "red"}))
    done = subprocess.run(
        [sys.executable, "-m", "mockserver", "serve", "--port", str(free_port()), "--fixtures", str(directory)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode != 0
    assert "BROKEN.json" in done.stdout + done.stderr and "COLOUR" in done.stdout + done.stderr
