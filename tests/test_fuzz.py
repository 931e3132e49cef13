"""Hypothesis mutates valid requests (drop, duplicate, reorder, retype, move elements; random text in
leaves and attributes; truncated bytes) and checks the same properties as the hostile corpus: no
5xx, an answer that validates against schemas/response.xsd (or a bare query JSON/CSV body), the
mock still serves, and MOCKCO never changes (its seeds only read; writing seeds target FUZZCO).

Examples: five times the profile's max_examples (`ci`: 200, under ~10 s; HYPOTHESIS_PROFILE=thorough:
10,000). A coverage-guided fuzzer of the parser and the query language is tests/fuzz_atheris.py.
"""

from __future__ import annotations

import copy
import http.client
import json
from collections import Counter
from dataclasses import dataclass, field

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from mockserver.functions import FUNCTIONS
from mockserver.pytest_plugin import MockServer
from mockserver.settings import GATEWAY_PATH, Settings

from .gateway import bare_company, function, login_xml, request_xml, response_schema, session_xml, vendor_xml

EXAMPLES = settings().max_examples * 5
READ_FUNCTIONS = {
    "readByQuery",
    "readMore",
    "read",
    "readByName",
    "query",
    "inspect",
    "lookup",
    "get",
    "get_list",
    "getAPISession",
}
WRITE_FUNCTIONS = set(FUNCTIONS) - READ_FUNCTIONS

MOCKCO = {"authentication": login_xml()}
FUZZCO = {"authentication": login_xml(companyid="FUZZCO")}


def read_seeds(sessionid: str) -> list[bytes]:
    return [
        request_xml(function("getAPISession"), **MOCKCO),
        request_xml(function("getAPISession", "<locationid>E100</locationid>"), **MOCKCO),
        request_xml(
            function(
                "readByQuery",
                "<object>VENDOR</object><query>VENDORID LIKE 'V00%' AND STATUS = 'T' "
                "OR NOT (CREDITLIMIT &gt; 10 AND NAME IN ('a', 'b'))</query>"
                "<fields>VENDORID,NAME,CREDITLIMIT</fields><pagesize>5</pagesize>",
            ),
            **MOCKCO,
        ),
        request_xml(
            function(
                "readByQuery",
                "<object>APBILL</object><query>WHENCREATED &gt;= '01/01/2024' AND "
                "TOTALDUE IS NOT NULL</query><pagesize>2</pagesize>"
                "<returnFormat>json</returnFormat>",
                "a",
            )
            + function("readMore", "<object>APBILL</object>", "b"),
            **MOCKCO,
        ),
        request_xml(function("read", "<object>VENDOR</object><keys>1,2,3</keys><fields>*</fields>"), **MOCKCO),
        request_xml(
            function("readByName", "<object>CUSTOMER</object><keys>C0001,C0002</keys><fields>CUSTOMERID,NAME</fields>"),
            **MOCKCO,
        ),
        request_xml(
            function(
                "query",
                "<object>VENDOR</object><select><field>VENDORID</field><field>NAME</field>"
                "</select><filter><and><greaterthan><field>CREDITLIMIT</field><value>0</value>"
                "</greaterthan><or><like><field>NAME</field><value>%a%</value></like>"
                "<in><field>VENDORID</field><value>V0001</value><value>V0002</value></in></or>"
                "</and></filter><orderby><order><field>NAME</field><descending/></order>"
                "</orderby><options><caseinsensitive>true</caseinsensitive></options>"
                "<pagesize>10</pagesize><offset>1</offset>",
            ),
            **MOCKCO,
        ),
        request_xml(
            function(
                "query",
                "<object>APBILL</object><select><count>RECORDNO</count><sum>TOTALDUE</sum>"
                "</select><options><returnformat>csv</returnformat></options>",
            ),
            **MOCKCO,
        ),
        request_xml(
            function("inspect", "<object>VENDOR</object>").replace("<inspect>", '<inspect detail="1">'), **MOCKCO
        ),
        request_xml(function("lookup", "<object>APBILL</object>"), **MOCKCO),
        request_xml(
            function("get_list", "").replace(
                "<get_list></get_list>",
                '<get_list object="vendor" maxitems="3"><filter><expression><field>vendorid'
                "</field><operator>like</operator><value>V00%</value></expression></filter>"
                '<sorts><sortfield order="desc">name</sortfield></sorts></get_list>',
            ),
            **MOCKCO,
        ),
        request_xml(function("readByQuery", "<object>VENDOR</object><query/>"), authentication=session_xml(sessionid)),
    ]


