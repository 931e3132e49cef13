"""Parsing gateway responses: the three status levels, then one Result per function.

`parse_response` raises ControlError for a control failure and AuthenticationError for an
authentication failure (nothing ran in either case) and otherwise returns every result, failed or
not. A body that is not an Intacct <response> raises TransportError.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .errors import AuthenticationError, ControlError, ErrorDetail, ResultError, TransportError
from .records import element_value

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


@dataclass
class Authentication:
    status: str
    userid: str | None = None
    companyid: str | None = None
    locationid: str | None = None
    sessiontimestamp: str | None = None
    sessiontimeout: str | None = None


@dataclass
class Result:
    """One function's answer. `records` are the children of <data> as dicts (records.element_value);
    the numbers are None when the gateway did not send them."""

    function: str
    controlid: str
    status: str
    records: list[dict[str, Any]] = field(default_factory=list)
    count: int | None = None
    total_count: int | None = None
    num_remaining: int | None = None
    result_id: str | None = None
    offset: int | None = None
    key: str | None = None
    errors: list[ErrorDetail] = field(default_factory=list)
    listtype: str | None = None

    @property
    def ok(self) -> bool:
        return self.status == "success"

    def raise_for_status(self) -> Result:
        """ResultError unless status is success (failure, or aborted in a rolled-back transaction)."""
        if not self.ok:
            raise ResultError(self)
        return self


@dataclass
class Response:
    control: dict[str, str | None]
    authentication: Authentication | None
    results: list[Result]
    http_status: int = 200


def _text(node: etree._Element | None, path: str) -> str | None:
    if node is None:
        return None
    found = node.find(path)
    if found is None:
        return None
    return (found.text or "").strip()


def _int(value: str | None) -> int | None:
    if value is None or not value.strip():
        return None
    try:
        return int(value)
    except ValueError:
        return None


def parse_errors(node: etree._Element | None) -> list[ErrorDetail]:
    """Every <error> of an <errormessage> (or of the element holding one), in order."""
    if node is None:
        return []
    if node.tag != "errormessage":
        node = node.find("errormessage")
        if node is None:
            return []
    return [
        ErrorDetail(*(_text(error, tag) for tag in ("errorno", "description", "description2", "correction")))
        for error in node.iterfind("error")
    ]


def parse_result(node: etree._Element) -> Result:
    result = Result(
        function=_text(node, "function") or "",
        controlid=_text(node, "controlid") or "",
        status=_text(node, "status") or "",
        errors=parse_errors(node),
        key=_text(node, "key"),
    )
    listtype = node.find("listtype")  # legacy get_list: <listtype start end total>name</listtype>
    if listtype is not None:
        result.listtype = (listtype.text or "").strip()
        result.total_count = _int(listtype.get("total"))
    data = node.find("data")
    if data is not None:
        result.listtype = data.get("listtype", result.listtype)
        result.count = _int(data.get("count"))
        result.total_count = _int(data.get("totalcount")) if data.get("totalcount") else result.total_count
        result.num_remaining = _int(data.get("numremaining"))
        result.offset = _int(data.get("offset"))
        result.result_id = data.get("resultId") or None
        result.records = [element_value(child) for child in data if isinstance(child.tag, str)]
    return result


def parse_response(body: bytes, http_status: int = 200) -> Response:
    try:
        root = etree.fromstring(body, _PARSER)
    except etree.XMLSyntaxError as exc:
        raise TransportError(
            f"HTTP {http_status}: the body is not well-formed XML ({exc})", http_status=http_status
        ) from None
    control = root.find("control") if root.tag == "response" else None
    if control is None or control.find("status") is None:
        raise TransportError(f"HTTP {http_status}: the body is not an Intacct response", http_status=http_status)
    echo = {tag: _text(control, tag) for tag in ("status", "senderid", "controlid", "uniqueid", "dtdversion")}
    if echo["status"] != "success":
        raise ControlError("control failure", parse_errors(root), http_status=http_status)
    authentication = None
    results: list[Result] = []
    for operation in root.iterfind("operation"):
        auth = operation.find("authentication")
        if auth is None:
            raise TransportError("the response's operation has no authentication block", http_status=http_status)
        authentication = Authentication(
            status=_text(auth, "status") or "",
            userid=_text(auth, "userid"),
            companyid=_text(auth, "companyid"),
            locationid=_text(auth, "locationid"),
            sessiontimestamp=_text(auth, "sessiontimestamp"),
            sessiontimeout=_text(auth, "sessiontimeout"),
        )
        if authentication.status != "success":
            raise AuthenticationError("authentication failure", parse_errors(operation), http_status=http_status)
        results.extend(parse_result(node) for node in operation.iterfind("result"))
    return Response(echo, authentication, results, http_status)


def errors_in(body: bytes) -> list[ErrorDetail]:
    """The <error>s of an XML error body (GW-0010 on a 429); none when it is not one."""
    try:
        return parse_errors(etree.fromstring(body, _PARSER))
    except etree.XMLSyntaxError:
        return []
