"""The console's figures: `python -m bench.console` (the lead may wire it into bench/run.py).

Starts the mock as a real server, fills its journal with 500 real exchanges of about 66 KB answers each
(readByQuery CUSTOMER, fields *, pages of 5 and 6), then times what the console's first page asks for
(GET /__mock__/console/exchanges: the newest 100 summaries) and a getAPISession's gateway latency with
no console open and with one event stream open. Target: the first page under 200 ms.
"""

from __future__ import annotations

import argparse
import http.client
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
import urllib.request

TARGET_MS = 200.0
SENDER = "<senderid>mocksender</senderid><password>mocksenderpw</password>"
LOGIN = "<login><userid>workato_isu</userid><companyid>MOCKCO</companyid><password>mockuserpw</password></login>"


def request(body: str) -> bytes:
    return (
        f"<?xml version='1.0' encoding='UTF-8'?><request><control>{SENDER}<controlid>b</controlid>"
        "<uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation>"
        f"<authentication>{LOGIN}</authentication><content><function controlid='f'>{body}</function>"
        "</content></operation></request>"
    ).encode()


# Pages of 5 and 6 customers alternate: about 61 and 73 KB, 66 KB on average.
BIG = [
    request(f"<readByQuery><object>CUSTOMER</object><fields>*</fields><query/><pagesize>{n}</pagesize></readByQuery>")
    for n in (5, 6)
]
SMALL = request("<getAPISession/>")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def timed(
    connection: http.client.HTTPConnection, method: str, path: str, body: bytes | None = None
) -> tuple[float, int]:
    started = time.perf_counter()
    connection.request(method, path, body=body, headers={"Content-Type": "application/xml"} if body else {})
    reply = connection.getresponse()
    size = len(reply.read())
    assert reply.status == 200, (path, reply.status)
    return (time.perf_counter() - started) * 1000, size


def gateway_p50(connection: http.client.HTTPConnection, count: int) -> float:
    return statistics.median(timed(connection, "POST", "/ia/xml/xmlgw.phtml", SMALL)[0] for _ in range(count))


def drain(reply: http.client.HTTPResponse) -> None:
    """Read the event stream as a page would, until it closes."""
    try:
        while reply.readline():
            pass
    except (OSError, AttributeError, ValueError):  # closed under the reader when the bench ends
        pass


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=500)
    parser.add_argument("--runs", type=int, default=30)
    options = parser.parse_args()
    port = free_port()
    env = os.environ | {"MOCK_INTACCT_JOURNAL_BYTES": str(256 * 1024 * 1024)}
    server = subprocess.Popen(
        [sys.executable, "-m", "mockserver", "serve", "--port", str(port), "--log-level", "WARNING"], env=env
    )
    try:
        for _ in range(200):
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/__mock__/health", timeout=1):
                    break
            except OSError:
                time.sleep(0.1)
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        sizes = [timed(connection, "POST", "/ia/xml/xmlgw.phtml", BIG[i % 2])[1] for i in range(options.entries)]
        first_page = [timed(connection, "GET", "/__mock__/console/exchanges")[0] for _ in range(options.runs)]
        searched = [timed(connection, "GET", "/__mock__/console/exchanges?q=nomatch")[0] for _ in range(5)]
        closed = gateway_p50(connection, 200)
        stream = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        stream.request("GET", "/__mock__/console/events", headers={"Accept": "text/event-stream"})
        reply = stream.getresponse()
        threading.Thread(target=drain, args=(reply,), daemon=True).start()
        opened = gateway_p50(connection, 200)
        stream.close()
    finally:
        server.terminate()
        server.wait(10)
    median, worst = statistics.median(first_page), max(first_page)
    print(
        f"journal: {options.entries} exchanges, answers {min(sizes) / 1024:.0f}-{max(sizes) / 1024:.0f} KB"
        f" ({statistics.mean(sizes) / 1024:.0f} KB on average)"
    )
    verdict = "met" if median < TARGET_MS else "MISSED"
    print(
        f"console first page (100 summaries): median {median:.1f} ms, worst {worst:.1f} ms of {options.runs}"
        f" (target < {TARGET_MS:.0f} ms: {verdict})"
    )
    print(f"free-text filter over the whole journal (no match): median {statistics.median(searched):.0f} ms")
    print(f"getAPISession p50: {closed:.2f} ms with no console open, {opened:.2f} ms with an event stream open")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
