"""Facts about one gateway exchange for faults and the journal: who asked, which functions on which
objects, and what the answer said."""

from __future__ import annotations

from aiohttp import web
from lxml import etree

from .envelope import Request
from .faults import Target, function_target
from .journal import Exchange, FunctionOutcome, redact_xml
from .state import MockState


def requester(request: Request, state: MockState) -> tuple[str, str]:
    """Company and user of the first operation, from its login or its (live) session."""
    operation = request.operations[0]
    if operation.login is not None:
        return operation.login.companyid, operation.login.userid
    session = state.sessions.live(operation.sessionid or "")
    return (session.companyid, session.userid) if session else ("", "")


def request_targets(request: Request, state: MockState) -> list[Target]:
    companyid, _ = requester(request, state)
    targets = [function_target(companyid, f) for op in request.operations for f in op.functions]
    return targets or [Target(companyid, "", "", "")]


def describe_exchange(exchange: Exchange, document: bytes, response: web.StreamResponse) -> None:
    exchange.request = redact_xml(document)
    body = getattr(response, "body", None)
    if not isinstance(body, bytes) or not body:
        return
    exchange.response = redact_xml(body)
    try:
        root = etree.fromstring(body)
    except etree.XMLSyntaxError:
        return
    exchange.control_status = root.findtext("control/status") or ""
    exchange.errornos = [e.text or "" for e in root.iterfind("errormessage/error/errorno")]
    exchange.errornos += [e.text or "" for e in root.iterfind("operation/errormessage/error/errorno")]
    exchange.functions = [
        FunctionOutcome(r.findtext("function") or "", r.findtext("controlid") or "", r.findtext("status") or "",
                        [e.text or "" for e in r.iterfind("errormessage/error/errorno")])
        for r in root.iterfind("operation/result")]
