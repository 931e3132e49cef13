"""The `mock-intacct` command as an operator meets it: every mistake is one line on stderr, a
non-zero exit and nothing changed; `serve` says when it is ready and stops cleanly on a signal."""

from __future__ import annotations

import hashlib
import json
import os
import re
import select
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from importlib import metadata
from pathlib import Path

import pytest

from mockserver import cli
from mockserver.configuration import ConfigurationError
from mockserver.settings import Settings

from .gateway import request_xml
from .server_process import REPO_ROOT, ServerProcess, free_port

READY = re.compile(r"^mock-intacct ready: POST http://127\.0\.0\.1:(\d+)/ia/xml/xmlgw\.phtml$")


def clean_environment(**extra: str) -> dict[str, str]:
    """This process's environment without any MOCK_INTACCT_* of the caller's, plus `extra`."""
    kept = {k: v for k, v in os.environ.items() if not k.startswith("MOCK_INTACCT_")}
    return {**kept, "PYTHONPATH": str(REPO_ROOT), "PYTHONUNBUFFERED": "1", **extra}


def run(*words: str, env: dict[str, str] | None = None, cwd: Path | None = None, timeout: float = 30):
    """`python -m mockserver WORDS...` as a child process, like the console script."""
    return subprocess.run(
        [sys.executable, "-m", "mockserver", *words],
        cwd=cwd or REPO_ROOT,
        env=clean_environment(**(env or {})),
        capture_output=True,
        text=True,
        timeout=timeout,
        stdin=subprocess.DEVNULL,
    )


def one_line(stderr: str) -> str:
    """The only line of `stderr`; no traceback."""
    assert "Traceback" not in stderr, stderr
    lines = stderr.splitlines()
    assert len(lines) == 1, f"expected one line on stderr, got {len(lines)}:\n{stderr}"
    return lines[0]


def signs_in(endpoint: str) -> bool:
    """A getAPISession with MOCKCO's default credentials succeeds."""
    request = urllib.request.Request(endpoint, data=request_xml(), headers={"Content-Type": "application/xml"})
    with urllib.request.urlopen(request, timeout=30) as reply:
        body = reply.read()
    return b"<status>success</status>" in body and b"<sessionid>" in body


def in_process(capsys, *words: str) -> tuple[int, str, str]:
    """`mockserver.cli.main(words)`, the console script's own code path; argparse's exit counted as a return."""
    try:
        code = cli.main(list(words))
    except SystemExit as leaving:
        code = leaving.code if isinstance(leaving.code, int) else 1
    out, err = capsys.readouterr()
    return code, out, err


# --- serve: flags and variables --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("words", "named"),
    [
        (["--port", "99999"], ["--port", "99999", "0 to 65535"]),
        (["--port", "-1"], ["--port", "-1"]),
        (["--port", "abc"], ["--port", "abc"]),
        (["--log-level", "verbose"], ["--log-level", "verbose", "DEBUG"]),
        (["--max-body-bytes", "-5"], ["--max-body-bytes", "-5", "1 to 1073741824"]),
        (["--max-body-bytes", "0"], ["--max-body-bytes", "0"]),
        (["--max-body-bytes", str(2**40)], ["--max-body-bytes", str(2**40)]),
        (["--public-url", "not a url"], ["--public-url", "not a url", "http://"]),
        (["--fixtures", "/no/such/fixtures"], ["--fixtures", "/no/such/fixtures", "senders.json"]),
        (["--no-such-flag"], ["--no-such-flag"]),
        (["--state", "x" * 300], ["--state", "File name too long"]),
        (["--fixtures", "x" * 300], ["--fixtures", "File name too long"]),
        (["--host", "0.0.0.0"], ["'0.0.0.0'", "--admin-token", "--open-admin"]),
    ],
)
def test_a_bad_serve_flag_is_one_line_and_exit_2(words, named):
    done = run("serve", *words, timeout=20)
    line = one_line(done.stderr)
    assert done.returncode == 2
    for text in named:
        assert text in line
    assert done.stdout == ""  # never got as far as a ready line


