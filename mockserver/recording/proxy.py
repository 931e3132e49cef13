"""`mock-intacct record`: a recording proxy between an integration and an Intacct gateway.

The integration posts to the proxy; each request goes to the upstream gateway as it came, the answer
back to the integration as it came (a failing upstream's 5xx included), and the exchange, scrubbed
(scrub.py), is appended to a vcrpy cassette (cassette.py). The <endpoint> a getAPISession answer
names is rewritten to the proxy, so a client that follows it stays recorded. The cassette keeps the
upstream's own URL and endpoint: it reads as if vcrpy had recorded the integration against the
upstream, so it replays in the integration's own suite.

An answer is streamed to the client chunk by chunk as it arrives; the proxy keeps one copy, the one the
cassette needs, and scrubs and writes it once the answer has ended (a getAPISession answer, small, is
read whole first to rewrite its endpoint). aiohttp is the
HTTP server and client (already the mock's own dependency).
"""

from __future__ import annotations

import asyncio
import logging
import re
from urllib.parse import urlsplit

import aiohttp
from aiohttp import web

from mockserver.recording.cassette import CassetteWriter, Exchange
from mockserver.recording.scrub import Scrubber

log = logging.getLogger("mock_intacct.record")

# Not forwarded either way: they describe one hop, or a body the proxy re-frames.
HOP_HEADERS = frozenset(
    {
        "connection",
        "keep-alive",
        "proxy-authenticate",
        "proxy-authorization",
        "te",
        "trailers",
        "transfer-encoding",
        "upgrade",
        "host",
        "content-length",
        "content-encoding",  # aiohttp's client decodes gzip: the client and the cassette get plain bytes
    }
)
FUNCTION = re.compile(rb"<function\b[^>]*>\s*<([A-Za-z_][\w.-]*)")
ENDPOINT = re.compile(rb"(<endpoint>)(.*?)(</endpoint>)", re.S)
CHUNK = 64 * 1024


def functions_in(body: bytes) -> list[str]:
    return [m.decode() for m in FUNCTION.findall(body)]


def kept(headers: object) -> dict[str, list[str]]:
    grouped: dict[str, list[str]] = {}
    for key, value in headers.items():  # type: ignore[attr-defined]
        if key.lower() not in HOP_HEADERS:
            grouped.setdefault(str(key), []).append(str(value))
    return grouped


class Recorder:
    """The proxy's state: the upstream, the cassette, the scrubber, and a client session."""

    def __init__(self, upstream: str, writer: CassetteWriter, scrubber: Scrubber, public_url: str) -> None:
        parts = urlsplit(upstream)
        self.origin = f"{parts.scheme}://{parts.netloc}"
        self.writer = writer
        self.scrubber = scrubber
        self.public_url = public_url.rstrip("/")
        self.http: aiohttp.ClientSession | None = None
        self.lock = asyncio.Lock()  # one exchange written at a time, whole

    def rewritten(self, body: bytes) -> bytes:
        """The getAPISession answer with its endpoint pointing at the proxy (same path)."""

        def to_proxy(match: re.Match[bytes]) -> bytes:
            path = urlsplit(match[2].decode(errors="replace").strip()).path or "/ia/xml/xmlgw.phtml"
            return match[1] + (self.public_url + path).encode() + match[3]

        return ENDPOINT.sub(to_proxy, body)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        assert self.http is not None
        body = await request.read()
        target = self.origin + request.path_qs
        names = functions_in(body) or ["-"]
        forwarded = {k: v for k, v in request.headers.items() if k.lower() not in HOP_HEADERS}
        try:
            upstream = await self.http.request(request.method, target, data=body, headers=forwarded)
        except (TimeoutError, aiohttp.ClientError, OSError) as failure:
            log.warning("%s %s: upstream unreachable: %s", request.method, ",".join(names), failure or "timeout")
            return web.Response(status=502, text=f"mock-intacct record: upstream {self.origin} unreachable\n")
        chunks: list[bytes] = []
        headers = kept(upstream.headers)
        answer: web.StreamResponse = web.StreamResponse(status=upstream.status, reason=upstream.reason)
        try:
            if b"<getAPISession" in body:  # small: read whole, rewrite the endpoint
                chunks.append(await upstream.read())
                answer = web.Response(status=upstream.status, reason=upstream.reason, body=self.rewritten(chunks[0]))
                answer.headers.update({k: v[0] for k, v in headers.items()})
            else:
                answer.headers.update({k: v[0] for k, v in headers.items()})
                await answer.prepare(request)
                async for chunk in upstream.content.iter_chunked(CHUNK):
                    chunks.append(chunk)
                    await answer.write(chunk)
                await answer.write_eof()
        except (TimeoutError, aiohttp.ClientError, OSError) as failure:
            # The upstream broke off, or the client left: nothing whole to record. One line, no traceback.
            log.warning("%s %s: exchange broke off, not recorded: %s", request.method, ",".join(names), failure)
            if isinstance(answer, web.Response) or not answer.prepared:
                return web.Response(status=502, text="mock-intacct record: the upstream answer broke off\n")
            return answer
        finally:
            upstream.release()
        received = b"".join(chunks)
        del chunks
        exchange = Exchange(
            request.method,
            target,
            self.scrubber.headers(kept(request.headers)),
            self.scrubber.body(body),
            upstream.status,
            upstream.reason or "",
            self.scrubber.headers(headers),
            self.scrubber.body(received),
        )
        async with self.lock:
            self.writer.write(exchange)
        log.info("%s %s -> HTTP %d (%d bytes)", request.method, ",".join(names), upstream.status, len(received))
        return answer


def application(recorder: Recorder) -> web.Application:
    app = web.Application(client_max_size=1 << 30)

    async def session(app: web.Application):
        recorder.http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=600))
        yield
        await recorder.http.close()

    app.cleanup_ctx.append(session)
    app.router.add_route("*", "/{tail:.*}", recorder.handle)
    return app


async def reachable(upstream: str, timeout: float = 10) -> str | None:
    """None when the upstream accepts a connection, else why not (checked before listening)."""
    parts = urlsplit(upstream)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    try:
        _, writer = await asyncio.wait_for(asyncio.open_connection(parts.hostname, port), timeout)
    except (TimeoutError, OSError) as failure:
        return getattr(failure, "strerror", None) or str(failure) or "timed out"
    writer.close()
    return None
