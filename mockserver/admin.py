"""The control plane under /__mock__/: JSON endpoints that drive the mock from tests and CI."""

from __future__ import annotations

from aiohttp import web

from .state import MockState

STATE = web.AppKey("state", MockState)
routes = web.RouteTableDef()


@routes.get("/__mock__/health")
async def health(http: web.Request) -> web.Response:
    """200 once fixtures are loaded (Docker's HEALTHCHECK and CI wait on this), 503 before."""
    state = http.app[STATE]
    body = {"status": "ready" if state.ready else "starting", "companies": sorted(state.companies)}
    return web.json_response(body, status=200 if state.ready else 503)


@routes.post("/__mock__/clock")
async def advance_clock(http: web.Request) -> web.Response:
    """Move the mock's clock forward by {"advance_seconds": N} to expire sessions without waiting."""
    state = http.app[STATE]
    payload = await http.json()
    seconds = payload.get("advance_seconds")
    if not isinstance(seconds, (int, float)) or seconds < 0:
        return web.json_response({"error": "advance_seconds must be a number >= 0"}, status=400)
    state.clock.advance(seconds)
    return web.json_response({"now": state.clock.now(), "offset_seconds": state.clock.offset})
