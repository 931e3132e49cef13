"""The baseline: a bare aiohttp server that answers every gateway POST with fixed bytes and no logic.

    python -m bench.baseline --port P

`PUT /__baseline__/body` sets the bytes (and, from its Content-Type header, the content type) to
answer: bench.run puts there the exact answer the mock gave for a scenario, so mock/baseline ratios
measure the mock's own work, on whatever machine the benchmark runs. It reads the request body like
the mock does, so both pay for receiving it.
"""

from __future__ import annotations

import argparse

from aiohttp import web

from mockserver.settings import GATEWAY_PATH

ANSWER = web.AppKey("answer", dict)


async def gateway(http: web.Request) -> web.Response:
    await http.read()
    answer = http.app[ANSWER]
    return web.Response(body=answer["body"], headers={"Content-Type": answer["content_type"]})


async def set_body(http: web.Request) -> web.Response:
    http.app[ANSWER].update(body=await http.read(), content_type=http.headers.get("Content-Type", "text/xml"))
    return web.json_response({"bytes": len(http.app[ANSWER]["body"])})


async def health(http: web.Request) -> web.Response:
    return web.json_response({"status": "ready"})


def create_app() -> web.Application:
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app[ANSWER] = {"body": b"<response/>", "content_type": "text/xml"}
    app.router.add_post(GATEWAY_PATH, gateway)
    app.router.add_put("/__baseline__/body", set_body)
    app.router.add_get("/__mock__/health", health)
    return app


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.baseline", description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args(argv)
    web.run_app(create_app(), host="127.0.0.1", port=args.port, access_log=None, print=None)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