@pytest.mark.parametrize(
    ("variable", "value", "allowed"),
    [
        ("MOCK_INTACCT_PORT", "abc", "0 to 65535"),
        ("MOCK_INTACCT_PORT", "70000", "0 to 65535"),
        ("MOCK_INTACCT_PORT", "8080.5", "whole number"),
        ("MOCK_INTACCT_MAX_BODY_BYTES", "-5", "1 to 1073741824"),
        ("MOCK_INTACCT_JOURNAL_SIZE", "0", "1 to 100000"),
        ("MOCK_INTACCT_JOURNAL_SIZE", "lots", "whole number"),
        ("MOCK_INTACCT_JOURNAL_BYTES", "99999999999999", "1 to 1073741824"),
        ("MOCK_INTACCT_OPEN_ADMIN", "maybe", "true"),
        ("MOCK_INTACCT_LOG_LEVEL", "verbose", "WARNING"),
        ("MOCK_INTACCT_PERMISSION_HTTP_STATUS", "500", "200 or 403"),
        ("MOCK_INTACCT_PUBLIC_URL", "ftp://example.com/x", "http://"),
        ("MOCK_INTACCT_FIXTURES", "/no/such/fixtures", "senders.json"),
        ("MOCK_INTACCT_STATE", "/no/such/dir/state.db", "does not exist"),
    ],
)
def test_a_bad_environment_variable_is_one_line_naming_it(variable, value, allowed):
    done = run("serve", "--port", str(free_port()), env={variable: value}, timeout=20)
    line = one_line(done.stderr)
    assert done.returncode == 2
    assert line.startswith(f"mock-intacct: {variable}=")
    assert value in line and allowed in line


def test_an_admin_token_in_an_error_is_not_shown():
    done = run("serve", "--admin-token", "bad token with spaces", timeout=20)
    line = one_line(done.stderr)
    assert done.returncode == 2
    assert "--admin-token" in line and "bad token" not in line


def test_settings_made_in_code_are_checked_too():
    with pytest.raises(ConfigurationError, match="max_body_bytes=-5"):
        Settings(max_body_bytes=-5)
    with pytest.raises(ConfigurationError, match="port"):
        Settings(port=True)  # a bool is not a port
    assert Settings(log_level="debug").log_level == "DEBUG"


def test_an_empty_variable_counts_as_unset(monkeypatch):
    monkeypatch.setenv("MOCK_INTACCT_PORT", "")
    monkeypatch.setenv("MOCK_INTACCT_OPEN_ADMIN", "")
    assert Settings.from_environment().port == 8080
    monkeypatch.setenv("MOCK_INTACCT_OPEN_ADMIN", "Yes")
    monkeypatch.setenv("MOCK_INTACCT_PORT", " 9001 ")
    settings = Settings.from_environment()
    assert settings.open_admin is True and settings.port == 9001


# --- serve: the port and the --state file -----------------------------------------------------------


def test_a_port_in_use_is_one_line_and_exit_1():
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        done = run("serve", "--port", str(port), timeout=20)
    line = one_line(done.stderr)
    assert done.returncode == 1
    assert f"127.0.0.1:{port}" in line and "in use" in line


def sqlite_file(path: Path, sql: str) -> None:
    db = sqlite3.connect(path)
    db.execute(sql)
    db.commit()
    db.close()


