"""The `mock-intacct` command: `serve` starts the gateway, `env` prints the SDK variables.

An operator's mistake ends the command with one line on stderr and no traceback. Exit status:
0 done (also when the reader of our output closed the pipe early, as `| head` does), 1 the
command ran but failed (port in use, server unreachable, the admin API said no), 2 a usage or
configuration error (a bad flag, variable or file; nothing was started or sent).
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import logging
import os
import shlex
import signal
import socket
import sqlite3
import sys
from collections.abc import Callable
from types import ModuleType
from typing import NoReturn

from mockserver.cli_admin import AdminFailure, add_admin_commands
from mockserver.configuration import ConfigurationError
from mockserver.settings import DEFAULT_CREDENTIALS, LOG_LEVELS, Settings, checked, parse_text

log = logging.getLogger("mock_intacct")


class PrintVersion(argparse.Action):
    """--version, reading the installed version only when asked (importlib.metadata costs every start)."""

    def __init__(self, option_strings: list[str], dest: str, **kwargs) -> None:
        super().__init__(option_strings, dest, nargs=0, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None) -> None:
        import mockserver

        print(f"mock-intacct {mockserver.version()}")
        parser.exit()


def single_line(message: str) -> str:
    """`message` with any line break inside a value (a file name, a stray word) escaped: one line, always."""
    return "".join(c.encode("unicode_escape").decode() if len(f"a{c}b".splitlines()) > 1 else c for c in message)


class Parser(argparse.ArgumentParser):
    """argparse, with a usage error as one line (the usage itself is one `--help` away)."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, single_line(f"{self.prog}: error: {message} (see {self.prog} --help)") + "\n")


def setting(name: str) -> Callable[[str], object]:
    """An argparse `type=` for a Settings field: the same parsing and bounds as its MOCK_INTACCT_* variable."""

    def convert(text: str) -> object:
        try:
            return checked(name, parse_text(name, text, "value"), "value")
        except ConfigurationError as failure:
            # "value='99999' is not valid: expected ..." -> argparse prefixes "argument --port: "
            raise argparse.ArgumentTypeError(str(failure).removeprefix("value=")) from None

    convert.__name__ = name  # argparse names the type in some messages
    return convert


