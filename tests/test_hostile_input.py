"""Hostile input: every attack on the gateway gets a well-formed Intacct error envelope (or a 413/405
with an XML error), never a 5xx; the mock never reads a local file or the network, keeps serving,
and leaves the data as it was. Each test prints its tally (run pytest with -s to see it):

    hostile corpus: inputs=52 served=52 5xx=0 data_changed=0 ...

The request files are in tests/hostile/ (see make_corpus.py); large ones are built here.
tests/test_envelope.py pins the gateway's wording for the simplest of these; this file sweeps.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from dataclasses import dataclass, field
from xml.sax.saxutils import escape

import pytest
from lxml import etree

from .gateway import bare_company, function, login_xml, request_xml, response_schema, vendor_xml
from .hostile.make_corpus import CONTENT_TYPES, EXPECTED, HERE, LargeInput, large_inputs, small_inputs

READ_ONLY_COMPANY = "MOCKCO"


# --- harness -------------------------------------------------------------------------------------


@dataclass
class Reply:
    status: int
    content_type: str
    body: bytes
    root: etree._Element | None = None


@dataclass
class Tally:
    """What a sweep saw; `line()` is the report printed with -s, and the numbers are asserted."""

    label: str
    inputs: int = 0
    served: int = 0
    server_errors: int = 0
    data_changed: int = 0
    extra: dict[str, int] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)

    def line(self) -> str:
        extra = "".join(f" {k}={v}" for k, v in self.extra.items())
        return (
            f"hostile {self.label}: inputs={self.inputs} served={self.served} 5xx={self.server_errors} "
            f"data_changed={self.data_changed}{extra}"
        )

    def report(self) -> None:
        print("\n" + self.line())
        assert not self.problems, "\n".join(self.problems[:20])
        assert self.server_errors == 0 and self.served == self.inputs and self.data_changed == 0, self.line()


async def post(gateway, body, content_type: str = "application/xml", headers: dict | None = None) -> Reply:
    data = body() if callable(body) else body
    async with gateway.http.post(
        gateway.endpoint, data=data, headers={"Content-Type": content_type, **(headers or {})}
    ) as reply:
        return Reply(reply.status, reply.headers.get("Content-Type", ""), await reply.read())


def envelope_problem(reply: Reply) -> str | None:
    """None if the reply is an answer the gateway could give: no 5xx, XML valid against
    response.xsd (HTTP 200, 401, 403, 405, 413 or 429 alike)."""
    if reply.status >= 500:
        return f"HTTP {reply.status}: {reply.body[:300]!r}"
    try:
        reply.root = etree.fromstring(reply.body)
    except etree.XMLSyntaxError as failure:
        return f"HTTP {reply.status}, not XML ({failure}): {reply.body[:300]!r}"
    schema = response_schema()
    if not schema.validate(reply.root):
        return f"HTTP {reply.status}, breaks response.xsd: {schema.error_log}"
    return None


def expectation_problem(reply: Reply, expect: str) -> str | None:
    root = reply.root
    control = root.findtext("control/status")
    errornos = [e.text for e in root.iterfind("errormessage/error/errorno")]
    if expect == "413" and not (reply.status == 413 and errornos == ["GW-0011"]):
        return f"expected 413 GW-0011, got {reply.status} {errornos}"
    if expect == "parse-error" and not (
        reply.status == 200 and control == "failure" and errornos and set(errornos) == {"XL03000003"}
    ):
        return f"expected a control failure XL03000003, got {reply.status} {control} {errornos}"
    if expect == "success" and control != "success":
        return f"expected control success, got {reply.status} {control} {errornos}"
    return None


async def company_state(gateway, company: str = READ_ONLY_COMPANY) -> dict:
    status, state = await gateway.admin("GET", f"/__mock__/companies/{company}/state")
    assert status == 200
    return state


async def still_serving(gateway) -> bool:
    reply = await post(gateway, request_xml(function("getAPISession")))
    return envelope_problem(reply) is None and reply.root.findtext("operation/result/status") == "success"


async def sweep(
    gateway,
    tally: Tally,
    name: str,
    body,
    content_type: str = "application/xml",
    headers: dict | None = None,
    expect: str = "any",
    check=None,
    secret: str | None = None,
) -> Reply:
    """Post one hostile input and check every common property; problems are collected, not raised,
    so one run reports all of them."""
    tally.inputs += 1
    reply = await post(gateway, body, content_type, headers)
    if reply.status >= 500:
        tally.server_errors += 1
    problem = envelope_problem(reply)
    if problem is None:
        problem = expectation_problem(reply, expect)
    if problem is None and check is not None:
        try:
            check(reply.root)
        except AssertionError as failure:
            problem = f"check failed: {failure}"
    if problem is None and secret and secret.encode() in reply.body:
        problem = "the secret file's content came back"
    if not await still_serving(gateway):
        problem = (problem or "") + " and the mock stopped serving"
    if problem:
        tally.problems.append(f"{name}: {problem}")
    else:
        tally.served += 1
    return reply


class Listener:
    """A TCP listener on 127.0.0.1 that records every connection: nothing may ever reach it."""

    def __init__(self) -> None:
        self.contacts: list[bytes] = []
        self.server: asyncio.AbstractServer | None = None

    async def start(self) -> Listener:
        async def on_connect(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            try:
                self.contacts.append(await asyncio.wait_for(reader.read(300), 2))
                writer.write(b"HTTP/1.0 200 OK\r\nContent-Type: text/plain\r\n\r\nLISTENER-WAS-CONTACTED")
                await writer.drain()
            finally:
                writer.close()

        self.server = await asyncio.start_server(on_connect, "127.0.0.1", 0)
        return self

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"

    async def close(self) -> None:
        self.server.close()
        await self.server.wait_closed()


@pytest.fixture
async def listener():
    server = await Listener().start()
    yield server
    await server.close()


@pytest.fixture
def secret_file(tmp_path):
    marker = f"HOSTILE-SECRET-{uuid.uuid4().hex}"
    path = tmp_path / "secret.txt"
    path.write_text(marker)
    return path, marker


def fill_placeholders(body: bytes, listener_url: str, secret_url: str) -> bytes:
    for placeholder, value in (("@LISTENER@", listener_url), ("@SECRET_FILE@", secret_url)):
        for codec in ("utf-8", "utf-16-le", "utf-16-be"):
            body = body.replace(placeholder.encode(codec), value.encode(codec))
    return body


# --- the corpus ----------------------------------------------------------------------------------


def test_corpus_files_match_their_generator():
    """tests/hostile/ holds exactly what make_corpus.py writes (run it after changing it)."""
    on_disk = {p.name: p.read_bytes() for p in HERE.iterdir() if p.suffix in CONTENT_TYPES}
    assert on_disk == small_inputs()


async def test_hostile_corpus_gets_error_envelopes_and_reads_no_file_and_no_network(gateway, listener, secret_file):
    path, marker = secret_file
    before = await company_state(gateway)
    tally = Tally("corpus")
    for name, raw in sorted(small_inputs().items()):
        body = fill_placeholders(raw, listener.url, path.as_uri())
        content_type = CONTENT_TYPES["." + name.rsplit(".", 1)[1]]
        await sweep(gateway, tally, name, body, content_type, expect=EXPECTED[name], secret=marker)
    await asyncio.sleep(0.2)  # let any (forbidden) connection to the listener land
    _, journal = await gateway.admin("GET", "/__mock__/journal")
    tally.extra["listener_contacts"] = len(listener.contacts)
    tally.extra["secret_in_journal"] = int(marker in json.dumps(journal))
    tally.data_changed = int(await company_state(gateway) != before)
    # Positive control: the same document does read the file through a parser that is not hardened,
    # so the corpus really attacks (this libxml2 has no HTTP client, so the URL cases only prove the
    # mock adds none of its own, e.g. through xmlschema or XInclude).
    unsafe = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=False)
    unsafe_doc = fill_placeholders(small_inputs()["xxe-file-entity.xml"], listener.url, path.as_uri())
    tally.extra["control_unsafe_parser_read_secret"] = int(
        etree.fromstring(unsafe_doc, unsafe).findtext("control/controlid") == marker
    )
    tally.report()
    assert tally.extra["listener_contacts"] == 0, listener.contacts
    assert tally.extra["secret_in_journal"] == 0
    assert tally.extra["control_unsafe_parser_read_secret"] == 1


async def test_large_hostile_bodies_are_refused_or_served_without_5xx(gateway):
    before = await company_state(gateway)
    tally = Tally("large")
    item: LargeInput
    for item in large_inputs(gateway.state.settings.max_body_bytes):
        await sweep(gateway, tally, item.name, item.body, headers=item.headers, expect=item.expect, check=item.check)
    tally.data_changed = int(await company_state(gateway) != before)
    tally.report()


async def test_every_method_but_post_answers_405_with_an_xml_error(gateway):
    """tests/test_envelope.py pins GET; the rest, with bodies and odd content types, alike."""
    tally = Tally("methods")
    for method in ("PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "TRACE", "GET"):
        tally.inputs += 1
        async with gateway.http.request(
            method,
            gateway.endpoint,
            data=small_inputs()["billion-laughs.xml"],
            headers={"Content-Type": "application/json"},
        ) as reply:
            answer = Reply(reply.status, reply.headers.get("Content-Type", ""), await reply.read())
        problem = envelope_problem(answer) or (None if answer.status == 405 else f"HTTP {answer.status}")
        if problem is None and await still_serving(gateway):
            tally.served += 1
        else:
            tally.problems.append(f"{method}: {problem}")
    tally.report()


# --- SQL-looking strings -------------------------------------------------------------------------

SQL_VALUES = [
    '\'); DROP TABLE "VENDOR"; --',
    "x' OR 1=1 --",
    "Robert'); DROP TABLE Students;--",
    '" OR ""="',
    "1; DELETE FROM VENDOR",
    "%' AND '1'='1",
    "\\'; SELECT sqlite_version(); --",
    "_%_%",
    "') UNION SELECT * FROM company --",
    "0x27 OR 0x31=0x31",
    "NULL",
    "*/ /*",
]

SQL_QUERIES = [
    "VENDORID = 'x'' OR 1=1 --'",
    "VENDORID = 'x' OR 1=1 --",
    "VENDORID = 'x'; DROP TABLE VENDOR; --",
    "VENDORID = 'x' UNION SELECT * FROM company",
    "VENDORID = 'V0001' --",
    "1=1",
    "'1'='1'",
    "VENDORID = (SELECT VENDORID FROM VENDOR)",
    'VENDORID = "V0001"',
    "VENDORID = `V0001`",
    "VENDORID; DROP TABLE VENDOR = 'x'",
    "\"VENDORID\" = 'V0001'",
    "VENDOR.VENDORID = 'V0001'",
    "company = 'MOCKCO'",
    "entity = ''",
    "sqlite_master.name = 'VENDOR'",
    "VENDORID = 'V0001' /* comment */",
    "VENDORID = 'x\\' OR 1=1 --'",
    "VENDORID LIKE '%' ESCAPE '\\'",
    "VENDORID GLOB '*'",
    "VENDORID = 'V0001' COLLATE NOCASE",
    "RECORDNO = 1 OR RECORDNO = RECORDNO",
    "VENDORID = '\u202e'",
    "VENDORID\u00a0= 'V0001'",
    "VENDORID = 'V0001\u0301'",
]

SQL_FIELDS = [
    "VENDORID, NAME; DROP TABLE VENDOR",
    'VENDORID"',
    "'VENDORID'",
    "VENDORID--",
    "*, company",
    "RECORDNO FROM VENDOR; --",
    "NAME) FROM VENDOR --",
    "company",
    "entity",
    "lines",
    "version",
    "sqlite_version()",
]


def read_only_sql_probes() -> list[tuple[str, str]]:
    probes = [
        (
            f"readByQuery query {q!r}",
            function("readByQuery", f"<object>VENDOR</object><query>{escape(q)}</query><pagesize>5</pagesize>"),
        )
        for q in SQL_QUERIES
    ]
    for f in SQL_FIELDS:
        probes += [
            (
                f"readByQuery fields {f!r}",
                function("readByQuery", f"<object>VENDOR</object><query/><fields>{escape(f)}</fields>"),
            ),
            (
                f"read fields {f!r}",
                function("read", f"<object>VENDOR</object><keys>1</keys><fields>{escape(f)}</fields>"),
            ),
            (
                f"query select {f!r}",
                function("query", f"<object>VENDOR</object><select><field>{escape(f)}</field></select>"),
            ),
            (
                f"query orderby {f!r}",
                function(
                    "query",
                    "<object>VENDOR</object><select><field>VENDORID</field>"
                    f"</select><orderby><order><field>{escape(f)}</field>"
                    "</order></orderby>",
                ),
            ),
            (
                f"query filter field {f!r}",
                function(
                    "query",
                    "<object>VENDOR</object><select><field>VENDORID</field>"
                    f"</select><filter><equalto><field>{escape(f)}</field>"
                    "<value>1</value></equalto></filter>",
                ),
            ),
            (
                f"get_list field {f!r}",
                function("get_list", "").replace(
                    "<get_list></get_list>",
                    f'<get_list object="vendor"><filter><expression><field>{escape(f)}'
                    "</field><operator>=</operator><value>1</value></expression></filter>"
                    "</get_list>",
                ),
            ),
        ]
    for v in SQL_VALUES:
        probes += [
            (f"readByName key {v!r}", function("readByName", f"<object>VENDOR</object><keys>{escape(v)}</keys>")),
            (f"read key {v!r}", function("read", f"<object>VENDOR</object><keys>{escape(v)}</keys>")),
            (f"object {v!r}", function("readByQuery", f"<object>{escape(v)}</object><query/>")),
            (
                f"query value {v!r}",
                function(
                    "query",
                    "<object>VENDOR</object><select><field>VENDORID</field>"
                    f"</select><filter><equalto><field>NAME</field><value>"
                    f"{escape(v)}</value></equalto></filter>",
                ),
            ),
            (
                f"query in {v!r}",
                function(
                    "query",
                    "<object>VENDOR</object><select><count>RECORDNO</count>"
                    f"</select><filter><in><field>VENDORID</field><value>{escape(v)}"
                    "</value><value>V0001</value></in></filter>",
                ),
            ),
            (f"readMore resultId {v!r}", function("readMore", f"<resultId>{escape(v)}</resultId>")),
            (f"inspect {v!r}", function("inspect", f"<object>{escape(v)}</object>")),
        ]
    return probes


async def test_sql_looking_reads_are_answered_as_data_and_change_nothing(gateway):
    before = await company_state(gateway)
    tally = Tally("sql-reads")
    leaked = 0
    for name, probe in read_only_sql_probes():
        reply = await sweep(gateway, tally, name, request_xml(probe), expect="success")
        # Whatever the answer, it never lists more vendors than a plain query could: a 1=1 that
        # reached SQL would answer all 50 for a filter on one ID.
        if reply.root is not None and reply.root.find("operation/result/data") is not None:
            data = reply.root.find("operation/result/data")
            if "VENDORID = " in name and int(data.get("totalcount") or data.get("count") or 0) > 1:
                leaked += 1
    tally.data_changed = int(await company_state(gateway) != before)
    tally.extra["queries_matching_too_much"] = leaked
    tally.report()
    assert leaked == 0


async def test_sql_looking_payload_values_are_stored_verbatim(gateway):
    """The one place writes are legitimate: a fresh company; MOCKCO must not move."""
    gateway.state.create_company(bare_company("SQLCO"))
    as_sqlco = {"authentication": login_xml(companyid="SQLCO")}
    mockco = await company_state(gateway)
    tally = Tally("sql-writes")
    stored: dict[str, str] = {}
    for index, value in enumerate(SQL_VALUES):
        vendorid = f"S{index}{value}"[:20].strip()  # the mock strips values, as Intacct does
        name = f"create {value!r}"
        tally.inputs += 1
        answer = await gateway.call(
            function("create", vendor_xml(vendorid, value, TAXID=value[:20].strip(), DISPLAYCONTACT="")), **as_sqlco
        )
        if answer.text("operation/result/status") != "success":
            tally.problems.append(f"{name}: {answer.errors('operation/result')}")
            continue
        tally.served += 1
        stored[vendorid] = value
        # ... and it reads back, by name and through a query that quotes it the readByQuery way
        quoted = vendorid.replace("\\", "\\\\").replace("'", "\\'")
        listing = await gateway.call(
            function(
                "readByQuery",
                f"<object>VENDOR</object><query>VENDORID = '{escape(quoted)}'</query><fields>VENDORID,NAME</fields>",
            ),
            **as_sqlco,
        )
        found = [
            (v.findtext("VENDORID"), v.findtext("NAME")) for v in listing.root.iterfind("operation/result/data/vendor")
        ]
        if found != [(vendorid, value)]:
            tally.problems.append(f"{name}: readByQuery found {found}")
    state = await company_state(gateway, "SQLCO")
    as_stored = {v["VENDORID"]: (v["NAME"], v.get("TAXID")) for v in state["records"]["VENDOR"]}
    tally.extra["stored_verbatim"] = sum(as_stored.get(k) == (v, v[:20].strip()) for k, v in stored.items())
    tally.data_changed = int(await company_state(gateway) != mockco)
    tally.report()
    assert tally.extra["stored_verbatim"] == len(SQL_VALUES)


# --- malformed queries, unknown functions, objects and fields --------------------------------------

MALFORMED_QUERIES = [
    "VENDORID",
    "VENDORID =",
    "= 'V0001'",
    "VENDORID == 'V0001'",
    "VENDORID === 'V0001'",
    "VENDORID =< 'a'",
    "VENDORID => 'a'",
    "VENDORID <> <> 'a'",
    "VENDORID ! = 'a'",
    "VENDORID != ",
    "VENDORID < ",
    "VENDORID >",
    "VENDORID <=",
    "VENDORID >= 'a' 'b'",
    "VENDORID LIKE",
    "VENDORID LIKE V%",
    "VENDORID NOT",
    "VENDORID NOT 'a'",
    "VENDORID NOT LIKE",
    "VENDORID IN",
    "VENDORID IN (",
    "VENDORID IN ()",
    "VENDORID IN ('a',)",
    "VENDORID IN ('a' 'b')",
    "VENDORID IN 'a'",
    "VENDORID NOT IN ('a'",
    "VENDORID IS",
    "VENDORID IS NOT",
    "VENDORID IS NULL NULL",
    "VENDORID IS 'a'",
    "VENDORID NOT IS NULL",
    "VENDORID BETWEEN 'a' AND 'b'",
    "AND",
    "OR",
    "NOT",
    "VENDORID = 'a' AND",
    "VENDORID = 'a' OR",
    "AND VENDORID = 'a'",
    "VENDORID = 'a' AND AND VENDORID = 'b'",
    "VENDORID = 'a' OR OR VENDORID = 'b'",
    "NOT NOT",
    "(",
    ")",
    "()",
    "(VENDORID = 'a'",
    "VENDORID = 'a')",
    "((VENDORID = 'a')",
    "VENDORID = 'unterminated",
    "VENDORID = unterminated'",
    "VENDORID = 'a\\",
    "'",
    "''",
    "VENDORID = ''''",
    "VENDORID = 'a' 'b'",
    "VENDORID = 1.2.3",
    "VENDORID = -",
    "VENDORID = --1",
    "VENDORID = 1e5",
    "CREDITLIMIT > 'abc'",
    "CREDITLIMIT > 'NaN'",
    "CREDITLIMIT > 'Infinity'",
    "WHENMODIFIED > '13/45/2024'",
    "WHENMODIFIED > '02/30/2024 25:61:61'",
    "ONHOLD = 'maybe'",
    "STATUS = 'sideways'",
    "RECORDNO = 'one'",
    "RECORDNO = 99999999999999999999999",
    "RECORDNO = -99999999999999999999999",
    "RECORDNO IN (1, 99999999999999999999999)",
    "NOSUCHFIELD = 'a'",
    "VENDORID = 'a' AND NOSUCH = 'b'",
    "vendorid = 'a' ANDOR vendorid = 'b'",
    "VENDORID = 'a' XOR VENDORID = 'b'",
    "VENDORID = 'a';",
    "VENDORID = 'a' ORDER BY NAME",
    "VENDORID = 'a' LIMIT 1",
    "VENDORID = ?",
    "VENDORID = :name",
    "VENDORID = $1",
    "VENDORID = @x",
    "\u0000",
    "(" * 101 + "VENDORID = 'a'" + ")" * 101,
    "NOT " * 101 + "VENDORID = 'a'",
    "VENDORID IN (" + ", ".join(["'a'"] * 30_001) + ")",
    "VENDORID LIKE '" + "%" * 50_001 + "'",
]


async def test_every_operator_malformed_is_a_result_level_query_error(gateway):
    before = await company_state(gateway)
    tally = Tally("malformed-queries")
    wrong_answer = []
    for query in MALFORMED_QUERIES:
        if "\u0000" in query:  # not even XML: a parse error, which is also fine
            body = request_xml(function("readByQuery", "<object>VENDOR</object><query>x</query>")).replace(
                b"<query>x</query>", b"<query>\0</query>"
            )
            await sweep(gateway, tally, repr(query), body, expect="parse-error")
            continue
        reply = await sweep(
            gateway,
            tally,
            repr(query[:60]),
            request_xml(function("readByQuery", f"<object>VENDOR</object><query>{escape(query)}</query>")),
            expect="success",
        )
        if reply.root is not None:
            result = reply.root.find("operation/result")
            if result is None or result.findtext("status") != "failure":
                wrong_answer.append(query[:60])
    tally.extra["not_a_failure"] = len(wrong_answer)
    tally.data_changed = int(await company_state(gateway) != before)
    tally.report()
    assert wrong_answer == []


async def test_long_and_deep_queries_are_answered_within_the_limits_and_refused_beyond(gateway):
    """100 parentheses, 12 levels of AND/OR/NOT, 5,000 ANDed terms and 30,000 IN values work; one
    more is a query error (SQLite's parser stack and variable limit would otherwise answer 500)."""
    tally = Tally("long-queries")
    eq = "<equalto><field>VENDORID</field><value>V0001</value></equalto>"

    def nested_filter(levels: int, width: int = 2) -> str:
        ops = ["and", "or"] * levels
        return (
            "".join(f"<{op}>{eq * (width - 1)}" for op in ops[:levels])
            + eq
            + "".join(f"</{op}>" for op in reversed(ops[:levels]))
        )

    def read_by_query(query: str) -> str:
        return function(
            "readByQuery", f"<object>VENDOR</object><query>{escape(query)}</query><fields>VENDORID</fields>"
        )

    def query(condition: str) -> str:
        return function(
            "query", f"<object>VENDOR</object><select><field>VENDORID</field></select><filter>{condition}</filter>"
        )

    probes = [
        ("parens 100", read_by_query("(" * 100 + "VENDORID = 'V0001'" + ")" * 100), "success"),
        ("parens 101", read_by_query("(" * 101 + "VENDORID = 'V0001'" + ")" * 101), "failure"),
        ("NOT 12", read_by_query("NOT " * 12 + "VENDORID = 'V0001'"), "success"),
        ("NOT 13", read_by_query("NOT " * 13 + "VENDORID = 'V0001'"), "failure"),
        ("AND 5000", read_by_query(" AND ".join(["VENDORID = 'V0001'"] * 5_000)), "success"),
        ("OR 5000", read_by_query(" OR ".join(["VENDORID = 'V0001'"] * 5_000)), "success"),
        ("IN 30000", read_by_query("VENDORID IN (" + ", ".join(["'V0001'"] * 30_000) + ")"), "success"),
        ("IN 30001", read_by_query("VENDORID IN (" + ", ".join(["'V0001'"] * 30_001) + ")"), "failure"),
        ("filter 12 levels x 200", query(nested_filter(12, 200)), "success"),
        ("filter 13 levels", query(nested_filter(13)), "failure"),
        ("filter 240 levels", query(nested_filter(240)), "failure"),
        ("filter OR 5000", query("<or>" + eq * 5_000 + "</or>"), "success"),
    ]
    wrong = []
    for name, probe, expect in probes:
        reply = await sweep(gateway, tally, name, request_xml(probe), expect="success")
        if reply.root is not None and reply.root.findtext("operation/result/status") != expect:
            wrong.append((name, reply.root.findtext("operation/result/status")))
    tally.extra["wrong_result"] = len(wrong)
    tally.report()
    assert wrong == []


UNKNOWN_PROBES = [
    ("known function not emulated", function("get_trialbalance")),
    ("readByQuery unknown object", function("readByQuery", "<object>NOSUCHOBJECT</object><query/>")),
    ("readByQuery path object", function("readByQuery", "<object>../../../../etc/passwd</object><query/>")),
    ("read unknown object", function("read", "<object>NOSUCH</object><keys>1</keys>")),
    ("readByName unknown object", function("readByName", "<object>NOSUCH</object><keys>V1</keys>")),
    ("readMore unknown object", function("readMore", "<object>NOSUCH</object>")),
    ("readMore view", function("readMore", "<view>NOSUCH</view>")),
    ("inspect unknown object", function("inspect", "<object>NOSUCH</object>")),
    ("lookup unknown object", function("lookup", "<object>NOSUCH</object>")),
    ("query unknown object", function("query", "<object>NOSUCH</object><select><field>X</field></select>")),
    ("create unknown object", function("create", "<NOSUCH><X>1</X></NOSUCH>")),
    ("update unknown object", function("update", "<NOSUCH><RECORDNO>1</RECORDNO></NOSUCH>")),
    ("delete unknown object", function("delete", "<object>NOSUCH</object><keys>1</keys>")),
    ("readByQuery unknown field", function("readByQuery", "<object>VENDOR</object><query/><fields>NOPE</fields>")),
    ("readByQuery unknown field in query", function("readByQuery", "<object>VENDOR</object><query>NOPE = 1</query>")),
    ("read unknown field", function("read", "<object>VENDOR</object><keys>1</keys><fields>NOPE,VENDORID</fields>")),
    ("query unknown select", function("query", "<object>VENDOR</object><select><field>NOPE</field></select>")),
    ("query unknown related", function("query", "<object>APBILL</object><select><field>VENDOR.NOPE</field></select>")),
    ("query sum of text", function("query", "<object>VENDOR</object><select><sum>NAME</sum></select>")),
    (
        "query unknown orderby",
        function(
            "query",
            "<object>VENDOR</object><select><field>VENDORID</field></select>"
            "<orderby><order><field>NOPE</field></order></orderby>",
        ),
    ),
    ("create unknown field", function("create", vendor_xml("NEWV1", NOPE="1"))),
    (
        "create unknown nested field",
        function(
            "create",
            vendor_xml("NEWV2", DISPLAYCONTACT="").replace(
                "<DISPLAYCONTACT></DISPLAYCONTACT>", "<DISPLAYCONTACT><NOPE>1</NOPE></DISPLAYCONTACT>"
            ),
        ),
    ),
    ("update unknown field", function("update", "<VENDOR><VENDORID>V0001</VENDORID><NOPE>1</NOPE></VENDOR>")),
    ("pagesize not a number", function("readByQuery", "<object>VENDOR</object><query/><pagesize>lots</pagesize>")),
    ("pagesize huge", function("readByQuery", "<object>VENDOR</object><query/><pagesize>9" + "9" * 30 + "</pagesize>")),
    (
        "returnFormat unknown",
        function("readByQuery", "<object>VENDOR</object><query/><returnFormat>yaml</returnFormat>"),
    ),
    (
        "get_list unknown operator",
        function("get_list", "").replace(
            "<get_list></get_list>",
            '<get_list object="vendor"><filter><expression><field>vendorid</field>'
            "<operator>~=</operator><value>1</value></expression></filter></get_list>",
        ),
    ),
    (
        "get_list maxitems not a number",
        function("get_list", "").replace("<get_list></get_list>", '<get_list object="vendor" maxitems="lots"/>'),
    ),
]


async def test_unknown_functions_objects_and_fields_fail_only_their_result(gateway):
    before = await company_state(gateway)
    tally = Tally("unknown")
    not_failed = []
    for name, probe in UNKNOWN_PROBES:
        reply = await sweep(
            gateway, tally, name, request_xml(probe + function("getAPISession", controlid="after")), expect="success"
        )
        if reply.root is not None:
            statuses = [r.findtext("status") for r in reply.root.iterfind("operation/result")]
            if statuses[:1] != ["failure"] or statuses[1:] != ["success"]:
                not_failed.append((name, statuses))
    tally.extra["wrong_result"] = len(not_failed)
    tally.data_changed = int(await company_state(gateway) != before)
    tally.report()
    assert not_failed == []


# --- numbers no SQLite column can hold --------------------------------------------------------------

OUT_OF_RANGE = "9" * 25


@pytest.mark.parametrize(
    "probe",
    [
        function("delete", f"<object>VENDOR</object><keys>{OUT_OF_RANGE}</keys>"),
        function("update", f"<VENDOR><RECORDNO>{OUT_OF_RANGE}</RECORDNO><NAME>x</NAME></VENDOR>"),
    ],
    ids=["delete", "update"],
)
async def test_out_of_range_recordno_key_is_a_result_error_not_a_500(gateway, probe):
    reply = await post(gateway, request_xml(probe))
    assert envelope_problem(reply) is None
    assert reply.root.findtext("operation/result/status") == "failure"


async def test_out_of_range_recordno_read_finds_nothing(gateway):
    # read answers success with an empty list for keys that name no record, as for any unknown key.
    reply = await post(gateway, request_xml(function("read", f"<object>VENDOR</object><keys>{OUT_OF_RANGE},1</keys>")))
    assert envelope_problem(reply) is None
    assert reply.root.findtext("operation/result/status") == "success"
    assert reply.root.find("operation/result/data").get("count") == "1"


async def test_out_of_range_query_offset_is_a_result_error_not_a_500(gateway):
    reply = await post(
        gateway,
        request_xml(
            function(
                "query",
                f"<object>VENDOR</object><select><field>VENDORID</field></select><offset>{OUT_OF_RANGE}</offset>",
            )
        ),
    )
    assert envelope_problem(reply) is None
    assert reply.root.findtext("operation/result/status") == "failure"


async def test_decimal_overflow_is_refused_not_stored_as_infinity(gateway):
    gateway.state.create_company(bare_company("INFCO"))
    answer = await gateway.call(
        function("create", vendor_xml("INF", CREDITLIMIT="1e400")), authentication=login_xml(companyid="INFCO")
    )
    assert answer.text("operation/result/status") == "failure"
