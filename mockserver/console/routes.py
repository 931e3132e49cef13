"""The console's routes: the page and its assets (open, like /__mock__/docs: they hold no data and ask for
the token), and its read endpoints and replay under /__mock__/console/ (behind the admin token)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from mockserver.console import exchanges
from mockserver.control.admin import STATE, problem
from mockserver.control.journal import redact_xml
from mockserver.settings import GATEWAY_PATH

STATIC = Path(__file__).parent / "static"
ASSETS = {"console.js": "text/javascript", "console.css": "text/css"}
POLL_SECONDS = 0.25  # the event stream looks at the journal this often; the gateway never waits on it
HEARTBEAT_SECONDS = 15.0
routes = web.RouteTableDef()
# Set when the server shuts down, so open event streams end instead of holding the shutdown up.
CLOSING = web.AppKey("console_closing", asyncio.Event)


def setup(app: web.Application) -> None:
    """The console's routes, and its event streams ended when the server stops."""
    app.add_routes(routes)
    app[CLOSING] = asyncio.Event()

    async def closing(app: web.Application) -> None:
        app[CLOSING].set()

    app.on_shutdown.append(closing)


@routes.get("/__mock__/ui")
async def page(http: web.Request) -> web.StreamResponse:
    """The console page (it fetches everything else with the token it asks for)."""
    return web.FileResponse(STATIC / "index.html", headers=_PAGE_HEADERS)


@routes.get("/__mock__/ui/{asset}")
async def asset(http: web.Request) -> web.StreamResponse:
    name = http.match_info["asset"]
    if name not in ASSETS:
        return problem(404, f"no console asset {name}")
    return web.FileResponse(STATIC / name, headers={"Content-Type": ASSETS[name], **_PAGE_HEADERS})


# The page may not be framed (clickjacking) and loads nothing from elsewhere.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}


def wanted(http: web.Request) -> dict[str, str]:
    return {name: http.query[name].strip() for name in exchanges.FILTERS if http.query.get(name, "").strip()}


@routes.get("/__mock__/console/exchanges")
async def list_exchanges(http: web.Request) -> web.Response:
    """Journal summaries, newest first, filtered by ?company=&user=&function=&object=&status=&errorno=&q=."""
    raw = http.query.get("limit", str(exchanges.PAGE))
    if not raw.isdigit() or not 1 <= int(raw) <= 500:
        return problem(400, f"limit: {raw!r} is not a whole number from 1 to 500")
    found = exchanges.page(http.app[STATE].journal, wanted(http), http.query.get("before"), int(raw))
    return web.json_response(found)


@routes.get("/__mock__/console/exchanges/{exchange}")
async def show_exchange(http: web.Request) -> web.Response:
    """One exchange: request and response redacted and indented, its failures drawn out."""
    exchange = exchanges.find(http.app[STATE].journal, http.match_info["exchange"])
    if exchange is None:
        return problem(404, "that exchange is no longer in the journal")
    return web.json_response(exchanges.detail(exchange))


@routes.post("/__mock__/console/exchanges/{exchange}/replay")
async def replay(http: web.Request) -> web.Response:
    """Send the same request to the gateway again, as its client did (the new exchange is journaled too)."""
    exchange = exchanges.find(http.app[STATE].journal, http.match_info["exchange"])
    if exchange is None:
        return problem(404, "that exchange is no longer in the journal")
    if not exchange.request:
        return problem(400, "that exchange has no request body to replay")
    url = f"{http.scheme}://{http.host}{GATEWAY_PATH}"
    try:
        async with (
            ClientSession(timeout=ClientTimeout(total=60)) as client,
            client.post(url, data=exchange.request, headers={"Content-Type": "application/xml"}) as reply,
        ):
            body = await reply.read()
            status = reply.status
    except (TimeoutError, ClientError) as failure:  # a dropped-connection fault, say
        return web.json_response({"http_status": 0, "response": "", "error": f"no answer: {failure!r}"})
    shown = redact_xml(body)
    newest = http.app[STATE].journal.entries
    return web.json_response(
        {
            "http_status": status,
            "response": exchanges.pretty(shown),
            "failures": exchanges.failures(shown),
            "id": exchanges.key(newest[-1]) if newest else "",
        }
    )


@routes.get("/__mock__/console/events")
async def events(http: web.Request) -> web.StreamResponse:
    """Server-sent events: one `exchange` event (a summary) for each exchange journaled from now on."""
    journal = http.app[STATE].journal
    stream = web.StreamResponse(headers={"Content-Type": "text/event-stream", "Cache-Control": "no-cache"})
    await stream.prepare(http)
    await stream.write(b": connected\n\n")
    # Held, not just named: while the stream holds the newest exchange it saw, nothing can take its place.
    last = journal.entries[-1] if journal.entries else None
    quiet = 0.0
    try:
        closing = http.app[CLOSING]
        # Until the page goes away (aiohttp does not cancel a handler whose client left) or the server stops.
        while http.transport is not None and not http.transport.is_closing() and not closing.is_set():
            await asyncio.sleep(POLL_SECONDS)
            fresh = []
            for exchange in reversed(journal.entries):
                if exchange is last:
                    break
                fresh.append(exchange)
            last = journal.entries[-1] if journal.entries else None
            quiet += POLL_SECONDS
            for exchange in reversed(fresh):  # oldest first, so the page prepends them in order
                data = json.dumps(exchanges.summary(exchange))
                await stream.write(f"event: exchange\ndata: {data}\n\n".encode())
                quiet = 0.0
            if quiet >= HEARTBEAT_SECONDS:  # a comment keeps proxies from closing an idle stream
                await stream.write(b": idle\n\n")
                quiet = 0.0
    except ConnectionResetError:  # the page went away
        pass
    return stream
