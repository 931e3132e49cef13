"""Helpers that build gateway requests and read responses, validating every response against
schemas/response.xsd so no test can pass on a malformed envelope."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from xml.sax.saxutils import escape

from aiohttp import ClientSession
from lxml import etree

from mockserver.settings import GATEWAY_PATH
from mockserver.state import MockState

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
SENDER = ("mocksender", "mocksenderpw")
LOGIN = ("workato_isu", "MOCKCO", "mockuserpw")


@cache
def response_schema() -> etree.XMLSchema:
    return etree.XMLSchema(etree.parse(str(SCHEMAS / "response.xsd")))


def login_xml(userid=LOGIN[0], companyid=LOGIN[1], password=LOGIN[2], locationid: str | None = None) -> str:
    location = "" if locationid is None else f"<locationid>{escape(locationid)}</locationid>"
    return (
        f"<login><userid>{escape(userid)}</userid><companyid>{escape(companyid)}</companyid>"
        f"<password>{escape(password)}</password>{location}</login>"
    )


def session_xml(sessionid: str) -> str:
    return f"<sessionid>{escape(sessionid)}</sessionid>"


def request_xml(
    functions: str = '<function controlid="f-1"><getAPISession/></function>',
    *,
    sender: tuple[str, str] = SENDER,
    authentication: str | None = None,
    uniqueid: str = "false",
    transaction: bool = False,
    controlid: str = "req-1",
    includewhitespace: str = "false",
) -> bytes:
    authentication = authentication if authentication is not None else login_xml()
    return (
        f'<?xml version="1.0" encoding="UTF-8"?><request><control>'
        f"<senderid>{escape(sender[0])}</senderid><password>{escape(sender[1])}</password>"
        f"<controlid>{escape(controlid)}</controlid><uniqueid>{uniqueid}</uniqueid>"
        f"<dtdversion>3.0</dtdversion><includewhitespace>{includewhitespace}</includewhitespace></control>"
        f'<operation transaction="{str(transaction).lower()}"><authentication>{authentication}</authentication>'
        f"<content>{functions}</content></operation></request>"
    ).encode()


@dataclass
class Answer:
    """An HTTP answer from the gateway, parsed and checked against the response schema."""

    status: int
    headers: dict
    root: etree._Element

    def text(self, path: str) -> str | None:
        return self.root.findtext(path)

    @property
    def control_status(self) -> str | None:
        return self.text("control/status")

    @property
    def authentication_status(self) -> str | None:
        return self.text("operation/authentication/status")

    def errors(self, where: str = ".") -> list[dict[str, str | None]]:
        """Every <error> under `where` (e.g. "operation/result"), as dicts."""
        base = self.root.find(where)
        return [{child.tag: child.text for child in error} for error in base.iterfind(".//errormessage/error")]

    def results(self) -> list[etree._Element]:
        return self.root.findall("operation/result")


@dataclass
class GatewayClient:
    http: ClientSession
    base_url: str
    state: MockState

    @property
    def endpoint(self) -> str:
        return self.base_url + GATEWAY_PATH

    async def post(self, body: bytes | str, content_type: str = "application/xml") -> Answer:
        async with self.http.post(self.endpoint, data=body, headers={"Content-Type": content_type}) as reply:
            payload = await reply.read()
            root = etree.fromstring(payload)
            schema = response_schema()
            assert schema.validate(root), f"response breaks response.xsd: {schema.error_log}\n{payload.decode()}"
            return Answer(reply.status, dict(reply.headers), root)

    async def call(self, functions: str, **kwargs) -> Answer:
        return await self.post(request_xml(functions, **kwargs))

    async def open_session(self, locationid: str | None = None, **login) -> str:
        answer = await self.call(
            '<function controlid="s"><getAPISession/></function>',
            authentication=login_xml(locationid=locationid, **login),
        )
        assert answer.text("operation/result/status") == "success", answer.errors("operation")
        return answer.text("operation/result/data/api/sessionid")

    async def admin(self, method: str, path: str, json=None) -> tuple[int, dict]:
        async with self.http.request(method, self.base_url + path, json=json) as reply:
            return reply.status, await reply.json()


def bare_company(companyid: str, **settings) -> dict:
    """A company fixture with no records: MOCKCO's entities, sender and full-access user."""
    return {
        "companyid": companyid,
        "name": f"{companyid} test company",
        "entities": [{"locationid": "E100", "name": "Mock East"}, {"locationid": "E200", "name": "Mock West"}],
        "senders": {"mocksender": "active"},
        "users": [{"userid": "workato_isu", "password": "mockuserpw", "admin": "full"}],
        **settings,
    }


def function(name: str, body: str = "", controlid: str = "f") -> str:
    return f'<function controlid="{escape(controlid)}"><{name}>{body}</{name}></function>'


def vendor_xml(vendorid: str, name: str | None = None, **fields: str) -> str:
    extra = "".join(f"<{k}>{escape(v)}</{k}>" for k, v in fields.items())
    return f"<VENDOR><VENDORID>{escape(vendorid)}</VENDORID><NAME>{escape(name or vendorid)}</NAME>{extra}</VENDOR>"
