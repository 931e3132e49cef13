"""The console's routes: the page and its assets (open, like /__mock__/docs: they hold no data and ask for
the token), and its read endpoints and replay under /__mock__/console/ (behind the admin token)."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from aiohttp import ClientError, ClientSession, ClientTimeout, web
from aiohttp.typedefs import Handler

from mockserver.console import exchanges
from mockserver.control import schemas
from mockserver.control.admin import STATE, documented, problem
from mockserver.control.journal import Exchange, redact_xml
from mockserver.control.refusals import SettingsError
from mockserver.settings import GATEWAY_PATH

if TYPE_CHECKING:
    from pydantic import BaseModel

STATIC = Path(__file__).parent / "static"
M = TypeVar("M", bound="BaseModel")
POLL_SECONDS = 0.25  # the event stream looks at the journal this often; the gateway never waits on it
HEARTBEAT_SECONDS = 15.0
routes = web.RouteTableDef()
# Set when the server shuts down, so open event streams end instead of holding the shutdown up.
CLOSING = web.AppKey("console_closing", asyncio.Event)


def setup(app: web.Application) -> None:
    """The console's routes, and its event streams ended when the server stops."""
    app.add_routes(routes)  # the page and its assets: the `pages` middleware
    app[CLOSING] = asyncio.Event()

    async def closing(app: web.Application) -> None:
        app[CLOSING].set()

    app.on_shutdown.append(closing)


# The page may not be framed (clickjacking) and loads nothing from elsewhere.
_PAGE_HEADERS = {
    "Content-Security-Policy": "default-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "no-cache",
}
PAGES = {
    "/__mock__/ui": ("index.html", "text/html; charset=utf-8"),
    "/__mock__/ui/console.js": ("console.js", "text/javascript; charset=utf-8"),
    "/__mock__/ui/console.css": ("console.css", "text/css; charset=utf-8"),
}


@web.middleware
async def pages(request: web.Request, handler: Handler) -> web.StreamResponse:
    """The page and its assets: files, not admin endpoints, so they stay out of the API's route table
    (and its OpenAPI document). Open like /__mock__/docs: they hold no data and ask for the token."""
    page = PAGES.get(request.path) if request.method in ("GET", "HEAD") else None
    if page is None:
        return await handler(request)
    return web.FileResponse(STATIC / page[0], headers={"Content-Type": page[1], **_PAGE_HEADERS})


def query(http: web.Request, model: type[M]) -> M:
    """The query as `model`, or HTTP 400 naming the bad parameter."""
    repeated = next((key for key in http.query if len(http.query.getall(key)) > 1), None)
    try:
        if repeated:
            raise SettingsError(repeated, http.query.getall(repeated), "the parameter once", "given twice")
        return schemas.check(model, {key: value.strip() for key, value in http.query.items()})
    except SettingsError as failure:
        raise web.HTTPBadRequest(text=json.dumps(failure.as_json()), content_type="application/json") from None


def exchange_or_404(http: web.Request) -> Exchange:
    exchange = exchanges.find(http.app[STATE].journal, query(http, schemas.ExchangeId).id)
    if exchange is None:
        raise web.HTTPNotFound(
            text='{"error": "that exchange is no longer in the journal"}', content_type="application/json"
        )
    return exchange


@routes.get("/__mock__/console/exchanges")
@documented(query="ExchangeFilters")
async def list_exchanges(http: web.Request) -> web.Response:
    """Journal summaries for the console, newest first, filtered (no XML: open one for it)."""
    filters = query(http, schemas.ExchangeFilters)
    wanted = {name: value for name, value in filters.model_dump(exclude={"limit", "before"}).items() if value}
    return web.json_response(exchanges.page(http.app[STATE].journal, wanted, filters.before, filters.limit))


@routes.get("/__mock__/console/exchange")
@documented(query="ExchangeId")
async def show_exchange(http: web.Request) -> web.Response:
    """One exchange: request and response redacted and indented, its errors drawn out."""
    return web.json_response(exchanges.detail(exchange_or_404(http)))


@routes.post("/__mock__/console/replay")
@documented(query="ExchangeId")
async def replay(http: web.Request) -> web.Response:
    """Send an exchange's request to the gateway again, as its client did (journaled like any other)."""
    exchange = exchange_or_404(http)
    if not exchange.request:
        return problem(400, "that exchange has no request body to replay")
    url = own_gateway(http)
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


def own_gateway(http: web.Request) -> str:
    """The gateway at the address this connection reached, not the Host header (behind Docker's port
    mapping or a proxy, the browser's host is not one the server can reach itself)."""
    sockname = http.transport.get_extra_info("sockname") if http.transport else None
    if not sockname:
        return f"{http.scheme}://{http.host}{GATEWAY_PATH}"
    host = f"[{sockname[0]}]" if ":" in sockname[0] else sockname[0]
    return f"{http.scheme}://{host}:{sockname[1]}{GATEWAY_PATH}"


@routes.get("/__mock__/console/events")
async def events(http: web.Request) -> web.StreamResponse:
    """Server-sent events: one `exchange` event (a summary) for each exchange journaled from now on."""
    if "text/event-stream" not in http.headers.get("Accept", ""):
        # Only an event-stream client waits on an answer that never ends (EventSource always asks so).
        return problem(406, "the event stream needs Accept: text/event-stream")
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
