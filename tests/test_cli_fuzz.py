"""Arbitrary values for every CLI setting: every `serve` flag, every MOCK_INTACCT_* variable, every admin
subcommand's arguments and key=value settings. Never a traceback, an exit status other than 0/1/2, more
than one line on stderr when it fails, or a hang; and the gateway still signs in afterwards.

`serve` runs as a child process (a usage error exits before binding, so most examples are quick; one
that starts is stopped with SIGTERM and must exit 0). The admin subcommands run in this process through
`mockserver.cli.main`, the console script's own code path, against one mock for the module.

Example counts follow the hypothesis profile (see conftest.py): half its max_examples for each `serve`
test (20 in `ci`), all of it for the in-process admin tests."""

from __future__ import annotations

import json
import select
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import fields
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from mockserver.settings import Settings, environment_variable

from .server_process import ServerProcess
from .test_cli import clean_environment, in_process, one_line, signs_in

EXAMPLES = max(4, hypothesis_settings.default.max_examples // 2)
fuzz = hypothesis_settings(
    max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)
# In-process admin commands cost milliseconds: the profile's full count.
fuzz_admin = hypothesis_settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])

SERVE_FLAGS = [
    "--host",
    "--port",
    "--fixtures",
    "--public-url",
    "--state",
    "--log-level",
    "--max-body-bytes",
    "--admin-token",
]
SWITCHES = ["--permission-403", "--open-admin"]
VARIABLES = [environment_variable(f.name) for f in fields(Settings)]

# Text a shell can hand over: no NUL (argv and the environment cannot carry it), no lone surrogates.
text = st.text(st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"), max_size=24)
json_fragments = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.floats() | text,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(text, inner, max_size=3),
    max_leaves=6,
)
tricky = st.sampled_from(
    ["", " ", "0", "-1", "65535", "65536", "99999", "1e3", "0x1F", " 80 ", "1_000", "٣", "true", "off", "maybe",
     "DEBUG", "debug", "verbose", "http://", "https://x:99999/", "http://127.0.0.1:1/", "[]", "{}", "null", "NaN",
     "-", "--", "--help", ".", "/", "/dev/null", "../x", "4194304", str(2**31), str(2**64), "localhost", "::1",
     "127.0.0.2", "0.0.0.0"]
)  # fmt: skip
values = st.one_of(text, tricky, st.integers(-(2**70), 2**70).map(str), json_fragments.map(json.dumps))


def serve_once(words: list[str], env: dict[str, str], cwd: str, timeout: float = 20) -> tuple[int, str, str]:
    """Start `serve`; if it gets as far as its ready line, stop it with SIGTERM. (status, stdout, stderr)."""
    process = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", *words],
        cwd=cwd,
        env=clean_environment(**env),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
    )
    try:
        readable, _, _ = select.select([process.stdout], [], [], timeout)
        assert readable, f"serve {words} {env}: neither ready nor finished in {timeout} s"
        first = process.stdout.readline()
        if first.startswith("mock-intacct ready: "):
            process.send_signal(signal.SIGTERM)
        out, err = process.communicate(timeout=timeout)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
    return process.returncode, first + out, err


def assert_well_behaved(status: int, out: str, err: str, what: object) -> None:
    event(f"exit {status}")  # --hypothesis-show-statistics: how many started, failed to bind, were refused
    assert "Traceback" not in err, f"{what}:\n{err}"
    assert status in (0, 1, 2), f"{what}: exit {status}\n{err}"
    if status == 0:
        assert out.startswith("mock-intacct ready: "), f"{what}: exit 0 without a ready line"
    else:
        error = [line for line in err.splitlines() if line.startswith("mock-intacct")]
        assert len(error) == 1, f"{what}: expected one error line, got:\n{err}"
        assert one_line(error[0])


@pytest.fixture(scope="module")
def workdir():
    """The child's working directory: a relative --state or --fixtures lands here, not in the checkout."""
    with tempfile.TemporaryDirectory(prefix="mock-intacct-fuzz-") as directory:
        yield directory


@fuzz
@given(
    flag=st.sampled_from(SERVE_FLAGS),
    value=values,
    switches=st.lists(st.sampled_from(SWITCHES), max_size=2, unique=True),
)
def test_any_value_for_a_serve_flag_is_a_clean_start_or_one_line(workdir, flag, value, switches):
    words = [f"{flag}={value}", *switches]
    if flag != "--port":
        words.insert(0, "--port=0")  # a valid value must not fight for 8080
    status, out, err = serve_once(words, {}, workdir)
    assert_well_behaved(status, out, err, words)


@fuzz
@given(variable=st.sampled_from(VARIABLES), value=values.filter(lambda v: "\x00" not in v))
def test_any_value_for_a_variable_is_a_clean_start_or_one_line(workdir, variable, value):
    words = [] if variable == "MOCK_INTACCT_PORT" else ["--port=0"]
    status, out, err = serve_once(words, {variable: value}, workdir)
    assert_well_behaved(status, out, err, f"{variable}={value!r}")
    if status == 2:
        assert variable in err  # a bad variable is named


# --- admin subcommands against one running mock ------------------------------------------------------

SCRATCH = "FUZZCO"  # the company the settings go to; MOCKCO stays untouched for the sign-in check


@pytest.fixture(scope="module")
def mock():
    with ServerProcess() as server:
        yield server


@pytest.fixture(scope="module")
def known_keys(mock):
    """Setting names the server itself shows (so some pairs get past "unknown setting" to the value)."""
    state = mock.admin("GET", "/__mock__/companies/MOCKCO")[1]
    return sorted(state), sorted(state["users"][0])