@pytest.mark.parametrize(
    ("make", "why"),
    [
        (lambda p: p.write_text("name,amount\nacme,12\n"), "not a SQLite database"),
        (lambda p: p.write_bytes(os.urandom(50_000)), "not a SQLite database"),
        (lambda p: sqlite_file(p, "CREATE TABLE invoices (id INTEGER)"), "not a mock-intacct state file"),
        (lambda p: p.mkdir(), "not a file"),
    ],
    ids=["text", "random-bytes", "foreign-database", "directory"],
)
def test_a_state_file_that_is_not_ours_is_refused_and_left_untouched(tmp_path, make, why):
    state = tmp_path / "state.db"
    make(state)
    before = hashlib.sha256(state.read_bytes()).hexdigest() if state.is_file() else None
    done = run("serve", "--port", str(free_port()), "--state", str(state), timeout=20)
    line = one_line(done.stderr)
    assert done.returncode == 2
    assert "--state" in line and str(state) in line and why in line
    after = hashlib.sha256(state.read_bytes()).hexdigest() if state.is_file() else None
    assert after == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["state.db"]  # no -wal, no -shm


def test_a_state_file_in_a_missing_directory_is_refused(tmp_path):
    state = tmp_path / "no-such-dir" / "state.db"
    done = run("serve", "--port", str(free_port()), "--state", str(state), timeout=20)
    assert done.returncode == 2
    assert "does not exist" in one_line(done.stderr)
    assert not state.parent.exists()


def test_a_new_state_file_is_made_and_an_empty_file_accepted(tmp_path):
    for state in (tmp_path / "new.db", tmp_path / "empty.db"):
        if state.name == "empty.db":
            state.write_bytes(b"")
        with ServerProcess("--state", str(state)) as server:
            assert signs_in(server.endpoint)
        assert state.stat().st_size > 0


# --- serve: ready line, --port 0, signals, --version ----------------------------------------------


def test_port_0_binds_a_free_port_and_says_so_once_ready():
    process = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", "--port", "0"],
        cwd=REPO_ROOT,
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        ready, _, _ = select.select([process.stdout], [], [], 20)
        assert ready, "no ready line within 20 s"
        line = process.stdout.readline().rstrip("\n")
        match = READY.match(line)
        assert match, line
        port = int(match.group(1))
        assert port != 0
        # Ready means ready: the first request, sent right after the line, succeeds.
        assert signs_in(f"http://127.0.0.1:{port}/ia/xml/xmlgw.phtml")
    finally:
        process.send_signal(signal.SIGTERM)
        _, err = process.communicate(timeout=15)
    assert process.returncode == 0
    assert "Traceback" not in err
    assert f"mock-intacct env --port {port}" in err  # the credentials hint names the bound port
    assert "loaded" in err.split("credentials:")[0]  # fixtures were loaded before the ready line


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM])
def test_a_signal_stops_the_server_cleanly(tmp_path, signum):
    state = tmp_path / "state.db"
    server = ServerProcess("--state", str(state), log_level="INFO").start()
    assert server.admin("POST", "/__mock__/companies", {"fixture": "MOCKSMALL", "companyid": "KEPT"})[0] == 201
    started = time.monotonic()
    server.process.send_signal(signum)
    assert server.process.wait(timeout=15) == 0
    assert time.monotonic() - started < 10
    output = server.output()
    assert "Traceback" not in output and "stopping" in output
    assert f"mock-intacct ready: POST http://127.0.0.1:{server.port}/ia/xml/xmlgw.phtml" in output
    # A clean stop leaves a state file the next start accepts, with what was made before.
    with ServerProcess("--state", str(state)) as again:
        assert "KEPT" in again.admin("GET", "/__mock__/companies")[1]["companies"]


def test_version_prints_the_package_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.strip() == f"mock-intacct {metadata.version('mock-intacct')}"


# --- help ---------------------------------------------------------------------------------------------


def test_every_option_and_subcommand_has_help_text():
    root = cli.parser()
    (commands,) = [a for a in root._actions if a.dest == "command"]
    assert set(commands.choices) >= {"serve", "env", "reset", "create-company", "set-company", "set-user", "faults"}
    helped = {choice.dest for choice in commands._choices_actions}
    assert helped == set(commands.choices), "a subcommand without help"
    for name, sub in commands.choices.items():
        for action in sub._actions:
            assert action.help, f"{name} {action.option_strings or action.dest} has no help text"


