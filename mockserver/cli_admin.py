"""`mock-intacct` subcommands that drive a running server through its admin API (/__mock__/)."""

from __future__ import annotations

import argparse
import http.client
import json
import os
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode, urlsplit

from mockserver.configuration import ConfigurationError
from mockserver.settings import allowed, is_header_token


class AdminFailure(Exception):
    """The admin request was sent (or tried) and failed: unreachable, refused, or answered 4xx/5xx (exit 1)."""


def admin_call(args: argparse.Namespace, method: str, path: str, body: dict | None = None) -> int:
    """Send one admin request and print its JSON answer on stdout; a failure raises AdminFailure
    with the server's own `error` text."""
    data = None if body is None else json.dumps(body).encode()
    try:
        request = urllib.request.Request(
            args.url.rstrip("/") + path, data=data, method=method, headers={"Content-Type": "application/json"}
        )
        if args.token:
            request.add_header("Authorization", f"Bearer {args.token}")
        with urllib.request.urlopen(request, timeout=30) as reply:
            status, text = reply.status, reply.read().decode(errors="replace")
    except urllib.error.HTTPError as failure:
        status, text = failure.code, failure.read().decode(errors="replace")
    except urllib.error.URLError as failure:
        raise AdminFailure(f"cannot reach {args.url}: {failure.reason}") from None
    except (OSError, http.client.HTTPException, ValueError) as failure:  # reset, timeout, a bad header
        raise AdminFailure(f"no answer from {args.url}: {failure or type(failure).__name__}") from None
    try:
        answer = json.loads(text) if text else {}
    except ValueError:
        raise AdminFailure(f"{args.url} answered HTTP {status} without JSON: is it a mock-intacct server?") from None
    if not 200 <= status < 300:
        error = answer.get("error") if isinstance(answer, dict) else None
        message = " ".join(str(error or f"HTTP {status}").split())  # one line, whatever the server said
        if status == 409 and args.command == "create-company":
            message += " (mock-intacct create-company --replace)"
        raise AdminFailure(f"{method} {path}: {message} (HTTP {status})")
    print(json.dumps(answer, indent=2))
    return 0


def settings_from(pairs: list[str]) -> dict:
    """key=value arguments; values are JSON when they parse (true, 403, ["E100"]), else text."""
    result = {}
    for pair in pairs:
        key, equals, value = pair.partition("=")
        if not equals or not key:
            raise ConfigurationError(f"{pair!r} is not a setting: give key=value, e.g. web_services=false")
        try:
            result[key] = json.loads(value)
        except ValueError:
            result[key] = value
    return result


def json_argument(text: str, what: str):
    try:
        return json.loads(text)
    except ValueError as failure:
        raise ConfigurationError(f"{what} is not JSON: {failure}") from None


def read_fixture_file(name: str):
    try:
        with open(name, encoding="utf-8") as file:
            text = file.read()
    except (OSError, UnicodeDecodeError) as failure:
        raise ConfigurationError(
            f"cannot read --file {name}: {getattr(failure, 'strerror', None) or failure}"
        ) from None
    return json_argument(text, f"--file {name}")


def admin_url(text: str) -> str:
    """argparse `type=` for --url: an http(s) address, so a typo is a usage error, not a traceback."""
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:
        parts = None
    if parts is None or parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http:// or https:// URL (from --url or MOCK_INTACCT_URL)")
    return text


def company_path(company: str, *rest: str) -> str:
    return "/__mock__/companies/" + "/".join(quote(part, safe="") for part in (company, *rest))


def reset(args) -> int:
    if args.company:
        return admin_call(args, "POST", company_path(args.company, "reset"))
    return admin_call(args, "POST", "/__mock__/reset")


def create_company(args) -> int:
    body: dict = {"company": read_fixture_file(args.file)} if args.file else {"fixture": args.fixture}
    if args.id:
        body["companyid"] = args.id
    if args.replace:
        body["replace"] = True
    return admin_call(args, "POST", "/__mock__/companies", body)


def delete_company(args) -> int:
    return admin_call(args, "DELETE", company_path(args.company))


def set_company(args) -> int:
    return admin_call(args, "PATCH", company_path(args.company), settings_from(args.settings))


def dump_company(args) -> int:
    return admin_call(args, "GET", company_path(args.company, "state"))


def set_sender(args) -> int:
    if args.status == "revoke":
        return admin_call(args, "DELETE", company_path(args.company, "senders", args.sender))
    return admin_call(args, "PUT", company_path(args.company, "senders", args.sender), {"status": args.status})


def set_user(args) -> int:
    if args.remove:
        return admin_call(args, "DELETE", company_path(args.company, "users", args.user))
    return admin_call(args, "PUT", company_path(args.company, "users", args.user), settings_from(args.settings))


def journal(args) -> int:
    query = {
        k: v
        for k, v in (
            ("company", args.company),
            ("function", args.function),
            ("status", args.status),
            ("limit", args.limit),
        )
        if v
    }
    return admin_call(args, "GET", "/__mock__/journal" + (f"?{urlencode(query)}" if query else ""))


def faults(args) -> int:
    if args.action == "add":
        return admin_call(args, "POST", "/__mock__/faults", json_argument(args.rule, "the fault rule"))
    return admin_call(args, "GET" if args.action == "list" else "DELETE", "/__mock__/faults")


