"""The record, verify and import subcommands of `mock-intacct` (their modules load only when one runs).

Exit status as the rest of the CLI: 0 done, 1 ran but failed (upstream or mock unreachable, parity
below --min-parity, the source refused), 2 bad input (an unreadable or non-vcrpy cassette, a cassette
without Intacct requests, a bad flag). Every failure is one line on stderr.
"""

from __future__ import annotations

import argparse
import asyncio
import logging
import os
import signal
import sys
from typing import Any


def fail(message: str, status: int) -> int:
    from mockserver.cli import single_line

    print(single_line(f"mock-intacct: {message}"), file=sys.stderr)
    return status


def listen_address(text: str) -> tuple[str, int]:
    host, _, port = text.rpartition(":")
    try:
        number = int(port)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not HOST:PORT") from None
    if not 0 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"port {number} is not 0 to 65535")
    return host or "127.0.0.1", number


def gateway_url(text: str) -> str:
    from urllib.parse import urlsplit

    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise argparse.ArgumentTypeError(f"{text!r} is not an http(s) URL")
    return text


def percent(text: str) -> float:
    try:
        value = float(text.rstrip("%"))
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a percentage") from None
    if not 0 <= value <= 100:
        raise argparse.ArgumentTypeError(f"{text!r} is not 0 to 100")
    return value


def seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number of seconds") from None
    if not 0 <= value <= 60:
        raise argparse.ArgumentTypeError(f"{text!r} is not 0 to 60 seconds")
    return value


# --- record ----------------------------------------------------------------------------------------


async def run_proxy(args: argparse.Namespace) -> int:
    from aiohttp import web

    from mockserver.cli import ServeFailure, bound_socket
    from mockserver.recording.cassette import CassetteError, CassetteWriter
    from mockserver.recording.proxy import Recorder, application, reachable
    from mockserver.recording.scrub import Scrubber

    why = await reachable(args.upstream)
    if why is not None:
        return fail(f"upstream {args.upstream} refused the connection: {why}", 1)
    host, port = args.listen
    try:
        sock = bound_socket(host, port)
    except ServeFailure as failure:
        return fail(str(failure), 1)
    try:
        writer = CassetteWriter(args.out)
    except CassetteError as failure:
        sock.close()
        return fail(str(failure), 2)
    bound_port = sock.getsockname()[1]
    public = f"http://{host}:{bound_port}"
    recorder = Recorder(args.upstream, writer, Scrubber(args.scrub_field or ()), public)
    runner = web.AppRunner(application(recorder), access_log=None, handle_signals=False)
    await runner.setup()
    try:
        await web.SockSite(runner, sock).start()
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, stop.set)
            except (NotImplementedError, RuntimeError):
                pass
        print(f"mock-intacct record: POST {public}/ia/xml/xmlgw.phtml -> {args.upstream} (to {args.out})", flush=True)
        await stop.wait()
    finally:
        await runner.cleanup()
        sock.close()
        writer.close()
    print(f"mock-intacct record: {writer.count} exchanges written to {args.out}", flush=True)
    return 0


def record(args: argparse.Namespace) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        return asyncio.run(run_proxy(args))
    except KeyboardInterrupt:
        return 0


# --- verify ----------------------------------------------------------------------------------------


def credentials(company: str | None) -> dict[str, str]:
    from mockserver.settings import DEFAULT_CREDENTIALS

    chosen = {name: os.environ.get(name) or value for name, value in DEFAULT_CREDENTIALS.items()}
    if company:
        chosen["INTACCT_COMPANY_ID"] = company
    return chosen


def verify(args: argparse.Namespace) -> int:
    from mockserver.recording import verify as checks

    values = credentials(args.company)

    def target(url: str) -> checks.Target:
        base = url.split("/ia/xml/")[0].rstrip("/")
        return checks.Target(
            base,
            values["INTACCT_SENDER_ID"],
            values["INTACCT_SENDER_PASSWORD"],
            values["INTACCT_COMPANY_ID"],
            values["INTACCT_USER_ID"],
            values["INTACCT_USER_PASSWORD"],
        )

    try:
        for path in args.cassettes:  # bad input first: nothing is started for a cassette that cannot be read
            checks.verify_readable(path)
        if args.url:
            reports = checks.verify(args.cassettes, target(args.url))
        else:
            from mockserver import MockIntacct

            overrides: dict[str, Any] = {"fixtures": args.fixtures} if args.fixtures else {}
            with MockIntacct(**overrides) as mock:
                reports = checks.verify(args.cassettes, target(mock.url))
    except checks.VerifyFailure as failure:
        return fail(str(failure), failure.status)
    print(checks.readable(reports))
    if args.report:
        try:
            checks.write_report(args.report, reports)
        except checks.VerifyFailure as failure:
            return fail(str(failure), failure.status)
    parity = checks.overall(reports)
    if parity + 1e-9 < args.min_parity:
        return fail(f"parity {parity:.1f}% is below --min-parity {args.min_parity:g}%", 1)
    return 0


