"""A corrupting proxy in front of a gateway: proof that the contract suite notices a wrong one.

    python -m contract_tests.proxy --upstream http://127.0.0.1:8080 --mode drop-last-record --port 9090

Modes (each answer is otherwise passed through unchanged, status and headers included):
  pass-through      nothing changed
  drop-last-record  the last record element of every successful readByQuery, readMore and query
                    page is removed; count, totalcount and numremaining are left as they were
  fake-success      every failed result says success, and its errormessage is removed

It listens on loopback only. tests/test_contract_fidelity.py runs parts of the suite through it and
expects them to fail.
"""

from __future__ import annotations

import argparse
import asyncio
import sys
import threading

import aiohttp
from aiohttp import web
from lxml import etree

MODES = ("pass-through", "drop-last-record", "fake-success")
LIST_FUNCTIONS = ("readByQuery", "readMore", "query")
LOOPBACK = ("127.0.0.1", "::1", "localhost")
# Hop-by-hop and body-framing headers: the proxy reframes the (possibly changed) body itself.
DROPPED_HEADERS = {
    "host",
    "content-length",
    "transfer-encoding",
    "connection",
    "keep-alive",
    "accept-encoding",
    "content-encoding",
}

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)


def corrupt(body: bytes, mode: str) -> bytes:
    """The answer as the wrong gateway of `mode` would give it."""
    if mode == "pass-through":
        return body
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return body
    if root.tag != "response":
        return body
    changed = False
    for result in root.iterfind("operation/result"):
        function, status = result.findtext("function"), result.findtext("status")
        if mode == "drop-last-record" and function in LIST_FUNCTIONS and status == "success":
            data = result.find("data")
            records = [child for child in data if isinstance(child.tag, str)] if data is not None else []
            if records:
                data.remove(records[-1])
                changed = True
        elif mode == "fake-success" and status == "failure":
            result.find("status").text = "success"
            for message in result.findall("errormessage"):
                result.remove(message)
            changed = True
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8") if changed else body


class CorruptingProxy:
    """The proxy on its own thread and event loop: start(), .url / .endpoint, stop()."""

    def __init__(self, upstream: str, mode: str, host: str = "127.0.0.1", port: int = 0) -> None:
        if mode not in MODES:
            raise ValueError(f"mode must be one of {', '.join(MODES)}")
        if host not in LOOPBACK:
            raise ValueError("the proxy listens on loopback only")
        self.upstream = upstream.rstrip("/")
        self.mode, self.host, self.port = mode, host, port
        self.loop = asyncio.new_event_loop()
        self.thread = threading.Thread(target=self.loop.run_forever, name=f"proxy-{mode}", daemon=True)
        self.runner: web.AppRunner | None = None
        self.http: aiohttp.ClientSession | None = None

    def app(self) -> web.Application:
        app = web.Application(client_max_size=64 * 1024 * 1024)
        app.router.add_route("*", "/{path:.*}", self.forward)
        return app

    async def forward(self, request: web.Request) -> web.Response:
        headers = {k: v for k, v in request.headers.items() if k.lower() not in DROPPED_HEADERS}
        headers["Host"] = request.host  # the gateway hands back endpoints on the proxy's address
        async with self.http.request(
            request.method,
            self.upstream + request.path_qs,
            data=await request.read(),
            headers=headers,
            allow_redirects=False,
        ) as reply:
            payload = await reply.read()
            status, content_type = reply.status, reply.headers.get("Content-Type")
            retry_after = reply.headers.get("Retry-After")
        if content_type and "xml" in content_type:
            payload = corrupt(payload, self.mode)
        answer_headers = {"Content-Type": content_type} if content_type else {}
        if retry_after:
            answer_headers["Retry-After"] = retry_after
        return web.Response(body=payload, status=status, headers=answer_headers)

    def start(self) -> CorruptingProxy:
        self.thread.start()

        async def serve() -> int:
            self.http = aiohttp.ClientSession(auto_decompress=True)
            self.runner = web.AppRunner(self.app(), access_log=None)
            await self.runner.setup()
            site = web.TCPSite(self.runner, self.host, self.port)
            await site.start()
            return site._server.sockets[0].getsockname()[1]

        try:
            self.port = asyncio.run_coroutine_threadsafe(serve(), self.loop).result(timeout=30)
        except BaseException:
            self.stop()
            raise
        return self

    def stop(self) -> None:
        async def close() -> None:
            if self.runner is not None:
                await self.runner.cleanup()
            if self.http is not None:
                await self.http.close()

        asyncio.run_coroutine_threadsafe(close(), self.loop).result(timeout=30)
        self.loop.call_soon_threadsafe(self.loop.stop)
        self.thread.join(timeout=10)

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    @property
    def endpoint(self) -> str:
        return self.url + "/ia/xml/xmlgw.phtml"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m contract_tests.proxy", description=__doc__.split("\n\n")[0])
    parser.add_argument("--upstream", required=True, help="the gateway's base URL, e.g. http://127.0.0.1:8080")
    parser.add_argument("--mode", choices=MODES, default="pass-through")
    parser.add_argument("--host", default="127.0.0.1", choices=LOOPBACK)
    parser.add_argument("--port", type=int, default=9090)
    args = parser.parse_args(argv)
    proxy = CorruptingProxy(args.upstream, args.mode, args.host, args.port).start()
    print(f"{args.mode} proxy: {proxy.endpoint} -> {proxy.upstream}", flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        proxy.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
