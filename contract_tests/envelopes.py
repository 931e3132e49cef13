"""Every answer the suite receives from its target is checked against schemas/response.xsd.

That makes the response schema a contract checked against whatever the suite talks to: the mock,
or a real sandbox, whose answers then prove (or disprove) the schema the mock is held to. The check
uses xmlschema rather than lxml because its errors name the XPath of the offending element and
why it is wrong, which is what a report about a gateway's answer needs.

TargetClient is the IntacctClient every contract test uses: its HTTP session checks each answer
(and spaces requests out, see pace_seconds). An XML answer that breaks the schema fails the test
with EnvelopeViolation, and is listed in the run's "contract suite" summary. Bodies that are not
XML (an HTML 502 page) or not well-formed (a truncated answer) are left to the client to report.

The schema is found without importing the mock (the suite also runs against a real gateway): in the
checkout or unpacked sdist first, else in an installed mock-intacct's data package.
"""

from __future__ import annotations

import asyncio
import importlib.util
import os
import time
from functools import cache
from pathlib import Path
from typing import Any

import aiohttp
import xmlschema
from aiointacct import Credentials, IntacctClient
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=True)

# Every violation seen in this run, for the terminal summary (conftest.py).
VIOLATIONS: list[str] = []


class EnvelopeViolation(AssertionError):
    """An answer of the target that response.xsd does not accept."""


def response_schema_path() -> Path:
    """schemas/response.xsd of the checkout, else of the installed data package mockserver.schemas
    (located by its file path: importlib.util.find_spec of a top-level name imports nothing)."""
    checkout = ROOT / "schemas" / "response.xsd"
    if checkout.is_file():
        return checkout
    spec = importlib.util.find_spec("mockserver")
    for folder in (spec.submodule_search_locations or []) if spec else []:
        installed = Path(folder) / "schemas" / "response.xsd"
        if installed.is_file():
            return installed
    raise FileNotFoundError(
        "response.xsd not found: run the contract suite from a mock-intacct checkout or sdist, or install mock-intacct"
    )


@cache
def response_schema() -> xmlschema.XMLSchema:
    return xmlschema.XMLSchema(str(response_schema_path()))


def violations(body: bytes) -> list[str]:
    """`path: reason` for each way the XML answer breaks response.xsd; [] for a valid one, or for a
    body that is not well-formed XML (nothing to check: the client reports it)."""
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError:
        return []
    return [f"{error.path or '/'}: {error.reason}" for error in response_schema().iter_errors(root)]


def check_answer(url: str, status: int, content_type: str, body: bytes) -> None:
    """Raise EnvelopeViolation if an XML answer breaks response.xsd."""
    if "xml" not in content_type:
        return
    found = violations(body)
    if found:
        message = f"the answer of {url} (HTTP {status}) breaks schemas/response.xsd: " + "; ".join(found[:5])
        VIOLATIONS.append(message)
        raise EnvelopeViolation(message)


def pace_seconds() -> float:
    """Least time between two requests: INTACCT_CONTRACT_PACE, else 0.5 s under the sandbox profile
    (a real gateway's company has a concurrency limit and a shared daily budget), else none."""
    default = "0.5" if os.environ.get("HYPOTHESIS_PROFILE") == "sandbox" else "0"
    return float(os.environ.get("INTACCT_CONTRACT_PACE", default))


def trace_configs(pace: float) -> list[aiohttp.TraceConfig]:
    """Checks every answer; with pace > 0, also starts requests at least `pace` seconds apart."""
    checks = aiohttp.TraceConfig()

    async def check(session: Any, context: Any, params: aiohttp.TraceRequestEndParams) -> None:
        reply = params.response
        # Read here, once: aiohttp keeps the body, so the client's own read() gets the same bytes.
        body = await reply.read()
        check_answer(str(params.url), reply.status, reply.content_type or "", body)

    checks.on_request_end.append(check)
    if pace <= 0:
        return [checks]
    pacing = aiohttp.TraceConfig()
    last = [0.0]

    async def wait_turn(session: Any, context: Any, params: Any) -> None:
        delay = last[0] + pace - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        last[0] = time.monotonic()

    pacing.on_request_start.append(wait_turn)
    return [pacing, checks]


class TargetClient(IntacctClient):
    """An IntacctClient whose own HTTP session checks every answer against response.xsd and paces
    requests (pace: seconds between requests; default pace_seconds())."""

    def __init__(self, credentials: Credentials, *, pace: float | None = None, **options: Any) -> None:
        super().__init__(credentials, **options)
        self._pace = pace_seconds() if pace is None else pace

    def _client(self) -> aiohttp.ClientSession:
        if self._http is None:  # created on first use, on the loop that runs the requests
            self._http = aiohttp.ClientSession(trace_configs=trace_configs(self._pace))
            self._owns_http = True
        return self._http
