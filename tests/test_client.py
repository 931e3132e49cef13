"""aiointacct, the async client in client/: request building (validated against schemas/request.xsd),
response parsing from literal XML, retries, and end to end against the real mock."""

from __future__ import annotations

import asyncio
import uuid
from datetime import date, datetime
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest
from aiohttp import web
from aiohttp.test_utils import TestServer
from aiointacct import (
    AuthenticationError,
    ControlError,
    Credentials,
    CredentialsError,
    IntacctClient,
    Record,
    ResultError,
    RetryPolicy,
    TransportError,
    as_list,
    build_request,
    parse_response,
)
from aiointacct import (
    filters as f,
)
from aiointacct import (
    functions as fns,
)
from aiointacct.credentials import DEFAULT_ENDPOINT
from aiointacct.retry import parse_retry_after, safe_to_repeat
from lxml import etree

from .gateway import bare_company

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
COMPANY = "CLIENTCO"
SENDER_ID, SENDER_PASSWORD = "mocksender", "mocksenderpw"
USER_ID, USER_PASSWORD = "workato_isu", "mockuserpw"


@cache
def request_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "request.xsd")))


def login_credentials(**overrides) -> Credentials:
    values = dict(
        sender_id=SENDER_ID,
        sender_password=SENDER_PASSWORD,
        company_id=COMPANY,
        user_id=USER_ID,
        user_password=USER_PASSWORD,
    )
    return Credentials(**(values | overrides))


def assert_valid(body: bytes) -> etree._Element:
    root = etree.fromstring(body)
    schema = request_schema()
    assert schema.validate(root), f"{schema.error_log}\n{body.decode()}"
    return root


def inner(function: fns.Function) -> str:
    return etree.tostring(function.body, encoding="unicode")


# --- credentials ------------------------------------------------------------------------------------


def test_credentials_come_from_the_sdk_environment_variables_and_arguments_win():
    env = {
        "INTACCT_SENDER_ID": "s",
        "INTACCT_SENDER_PASSWORD": "sp",
        "INTACCT_COMPANY_ID": "C",
        "INTACCT_USER_ID": "u",
        "INTACCT_USER_PASSWORD": "up",
        "INTACCT_ENTITY_ID": "E1",
    }
    credentials = Credentials.from_env(env)
    assert (credentials.sender_id, credentials.company_id, credentials.user_id, credentials.entity_id) == (
        "s",
        "C",
        "u",
        "E1",
    )
    assert credentials.endpoint_url == DEFAULT_ENDPOINT == "https://api.intacct.com/ia/xml/xmlgw.phtml"
    assert credentials.has_login and credentials.session_id is None
    override = Credentials.from_env(env | {"INTACCT_ENDPOINT_URL": "http://x/ia"}, company_id="OTHER")
    assert (override.company_id, override.endpoint_url) == ("OTHER", "http://x/ia")
    session_only = Credentials.from_env(
        {"INTACCT_SENDER_ID": "s", "INTACCT_SENDER_PASSWORD": "sp", "INTACCT_SESSION_ID": "abcdefghijkl.."}
    )
    assert session_only.session_id == "abcdefghijkl.." and not session_only.has_login


def test_incomplete_credentials_are_refused():
    with pytest.raises(CredentialsError, match="sender"):
        Credentials.from_env({}, company_id="C", user_id="u", user_password="p")
    with pytest.raises(CredentialsError, match="session ID"):
        Credentials.from_env({"INTACCT_SENDER_ID": "s", "INTACCT_SENDER_PASSWORD": "sp", "INTACCT_USER_ID": "u"})


def test_repr_never_shows_passwords_or_a_whole_session_id():
    credentials = login_credentials(session_id="SESSIONSECRET0123456789..")
    shown = repr(credentials) + repr(IntacctClient(credentials))
    for secret in (SENDER_PASSWORD, USER_PASSWORD, "SESSIONSECRET0123456789.."):
        assert secret not in shown
    assert "SESS…" in shown and "workato_isu" in shown


# --- request building -------------------------------------------------------------------------------