# --- import ----------------------------------------------------------------------------------------


def run_import(args: argparse.Namespace) -> int:
    from pathlib import Path

    from mockserver.control.fixture_models import check_fixture
    from mockserver.control.models import SettingsError
    from mockserver.recording.importer import ImportFailure, snapshot
    from mockserver.recording.proxy import reachable

    try:  # the new company's ID, checked before anything is read
        check_fixture({"companyid": args.company})
    except SettingsError as failure:
        return fail(f"--company: {failure}", 2)
    why = asyncio.run(reachable(args.source))
    if why is not None:
        return fail(f"{args.source} refused the connection: {why}", 1)
    objects = [name.strip() for name in args.objects.split(",") if name.strip()] if args.objects else None
    out = Path(args.out or f"{args.company}.json")
    try:
        summary = asyncio.run(snapshot(args.source, args.company, out, objects, args.anonymize, args.pace))
    except ImportFailure as failure:
        return fail(str(failure), failure.status)
    except KeyboardInterrupt:
        return fail(f"interrupted: run the same command again to resume from {out.name}.partial.jsonl", 1)
    total = sum(summary.objects.values())
    print(f"mock-intacct import: {total} records of {len(summary.objects)} objects written to {out}")
    if summary.resumed:
        print(f"  resumed: {len(summary.resumed)} objects read by an earlier run")
    if summary.unknown_objects:
        print(f"  not in the mock's catalogue, left out: {', '.join(summary.unknown_objects)}")
    for name, fields in summary.dropped_fields.items():
        print(f"  {name}: fields the mock does not have, left out: {', '.join(fields)}")
    for name, why in summary.failed.items():
        print(f"  {name}: could not be read: {why}")
    return 0


def add_recording_commands(commands: Any) -> None:
    rec = commands.add_parser(
        "record",
        help="a recording proxy: forward to an Intacct gateway, write a vcrpy cassette",
        description="Forward every request to --upstream and append each exchange, with passwords and "
        "session IDs scrubbed, to a vcrpy YAML cassette. Prints 'mock-intacct record: POST <url> ...' once "
        "it listens; stops on Ctrl-C or SIGTERM.",
    )
    rec.add_argument("--upstream", required=True, type=gateway_url, help="the gateway URL to forward to")
    rec.add_argument(
        "--listen", type=listen_address, default=("127.0.0.1", 8081), help="HOST:PORT (default 127.0.0.1:8081)"
    )
    rec.add_argument("--out", default="cassette.yaml", help="cassette file to write (default cassette.yaml)")
    rec.add_argument(
        "--scrub-field",
        dest="scrub_field",
        action="append",
        metavar="FIELD",
        help="also scrub the text of every <FIELD> element (repeatable: --scrub-field EMAIL1)",
    )
    rec.set_defaults(run=record)

    ver = commands.add_parser(
        "verify",
        help="replay cassettes against a mock and report structural differences",
        description="Replay each cassette's gateway requests against a mock (--url, else one started "
        "in-process) with the mock's credentials (INTACCT_* variables, else the defaults), and compare "
        "each answer's structure with the recorded one. Exits 1 below --min-parity.",
    )
    ver.add_argument("cassettes", nargs="+", metavar="CASSETTE", help="vcrpy YAML cassettes")
    ver.add_argument("--url", type=gateway_url, help="a running mock (default: start one in this process)")
    ver.add_argument("--fixtures", help="fixtures directory for the in-process mock (default: built in)")
    ver.add_argument("--company", help="the mock company to replay in (default INTACCT_COMPANY_ID or MOCKCO)")
    ver.add_argument("--report", help="also write a report: JSON, or HTML when the name ends in .html")
    ver.add_argument(
        "--min-parity", dest="min_parity", type=percent, default=100.0, help="least parity in %% (default 100)"
    )
    ver.set_defaults(run=verify)

    imp = commands.add_parser(
        "import",
        help="snapshot a company (credentials as INTACCT_*) into a fixture the mock loads",
        description="Read entities, modules, dimensions and the records of every object inspect * lists "
        "from --from, with the INTACCT_* credentials, into a company fixture (serve --fixtures, "
        "POST /__mock__/companies). Resumes an interrupted run.",
    )
    imp.add_argument("--from", dest="source", required=True, type=gateway_url, help="the gateway URL to read")
    imp.add_argument("--company", required=True, help="the new company's ID in the fixture")
    imp.add_argument("--objects", help="only these objects, comma-separated (default: all inspect * lists)")
    imp.add_argument("--anonymize", action="store_true", help="replace names, emails, phones, addresses, tax IDs")
    imp.add_argument("--out", help="fixture file to write (default <company>.json)")
    imp.add_argument(
        "--pace", type=seconds, default=0.5, help="least seconds between requests (default 0.5, a sandbox's)"
    )
    imp.set_defaults(run=run_import)
