"""The contract suite checks every answer of its target against schemas/response.xsd (xmlschema),
and an answer that breaks it fails the call with the path of the offending element."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from aiohttp import web
from aiointacct import Credentials, RetryPolicy, TransportError

from contract_tests import envelopes
from contract_tests.envelopes import EnvelopeViolation, TargetClient

ROOT = Path(__file__).resolve().parent.parent

VALID = (
    b'<?xml version="1.0" encoding="UTF-8"?><response><control><status>success</status>'
    b"<senderid>mocksender</senderid><controlid>c</controlid><uniqueid>false</uniqueid>"
    b"<dtdversion>3.0</dtdversion></control><operation><authentication><status>success</status>"
    b"<userid>workato_isu</userid><companyid>MOCKCO</companyid></authentication><result>"
    b"<status>success</status><function>inspect</function><controlid>f</controlid>"
    b'<data listtype="All" count="1"><type typename="VENDOR">Vendor</type></data></result></operation></response>'
)


def credentials(endpoint: str) -> Credentials:
    return Credentials(
        sender_id="mocksender",
        sender_password="mocksenderpw",
        company_id="MOCKCO",
        user_id="workato_isu",
        user_password="mockuserpw",
        endpoint_url=endpoint,
    )


async def gateway_answering(aiohttp_server, body: bytes, status: int = 200, content_type: str = "application/xml"):
    async def answer(request: web.Request) -> web.Response:
        await request.read()
        return web.Response(body=body, status=status, content_type=content_type)

    app = web.Application()
    app.router.add_post("/ia/xml/xmlgw.phtml", answer)
    server = await aiohttp_server(app)
    return str(server.make_url("/ia/xml/xmlgw.phtml"))


async def test_the_mocks_answers_pass_the_check(intacct_mock):
    async with TargetClient(credentials(intacct_mock.endpoint)) as client:
        result = await client.inspect("*")
        session = await client.open_session()
    assert result.ok and session.session_id


async def test_an_answer_that_breaks_the_schema_fails_with_the_path_of_the_violation(aiohttp_server):
    broken = VALID.replace(b"<status>success</status><function>", b"<status>fine</status><function>")
    endpoint = await gateway_answering(aiohttp_server, broken)
    async with TargetClient(credentials(endpoint)) as client:
        with pytest.raises(EnvelopeViolation) as violation:
            await client.inspect("*")
    message = str(violation.value)
    assert "breaks schemas/response.xsd" in message and "HTTP 200" in message
    assert "/response/operation/result/status: value must be one of ['success', 'failure', 'aborted']" in message
    assert message in envelopes.VIOLATIONS  # listed again in the run's summary


async def test_a_missing_element_is_named_by_its_place(aiohttp_server):
    endpoint = await gateway_answering(aiohttp_server, VALID.replace(b"<controlid>c</controlid>", b""))
    async with TargetClient(credentials(endpoint)) as client:
        with pytest.raises(EnvelopeViolation, match=r"/response/control: .*'controlid' expected"):
            await client.inspect("*")


async def test_the_same_answer_valid_passes(aiohttp_server):
    """The check can pass: the unbroken answer is accepted, so the failures above are the schema's."""
    endpoint = await gateway_answering(aiohttp_server, VALID)
    async with TargetClient(credentials(endpoint)) as client:
        result = await client.inspect("*")
    assert result.ok


async def test_an_answer_that_is_not_xml_is_left_to_the_client(aiohttp_server):
    endpoint = await gateway_answering(aiohttp_server, b"<html>Bad Gateway</html>", 502, "text/html")
    async with TargetClient(credentials(endpoint), retry=RetryPolicy(max_retries=0)) as client:
        with pytest.raises(TransportError, match="HTTP 502"):
            await client.inspect("*")


def test_the_schema_is_found_in_the_checkout_without_importing_the_mock():
    """The suite also runs against a real gateway: finding and compiling the schema imports no mockserver."""
    probe = (
        "import sys; from contract_tests import envelopes; envelopes.response_schema(); "
        "print(envelopes.response_schema_path()); print(sorted(m for m in sys.modules if m.startswith('mockserver')))"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True, check=True)
    path, imported = done.stdout.splitlines()
    assert Path(path) == ROOT / "schemas" / "response.xsd"
    assert imported == "[]"