EVERY_KIND = {
    "create": lambda: fns.create(
        [
            Record(
                "VENDOR",
                {
                    "VENDORID": "V1",
                    "NAME": "Acme & Sons <AP>",
                    "ONHOLD": False,
                    "CREDITLIMIT": Decimal("10.5"),
                    "DISPLAYCONTACT": {"EMAIL1": "ap@acme.example", "MAILADDRESS": {"CITY": "Austin"}},
                },
            ),
            (
                "GLBATCH",
                {
                    "JOURNAL": "GJ",
                    "BATCH_DATE": date(2024, 3, 1),
                    "BATCH_TITLE": "t",
                    "ENTRIES": {
                        "GLENTRY": [
                            {"ACCOUNTNO": "1000", "TR_TYPE": 1, "TRX_AMOUNT": 5},
                            {"ACCOUNTNO": "2000", "TR_TYPE": -1, "TRX_AMOUNT": 5},
                        ]
                    },
                },
            ),
        ]
    ),
    "update": lambda: fns.update(("VENDOR", {"RECORDNO": 7, "NAME": "New"})),
    "delete": lambda: fns.delete("VENDOR", [1, 2]),
    "read": lambda: fns.read("VENDOR", [1, 2], ["VENDORID", "NAME"]),
    "read all": lambda: fns.read("VENDOR"),
    "readByName": lambda: fns.read_by_name("VENDOR", ["V1", "V2"]),
    "readByQuery": lambda: fns.read_by_query("VENDOR", "NAME LIKE 'A%' AND STATUS = 'T'", pagesize=10),
    "readByQuery empty": lambda: fns.read_by_query("VENDOR", docparid="x", pagesize=None),
    "readMore": lambda: fns.read_more("7765623336W-ne68CoA4gAAEEhD7EAAAAP4"),
    "query": lambda: fns.query(
        "VENDOR",
        ["VENDORID", "NAME", "PARENT.NAME"],
        f.and_(
            f.eq("STATUS", "active"),
            f.ne("NAME", "x"),
            f.lt("CREDITLIMIT", 5),
            f.le("CREDITLIMIT", 6),
            f.gt("CREDITLIMIT", 1),
            f.ge("CREDITLIMIT", 2),
            f.like("NAME", "A%"),
            f.notlike("NAME", "%z"),
            f.or_(
                f.in_("VENDORID", ["V1", "V2"]),
                f.notin("VENDORID", ["V3"]),
                f.between("WHENCREATED", date(2024, 1, 1), date(2024, 12, 31)),
                f.isnull("TERMNAME"),
                f.isnotnull("TAXID"),
            ),
        ),
        orderby=["NAME", ("VENDORID", "desc")],
        pagesize=50,
        offset=100,
        case_insensitive=True,
        show_private=True,
    ),
    "query aggregate": lambda: fns.query(
        "VENDOR", [f.count("RECORDNO"), f.sum_("CREDITLIMIT"), f.avg("CREDITLIMIT"), f.min_("NAME"), f.max_("NAME")]
    ),
    "query minimal": lambda: fns.query("VENDOR", "RECORDNO", f.eq("VENDORID", "V1")),
    "inspect": lambda: fns.inspect("VENDOR"),
    "inspect detail": lambda: fns.inspect("*", detail=True),
    "lookup": lambda: fns.lookup("VENDOR"),
    "getAPISession": lambda: fns.get_api_session(),
    "getAPISession entity": lambda: fns.get_api_session("E100"),
}


@pytest.mark.parametrize("kind", list(EVERY_KIND))
@pytest.mark.parametrize("auth", ["login", "login with entity", "session"])
def test_every_kind_of_request_validates_against_the_request_schema(kind, auth):
    credentials = {
        "login": login_credentials(),
        "login with entity": login_credentials(entity_id="E100"),
        "session": Credentials(SENDER_ID, SENDER_PASSWORD, session_id="abc.."),
    }[auth]
    function = EVERY_KIND[kind]()
    root = assert_valid(build_request(credentials, [function]))
    assert root.find("operation/content/function").get("controlid") == function.controlid
    assert root.find("operation/content/function")[0].tag == function.name


def test_a_batch_with_transaction_and_uniqueid_validates_and_keeps_order():
    functions = [EVERY_KIND[kind]() for kind in EVERY_KIND]
    body = build_request(login_credentials(), functions, transaction=True, uniqueid=True, controlid="req-9")
    root = assert_valid(body)
    assert body.startswith(b"<?xml version='1.0' encoding='UTF-8'?>")
    assert [c.tag for c in root.find("control")] == [
        "senderid",
        "password",
        "controlid",
        "uniqueid",
        "dtdversion",
        "includewhitespace",
    ]
    assert (root.findtext("control/controlid"), root.findtext("control/uniqueid")) == ("req-9", "true")
    assert root.find("operation").get("transaction") == "true"
    assert [fn.get("controlid") for fn in root.iterfind("operation/content/function")] == [
        fn.controlid for fn in functions
    ]