def target_company():
    return st.one_of(st.just(SCRATCH), text.filter(lambda t: t.strip().upper() != "MOCKCO"))


@st.composite
def pairs(draw, keys: list[str]):
    key = draw(st.one_of(st.sampled_from(keys), text))
    shape = draw(st.sampled_from(["pair"] * 8 + ["bare", "empty-key"]))
    if shape == "bare":
        return key
    if shape == "empty-key":
        return "=" + draw(values)
    return f"{key}={draw(values)}"


@st.composite
def admin_words(draw, company_keys: list[str], user_keys: list[str], files: Path) -> list[str]:
    command = draw(
        st.sampled_from(
            ["reset", "create-company", "delete-company", "set-company", "dump-company", "set-sender", "set-user",
             "journal", "faults"]
        )
    )  # fmt: skip
    words = [command]
    if command == "reset" and draw(st.booleans()):
        words += ["--company", draw(target_company())]
    elif command == "create-company":
        if draw(st.booleans()):
            words += ["--fixture", draw(st.one_of(st.sampled_from(["MOCKCO", "MOCKSMALL"]), text))]
        if draw(st.booleans()):
            source = files / f"fixture-{draw(st.integers(0, 3))}.json"
            source.write_text(draw(st.one_of(json_fragments.map(json.dumps), text)))
            words += ["--file", str(source) if draw(st.booleans()) else draw(text)]
        words += ["--id", draw(st.one_of(st.just(SCRATCH), text.filter(lambda t: t.strip().upper() != "MOCKCO")))]
        if draw(st.booleans()):
            words.append("--replace")
    elif command in ("delete-company", "dump-company"):
        words.append(draw(target_company()))
    elif command == "set-company":
        words += [draw(target_company()), *draw(st.lists(pairs(company_keys), min_size=1, max_size=3))]
    elif command == "set-sender":
        status = draw(st.one_of(st.sampled_from(["active", "inactive", "revoke"]), text))
        words += [draw(target_company()), draw(st.one_of(st.just("mocksender"), text)), status]
    elif command == "set-user":
        words += [draw(target_company()), draw(text), *draw(st.lists(pairs(user_keys), max_size=3))]
        if draw(st.booleans()):
            words.insert(draw(st.integers(1, len(words))), "--remove")
    elif command == "journal":
        for option in ("--company", "--function", "--status", "--limit"):
            if draw(st.booleans()):
                words += [option, draw(values)]
    elif command == "faults":
        words += [draw(st.one_of(st.sampled_from(["add", "list", "clear"]), text))]
        if draw(st.booleans()):
            words.append(draw(st.one_of(json_fragments.map(json.dumps), text)))
    # Options and key=value in any order: move one word (not the command) somewhere else.
    if len(words) > 2 and draw(st.booleans()):
        moved = words.pop(draw(st.integers(1, len(words) - 1)))
        words.insert(draw(st.integers(1, len(words))), moved)
    return words


@fuzz_admin
@given(data=st.data())
def test_any_admin_arguments_are_json_or_one_line_and_the_gateway_still_answers(
    mock, known_keys, capsys, monkeypatch, data
):
    # The real server comes right after the command and is the default too: a fuzzed "--" cannot
    # turn our --url into a positional and send the command to whatever listens on 8080.
    monkeypatch.setenv("MOCK_INTACCT_URL", mock.url)
    if SCRATCH not in mock.admin("GET", "/__mock__/companies")[1]["companies"]:
        mock.admin("POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": SCRATCH})
    with tempfile.TemporaryDirectory() as files:
        words = data.draw(admin_words(*known_keys, Path(files)))
        started = time.monotonic()
        status, out, err = in_process(capsys, words[0], "--url", mock.url, *words[1:])
        took = time.monotonic() - started
    event(f"{words[0]}: exit {status}")
    assert "Traceback" not in err, f"{words}:\n{err}"
    assert status in (0, 1, 2), f"{words}: exit {status}\n{err}"
    assert took < 10, f"{words}: {took:.1f} s"
    if status == 0:
        assert err == ""
        if not out.startswith("usage:"):  # a fuzzed --help (or --he) is a success too
            json.loads(out)  # a success prints the server's JSON answer
    else:
        assert out == ""
        one_line(err)
    # Fault rules are the fault engineer's business once they parse: clear them, then sign in.
    mock.admin("DELETE", "/__mock__/faults")
    assert signs_in(mock.endpoint), f"MOCKCO no longer signs in after {words}"


@fuzz_admin
@given(url=values, token=values, command=st.sampled_from([["journal"], ["faults", "list"], ["dump-company", "MOCKCO"]]))
def test_any_admin_variables_are_json_or_one_line(mock, capsys, monkeypatch, url, token, command):
    """MOCK_INTACCT_URL and MOCK_INTACCT_ADMIN_TOKEN, the admin commands' variables (read-only commands:
    a value that happens to be a reachable URL changes nothing there)."""
    monkeypatch.setenv("MOCK_INTACCT_URL", url)
    monkeypatch.setenv("MOCK_INTACCT_ADMIN_TOKEN", token)
    started = time.monotonic()
    status, out, err = in_process(capsys, *command)
    assert time.monotonic() - started < 10, f"{url!r}: a hang"
    assert "Traceback" not in err and status in (0, 1, 2), f"{url!r} {token!r}: exit {status}\n{err}"
    if status == 0:
        json.loads(out)
    else:
        one_line(err)
    assert signs_in(mock.endpoint)
