"""The aiohttp load generator, run in its own process so it never shares an event loop with the server.

    python -m bench.load --url URL --body-file F --connections 32 --duration 10 [--requests K]
                         [--marker @@N@@ --tag a]

N connections each POST the body in a loop for D seconds or until K requests in all, and the process
prints one JSON line: requests, requests_per_s, p50_ms, p99_ms, max_ms, errors (transport failures
and non-200 answers) and failures (answers carrying <status>failure</status>). With several
--body-file, each connection takes the bodies in turn from its own offset, so the requests in flight
at any moment differ (varied load, not one request repeated). With --marker, every
occurrence of the marker in the body is replaced by a token unique to the request (unique IDs for
creates). Used when wrk is not installed (bench.run --loader aiohttp forces it).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import time

import aiohttp

FAILURE = b"<status>failure</status>"


def percentile(sorted_values: list[float], fraction: float) -> float:
    if not sorted_values:
        return 0.0
    index = min(len(sorted_values) - 1, max(0, round(fraction * len(sorted_values)) - 1))
    return sorted_values[index]


async def load(
    url: str,
    bodies: list[bytes],
    content_type: str,
    connections: int,
    duration: float,
    limit: int | None,
    marker: bytes | None,
    tag: str,
) -> dict:
    latencies: list[float] = []
    counts = {"errors": 0, "failures": 0, "issued": 0}
    deadline = time.perf_counter() + duration
    connector = aiohttp.TCPConnector(limit=connections, force_close=False)
    timeout = aiohttp.ClientTimeout(total=max(30.0, duration))  # as wrk's --timeout in bench/run.py

    async def worker(number: int, http: aiohttp.ClientSession) -> None:
        sent = 0
        while time.perf_counter() < deadline and (limit is None or counts["issued"] < limit):
            counts["issued"] += 1
            sent += 1
            body = bodies[(number + sent) % len(bodies)]
            payload = body if marker is None else body.replace(marker, f"{tag}{number}n{sent}".encode())
            started = time.perf_counter()
            try:
                async with http.post(url, data=payload, headers={"Content-Type": content_type}) as reply:
                    answer = await reply.read()
                    if reply.status != 200:
                        counts["errors"] += 1
                    elif FAILURE in answer:
                        counts["failures"] += 1
            except (TimeoutError, aiohttp.ClientError):
                counts["errors"] += 1
                continue
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    async with aiohttp.ClientSession(connector=connector, timeout=timeout) as http:
        await asyncio.gather(*(worker(n, http) for n in range(connections)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "loader": "aiohttp",
        "connections": connections,
        "seconds": round(elapsed, 3),
        "requests": len(latencies),
        "requests_per_s": len(latencies) / elapsed if elapsed else 0.0,
        "p50_ms": percentile(latencies, 0.50) * 1000,
        "p99_ms": percentile(latencies, 0.99) * 1000,
        "max_ms": (latencies[-1] if latencies else 0.0) * 1000,
        "errors": counts["errors"],
        "failures": counts["failures"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.splitlines()[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--body-file", required=True, action="append", help="repeat for varied requests")
    parser.add_argument("--content-type", default="application/xml")
    parser.add_argument("--connections", type=int, default=1)
    parser.add_argument("--duration", type=float, default=5.0, help="seconds (always bounded)")
    parser.add_argument("--requests", type=int, default=None, help="stop after this many requests in all")
    parser.add_argument("--marker", default=None, help="replaced by a unique token in every request")
    parser.add_argument("--tag", default="a", help="token prefix, so runs against one server never collide")
    args = parser.parse_args(argv)
    bodies = []
    for path in args.body_file:
        with open(path, "rb") as f:
            bodies.append(f.read())
    result = asyncio.run(
        load(
            args.url,
            bodies,
            args.content_type,
            args.connections,
            args.duration,
            args.requests,
            args.marker.encode() if args.marker else None,
            args.tag,
        )
    )
    print(json.dumps(result), flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