def test_login_is_written_in_schema_order_and_a_session_replaces_it():
    login = assert_valid(build_request(login_credentials(entity_id=""), [fns.read("VENDOR")])).find(
        "operation/authentication/login"
    )
    assert [(c.tag, c.text) for c in login] == [
        ("userid", USER_ID),
        ("companyid", COMPANY),
        ("password", USER_PASSWORD),
        ("locationid", None),
    ]
    session = assert_valid(build_request(login_credentials(session_id="s.."), [fns.read("VENDOR")]))
    assert session.findtext("operation/authentication/sessionid") == "s.."
    assert session.find("operation/authentication/login") is None


def test_controlids_default_to_uuid4_and_explicit_ones_are_kept():
    function = fns.read("VENDOR")
    assert uuid.UUID(function.controlid).version == 4 and not function.explicit_controlid
    assert fns.read("VENDOR").controlid != function.controlid
    root = etree.fromstring(build_request(login_credentials(), [function]))
    assert uuid.UUID(root.findtext("control/controlid")).version == 4
    mine = fns.create(("VENDOR", {"VENDORID": "V"}), controlid="my-guid")
    assert (mine.controlid, mine.explicit_controlid) == ("my-guid", True)


def test_objects_become_nested_groups_repeated_lines_and_gateway_formats():
    function = EVERY_KIND["create"]()
    assert inner(function) == (
        "<create><VENDOR><VENDORID>V1</VENDORID><NAME>Acme &amp; Sons &lt;AP&gt;</NAME><ONHOLD>false</ONHOLD>"
        "<CREDITLIMIT>10.5</CREDITLIMIT><DISPLAYCONTACT><EMAIL1>ap@acme.example</EMAIL1>"
        "<MAILADDRESS><CITY>Austin</CITY></MAILADDRESS></DISPLAYCONTACT></VENDOR>"
        "<GLBATCH><JOURNAL>GJ</JOURNAL><BATCH_DATE>03/01/2024</BATCH_DATE><BATCH_TITLE>t</BATCH_TITLE><ENTRIES>"
        "<GLENTRY><ACCOUNTNO>1000</ACCOUNTNO><TR_TYPE>1</TR_TYPE><TRX_AMOUNT>5</TRX_AMOUNT></GLENTRY>"
        "<GLENTRY><ACCOUNTNO>2000</ACCOUNTNO><TR_TYPE>-1</TR_TYPE><TRX_AMOUNT>5</TRX_AMOUNT></GLENTRY>"
        "</ENTRIES></GLBATCH></create>"
    )
    stamp = fns.update(("X", {"WHEN": datetime(2024, 3, 1, 13, 5, 9), "EMPTY": None}))
    assert inner(stamp) == "<update><X><WHEN>03/01/2024 13:05:09</WHEN><EMPTY/></X></update>"
    with pytest.raises(TypeError):
        fns.create("VENDOR")


def test_filter_builder_writes_the_query_filter_xml():
    function = fns.query(
        "VENDOR",
        ["VENDORID", f.count("RECORDNO")],
        [f.eq("STATUS", "active"), f.or_(f.in_("VENDORID", ["A", "B"]), f.isnull("TERMNAME"))],
        orderby="-NAME",
        pagesize=10,
    )
    assert inner(function) == (
        "<query><select><field>VENDORID</field><count>RECORDNO</count></select><object>VENDOR</object>"
        "<filter><and><equalto><field>STATUS</field><value>active</value></equalto>"
        "<or><in><field>VENDORID</field><value>A</value><value>B</value></in><isnull><field>TERMNAME</field></isnull>"
        "</or></and></filter><orderby><order><field>NAME</field><descending/></order></orderby>"
        "<pagesize>10</pagesize></query>"
    )
    assert inner(fns.inspect("VENDOR", detail=True)) == '<inspect detail="1"><object>VENDOR</object></inspect>'
    with pytest.raises(ValueError):
        f.and_(f.eq("A", 1))
    with pytest.raises(ValueError):
        f.in_("A", [])
    with pytest.raises(ValueError):
        fns.query("VENDOR", [])
    with pytest.raises(ValueError):
        fns.read_by_query("VENDOR", pagesize=1001)


# --- response parsing -------------------------------------------------------------------------------


def envelope(operation: str) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status>'
        "<senderid>mocksender</senderid><controlid>req-1</controlid><uniqueid>false</uniqueid>"
        f"<dtdversion>3.0</dtdversion></control><operation>{operation}</operation></response>"
    ).encode()


AUTH_OK = (
    "<authentication><status>success</status><userid>u</userid><companyid>C</companyid>"
    "<locationid></locationid><sessiontimestamp>2024-01-01T00:00:00+00:00</sessiontimestamp>"
    "<sessiontimeout>2024-01-01T02:00:00+00:00</sessiontimeout></authentication>"
)


