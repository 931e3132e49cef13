"""`mock-intacct` subcommands that drive a running server through its admin API (/__mock__/)."""

from __future__ import annotations

import argparse
import json
import os
import sys
import urllib.error
import urllib.request
from urllib.parse import quote, urlencode

from mockserver.control.models import CompanySettings, UserSettings, settings_help


def admin_call(args: argparse.Namespace, method: str, path: str, body: dict | None = None) -> int:
    """Send one admin request, print its JSON answer, exit 0 on 2xx."""
    data = None if body is None else json.dumps(body).encode()
    request = urllib.request.Request(
        args.url.rstrip("/") + path, data=data, method=method, headers={"Content-Type": "application/json"}
    )
    if args.token:
        request.add_header("Authorization", f"Bearer {args.token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            status, text = reply.status, reply.read().decode()
    except urllib.error.HTTPError as failure:
        status, text = failure.code, failure.read().decode()
    except urllib.error.URLError as failure:
        print(f"mock-intacct: cannot reach {args.url}: {failure.reason}", file=sys.stderr)
        return 1
    print(json.dumps(json.loads(text), indent=2) if text else "")
    return 0 if 200 <= status < 300 else 1


def settings_from(pairs: list[str]) -> dict:
    """key=value arguments; values are JSON when they parse (true, 403, ["E100"]), else text."""
    result = {}
    for pair in pairs:
        key, _, value = pair.partition("=")
        try:
            result[key] = json.loads(value)
        except ValueError:
            result[key] = value
    return result


def company_path(company: str, *rest: str) -> str:
    return "/__mock__/companies/" + "/".join(quote(part, safe="") for part in (company, *rest))


def reset(args) -> int:
    if args.company:
        return admin_call(args, "POST", company_path(args.company, "reset"))
    return admin_call(args, "POST", "/__mock__/reset")


def create_company(args) -> int:
    body: dict = {"company": json.load(open(args.file))} if args.file else {"fixture": args.fixture}
    if args.id:
        body["companyid"] = args.id
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
        return admin_call(args, "POST", "/__mock__/faults", json.loads(args.rule))
    return admin_call(args, "GET" if args.action == "list" else "DELETE", "/__mock__/faults")


def add_admin_commands(commands) -> None:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--url",
        default=os.environ.get("MOCK_INTACCT_URL", "http://127.0.0.1:8080"),
        help="the running mock (default http://127.0.0.1:8080, or MOCK_INTACCT_URL)",
    )
    common.add_argument(
        "--token",
        default=os.environ.get("MOCK_INTACCT_ADMIN_TOKEN", ""),
        help="admin token, if the server requires one (or MOCK_INTACCT_ADMIN_TOKEN)",
    )

    cmd = commands.add_parser("reset", parents=[common], help="everything (or one company) back to the fixtures")
    cmd.add_argument("--company")
    cmd.set_defaults(run=reset)

    cmd = commands.add_parser("create-company", parents=[common], help="a new company from a fixture")
    cmd.add_argument("--fixture", default="MOCKCO", help="fixture name (default MOCKCO)")
    cmd.add_argument("--file", help="a fixture JSON file (e.g. a state dump) instead of a name")
    cmd.add_argument("--id", help="company ID (default: generated)")
    cmd.set_defaults(run=create_company)

    cmd = commands.add_parser("delete-company", parents=[common], help="remove a company and its records")
    cmd.add_argument("company")
    cmd.set_defaults(run=delete_company)

    cmd = commands.add_parser(
        "set-company",
        parents=[common],
        help="change company settings: web_services=false modules='[\"General Ledger\"]' ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='keys and allowed values (values are JSON: true, 7200, null, ["E100"]; else text):\n'
        + settings_help(CompanySettings),
    )
    cmd.add_argument("company")
    cmd.add_argument("settings", nargs="+", metavar="key=value")
    cmd.set_defaults(run=set_company)

    cmd = commands.add_parser("dump-company", parents=[common], help="print a company as a fixture")
    cmd.add_argument("company")
    cmd.set_defaults(run=dump_company)

    cmd = commands.add_parser("set-sender", parents=[common], help="authorize a sender ID: active, inactive, revoke")
    cmd.add_argument("company")
    cmd.add_argument("sender")
    cmd.add_argument("status", choices=["active", "inactive", "revoke"])
    cmd.set_defaults(run=set_sender)

    cmd = commands.add_parser(
        "set-user",
        parents=[common],
        help="create or change a Web Services user: password=... status=inactive ...",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog='keys and allowed values (values are JSON: true, ["E100"], {"VENDOR": ["list"]}; else text):\n'
        + settings_help(UserSettings),
    )
    cmd.add_argument("company")
    cmd.add_argument("user")
    cmd.add_argument("settings", nargs="*", metavar="key=value")
    cmd.add_argument("--remove", action="store_true", help="delete the user")
    cmd.set_defaults(run=set_user)

    cmd = commands.add_parser("journal", parents=[common], help="recent exchanges, secrets redacted")
    cmd.add_argument("--company")
    cmd.add_argument("--function")
    cmd.add_argument("--status")
    cmd.add_argument("--limit")
    cmd.set_defaults(run=journal)

    cmd = commands.add_parser("faults", parents=[common], help="add (a JSON rule), list or clear injected faults")
    cmd.add_argument("action", choices=["add", "list", "clear"])
    cmd.add_argument("rule", nargs="?", default="{}", help='e.g. \'{"action": {"type": "http", "status": 503}}\'')
    cmd.set_defaults(run=faults)
