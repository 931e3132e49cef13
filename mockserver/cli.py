"""The `mock-intacct` command: `serve` starts the gateway, `env` prints the SDK variables."""

from __future__ import annotations

import argparse
import logging
import shlex
import sys

from aiohttp import web

from mockserver.app import create_app
from mockserver.cli_admin import add_admin_commands
from mockserver.settings import Settings

# The default credentials of the MOCKCO fixture (fake, and documented in the README).
DEFAULT_CREDENTIALS = {
    "INTACCT_SENDER_ID": "mocksender",
    "INTACCT_SENDER_PASSWORD": "mocksenderpw",
    "INTACCT_COMPANY_ID": "MOCKCO",
    "INTACCT_USER_ID": "workato_isu",
    "INTACCT_USER_PASSWORD": "mockuserpw",
}


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
    logging.basicConfig(level=settings.log_level.upper(), format="%(asctime)s %(levelname)s %(message)s")
    log = logging.getLogger("mock_intacct")
    if not settings.loopback_only and not settings.admin_token and not settings.open_admin:
        log.error(
            "refusing to bind %s without --admin-token: the admin API resets and rewrites every "
            "company. Give a token, or --open-admin to accept an open admin API.",
            settings.host,
        )
        return 2
    log.info("mock-intacct gateway: POST %s", settings.endpoint)
    log.info(
        'credentials: eval "$(mock-intacct env --port %d)" (sender %s, company %s, user %s)',
        settings.port,
        DEFAULT_CREDENTIALS["INTACCT_SENDER_ID"],
        DEFAULT_CREDENTIALS["INTACCT_COMPANY_ID"],
        DEFAULT_CREDENTIALS["INTACCT_USER_ID"],
    )
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None, access_log=None)
    return 0


def env(args: argparse.Namespace) -> int:
    settings = Settings.from_environment(host=args.host, port=args.port, public_url=args.public_url)
    variables = {"INTACCT_ENDPOINT_URL": settings.endpoint, **DEFAULT_CREDENTIALS}
    for name, value in variables.items():
        print(f"export {name}={shlex.quote(value)}")
    return 0


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="mock-intacct", description="A stateful mock of the Sage Intacct XML gateway.")
    commands = root.add_subparsers(dest="command", required=True)

    run = commands.add_parser("serve", help="start the gateway (settings also from MOCK_INTACCT_* variables)")
    run.add_argument("--host", help="address to bind (default 127.0.0.1)")
    run.add_argument("--port", type=int, help="port to bind (default 8080)")
    run.add_argument("--fixtures", help="fixtures directory (default: the repository's fixtures/)")
    run.add_argument(
        "--public-url", dest="public_url", help="endpoint getAPISession hands back (default: the URL the client used)"
    )
    run.add_argument("--state", help="SQLite file that keeps state across restarts (default: in memory)")
    run.add_argument("--log-level", dest="log_level", help="DEBUG, INFO (default), WARNING")
    run.add_argument(
        "--max-body-bytes",
        dest="max_body_bytes",
        type=int,
        help="largest request body accepted; larger ones get 413 (default 4 MiB)",
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

    show = commands.add_parser("env", help="print export lines for the default credentials")
    show.add_argument("--host")
    show.add_argument("--port", type=int)
    show.add_argument("--public-url", dest="public_url")
    show.set_defaults(run=env)

    add_admin_commands(commands)
    return root


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