def test_success_is_parsed_into_results_with_records_as_dicts():
    response = parse_response(
        envelope(
            AUTH_OK + "<result><status>success</status><function>readByQuery</function><controlid>f-1</controlid>"
            '<data listtype="vendor" count="2" totalcount="35" numremaining="33" resultId="7765X">'
            "<vendor><RECORDNO>1</RECORDNO><NAME>A</NAME><DISPLAYCONTACT><EMAIL1>a@x</EMAIL1>"
            "<MAILADDRESS><CITY>Austin</CITY></MAILADDRESS></DISPLAYCONTACT><EMPTY/></vendor>"
            "<vendor><RECORDNO>2</RECORDNO><NAME>B</NAME><DISPLAYCONTACT/></vendor></data></result>"
            "<result><status>success</status><function>read</function><controlid>f-2</controlid>"
            '<data listtype="GLBATCH" count="1"><GLBATCH><RECORDNO>9</RECORDNO><ENTRIES>'
            "<GLENTRY><LINE_NO>1</LINE_NO></GLENTRY><GLENTRY><LINE_NO>2</LINE_NO></GLENTRY></ENTRIES></GLBATCH></data>"
            "</result>"
            "<result><status>success</status><function>create_class</function><controlid>f-3</controlid>"
            "<key>C1234</key></result>"
            "<result><status>success</status><function>inspect</function><controlid>f-4</controlid>"
            '<data listtype="All" count="1"><Type Name="VENDOR"><Fields><Field>RECORDNO</Field><Field>NAME</Field>'
            "</Fields></Type></data></result>"
        )
    )
    assert response.authentication.sessiontimeout == "2024-01-01T02:00:00+00:00"
    page, glbatch, key, inspect = response.results
    assert (page.function, page.controlid, page.status, page.ok) == ("readByQuery", "f-1", "success", True)
    assert (page.listtype, page.count, page.total_count, page.num_remaining, page.result_id, page.offset) == (
        "vendor",
        2,
        35,
        33,
        "7765X",
        None,
    )
    assert page.records == [
        {
            "RECORDNO": "1",
            "NAME": "A",
            "DISPLAYCONTACT": {"EMAIL1": "a@x", "MAILADDRESS": {"CITY": "Austin"}},
            "EMPTY": "",
        },
        {"RECORDNO": "2", "NAME": "B", "DISPLAYCONTACT": ""},
    ]
    assert glbatch.records[0]["ENTRIES"] == {"GLENTRY": [{"LINE_NO": "1"}, {"LINE_NO": "2"}]}
    assert as_list({"LINE_NO": "1"}) == [{"LINE_NO": "1"}] and as_list(None) == []
    assert (key.key, key.records) == ("C1234", [])
    assert inspect.records == [{"@Name": "VENDOR", "Fields": {"Field": ["RECORDNO", "NAME"]}}]


def test_query_data_attributes_are_parsed():
    result = parse_response(
        envelope(
            AUTH_OK + "<result><status>success</status><function>query</function><controlid>q</controlid>"
            '<data listtype="VENDOR" totalcount="25" offset="10" count="10" numremaining="5"><VENDOR>'
            "<VENDORID>V</VENDORID><COUNT.RECORDNO>3</COUNT.RECORDNO></VENDOR></data></result>"
        )
    ).results[0]
    assert (result.total_count, result.offset, result.count, result.num_remaining, result.result_id) == (
        25,
        10,
        10,
        5,
        None,
    )
    assert result.records == [{"VENDORID": "V", "COUNT.RECORDNO": "3"}]


def test_control_failure_raises_control_error_with_every_error():
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?><response><control><status>failure</status><senderid>x</senderid>'
        b"<controlid>r</controlid><uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control>"
        b"<errormessage><error><errorno>XL03000006</errorno><description></description>"
        b"<description2>Incorrect Intacct XML Partner ID or password.</description2><correction></correction>"
        b"</error></errormessage></response>"
    )
    with pytest.raises(ControlError) as raised:
        parse_response(body)
    error = raised.value
    assert (error.level, error.errorno, error.http_status) == ("control", "XL03000006", 200)
    assert error.errors[0].description2 == "Incorrect Intacct XML Partner ID or password."
    assert error.errors[0].description == "" and "Partner ID" in str(error)


