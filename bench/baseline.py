"""The baseline: a bare aiohttp server that answers every gateway POST with fixed bytes and no logic.

    python -m bench.baseline --port P

`PUT /__baseline__/body` sets the bytes (and, from its Content-Type header, the content type) to
answer: bench.run puts there the exact answer the mock gave for a scenario, so mock/baseline ratios
measure the mock's own work, on whatever machine the benchmark runs. For varied requests,
`PUT /__baseline__/answers` with `[{"request": ..., "body": ..., "content_type": ...}]` (request and
body in base64, so the bytes are exact) answers each of those request bodies with its own bytes (one dict look-up; any other body gets the fixed bytes).
It reads the request body like the mock does, so both pay for receiving it.
"""

from __future__ import annotations

import argparse
from base64 import b64decode

from aiohttp import web

from mockserver.settings import GATEWAY_PATH

ANSWER = web.AppKey("answer", dict)
ANSWERS = web.AppKey("answers", dict)  # request body -> (answer bytes, content type)


async def gateway(http: web.Request) -> web.Response:
    request = await http.read()
    found = http.app[ANSWERS].get(request)
    if found:
        return web.Response(body=found[0], headers={"Content-Type": found[1]})
    answer = http.app[ANSWER]
    return web.Response(body=answer["body"], headers={"Content-Type": answer["content_type"]})


async def set_body(http: web.Request) -> web.Response:
    http.app[ANSWER].update(body=await http.read(), content_type=http.headers.get("Content-Type", "text/xml"))
    return web.json_response({"bytes": len(http.app[ANSWER]["body"])})


async def set_answers(http: web.Request) -> web.Response:
    pairs = await http.json()
    http.app[ANSWERS] = {b64decode(p["request"]): (b64decode(p["body"]), p["content_type"]) for p in pairs}
    return web.json_response({"answers": len(http.app[ANSWERS])})


async def health(http: web.Request) -> web.Response:
    return web.json_response({"status": "ready"})


def create_app() -> web.Application:
    app = web.Application(client_max_size=64 * 1024 * 1024)
    app[ANSWER] = {"body": b"<response/>", "content_type": "text/xml"}
    app[ANSWERS] = {}
    app.router.add_post(GATEWAY_PATH, gateway)
    app.router.add_put("/__baseline__/body", set_body)
    app.router.add_put("/__baseline__/answers", set_answers)
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
