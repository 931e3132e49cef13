"""Render response envelopes as bytes.

Responses are built by joining escaped strings (fast, and list payloads arrive pre-rendered);
`includewhitespace=true` (the gateway's default) re-indents the finished document.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree

from mockserver.gateway.errors import ErrorDetail, IntacctError

PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n'

# PHP's htmlspecialchars(ENT_QUOTES): the gateway writes ' as &#039; (see the authorization error).
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#039;"})


def escape(text: object) -> str:
    return str(text).translate(_ESCAPES)


def element(tag: str, text: object | None) -> str:
    """<tag>text</tag>; empty values as <tag></tag>, the way the gateway writes them."""
    if text is None:
        return f"<{tag}></{tag}>"
    return f"<{tag}>{escape(text)}</{tag}>"


@dataclass
class Result:
    """One <result>: what a function answered. `payload` is already-rendered XML (<data>, <key>...)."""

    function: str
    controlid: str
    status: str = "success"
    payload: str = ""
    errors: list[ErrorDetail] = field(default_factory=list)
    http_status: int = 200  # 403 in the optional 403 mode for permission failures


@dataclass
class Authentication:
    status: str
    userid: str = ""
    companyid: str = ""
    locationid: str | None = None
    sessiontimestamp: str | None = None
    sessiontimeout: str | None = None


@dataclass
class Operation:
    authentication: Authentication
    results: list[Result] = field(default_factory=list)
    failure: IntacctError | None = None  # authentication failure: no results


def errormessage(details: list[ErrorDetail]) -> str:
    parts = ["<errormessage>"]
    for detail in details:
        parts.append("<error>")
        parts.append(element("errorno", detail.errorno))
        for tag in ("description", "description2", "correction"):
            value = getattr(detail, tag)
            if value is not None:  # None means the gateway omits the element entirely
                parts.append(element(tag, value))
        parts.append("</error>")
    parts.append("</errormessage>")
    return "".join(parts)


def control_block(status: str, echo: dict[str, str] | None) -> str:
    if echo is None:
        return f"<control><status>{status}</status></control>"
    return (
        "<control>"
        + element("status", status)
        + "".join(element(tag, echo.get(tag, "")) for tag in ("senderid", "controlid", "uniqueid", "dtdversion"))
        + "</control>"
    )


def authentication_block(auth: Authentication) -> str:
    parts = [
        "<authentication>",
        element("status", auth.status),
        element("userid", auth.userid),
        element("companyid", auth.companyid),
    ]
    if auth.locationid is not None:
        parts.append(element("locationid", auth.locationid))
    if auth.sessiontimestamp:
        parts.append(element("sessiontimestamp", auth.sessiontimestamp))
        parts.append(element("sessiontimeout", auth.sessiontimeout))
    parts.append("</authentication>")
    return "".join(parts)


def result_block(result: Result) -> str:
    parts = [
        "<result>",
        element("status", result.status),
        element("function", result.function),
        element("controlid", result.controlid),
        result.payload,
    ]
    if result.errors:
        parts.append(errormessage(result.errors))
    parts.append("</result>")
    return "".join(parts)


def finish(xml: str, pretty: bool) -> bytes:
    body = xml.encode("utf-8")
    if pretty:
        tree = etree.fromstring(body)
        etree.indent(tree, space="    ")
        for leaf in tree.iter():
            if leaf.text is None and len(leaf) == 0:
                leaf.text = ""  # keep <locationid></locationid> as the gateway writes it
        body = etree.tostring(tree, encoding="utf-8")
    return PROLOG + body


def response(echo: dict[str, str], operations: list[Operation], pretty: bool) -> bytes:
    parts = ["<response>", control_block("success", echo)]
    for operation in operations:
        parts.append("<operation>")
        parts.append(authentication_block(operation.authentication))
        if operation.failure is not None:
            parts.append(errormessage(operation.failure.errors))
        else:
            parts.extend(result_block(r) for r in operation.results)
        parts.append("</operation>")
    parts.append("</response>")
    return finish("".join(parts), pretty)


def control_failure(echo: dict[str, str], failure: IntacctError, pretty: bool) -> bytes:
    control = control_block("failure", None if failure.bare_control else echo)
    return finish(f"<response>{control}{errormessage(failure.errors)}</response>", pretty)