# --- admin commands against a running mock -----------------------------------------------------------


@pytest.fixture(scope="module")
def mock():
    with ServerProcess() as server:
        yield server


def company_state(mock: ServerProcess, companyid: str = "MOCKCO") -> dict:
    status, body = mock.admin("GET", f"/__mock__/companies/{companyid}")
    assert status == 200
    return body


def companies(mock: ServerProcess) -> list[str]:
    return mock.admin("GET", "/__mock__/companies")[1]["companies"]


def test_create_company_from_a_missing_file_is_one_line(mock, capsys, tmp_path):
    before = companies(mock)
    missing = tmp_path / "nope.json"
    code, out, err = in_process(capsys, "create-company", "--url", mock.url, "--file", str(missing))
    assert code == 2 and out == ""
    line = one_line(err)
    assert "--file" in line and str(missing) in line and "No such file" in line
    assert companies(mock) == before


def test_create_company_from_a_file_that_is_not_json_is_one_line(mock, capsys, tmp_path):
    before = companies(mock)
    bad = tmp_path / "bad.json"
    bad.write_text("{'companyid': 'X',}")
    code, out, err = in_process(capsys, "create-company", "--url", mock.url, "--file", str(bad))
    assert code == 2 and out == ""
    line = one_line(err)
    assert str(bad) in line and "not JSON" in line
    assert companies(mock) == before


def test_faults_add_with_a_rule_that_is_not_json_is_one_line(mock, capsys):
    code, out, err = in_process(capsys, "faults", "add", "not json", "--url", mock.url)
    assert code == 2 and out == ""
    assert "fault rule is not JSON" in one_line(err)
    assert mock.admin("GET", "/__mock__/faults")[1] == {"faults": []}


def test_a_refused_admin_command_prints_the_servers_error_and_exits_1(mock, capsys):
    code, out, err = in_process(capsys, "set-company", "NOSUCH", "web_services=false", "--url", mock.url)
    assert code == 1 and out == ""
    line = one_line(err)
    assert "no such company" in line and "404" in line
    assert "NOSUCH" not in companies(mock)


def test_create_company_409_points_at_replace_and_replace_works(mock, capsys):
    assert in_process(capsys, "create-company", "--url", mock.url, "--id", "TWICE")[0] == 0
    code, out, err = in_process(capsys, "create-company", "--url", mock.url, "--id", "TWICE", "--fixture", "MOCKSMALL")
    assert code == 1 and out == ""
    assert "--replace" in one_line(err) and "409" in err
    assert company_state(mock, "TWICE")["fixture"] == "MOCKCO"  # unchanged by the refused call
    code, out, err = in_process(
        capsys, "create-company", "--url", mock.url, "--id", "TWICE", "--fixture", "MOCKSMALL", "--replace"
    )
    assert code == 0 and err == ""
    assert json.loads(out) == {"companyid": "TWICE", "fixture": "MOCKSMALL"}
    assert company_state(mock, "TWICE")["fixture"] == "MOCKSMALL"


@pytest.mark.parametrize(
    "order",
    [
        ["set-user", "MOCKCO", "order_bob", "--url", "{url}", "password=pw1", "status=inactive"],
        ["set-user", "--url", "{url}", "MOCKCO", "order_bob", "password=pw1", "status=inactive"],
        ["set-user", "MOCKCO", "order_bob", "password=pw1", "--url", "{url}", "status=inactive"],
    ],
    ids=["after-option", "option-first", "mixed"],
)
def test_set_user_takes_options_and_settings_in_any_order(mock, capsys, order):
    code, out, err = in_process(capsys, *(word.format(url=mock.url) for word in order))
    assert (code, err) == (0, "")
    assert json.loads(out)["status"] == "inactive"
    user = company_state(mock)["users"]
    assert any(u["userid"] == "order_bob" and u["status"] == "inactive" for u in user)


