"""WireMock standalone, the benchmark's peer: a widely used HTTP stub server answering the mock's own bytes.

The jar comes from the `wiremock` npm package, installed ahead of time by `npm ci --prefix bench/peer`
(bench/peer/package.json pins the version); it runs on the machine's Java (`java` on PATH, or
$JAVA_HOME/bin/java). Nothing is fetched at run time: where either is missing, `unavailable()` says
why in one line and the benchmark reports the peer as skipped.

bench.run starts one WireMock for the whole run (`command()`), and before each load row replaces
its stubs with `stubs()`: one stub per distinct request body, matched on the exact body, answering
the exact bytes (base64, so nothing is re-encoded) and content type the mock answered for it.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
from pathlib import Path

from mockserver.settings import GATEWAY_PATH

PEER_DIR = Path(__file__).resolve().parent / "peer"
JAR_GLOB = "node_modules/wiremock/build/wiremock-standalone-*.jar"
HEALTH_PATH = "/__admin/health"
IMPORT_PATH = "/__admin/mappings/import"
INSTALL = "npm ci --prefix bench/peer"


def find_java() -> str | None:
    home = os.environ.get("JAVA_HOME")
    if home and os.access(Path(home) / "bin" / "java", os.X_OK):
        return str(Path(home) / "bin" / "java")
    return shutil.which("java")


def find_jar(peer_dir: Path = PEER_DIR) -> Path | None:
    jars = sorted(peer_dir.glob(JAR_GLOB))
    return jars[-1] if jars else None


def unavailable(java: str | None, jar: Path | None) -> str:
    """Why WireMock cannot run here, in one line; empty when it can."""
    if not java or not os.access(java, os.X_OK):
        return f"no Java runtime ({java or 'java not on PATH'}; apt-get install default-jre-headless)"
    if not jar or not jar.is_file():
        return f"no WireMock jar ({jar or PEER_DIR / JAR_GLOB}; install it once: {INSTALL})"
    return ""


def version(jar: Path) -> str:
    """'WireMock 3.13.2', from the jar's name (starting a JVM to ask would cost a second)."""
    return "WireMock " + jar.stem.removeprefix("wiremock-standalone-")


# For --quick, whose figures are a smoke and not a measurement: about a third less CPU to start
# (C1 compiler only, one GC thread), at the cost of peak speed.
QUICK_START = ("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC")


def command(java: str, jar: Path, port: int, root: Path, quick_start: bool = False) -> list[str]:
    """WireMock as an integration's load test would run it: no request journal (it grows with every
    request and is the first thing WireMock's docs say to turn off under load), no per-request
    logging, no gzip (the mock and the baseline answer uncompressed); JVM and threads at their defaults."""
    root.mkdir(parents=True, exist_ok=True)
    return [
        java,
        *(QUICK_START if quick_start else ()),
        "-jar",
        str(jar),
        "--port",
        str(port),
        "--bind-address",
        "127.0.0.1",
        "--root-dir",
        str(root),
        "--no-request-journal",
        "--disable-request-logging",
        "--disable-gzip",
        "--disable-banner",
    ]


def stubs(answers: list[tuple[bytes, bytes, str]]) -> bytes:
    """The body of POST /__admin/mappings/import that makes these the only stubs: for each (request
    body, answer bytes, content type), POST GATEWAY_PATH with exactly that body answers exactly those bytes."""
    mappings = [
        {
            "request": {"method": "POST", "url": GATEWAY_PATH, "bodyPatterns": [{"equalTo": request.decode()}]},
            "response": {
                "status": 200,
                "headers": {"Content-Type": content_type},
                "base64Body": base64.b64encode(answer).decode(),
            },
        }
        for request, answer, content_type in answers
    ]
    options = {"duplicatePolicy": "OVERWRITE", "deleteAllNotInImport": True}
    return json.dumps({"mappings": mappings, "importOptions": options}).encode()
