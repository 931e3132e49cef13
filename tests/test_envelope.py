"""The HTTP transport and the request envelope: body styles, parse and schema failures, hostile XML."""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from .gateway import request_xml

GET_SESSION = '<function controlid="s-1"><getAPISession/></function>'


@pytest.mark.parametrize(
    "content_type",
    [
        "application/xml",
        "text/xml",
        "x-intacct-xml-request",
        "application/octet-stream",
        "application/x-www-form-urlencoded",
    ],
)
async def test_raw_xml_body_is_accepted_under_any_content_type(gateway, content_type):
    answer = await gateway.post(request_xml(GET_SESSION), content_type)
    assert answer.control_status == "success"
    assert answer.results()[0].findtext("status") == "success"


async def test_form_encoded_xmlrequest_field_is_accepted(gateway):
    body = urlencode({"xmlrequest": request_xml(GET_SESSION).decode()})
    answer = await gateway.post(body, "application/x-www-form-urlencoded")
    assert answer.control_status == "success"
    assert answer.results()[0].findtext("status") == "success"


async def test_get_answers_405_with_an_xml_error(gateway):
    async with gateway.http.get(gateway.endpoint) as reply:
        assert reply.status == 405
        assert reply.headers["Allow"] == "POST"
        assert b"<errorno>GW-0011</errorno>" in await reply.read()


async def test_malformed_xml_is_a_control_failure_with_line_and_column(gateway):
    body = (
        request_xml(GET_SESSION).decode().replace("</getAPISession>", "").replace("<getAPISession/>", "<getAPISession>")
    )
    answer = await gateway.post(body)
    assert answer.status == 200
    assert answer.control_status == "failure"
    errors = answer.errors()
    assert errors and all(e["errorno"] == "XL03000003" for e in errors)
    first = errors[0]["description2"]
    assert first.startswith("XML Parse schema error: Fatal Error 76: Opening and ending tag mismatch")
    assert "Line: 1, column:" in first
    # The control values are echoed even though the document did not parse.
    assert answer.text("control/senderid") == "mocksender"
    assert answer.text("control/controlid") == "req-1"


async def test_schema_violation_is_a_control_failure_with_the_validator_message(gateway):
    body = request_xml(GET_SESSION).decode().replace("<controlid>req-1</controlid>", "")
    answer = await gateway.post(body)
    assert answer.control_status == "failure"
    [error] = answer.errors()
    assert error["errorno"] == "XL03000003"
    assert "Element 'uniqueid': This element is not expected. Expected is ( controlid )" in error["description2"]


async def test_unknown_function_name_breaks_the_schema(gateway):
    answer = await gateway.call('<function controlid="f"><makeCoffee/></function>')
    assert answer.control_status == "failure"
    assert "Element 'makeCoffee': This element is not expected" in answer.errors()[0]["description2"]


async def test_known_function_the_mock_does_not_emulate_fails_only_its_result(gateway):
    answer = await gateway.call('<function controlid="a"><get_trialbalance/></function>' + GET_SESSION)
    first, second = answer.results()
    assert first.findtext("status") == "failure"
    assert first.findtext("function") == "get_trialbalance"
    assert first.findtext("controlid") == "a"
    assert "get_trialbalance" in first.findtext("errormessage/error/description2")
    assert second.findtext("status") == "success"


async def test_function_without_controlid_breaks_the_schema(gateway):
    answer = await gateway.call("<function><getAPISession/></function>")
    assert answer.control_status == "failure"
    assert "controlid" in answer.errors()[0]["description2"]


@pytest.mark.parametrize(
    "document",
    [
        b"",
        b"   ",
        b"not xml at all",
        b'{"request": "json"}',
        b"<request>",
        b"\xff\xfe\xfa invalid utf-8 <request/>",
    ],
)
async def test_unparseable_bodies_get_xl03000003(gateway, document):
    answer = await gateway.post(document)
    assert answer.status == 200
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "XL03000003"


async def test_external_entities_are_never_resolved(gateway):
    body = b'<?xml version="1.0"?><!DOCTYPE request [<!ENTITY x SYSTEM "file:///etc/passwd">]>' + request_xml(
        GET_SESSION
    ).split(b"?>", 1)[1].replace(b"req-1", b"&x;")
    answer = await gateway.post(body)
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "XL03000003"
    assert b"root:" not in answer.root.findtext(".//description2").encode()


async def test_billion_laughs_is_refused_quickly(gateway):
    entities = '<!ENTITY a0 "lol">' + "".join(
        f'<!ENTITY a{i} "{("&a" + str(i - 1) + ";") * 10}">' for i in range(1, 10)
    )
    body = f'<?xml version="1.0"?><!DOCTYPE request [{entities}]><request>&a9;</request>'
    answer = await gateway.post(body)
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "XL03000003"


async def test_deeply_nested_document_is_refused(gateway):
    body = "<request>" + "<a>" * 100_000 + "</a>" * 100_000 + "</request>"
    answer = await gateway.post(body)
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "XL03000003"


async def test_body_over_the_size_limit_answers_413_with_an_xml_error(gateway):
    limit = gateway.state.settings.max_body_bytes
    body = request_xml(GET_SESSION).replace(b"req-1", b"x" * (limit + 10))
    answer = await gateway.post(body)
    assert answer.status == 413
    assert answer.errors()[0]["errorno"] == "GW-0011"
    # ... and the server goes on serving.
    assert (await gateway.call(GET_SESSION)).control_status == "success"


async def test_utf16_body_with_a_byte_order_mark_is_understood(gateway):
    body = request_xml(GET_SESSION).decode().replace('encoding="UTF-8"', 'encoding="UTF-16"')
    answer = await gateway.post(body.encode("utf-16"))
    assert answer.control_status == "success"


async def test_includewhitespace_true_pretty_prints_the_same_answer(gateway):
    compact = await gateway.call(GET_SESSION, includewhitespace="false")
    pretty = await gateway.call(GET_SESSION, includewhitespace="true")
    assert pretty.text("operation/result/status") == compact.text("operation/result/status") == "success"
    async with gateway.http.post(gateway.endpoint, data=request_xml(GET_SESSION, includewhitespace="true")) as r:
        assert b"\n    <control>" in await r.read()
    async with gateway.http.post(gateway.endpoint, data=request_xml(GET_SESSION)) as r:
        assert b"\n" not in (await r.read()).split(b"?>", 1)[1].strip()


async def test_special_characters_in_controlids_are_escaped_in_the_echo(gateway):
    answer = await gateway.call(GET_SESSION, controlid="a<b & 'c'")
    assert answer.text("control/controlid") == "a<b & 'c'"


async def test_health_is_ready_once_fixtures_are_loaded(gateway):
    status, body = await gateway.admin("GET", "/__mock__/health")
    assert status == 200
    assert body["status"] == "ready"
    assert "MOCKCO" in body["companies"]