def bound_socket(host: str, port: int) -> socket.socket:
    """The listening address, claimed before the fixtures load: a port in use fails at once.
    Bound, not yet listening, so no request is accepted before the mock is ready."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(
            host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE
        )[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as failure:  # an unknown host name
        raise ServeFailure(f"cannot listen on {host}:{port}: {failure}") from None
    try:
        if os.name == "posix":  # as asyncio does: a restart need not wait for TIME_WAIT to pass
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
    except OSError as failure:  # in use, not permitted, not an address of this machine
        sock.close()
        raise ServeFailure(f"cannot listen on {host}:{port}: {failure.strerror or failure}") from None
    return sock


def aiohttp_web() -> ModuleType:
    """aiohttp.web, imported without reading the system's CA bundle.

    aiohttp's import makes its client's two default SSL contexts, each loading every CA certificate of the
    system (about 40 ms of a 0.5 s cold start). The gateway process makes no outgoing connection, so it
    imports aiohttp with SSL_CERT_FILE naming an empty file; the variable is put back at once, so any SSL
    context made afterwards, in this process or a child, reads the CA bundle as usual (docs/decisions.md)."""
    previous = os.environ.get("SSL_CERT_FILE")
    os.environ["SSL_CERT_FILE"] = os.devnull
    try:
        from aiohttp import web
    finally:
        if previous is None:
            del os.environ["SSL_CERT_FILE"]
        else:
            os.environ["SSL_CERT_FILE"] = previous
    return web


async def run_gateway(settings: Settings) -> None:
    """Claim the port, load the fixtures, listen, say so, and serve until SIGINT or SIGTERM."""
    # Imported here: the admin commands and a usage error need neither aiohttp's server nor the gateway.
    web = aiohttp_web()
    from mockserver.app import create_app

    sock = bound_socket(settings.host, settings.port)
    settings.port = sock.getsockname()[1]  # the port bound, when --port 0 asked for any
    runner = web.AppRunner(create_app(settings), access_log=None, handle_signals=False)
    try:
        try:
            await runner.setup()  # the app's cleanup_ctx loads the fixtures (and opens --state) here
        except sqlite3.Error as failure:  # checked beforehand, but e.g. a read-only directory shows only now
            raise ServeFailure(f"--state {settings.state}: {failure}") from None
        await web.SockSite(runner, sock).start()
        log.info(
            'credentials: eval "$(mock-intacct env --port %d)" (sender %s, company %s, user %s)',
            settings.port,
            DEFAULT_CREDENTIALS["INTACCT_SENDER_ID"],
            DEFAULT_CREDENTIALS["INTACCT_COMPANY_ID"],
            DEFAULT_CREDENTIALS["INTACCT_USER_ID"],
        )
        # Before the ready line: a script may send SIGTERM the moment it reads it.
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            try:
                loop.add_signal_handler(signum, stop.set)
            except (NotImplementedError, RuntimeError):  # Windows, or not the main thread
                pass
        # Scripts wait for this line (on stdout, whatever the log level) before sending requests.
        print(f"mock-intacct ready: POST {settings.endpoint}", flush=True)
        # What start-up made stays for good: out of the collector's sight, which runs again from here.
        gc.freeze()
        gc.enable()
        await stop.wait()
        log.info("stopping")
    finally:
        await runner.cleanup()
        sock.close()


class ServeFailure(Exception):
    """The settings were good but the server could not run (exit 1)."""


def serve(args: argparse.Namespace) -> int:
    settings = Settings.from_environment(
        host=args.host,
        port=args.port,
        fixtures=args.fixtures,
        public_url=args.public_url,
        state=args.state,
        log_level=args.log_level,
        max_body_bytes=args.max_body_bytes,
        permission_http_status=403 if args.permission_403 else None,
        admin_token=args.admin_token,
        open_admin=args.open_admin or None,
    )
    if not settings.loopback_only and not settings.admin_token and not settings.open_admin:
        raise ConfigurationError(
            f"refusing to bind {settings.host!r} (--host or MOCK_INTACCT_HOST) without --admin-token: the admin "
            "API resets and rewrites every company. Give a token, or --open-admin to accept an open admin API."
        )
    logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(message)s")
    try:
        asyncio.run(run_gateway(settings))
    except KeyboardInterrupt:  # Ctrl-C before the signal handlers are set (while the fixtures load)
        pass
    return 0


def env(args: argparse.Namespace) -> int:
    settings = Settings.from_environment(host=args.host, port=args.port, public_url=args.public_url)
    variables = {"INTACCT_ENDPOINT_URL": settings.endpoint, **DEFAULT_CREDENTIALS}
    for name, value in variables.items():
        print(f"export {name}={shlex.quote(value)}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = Parser(prog="mock-intacct", description="A stateful mock of the Sage Intacct XML gateway.")
    root.add_argument("--version", action=PrintVersion, help="print the installed version and exit")
    commands = root.add_subparsers(dest="command", required=True, metavar="command", parser_class=Parser)

    run = commands.add_parser(
        "serve",
        help="start the gateway (settings also from MOCK_INTACCT_* variables)",
        description="Start the gateway. Each flag can also be set by its MOCK_INTACCT_<NAME> variable "
        "(e.g. MOCK_INTACCT_PORT); a flag wins over its variable. Prints "
        "'mock-intacct ready: POST <endpoint>' on stdout once it listens.",
    )
    run.add_argument("--host", help="address to bind (default 127.0.0.1; beyond loopback needs --admin-token)")
    run.add_argument("--port", type=setting("port"), help="port to bind, 0 for any free one (default 8080)")
    run.add_argument("--fixtures", help="fixtures directory: senders.json and companies/*.json (default: built in)")
    run.add_argument(
        "--public-url",
        dest="public_url",
        type=setting("public_url"),
        help="endpoint getAPISession hands back (default: the URL the client used)",
    )
    run.add_argument(
        "--state", help="SQLite file that keeps state across restarts, made if missing (default: in memory)"
    )
    run.add_argument(
        "--log-level",
        dest="log_level",
        type=setting("log_level"),
        metavar="LEVEL",
        help="log detail: " + ", ".join(LOG_LEVELS) + " (default INFO)",
    )
    run.add_argument(
        "--max-body-bytes",
        dest="max_body_bytes",
        type=setting("max_body_bytes"),
        help="largest request body accepted, 1 to 1 GiB; larger ones get 413 (default 4 MiB)",
    )
    run.add_argument(
        "--permission-403",
        dest="permission_403",
        action="store_true",
        help="answer HTTP 403 when a function fails a permission check (the gateway answers 200)",
    )
    run.add_argument(
        "--admin-token",
        dest="admin_token",
        help="bearer token the admin API requires (required when binding beyond loopback)",
    )
    run.add_argument(
        "--open-admin",
        dest="open_admin",
        action="store_true",
        help="allow a non-loopback bind without an admin token (admin API open to the network)",
    )
    run.set_defaults(run=serve)

    show = commands.add_parser(
        "env",
        help="print export lines for the default credentials",
        description='Print export lines for the SDKs: eval "$(mock-intacct env)".',
    )
    show.add_argument("--host", help="host of the endpoint URL (default 127.0.0.1, or MOCK_INTACCT_HOST)")
    show.add_argument("--port", type=setting("port"), help="port of the endpoint URL (default 8080)")
    show.add_argument(
        "--public-url", dest="public_url", type=setting("public_url"), help="the endpoint URL itself, if given"
    )
    show.set_defaults(run=env)

    add_admin_commands(commands)
    from mockserver.recording.commands import add_recording_commands  # stdlib only; the work loads on use

    add_recording_commands(commands)
    return root


def parse(argv: list[str] | None) -> argparse.Namespace:
    """Options and key=value settings in any order: key=value words after an option join the settings."""
    root = parser()
    args, extra = root.parse_known_args(argv)
    if hasattr(args, "settings"):
        args.settings += [word for word in extra if not word.startswith("-")]
        extra = [word for word in extra if word.startswith("-")]
    if extra:
        root.error(f"unrecognized arguments: {' '.join(extra)}")
    return args


def main(argv: list[str] | None = None) -> int:
    # Cold start: no cyclic garbage collection while the gateway's modules, the catalogue and the fixtures
    # load (all of it lives as long as the process). `serve` turns it on once ready; a short command
    # leaves it as it found it (so does `python -m mockserver`, which turned it off before any import).
    collecting = gc.isenabled()
    gc.disable()
    try:
        args = parse(argv)
        status = args.run(args)
        sys.stdout.flush()
        return status
    except ConfigurationError as failure:
        print(single_line(f"mock-intacct: {failure}"), file=sys.stderr)
        return 2
    except (ServeFailure, AdminFailure) as failure:
        print(single_line(f"mock-intacct: {failure}"), file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader stopped reading (`| head`): not our failure. Point stdout at /dev/null so the
        # interpreter's last flush does not complain either.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    finally:
        if collecting:
            gc.enable()


if __name__ == "__main__":
    sys.exit(main())