def test_http_401_sign_in_failure_is_a_control_error_with_its_status():
    body = (
        b'<?xml version="1.0" encoding="UTF-8"?><response><control><status>failure</status></control>'
        b"<errormessage><error><errorno>XMLGW_JPP0002</errorno><description>Sign-in information is incorrect. "
        b"Please check your request.</description></error></errormessage></response>"
    )
    with pytest.raises(ControlError) as raised:
        parse_response(body, 401)
    assert (raised.value.level, raised.value.http_status, raised.value.errorno) == ("control", 401, "XMLGW_JPP0002")
    assert raised.value.errors[0].description2 is None  # absent, not empty


def test_authentication_failure_raises_and_recognises_an_invalid_session():
    body = envelope(
        "<authentication><status>failure</status><userid></userid><companyid></companyid>"
        "</authentication><errormessage><error><errorno>XL03000006</errorno><description></description>"
        "<description2>Invalid session</description2><correction></correction></error></errormessage>"
    )
    with pytest.raises(AuthenticationError) as raised:
        parse_response(body)
    assert raised.value.level == "authentication" and raised.value.errorno == "XL03000006"
    assert raised.value.invalid_session


def test_result_failure_keeps_several_errors_and_aborted_results_too():
    response = parse_response(
        envelope(
            AUTH_OK + "<result><status>aborted</status><function>create</function><controlid>a</controlid>"
            "<errormessage><error><errorno>XL03000009</errorno><description></description><description2>The entire "
            "transaction in this operation has been rolled back due to an error.</description2><correction></correction>"
            "</error></errormessage></result>"
            "<result><status>failure</status><function>create</function><controlid>b</controlid>"
            '<data listtype="objects" count="0"/><errormessage>'
            "<error><errorno>BL34000061</errorno><description></description><description2>Another Vendor with the given "
            "value(s) V1  already exists</description2><correction>Use a unique value instead.</correction></error>"
            "<error><errorno>BL01001973</errorno><description></description><description2>Could not create vendor "
            "record!</description2><correction></correction></error>"
            "<error><errorno>XL03000009</errorno><description></description><description2>rolled back</description2>"
            "<correction></correction></error></errormessage></result>"
        )
    )
    aborted, failed = response.results
    assert aborted.status == "aborted" and [e.errorno for e in aborted.errors] == ["XL03000009"]
    assert [e.errorno for e in failed.errors] == ["BL34000061", "BL01001973", "XL03000009"]
    assert failed.errors[0].correction == "Use a unique value instead." and failed.count == 0
    for result in (aborted, failed):
        with pytest.raises(ResultError) as raised:
            result.raise_for_status()
        assert (raised.value.level, raised.value.status, raised.value.result) == ("result", result.status, result)
        assert raised.value.errors == result.errors


@pytest.mark.parametrize("body", [b"", b"<html>Bad gateway</html>", b"<response><control><stat"])
def test_a_body_that_is_not_an_intacct_response_is_a_transport_error(body):
    with pytest.raises(TransportError):
        parse_response(body)


# --- retry policy -----------------------------------------------------------------------------------


def test_backoff_doubles_up_to_the_cap_and_retry_after_replaces_it():
    policy = RetryPolicy(base_delay=1, max_delay=5, jitter=False)
    assert [policy.delay(n) for n in range(5)] == [1, 2, 4, 5, 5]
    assert policy.delay(0, retry_after=3) == 3 and RetryPolicy(max_retry_after=10).delay(0, 60) == 10
    assert all(0.5 <= RetryPolicy(base_delay=1).delay(0) <= 1 for _ in range(20))
    assert parse_retry_after("2") == 2 and parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past
    assert parse_retry_after("soon") is None


def test_only_read_only_requests_or_uniqueid_with_own_controlids_are_safe_to_repeat():
    assert safe_to_repeat([fns.read("VENDOR"), fns.query("VENDOR", "RECORDNO"), fns.get_api_session()], False)
    assert not safe_to_repeat([fns.read("VENDOR"), fns.create(("VENDOR", {}))], False)
    assert not safe_to_repeat([fns.create(("VENDOR", {}))], True)  # uuid4 made up by the client
    assert not safe_to_repeat([fns.create(("VENDOR", {}), controlid="mine")], False)
    assert safe_to_repeat([fns.create(("VENDOR", {}), controlid="mine"), fns.read("VENDOR")], True)


# --- against the mock -------------------------------------------------------------------------------


class Sleeps(list):
    """A RetryPolicy.sleep that only records the waits."""

    async def __call__(self, seconds: float) -> None:
        self.append(seconds)


@pytest.fixture
def company(gateway):
    gateway.state.create_company(bare_company(COMPANY))
    return COMPANY


@pytest.fixture
def sleeps():
    return Sleeps()