def admin_token(text: str) -> str:
    if not is_header_token(text):
        raise argparse.ArgumentTypeError(
            f"the token (from --token or MOCK_INTACCT_ADMIN_TOKEN) is not valid: expected {allowed('admin_token')}"
        )
    return text


def journal_limit(text: str) -> str:
    if not text.strip().isdigit() or not 1 <= int(text) <= 100_000:
        raise argparse.ArgumentTypeError(f"{text!r} is not valid: expected a whole number from 1 to 100000")
    return text.strip()


class SettingsHelp(argparse.Action):
    """-h/--help of a command that takes a model's settings: its help ends with each key and what it allows,
    read from the model (control/models.py, pydantic) only when the help is shown, not for every command."""

    def __init__(self, option_strings: list[str], dest: str, model: str, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, help="show this help message and exit", **kwargs)
        self.model = model

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        from mockserver.control import models

        parser.epilog = (parser.epilog or "") + models.settings_help(getattr(models, self.model))
        parser.print_help()
        parser.exit()


def settings_help_first(model: str) -> argparse.ArgumentParser:
    """A parent parser holding only -h/--help (SettingsHelp), listed first as argparse lists its own."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument("-h", "--help", action=SettingsHelp, model=model)
    return parent


def add_admin_commands(commands) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        type=admin_url,
        default=os.environ.get("MOCK_INTACCT_URL", "http://127.0.0.1:8080"),
        help="the running mock (default http://127.0.0.1:8080, or MOCK_INTACCT_URL)",
    )
    common.add_argument(
        "--token",
        type=admin_token,
        default=os.environ.get("MOCK_INTACCT_ADMIN_TOKEN", ""),
        help="admin token, if the server requires one (or MOCK_INTACCT_ADMIN_TOKEN)",
    )

    cmd = commands.add_parser("reset", parents=[common], help="everything (or one company) back to the fixtures")
    cmd.add_argument("--company", help="reset only this company (default: every company, all sessions)")
    cmd.set_defaults(run=reset)

    cmd = commands.add_parser("create-company", parents=[common], help="a new company from a fixture")
    cmd.add_argument("--fixture", default="MOCKCO", help="fixture name (default MOCKCO)")
    cmd.add_argument("--file", help="a fixture JSON file (e.g. a state dump) instead of a name")
    cmd.add_argument("--id", help="company ID (default: generated)")
    cmd.add_argument("--replace", action="store_true", help="replace a company that already has this ID")
    cmd.set_defaults(run=create_company)

    cmd = commands.add_parser("delete-company", parents=[common], help="remove a company and its records")
    cmd.add_argument("company", help="company ID")
    cmd.set_defaults(run=delete_company)

    cmd = commands.add_parser(
        "set-company",
        parents=[settings_help_first("CompanySettings"), common],
        help="change company settings: web_services=false modules='[\"General Ledger\"]' ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='keys and allowed values (values are JSON: true, 7200, null, ["E100"]; else text):\n',
        add_help=False,
    )
    cmd.add_argument("company", help="company ID")
    cmd.add_argument("settings", nargs="+", metavar="key=value", help="a setting; the value is JSON when it parses")
    cmd.set_defaults(run=set_company)

    cmd = commands.add_parser("dump-company", parents=[common], help="print a company as a fixture")
    cmd.add_argument("company", help="company ID")
    cmd.set_defaults(run=dump_company)

    cmd = commands.add_parser("set-sender", parents=[common], help="authorize a sender ID: active, inactive, revoke")
    cmd.add_argument("company", help="company ID")
    cmd.add_argument("sender", help="sender ID")
    cmd.add_argument("status", choices=["active", "inactive", "revoke"], help="active, inactive, or revoke")
    cmd.set_defaults(run=set_sender)

    cmd = commands.add_parser(
        "set-user",
        parents=[settings_help_first("UserSettings"), common],
        help="create or change a Web Services user: password=... status=inactive ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='keys and allowed values (values are JSON: true, ["E100"], {"VENDOR": ["list"]}; else text):\n',
        add_help=False,
    )
    cmd.add_argument("company", help="company ID")
    cmd.add_argument("user", help="user ID")
    cmd.add_argument("settings", nargs="*", metavar="key=value", help="a setting; the value is JSON when it parses")
    cmd.add_argument("--remove", action="store_true", help="delete the user")
    cmd.set_defaults(run=set_user)

    cmd = commands.add_parser("journal", parents=[common], help="recent exchanges, secrets redacted")
    cmd.add_argument("--company", help="only exchanges of this company")
    cmd.add_argument("--function", help="only exchanges that ran this function (e.g. readByQuery)")
    cmd.add_argument("--status", help="only exchanges with this control or function status (success, failure)")
    cmd.add_argument("--limit", type=journal_limit, help="at most this many, newest first (1 to 100000)")
    cmd.set_defaults(run=journal)

    cmd = commands.add_parser("faults", parents=[common], help="add (a JSON rule), list or clear injected faults")
    cmd.add_argument("action", choices=["add", "list", "clear"], help="add a rule, list the rules, or clear them")
    cmd.add_argument(
        "rule",
        nargs="?",
        default="{}",
        help='the rule for add, as JSON; e.g. \'{"action": {"type": "http", "status": 503}}\'',
    )
    cmd.set_defaults(run=faults)