def write_seeds() -> list[bytes]:
    return [
        request_xml(function("create", vendor_xml("FZ1", "Fuzz One", CREDITLIMIT="10", DISPLAYCONTACT="")), **FUZZCO),
        request_xml(function("update", "<VENDOR><VENDORID>FZ0</VENDORID><NAME>Renamed</NAME></VENDOR>"), **FUZZCO),
        request_xml(function("delete", "<object>VENDOR</object><keys>1</keys>"), **FUZZCO),
        request_xml(
            function("create", vendor_xml("FZ2"), "t1") + function("create", vendor_xml("FZ0"), "t2"),
            transaction=True,
            **FUZZCO,
        ),
    ]


def xml_names() -> st.SearchStrategy[str]:
    return st.from_regex(r"[A-Za-z_][A-Za-z0-9_.-]{0,12}", fullmatch=True)


# Text that reaches the leaves: values the handlers parse (numbers, dates, booleans, queries) and
# anything XML can carry, including integers no SQLite column holds and digits int() refuses.
INTERESTING = [
    "",
    " ",
    "0",
    "-1",
    "1",
    "2",
    "1000",
    "1001",
    "3.5",
    "-0",
    "1e400",
    "NaN",
    "inf",
    "true",
    "false",
    "T",
    "F",
    "*",
    "%",
    "_",
    "'",
    "''",
    "\\",
    "\\'",
    "01/01/2024",
    "13/45/2024",
    "2024-01-01",
    "12/31/9999 23:59:59",
    "VENDOR",
    "vendor",
    "APBILL",
    "CUSTOMER",
    "GLBATCH",
    "E100",
    "E999",
    "VENDORID = 'V0001'",
    "NOT",
    "(",
    ")",
    "RECORDNO, VENDORID",
    "json",
    "csv",
    "xml",
    "asc",
    "desc",
    "and",
    "or",
    "V0001",
    "FZ0",
    "2.1",
    "3.0",
    "4.0",
    "mocksender",
    "workato_isu",
    "mockuserpw",
    "\u202e",
    "\U0001f600",
    "a" * 300,
    "9" * 25,
    "-" + "9" * 25,
    "\u00b2",
    "\u0661\u0662",
]
texts = st.one_of(
    st.sampled_from(INTERESTING),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")) | st.sampled_from("\t\n\r"), max_size=30),
    st.from_regex(r"[A-Z]{1,10} ?(=|!=|<>|<|>|<=|>=| LIKE | IN | IS ) ?'[ -&(-~]{0,6}'", fullmatch=True),
)
ATTRIBUTES = [
    "controlid",
    "transaction",
    "object",
    "maxitems",
    "start",
    "detail",
    "showprivate",
    "order",
    "logical_operator",
    "listtype",
    "key",
    "fields",
]


@dataclass(frozen=True)
class Mutation:
    kind: str
    in_content: bool  # aim at the functions (most of the time) or anywhere in the envelope
    target: int
    where: int
    text: str
    name: str


def mutations(names: list[str]) -> st.SearchStrategy[list[Mutation]]:
    # Mostly new text in leaves, which keeps the request valid and reaches the handlers; the rest
    # breaks the structure and tests the parser and the validator.
    kinds = ["text"] * 8 + ["attribute", "tail", "drop", "duplicate", "reorder", "retype", "move", "wrap", "truncate"]
    one = st.builds(
        Mutation,
        st.sampled_from(kinds),
        st.sampled_from([True, True, True, False]),
        st.integers(0, 500),
        st.integers(0, 500),
        texts,
        st.sampled_from(names) | xml_names() | st.sampled_from(ATTRIBUTES),
    )
    return st.lists(one, min_size=1, max_size=4)