@pytest.fixture
async def client(gateway, company, sleeps):
    async with IntacctClient(
        login_credentials(endpoint_url=gateway.endpoint),
        retry=RetryPolicy(base_delay=0.001, max_delay=0.001, sleep=sleeps),
    ) as client:
        yield client


def vendor(vendorid: str, name: str | None = None, **fields) -> tuple[str, dict]:
    return ("VENDOR", {"VENDORID": vendorid, "NAME": name or f"Vendor {vendorid}", **fields})


async def test_login_authentication_and_get_api_session(client):
    result = await client.get_api_session()
    api = result.records[0]
    assert api["sessionid"].endswith("..") and api["locationid"] == ""
    assert client.session is None  # the raw call does not switch
    assert (await client.read("VENDOR")).count == 0


async def test_open_session_switches_to_the_returned_session_id_and_endpoint(gateway, company, sleeps):
    """Sign in through a front door at another address; the session then goes where getAPISession says."""
    hits = []

    async def front_door(request: web.Request) -> web.Response:
        hits.append(request.path)
        async with gateway.http.post(
            gateway.endpoint, data=await request.read(), headers={"Content-Type": "application/xml"}
        ) as reply:
            return web.Response(body=await reply.read(), status=reply.status, content_type="text/xml")

    app = web.Application()
    app.router.add_post("/ia/xml/xmlgw.phtml", front_door)
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        front = str(server.make_url("/ia/xml/xmlgw.phtml"))
        async with IntacctClient(login_credentials(endpoint_url=front)) as client:
            session = await client.open_session(entity_id="E100")
            assert client.endpoint == session.endpoint == gateway.endpoint != front
            assert client.credentials.session_id == session.session_id and session.session_id.endswith("..")
            assert (session.location_id, session.company_id, session.user_id) == ("E100", COMPANY, USER_ID)
            assert session.session_id not in repr(session) + repr(client)
            await client.create(vendor("E1V"))
            assert (await client.read_by_name("VENDOR", "E1V")).records[0]["MEGAENTITYID"] == "E100"
            assert hits == ["/ia/xml/xmlgw.phtml"]  # only getAPISession went through the front door
    finally:
        await server.close()


async def test_create_read_update_delete_a_vendor(client):
    await client.open_session()
    created = await client.create(vendor("V100", "Acme Supply", DISPLAYCONTACT={"EMAIL1": "ap@acme.example"}))
    assert created.count == 1 and created.records[0]["VENDORID"] == "V100"
    recordno = created.records[0]["RECORDNO"]
    read = await client.read("VENDOR", recordno)
    record = read.records[0]
    assert (read.listtype, read.count, record["NAME"]) == ("VENDOR", 1, "Acme Supply")
    assert record["DISPLAYCONTACT"]["EMAIL1"] == "ap@acme.example"
    await client.update(
        ("VENDOR", {"RECORDNO": recordno, "NAME": "Acme Renamed", "DISPLAYCONTACT": {"EMAIL1": "new@acme.example"}})
    )
    renamed = (await client.read_by_name("VENDOR", "V100", ["RECORDNO", "NAME"])).records
    assert renamed == [{"RECORDNO": recordno, "NAME": "Acme Renamed"}]
    assert (await client.read("VENDOR", recordno)).records[0]["DISPLAYCONTACT"]["EMAIL1"] == "new@acme.example"
    deleted = await client.delete("VENDOR", recordno)
    assert deleted.status == "success"
    assert (await client.read("VENDOR", recordno)).count == 0


async def create_vendors(client: IntacctClient, count: int) -> list[str]:
    ids = [f"PG{n:03d}" for n in range(count)]
    result = await client.create([vendor(v) for v in ids])
    assert result.count == count
    return ids


async def test_iter_read_by_query_pages_with_read_more_and_yields_each_record_once(gateway, client):
    ids = await create_vendors(client, 25)
    seen = [r["VENDORID"] async for r in client.iter_read_by_query("VENDOR", "VENDORID LIKE 'PG%'", pagesize=10)]
    assert sorted(seen) == ids and len(seen) == len(set(seen)) == 25
    assert len(gateway.state.journal.find(company=COMPANY, function="readMore")) == 2  # pages 2 and 3


