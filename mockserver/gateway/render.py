"""Render response envelopes as bytes, written once: flat, or indented when `includewhitespace` is true
(the gateway's default), by the markup writer (markup.py) at each element's depth.

Payloads (what a function answers inside <result>) arrive already written in the request's form:
handlers write them with `payload_markup` (depth 3, below response/operation/result). A payload written
flat where indented was asked (or the reverse: a replay of an answer first given in the other form) is
rewritten once, so every answer stays well formed in either form.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from mockserver.gateway.errors import ErrorDetail, IntacctError
from mockserver.gateway.markup import Markup, is_indented, markup, rewrite

PROLOG = b'<?xml version="1.0" encoding="UTF-8"?>\n'
PROLOG_TEXT = PROLOG.decode()
PAYLOAD_DEPTH = 3  # response > operation > result > payload

__all__ = ["PAYLOAD_DEPTH", "PROLOG", "payload_markup"]


def payload_markup(pretty: bool) -> Markup:
    """The writer for a function's answer: the children of <result>."""
    return markup(pretty, PAYLOAD_DEPTH)


@dataclass
class Result:
    """One <result>: what a function answered. `payload` is already-written XML (<data>, <key>...),
    flat or indented at PAYLOAD_DEPTH; `bare` is the whole HTTP answer (body, Content-Type) a bare
    function (query with returnformat json/csv) gives when it is the request's only function."""

    function: str
    controlid: str
    status: str = "success"
    payload: str = ""
    errors: list[ErrorDetail] = field(default_factory=list)
    http_status: int = 200  # 403 in the optional 403 mode for permission failures
    bare: tuple[bytes, str] | None = None


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


def errormessage(details: list[ErrorDetail], m: Markup) -> str:
    inner, leaves = m.inner, m.inner.inner
    errors = []
    for detail in details:
        parts = [leaves.leaf("errorno", detail.errorno)]
        for tag in ("description", "description2", "correction"):
            value = getattr(detail, tag)
            if value is not None:  # None means the gateway omits the element entirely
                parts.append(leaves.leaf(tag, value))
        errors.append(inner.parent("error", parts))
    return m.parent("errormessage", errors)


def control_block(status: str, echo: dict[str, str] | None, m: Markup) -> str:
    inner = m.inner
    parts = [inner.leaf("status", status)]
    if echo is not None:
        parts += [inner.leaf(tag, echo.get(tag, "")) for tag in ("senderid", "controlid", "uniqueid", "dtdversion")]
    return m.parent("control", parts)


def authentication_block(auth: Authentication, m: Markup) -> str:
    inner = m.inner
    parts = [
        inner.leaf("status", auth.status),
        inner.leaf("userid", auth.userid),
        inner.leaf("companyid", auth.companyid),
    ]
    if auth.locationid is not None:
        parts.append(inner.leaf("locationid", auth.locationid))
    if auth.sessiontimestamp:
        parts.append(inner.leaf("sessiontimestamp", auth.sessiontimestamp))
        parts.append(inner.leaf("sessiontimeout", auth.sessiontimeout))
    return m.parent("authentication", parts)


def payload_in_form(payload: str, inner: Markup) -> str:
    if not payload or is_indented(payload) == inner.pretty:
        return payload
    return rewrite(payload, inner)


def result_block(result: Result, m: Markup) -> list[str]:
    """<result> as pieces (Markup.pieces): its payload is joined into the document once."""
    inner = m.inner
    parts = [
        inner.leaf("status", result.status),
        inner.leaf("function", result.function),
        inner.leaf("controlid", result.controlid),
        payload_in_form(result.payload, inner),
    ]
    if result.errors:
        parts.append(errormessage(result.errors, inner))
    return m.pieces("result", parts)


def document(pieces: list[str]) -> bytes:
    """The answer's bytes: the prolog and the root element's pieces, joined and encoded once (a page of
    records is copied twice, not once per level of the envelope)."""
    return "".join([PROLOG_TEXT, *pieces]).encode("utf-8")


def response(echo: dict[str, str], operations: list[Operation], pretty: bool) -> bytes:
    m = markup(pretty)
    inner, blocks = m.inner, m.inner.inner
    parts = [control_block("success", echo, inner)]
    for operation in operations:
        children = [authentication_block(operation.authentication, blocks)]
        if operation.failure is not None:
            children.append(errormessage(operation.failure.errors, blocks))
        else:
            children += [piece for r in operation.results for piece in result_block(r, blocks)]
        parts += inner.pieces("operation", children)
    return document(m.pieces("response", parts))


def control_failure(echo: dict[str, str], failure: IntacctError, pretty: bool) -> bytes:
    m = markup(pretty)
    control = control_block("failure", None if failure.bare_control else echo, m.inner)
    return document(m.pieces("response", [control, errormessage(failure.errors, m.inner)]))
