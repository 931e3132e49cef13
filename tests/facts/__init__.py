"""Facts about the real Intacct gateway, kept as test data (see README.md), and the few helpers the
acceptance tests over them share: loading the facts, one mock per test module, value format classes."""

from __future__ import annotations

import contextlib
import json
import re
from collections.abc import AsyncIterator
from functools import cache
from pathlib import Path

from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from lxml import etree

from mockserver.app import STATE, create_app
from mockserver.settings import Settings

from ..gateway import GatewayClient

FACTS = Path(__file__).resolve().parent


@cache
def objects() -> dict[str, dict]:
    """OBJECT -> {sources, fields, gateway_fields?, sdk_fields?} (objects.json)."""
    return json.loads((FACTS / "objects.json").read_text())


@cache
def genuine_records() -> dict[str, etree._Element]:
    """OBJECT -> the first record of its genuine query answer (files starting with _ are not records), without
    the elements of the recorded company's own custom fields and user-defined dimensions (BILL_CF_BOOL,
    GLDIMDONOR): they are not standard fields, so another company, MOCKCO included, does not have them."""
    records = {}
    standard = objects()
    for path in sorted((FACTS / "genuine_records").glob("*.xml")):
        if path.name.startswith("_"):
            continue
        # The recorder's leading comment is not always well-formed XML (a "--" inside): parse from the <data> element.
        text = path.read_text()
        [record, *_] = etree.fromstring(text[text.index("<data listtype") :])  # <data><OBJECT>...</OBJECT></data>
        tags = {element_name(field) for field in standard[record.tag]["fields"]}
        for child in [child for child in record if child.tag not in tags]:
            record.remove(child)
        records[record.tag] = record  # UDD_DIMENSION.xml holds a DIMENSION record
    return records


def element_name(field: str) -> str:
    """The tag a query answers a field under: the gateway drops '#' (DEPT# -> <DEPT>)."""
    return field.replace("#", "")


DATE = re.compile(r"\d{2}/\d{2}/\d{4}")
TIMESTAMP = re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}")
NUMBER = re.compile(r"-?\d+(\.\d+)?")
SCRUBBED = "-Fallback-scrubbed-"


def value_class(text: str | None) -> str:
    """The format class of one answered value, as the genuine recordings show them."""
    text = text or ""
    if not text:
        return "empty"
    if text.startswith(SCRUBBED):  # the recorder replaced the value: its format is unknown
        return "scrubbed"
    for name, pattern in (("timestamp", TIMESTAMP), ("date", DATE), ("number", NUMBER)):
        if pattern.fullmatch(text):
            return name
    return "boolean" if text in ("true", "false") else "text"


@contextlib.asynccontextmanager
async def mock_gateway() -> AsyncIterator[GatewayClient]:
    """What tests/conftest.py's `gateway` fixture gives one test, for a whole module's batched calls."""
    app = create_app(Settings.from_environment(port=0))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with ClientSession() as http:
            yield GatewayClient(http, str(server.make_url("")).rstrip("/"), app[STATE])
    finally:
        await server.close()


def chunks(items: list, size: int) -> list[list]:
    return [items[i : i + size] for i in range(0, len(items), size)]
