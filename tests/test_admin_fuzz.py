"""Hypothesis sends arbitrary JSON (and typed-wrong and out-of-bounds values for every known key of
each route's model) to every admin endpoint the app registers, with path parameters naming existing
and missing companies, users and sender IDs. No answer may be a 5xx or take longer than the
per-request timeout; after each example (while no fault rule is set) a sign-in to the fuzzed company
answers without a 5xx (no stored setting can break the gateway); at the end, with the faults the fuzz
added cleared, MOCKCO still signs in and reads.

Examples: ten times the profile's max_examples (`ci`: 400 requests, a few seconds).
"""

from __future__ import annotations

import http.client
import json
import re
from urllib.parse import quote, urlencode

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mockserver.app import create_app
from mockserver.control.openapi import admin_routes
from mockserver.pytest_plugin import MockServer
from mockserver.settings import GATEWAY_PATH, Settings

from .gateway import function, login_xml, request_xml

TIMEOUT = 10  # seconds per request: a hang fails the test instead of stalling it
FUZZED = "FUZZADMIN"  # a copy of MOCKCO the fuzz may change or delete (MOCKCO itself is left to check)
PATH_VALUES = {
    "company": [FUZZED, FUZZED, FUZZED, "NO-SUCH-CO", "fuzz%2Fslash"],  # mostly one that exists
    "user": ["workato_isu", "fuzz_isu", "nobody"],
    "sender": ["mocksender", "fuzzsender", "no-sender"],
    "rule": ["no-such-rule", "0000", "x%2Fy"],  # fault rule ids are random: the fuzz meets none that exists
    "object": ["VENDOR", "APBILL", "NOSUCH", "vendor"],
    "recordno": ["1", "2", "0", "-1", "x", "99999999999999999999"],
}
ROUTES = sorted(admin_routes(create_app(Settings(port=0))), key=lambda route: route[:2])
CHECKED = [r for r in ROUTES if getattr(r[2], "body_model", None) or getattr(r[2], "query_model", None)]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=12,
)
edge_values = st.sampled_from(
    [
        -1,
        0,
        1,
        10**12,
        -(10**15),
        1e308,
        0.5,
        "",
        "abc",
        "7200",
        "Mars/Base",
        True,
        False,
        None,
        [],
        {},
        [None],
        {"": 1},
    ]
)
wrong_values = json_values | edge_values | st.integers(min_value=-(10**15), max_value=10**15)


def model_keys(handler) -> list[str]:
    model = getattr(handler, "body_model", None) or getattr(handler, "query_model", None)
    return [info.alias or name for name, info in model.model_fields.items()] if model else []


@st.composite
def admin_requests(draw):
    method, template, handler = draw(st.sampled_from(ROUTES) | st.sampled_from(CHECKED))  # models: twice as often
    path = re.sub(r"{(\w+)}", lambda m: quote(draw(st.sampled_from(PATH_VALUES[m.group(1)])), safe="%"), template)
    keys = model_keys(handler)
    typed = st.dictionaries(st.sampled_from(keys), wrong_values, max_size=4) if keys else st.just({})
    if getattr(handler, "query_model", None) is not None:
        query = draw(typed | st.dictionaries(st.text(max_size=8), st.text(max_size=8), max_size=3))
        path += "?" + urlencode({k: json.dumps(v) if not isinstance(v, str) else v for k, v in query.items()})
        return method, path, None
    body = draw(
        typed.map(lambda d: json.dumps(d).encode())
        | json_values.map(lambda v: json.dumps(v).encode())
        | st.binary(max_size=40)
        | st.none()
    )
    return method, path, body


def send(port: int, method: str, path: str, body: bytes | None, content_type: str = "application/json"):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=TIMEOUT)
    try:
        headers = {"Content-Type": content_type} if body is not None else {}
        connection.request(method, path, body=body, headers=headers)
        reply = connection.getresponse()
        return reply.status, reply.read()
    finally:
        connection.close()


def ensure_fuzzed_company(port: int) -> None:
    """FUZZADMIN again after a fuzzed DELETE or reset removed it, so most requests reach a company."""
    if send(port, "GET", f"/__mock__/companies/{FUZZED}", None)[0] == 404:
        created = json.dumps({"fixture": "MOCKCO", "companyid": FUZZED}).encode()
        assert send(port, "POST", "/__mock__/companies", created)[0] == 201


@pytest.fixture(scope="module")
def admin_server():
    server = MockServer(Settings.from_environment(port=0)).start()
    yield server
    server.stop()


def sign_in(port: int, companyid: str) -> tuple[int, bytes]:
    return send(
        port,
        "POST",
        GATEWAY_PATH,
        request_xml(function("getAPISession"), authentication=login_xml(companyid=companyid)),
        "application/xml",
    )


def test_every_route_is_fuzzed():
    assert len(ROUTES) >= 15 and {m for m, _, _ in ROUTES} == {"GET", "POST", "PUT", "PATCH", "DELETE"}


@settings(
    max_examples=settings().max_examples * 10,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(request=admin_requests())
def test_arbitrary_admin_requests_never_break_the_mock(admin_server, request):
    method, path, body = request
    ensure_fuzzed_company(admin_server.port)
    status, answer = send(admin_server.port, method, path, body)
    assert status < 500, (method, path, body, answer[:500])
    if path.startswith("/__mock__/") and "docs" not in path:
        parsed = json.loads(answer)
        assert status < 400 or parsed.get("error"), (method, path, body, parsed)
    _, faults = send(admin_server.port, "GET", "/__mock__/faults", None)
    if not json.loads(faults)["faults"]:  # a fault rule is meant to break requests; a setting never is
        signed_in, reply = sign_in(admin_server.port, FUZZED)
        assert signed_in < 500, (method, path, body, reply[:500])


def test_after_the_fuzz_mockco_still_signs_in_and_reads(admin_server):
    send(admin_server.port, "DELETE", "/__mock__/faults", None)  # faults the fuzz added on purpose
    status, reply = sign_in(admin_server.port, "MOCKCO")
    assert status == 200 and etree.fromstring(reply).findtext("operation/result/status") == "success"
    status, reply = send(
        admin_server.port,
        "POST",
        GATEWAY_PATH,
        request_xml(function("readByQuery", "<object>VENDOR</object><query/><pagesize>2</pagesize>")),
        "application/xml",
    )
    assert status == 200 and etree.fromstring(reply).findtext("operation/result/status") == "success"