async def test_execute_returns_one_result_per_function_in_order_without_raising(client):
    results = await client.execute(
        [
            fns.create(vendor("B1"), controlid="one"),
            fns.create(vendor("B1"), controlid="two"),
            fns.read_by_name("VENDOR", "B1", controlid="three"),
        ]
    )
    assert [(r.controlid, r.status) for r in results] == [("one", "success"), ("two", "failure"), ("three", "success")]
    assert results[1].errors[0].errorno == "BL34000061"
    with pytest.raises(ResultError) as raised:
        await client.execute([fns.create(vendor("B1"))], raise_on_failure=True)
    assert raised.value.errorno == "BL34000061"
    rolled = await client.execute([fns.create(vendor("B2")), fns.create(vendor("B1"))], transaction=True)
    assert [r.status for r in rolled] == ["aborted", "failure"]
    assert (await client.read_by_name("VENDOR", "B2")).count == 0


async def test_wrong_sender_password_is_a_control_error(gateway, company):
    credentials = login_credentials(endpoint_url=gateway.endpoint, sender_password="wrong")
    async with IntacctClient(credentials) as client:
        with pytest.raises(ControlError) as raised:
            await client.read("VENDOR")
    assert (raised.value.errorno, raised.value.level, raised.value.http_status) == ("XL03000006", "control", 200)
    assert raised.value.errors[0].description2 == "Incorrect Intacct XML Partner ID or password."


async def test_wrong_user_password_is_the_401_sign_in_failure(gateway, company):
    async with IntacctClient(login_credentials(endpoint_url=gateway.endpoint, user_password="wrong")) as client:
        with pytest.raises(ControlError) as raised:
            await client.open_session()
    assert (raised.value.errorno, raised.value.level, raised.value.http_status) == ("XMLGW_JPP0002", "control", 401)
    assert raised.value.errors[0].description == "Sign-in information is incorrect. Please check your request."


async def test_unknown_object_is_a_result_error(client):
    with pytest.raises(ResultError) as raised:
        await client.read("NOSUCHOBJECT", 1)
    error = raised.value
    assert (error.level, error.function, error.status, error.errorno) == ("result", "read", "failure", "XL03000009")
    assert error.errors[0].description2 == "Object definition NOSUCHOBJECT not found"
    with pytest.raises(ResultError) as raised:
        await client.read_by_query("NOSUCHOBJECT")
    assert raised.value.errorno == "Query Failed"


async def test_read_only_call_is_retried_through_injected_503s(gateway, client, sleeps):
    await client.create(vendor("R1"))
    status, _ = await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "http", "status": 503}, "times": 2})
    assert status in (200, 201)
    result = await client.read_by_name("VENDOR", "R1")
    assert result.records[0]["VENDORID"] == "R1"
    assert len(sleeps) == 2


async def test_a_create_is_not_retried_and_raises_transport_error(gateway, client, sleeps):
    await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "http", "status": 503}, "times": 2})
    with pytest.raises(TransportError) as raised:
        await client.create(vendor("NR1"))
    assert (raised.value.http_status, raised.value.attempts, raised.value.level) == (503, 1, "transport")
    assert sleeps == []
    _, faults = await gateway.admin("GET", "/__mock__/faults")
    assert [rule["times"] for rule in faults["faults"]] == [1]  # one request was made, not more
    assert gateway.state.journal.find(company=COMPANY, function="create") == []  # the fault came first


async def test_a_create_with_uniqueid_and_own_controlid_is_retried_and_never_runs_twice(gateway, client, sleeps):
    """The first attempt runs, then its answer is lost (502 after the write): the retry is refused
    as a duplicate controlid, which is how the caller learns the write is done."""
    await gateway.admin(
        "POST", "/__mock__/faults", {"action": {"type": "http", "status": 502, "after": True}, "times": 1}
    )
    with pytest.raises(ResultError) as raised:
        await client.create(vendor("U1"), controlid="guid-u1", uniqueid=True)
    assert raised.value.errorno == "XL03000004" and len(sleeps) == 1
    assert (await client.read_by_name("VENDOR", "U1")).count == 1
    # With the company set to answer replays with the original result, the retry simply succeeds.
    await gateway.admin("PATCH", f"/__mock__/companies/{COMPANY}", {"uniqueid_replay": "replay"})
    await gateway.admin(
        "POST", "/__mock__/faults", {"action": {"type": "http", "status": 502, "after": True}, "times": 1}
    )
    result = await client.create(vendor("U2"), controlid="guid-u2", uniqueid=True)
    assert result.records[0]["VENDORID"] == "U2" and len(sleeps) == 2
    assert (await client.read_by_name("VENDOR", "U2")).count == 1


async def test_dropped_connections_are_retried_for_reads_and_retries_give_up(gateway, client, sleeps):
    await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "drop"}, "times": 1})
    assert (await client.read("VENDOR")).ok and len(sleeps) == 1
    await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "http", "status": 500}})
    with pytest.raises(TransportError) as raised:
        await client.read("VENDOR")
    assert raised.value.attempts == 6 and raised.value.http_status == 500  # 1 + max_retries


