"""Cross-site protection for everything under /__mock__/: a browser's state-changing request (POST, PUT,
PATCH, DELETE) must come from the mock's own origin. Browsers always send Origin on those requests; curl,
the client and the CI scripts send none and are not browsers, so they pass as before."""

from __future__ import annotations

from urllib.parse import urlsplit

from aiohttp import web
from aiohttp.typedefs import Handler

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


@web.middleware
async def same_origin(request: web.Request, handler: Handler) -> web.StreamResponse:
    if request.method not in SAFE_METHODS and request.path.startswith("/__mock__/"):
        origin = request.headers.get("Origin")
        # "null" is what a sandboxed frame or a file:// page sends: never this server's own page.
        if origin is not None and (origin == "null" or urlsplit(origin).netloc != request.host):
            return web.json_response({"error": f"cross-site request from {origin} refused"}, status=403)
    return await handler(request)