def test_set_company_settings_after_an_option(mock, capsys):
    assert in_process(capsys, "create-company", "--url", mock.url, "--id", "ORDERCO")[0] == 0
    code, _, err = in_process(capsys, "set-company", "ORDERCO", "--url", mock.url, "concurrency_limit=3")
    assert (code, err) == (0, "")
    assert company_state(mock, "ORDERCO")["concurrency_limit"] == 3


def test_a_setting_without_equals_is_a_usage_error_and_nothing_is_sent(mock, capsys):
    before = company_state(mock)
    code, out, err = in_process(capsys, "set-company", "MOCKCO", "web_services", "--url", mock.url)
    assert code == 2 and out == ""
    assert "'web_services' is not a setting" in one_line(err)
    assert company_state(mock) == before


@pytest.mark.parametrize(
    ("words", "named"),
    [
        (["journal", "--limit", "abc"], "--limit"),
        (["journal", "--limit", "0"], "--limit"),
        (["reset", "--url", "garbage"], "--url"),
        (["reset", "--url", "http://127.0.0.1:99999"], "--url"),
        (["reset", "--token", "two words"], "--token"),
        (["set-sender", "MOCKCO", "mocksender", "sleeping"], "status"),
        (["reset", "surplus"], "surplus"),
    ],
)
def test_a_bad_admin_argument_is_a_one_line_usage_error(mock, capsys, words, named):
    before = company_state(mock)
    code, out, err = in_process(capsys, *words, *([] if "--url" in words else ["--url", mock.url]))
    assert code == 2 and out == ""
    assert named in one_line(err)
    assert company_state(mock) == before


def test_an_admin_command_without_a_server_is_one_line():
    done = run("reset", "--url", f"http://127.0.0.1:{free_port()}")
    assert done.returncode == 1
    assert "cannot reach" in one_line(done.stderr)


def test_an_admin_command_against_something_else_is_one_line(capsys):
    """A --url that answers, but not with the admin API's JSON (here a plain HTTP server)."""
    import http.server
    import threading

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args) -> None:  # its access log would share our captured stderr
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Quiet)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        code, out, err = in_process(capsys, "dump-company", "MOCKCO", "--url", f"http://127.0.0.1:{server.server_port}")
    finally:
        server.shutdown()
        server.server_close()
    assert code == 1 and out == ""
    assert "without JSON" in one_line(err)


def test_a_successful_admin_command_prints_json_on_stdout(mock, capsys):
    code, out, err = in_process(capsys, "faults", "list", "--url", mock.url)
    assert (code, err) == (0, "")
    assert json.loads(out) == {"faults": []}


def test_dump_company_into_a_closed_pipe_ends_quietly_with_0(mock):
    """`mock-intacct dump-company MOCKCO | head -c 100`: the reader leaves after 100 bytes of ~300 KB."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "dump-company", "MOCKCO", "--url", mock.url],
        cwd=REPO_ROOT,
        env=clean_environment(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
    )
    assert process.stdout.read(100).startswith(b"{")
    process.stdout.close()  # what head does once it has its lines
    _, err = process.communicate(timeout=30)
    assert process.returncode == 0
    assert err == b""


def test_the_shell_pipe_to_head_is_quiet(mock):
    done = subprocess.run(
        f"{sys.executable} -m mockserver dump-company MOCKCO --url {mock.url} | head -n 3",
        shell=True,
        cwd=REPO_ROOT,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert done.stdout.splitlines()[0] == "{"
    assert done.stderr == ""


def test_a_line_break_inside_a_value_stays_on_one_line(capsys):
    code, _, err = in_process(capsys, "create-company", "--file", "two\nlines\u2028.json")
    assert code == 2
    assert "two\\nlines\\u2028.json" in one_line(err)
    code, _, err = in_process(capsys, "reset", "stray\nword")
    assert code == 2
    assert "stray\\nword" in one_line(err)