async def test_429_waits_for_retry_after(gateway, client, sleeps):
    await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "rate_limit"}, "times": 1})
    assert (await client.read("VENDOR")).ok
    assert sleeps == [1.0]  # the mock's Retry-After: 1, not the 1 ms backoff


async def test_429_on_a_create_raises_with_the_gateway_error(gateway, client, sleeps):
    await gateway.admin("POST", "/__mock__/faults", {"action": {"type": "rate_limit"}, "times": 1})
    with pytest.raises(TransportError) as raised:
        await client.create(vendor("RL1"))
    assert (raised.value.http_status, raised.value.retry_after, raised.value.errorno) == (429, 1.0, "GW-0010")


async def test_an_expired_session_is_reopened_once_and_the_call_retried(gateway, client):
    first = await client.open_session()
    await client.create(vendor("S1"))
    status, _ = await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 8000})
    assert status == 200
    assert (await client.read_by_name("VENDOR", "S1")).count == 1
    assert client.session.session_id != first.session_id
    assert client.credentials.session_id == client.session.session_id
    # Several calls finding the session expired at once open one new session between them.
    await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 8000})
    results = await asyncio.gather(*(client.read_by_name("VENDOR", "S1") for _ in range(4)))
    assert [r.count for r in results] == [1, 1, 1, 1]
    assert len(gateway.state.journal.find(company=COMPANY, function="getAPISession")) == 3


async def test_an_expired_session_without_login_credentials_raises(gateway, company):
    async with IntacctClient(login_credentials(endpoint_url=gateway.endpoint)) as opener:
        session = await opener.open_session()
    credentials = Credentials(SENDER_ID, SENDER_PASSWORD, session_id=session.session_id, endpoint_url=session.endpoint)
    async with IntacctClient(credentials) as client:
        assert (await client.read("VENDOR")).ok
        await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 8000})
        with pytest.raises(AuthenticationError) as raised:
            await client.read("VENDOR")
    assert raised.value.invalid_session and raised.value.errorno == "XL03000006"


async def test_client_reads_credentials_from_the_environment(gateway, company, monkeypatch):
    for name, value in {
        "INTACCT_ENDPOINT_URL": gateway.endpoint,
        "INTACCT_SENDER_ID": SENDER_ID,
        "INTACCT_SENDER_PASSWORD": SENDER_PASSWORD,
        "INTACCT_COMPANY_ID": COMPANY,
        "INTACCT_USER_ID": USER_ID,
        "INTACCT_USER_PASSWORD": USER_PASSWORD,
        "INTACCT_ENTITY_ID": "E200",
    }.items():
        monkeypatch.setenv(name, value)
    async with IntacctClient() as client:
        assert (await client.open_session()).location_id == "E200"


# --- query (the mock's query function) ---------------------------------------------------------------


async def test_query_filters_selects_and_orders(client):
    await client.create(
        [vendor("Q1", "Alpha", CREDITLIMIT=100), vendor("Q2", "Beta", CREDITLIMIT=500), vendor("Q3", "Gamma")]
    )
    result = await client.query(
        "VENDOR",
        ["VENDORID", "NAME"],
        f.or_(f.ge("CREDITLIMIT", 200), f.isnull("CREDITLIMIT")),
        orderby=("NAME", "desc"),
    )
    assert (result.listtype, result.total_count, result.num_remaining) == ("VENDOR", 2, 0)
    assert result.records == [{"VENDORID": "Q3", "NAME": "Gamma"}, {"VENDORID": "Q2", "NAME": "Beta"}]
    upper = await client.query("VENDOR", "VENDORID", f.eq("NAME", "ALPHA"), case_insensitive=True)
    assert upper.records == [{"VENDORID": "Q1"}]
    counted = await client.query("VENDOR", f.count("RECORDNO"), f.in_("VENDORID", ["Q1", "Q2", "NONE"]))
    assert counted.records == [{"COUNT.RECORDNO": "2"}]


async def test_iter_query_pages_by_offset_and_yields_each_row_once(gateway, client):
    ids = await create_vendors(client, 25)
    seen = [
        r["VENDORID"]
        async for r in client.iter_query(
            "VENDOR", ["VENDORID"], f.like("VENDORID", "PG%"), orderby="VENDORID", pagesize=10
        )
    ]
    assert seen == ids
    assert len(gateway.state.journal.find(company=COMPANY, function="query")) == 3