def mutate(document: bytes, changes: list[Mutation]) -> bytes:
    root = etree.fromstring(document)
    truncate = None
    for change in changes:
        if change.kind == "truncate":
            truncate = change.where
            continue
        content = root.find("operation/content")
        elements = list(content.iter() if change.in_content and content is not None else root.iter())
        candidates = [e for e in elements if len(e) == 0] if change.kind == "text" else elements
        candidates = candidates or elements
        target = candidates[change.target % len(candidates)]
        parent = target.getparent()
        try:
            if change.kind == "drop" and parent is not None:
                parent.remove(target)
            elif change.kind == "duplicate" and parent is not None:
                parent.insert(parent.index(target) + 1, copy.deepcopy(target))
            elif change.kind == "reorder" and parent is not None:
                parent.remove(target)
                parent.insert(change.where % (len(parent) + 1), target)
            elif change.kind == "retype":
                target.tag = change.name
            elif change.kind == "text":
                target.text = change.text
            elif change.kind == "tail" and parent is not None:
                target.tail = change.text
            elif change.kind == "attribute":
                target.set(change.name if change.name in ATTRIBUTES else "controlid", change.text)
            elif change.kind == "move" and parent is not None:
                destination = elements[change.where % len(elements)]
                if target not in destination.iterancestors() and destination is not target:
                    destination.append(target)
            elif change.kind == "wrap" and parent is not None:
                wrapper = etree.Element(change.name)
                parent.replace(target, wrapper)
                wrapper.append(target)
        except ValueError:  # a name or text lxml refuses to build: not a request anyone can send
            continue
    body = b'<?xml version="1.0" encoding="UTF-8"?>' + etree.tostring(root)
    return body if truncate is None else body[: truncate * len(body) // 500]


@dataclass
class FuzzTally:
    examples: int = 0
    served: int = 0
    server_errors: int = 0
    mockco_changed: int = 0
    statuses: Counter = field(default_factory=Counter)
    answers: Counter = field(default_factory=Counter)

    def line(self) -> str:
        return (
            f"fuzz: examples={self.examples} served={self.served} 5xx={self.server_errors} "
            f"mockco_changed={self.mockco_changed} http={dict(sorted(self.statuses.items()))} "
            f"answers={dict(sorted(self.answers.items()))}"
        )


class Gateway:
    """A blocking keep-alive HTTP client (hypothesis drives the examples synchronously)."""

    def __init__(self, server: MockServer) -> None:
        self.server = server
        self.connection = http.client.HTTPConnection("127.0.0.1", server.port, timeout=60)

    def post(self, body: bytes) -> tuple[int, str, bytes]:
        for attempt in (1, 2):
            try:
                self.connection.request("POST", GATEWAY_PATH, body, {"Content-Type": "application/xml"})
                reply = self.connection.getresponse()
                return reply.status, reply.getheader("Content-Type", ""), reply.read()
            except (http.client.HTTPException, ConnectionError):
                self.connection.close()  # the server may close a connection; a fresh one must work
                if attempt == 2:
                    raise
        raise AssertionError("unreachable")

    def state(self, company: str) -> dict:
        return self.server.admin("GET", f"/__mock__/companies/{company}/state")


@pytest.fixture(scope="module")
def fuzz_server():
    server = MockServer(Settings.from_environment(port=0)).start()
    server.admin("POST", "/__mock__/companies", {"company": bare_company("FUZZCO")})
    yield server
    server.stop()


def check_answer(status: int, content_type: str, body: bytes, request: bytes) -> str:
    """The kind of answer, or an AssertionError naming the request that broke a property."""
    assert status < 500, f"HTTP {status} for {request[:2000]!r}: {body[:500]!r}"
    if content_type.startswith("application/json"):
        json.loads(body)
        return "bare-json"
    if content_type.startswith("text/csv"):
        body.decode("utf-8")
        return "bare-csv"
    root = etree.fromstring(body)
    schema = response_schema()
    assert schema.validate(root), f"breaks response.xsd: {schema.error_log} for {request[:2000]!r}"
    if root.findtext("control/status") != "success":
        return "control-failure"
    if root.findtext("operation/authentication/status") == "failure":
        return "authentication-failure"
    statuses = {r.findtext("status") for r in root.iterfind("operation/result")}
    return "all-success" if statuses == {"success"} else "some-failure"


def test_mutated_requests_never_break_the_gateway(fuzz_server):
    gateway = Gateway(fuzz_server)
    _, _, body = gateway.post(request_xml(function("getAPISession")))
    sessionid = etree.fromstring(body).findtext("operation/result/data/api/sessionid")
    seeds = [(seed, True) for seed in read_seeds(sessionid)] + [(seed, False) for seed in write_seeds()]
    names = sorted({el.tag for seed, read_only in seeds if read_only for el in etree.fromstring(seed).iter()})
    assert not set(names) & WRITE_FUNCTIONS
    mockco = gateway.state("MOCKCO")
    liveness = request_xml(function("getAPISession"))
    tally = FuzzTally()

    @settings(max_examples=EXAMPLES, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(seed=st.sampled_from(seeds), changes=mutations(names))
    def mutated_request(seed, changes):
        document, read_only = seed
        request = mutate(document, changes)
        tally.examples += 1
        status, content_type, body = gateway.post(request)
        tally.statuses[status] += 1
        if status >= 500:
            tally.server_errors += 1
        tally.answers[check_answer(status, content_type, body, request)] += 1
        alive = gateway.post(liveness)
        assert alive[0] == 200 and b"<status>success</status>" in alive[2], "the mock stopped serving"
        if read_only:
            changed = gateway.state("MOCKCO") != mockco
            tally.mockco_changed += changed
            assert not changed, f"MOCKCO changed after {request[:2000]!r}"
        tally.served += 1

    try:
        mutated_request()
    finally:
        print("\n" + tally.line())
    assert tally.server_errors == 0 and tally.mockco_changed == 0
    assert gateway.state("MOCKCO") == mockco
