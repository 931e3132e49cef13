"""The aiohttp application: the XML gateway endpoint and the admin API.

One request through the gateway, top to bottom (each stage raises IntacctError to stop):

    body      raw XML, or the form field xmlrequest=         parse.xml_from_body
    parse     hardened lxml parser                           -> XL03000003 (control)
    validate  schemas/request.xsd                            -> XL03000003 (control)
    control   sender ID and password                         -> XL03000006 (control)
    for each <operation>:                                    operation.run_operation
      authenticate  login or sessionid -> Principal          -> authentication failure
      functions     each <function> -> handler -> Result     -> result failure
                    (transaction="true": all or nothing; uniqueid: no replays)
    render    the response envelope
"""

from __future__ import annotations

import logging
import time

from aiohttp import web

from . import admin, errors, render
from .admin import STATE
from .envelope import Control, Request
from .errors import IntacctError
from .operation import run_operation
from .parse import parse_request, salvage_control, xml_from_body
from .settings import GATEWAY_PATH, Settings
from .state import MockState
from .validation import validate_request

log = logging.getLogger("mock_intacct")

XML_CONTENT_TYPE = 'text/xml; encoding="UTF-8"'


def xml_response(body: bytes, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    return web.Response(body=body, status=status, headers={"Content-Type": XML_CONTENT_TYPE, **(headers or {})})


def control_failure(failure: IntacctError, echo: dict[str, str], pretty: bool = True) -> web.Response:
    return xml_response(render.control_failure(echo, failure, pretty), failure.http_status, failure.extra_headers)


def check_control(control: Control, state: MockState) -> None:
    if state.senders.get(control.senderid) != control.password:  # both case-sensitive
        raise errors.invalid_sender()
    if control.dtdversion not in ("3.0", "2.1"):
        raise errors.unsupported_dtdversion(control.dtdversion)


def public_endpoint(http: web.Request, settings: Settings) -> str:
    """The URL getAPISession hands back: --public-url, else the address the client used."""
    if settings.public_url:
        return settings.public_url
    if http.host:
        return f"{http.scheme}://{http.host}{GATEWAY_PATH}"
    return settings.endpoint


async def gateway(http: web.Request) -> web.Response:
    state = http.app[STATE]
    started = time.perf_counter()
    echo: dict[str, str] = {}
    document = b""
    try:
        limit = state.settings.max_body_bytes
        if http.content_length is not None and http.content_length > limit:
            raise errors.body_too_large(limit)
        try:
            body = await http.read()
        except web.HTTPRequestEntityTooLarge:
            raise errors.body_too_large(limit) from None
        document = xml_from_body(body, http.content_type)
        root = parse_request(document)
        validate_request(root)
        request = Request.read(root)
        echo = request.control.echo
        check_control(request.control, state)
        endpoint = public_endpoint(http, state.settings)
        operations = [run_operation(request, i, state, endpoint) for i in range(len(request.operations))]
        response = xml_response(render.response(echo, operations, request.control.includewhitespace))
        log_exchange(echo, operations, started)
        return response
    except IntacctError as failure:
        if not echo and document and failure.errorno == "XL03000003":
            echo = salvage_control(document)  # the gateway echoes what it could read
        log.info("control failure %s (%.1f ms)", failure, (time.perf_counter() - started) * 1000)
        return control_failure(failure, echo)


async def gateway_other_method(http: web.Request) -> web.Response:
    """GET (blocked by Intacct since January 2023) and every other method: 405 with an XML error."""
    return control_failure(errors.method_not_allowed(), {})


def log_exchange(echo: dict[str, str], operations: list[render.Operation], started: float) -> None:
    if not log.isEnabledFor(logging.INFO):
        return
    for operation in operations:
        auth = operation.authentication
        outcome = (f"authentication failure {operation.failure}" if operation.failure else
                   " ".join(f"{r.function}={r.status}" for r in operation.results))
        log.info("%s/%s sender=%s %s (%.1f ms)", auth.companyid or "-", auth.userid or "-",
                 echo.get("senderid", ""), outcome, (time.perf_counter() - started) * 1000)


def create_app(settings: Settings, state: MockState | None = None) -> web.Application:
    state = state or MockState(settings)
    # Leave headroom over the body limit so the handler, not aiohttp, answers an oversized body.
    app = web.Application(client_max_size=settings.max_body_bytes + 1)
    app[STATE] = state
    app.router.add_post(GATEWAY_PATH, gateway)
    app.router.add_route("*", GATEWAY_PATH, gateway_other_method)
    app.add_routes(admin.routes)

    async def load_fixtures(app: web.Application):
        if not state.ready:
            state.load_fixtures()
        yield

    app.cleanup_ctx.append(load_fixtures)
    return app
