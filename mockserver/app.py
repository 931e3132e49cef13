"""The aiohttp application: the XML gateway endpoint and the admin API.

One request through the gateway, top to bottom (each stage raises IntacctError to stop):

    body      raw XML, or the form field xmlrequest=         gateway/parse.xml_from_body
    parse     hardened lxml parser                           -> XL03000003 (control)
    validate  schemas/request.xsd                            -> XL03000003 (control)   gateway/validation
    control   sender ID and password                         -> XL03000006 (control)   check_control
    faults    injected latency, HTTP errors, 429 (admin API) -> as asked               control/faults
    for each <operation>:                                    gateway/operation.run_operation
      authenticate  login or sessionid -> Principal          -> authentication failure  tenancy/authentication
      functions     each <function> -> its declared handler  -> result failure          functions/registry
                    (permission checked; writes through the company backend, objects/backend;
                    transaction="true": all or nothing; uniqueid: no replays)
    render    the response envelope, written once at its depth gateway/render, gateway/markup
    journal   the exchange, secrets redacted when read        control/journal

docs/architecture.md walks the same way function by function.
"""

from __future__ import annotations

import asyncio
import logging
import time
from datetime import UTC, datetime

from aiohttp import web

from mockserver import console
from mockserver.control import admin, docs
from mockserver.control.admin import STATE
from mockserver.control.exchange import note_failure, note_operations, request_targets, requester
from mockserver.control.faults import FaultRule, Target
from mockserver.control.journal import Exchange
from mockserver.functions import FUNCTIONS
from mockserver.gateway import errors, render
from mockserver.gateway.envelope import Control, Request
from mockserver.gateway.errors import IntacctError
from mockserver.gateway.operation import run_operation
from mockserver.gateway.parse import parse_request, salvage_control, xml_from_body
from mockserver.gateway.validation import validate_request
from mockserver.settings import GATEWAY_PATH, Settings
from mockserver.state import MockState

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


async def read_document(http: web.Request, limit: int) -> bytes:
    if http.content_length is not None and http.content_length > limit:
        raise errors.body_too_large(limit)
    try:
        body = await http.read()
    except web.HTTPRequestEntityTooLarge:
        raise errors.body_too_large(limit) from None
    return xml_from_body(body, http.content_type)


async def run_request(
    http: web.Request, request: Request, targets: list[Target], state: MockState, exchange: Exchange
) -> web.StreamResponse:
    """Authenticate and run every operation, with any fault a test asked for around it."""
    faults = state.faults
    if rule := faults.fire(targets, ("latency",)):
        action = rule.action
        low, high = action.get("min_ms", action.get("ms", 0)), action.get("max_ms", action.get("ms", 0))
        await asyncio.sleep(faults.random.uniform(low, high) / 1000)
    if faults.fire(targets, ("rate_limit",)):
        raise errors.rate_limited()
    if rule := faults.fire(targets, ("http", "drop", "truncate"), after=False):
        return await broken_response(http, rule)
    endpoint = public_endpoint(http, state.settings)
    operations = [run_operation(request, i, state, endpoint) for i in range(len(request.operations))]
    note_operations(exchange, operations)
    status = max((r.http_status for op in operations for r in op.results), default=200)
    response = xml_response(
        render.response(request.control.echo, operations, request.control.includewhitespace), status
    )
    if bare := bare_answer(operations):  # query returnformat json/csv: no envelope
        response = web.Response(body=bare[0], headers={"Content-Type": bare[1]})
    if rule := faults.fire(targets, ("http", "drop", "truncate"), after=True):
        body = response.body
        return await broken_response(http, rule, body if isinstance(body, bytes) else None)
    return response


def bare_answer(operations: list[render.Operation]) -> tuple[bytes, str] | None:
    """The whole HTTP answer (body, Content-Type) when the request is one function, declared bare, that
    succeeded with a bare form; anything else (several functions, a failure) keeps the envelope."""
    if len(operations) != 1 or len(operations[0].results) != 1:
        return None
    result = operations[0].results[0]
    declared = FUNCTIONS.get(result.function)
    if declared is None or not declared.bare or result.status != "success":
        return None
    return result.bare


def close(http: web.Request) -> None:
    """Drop the client's connection (a fault), if it is still there."""
    if http.transport is not None:
        http.transport.close()


async def broken_response(http: web.Request, rule: FaultRule, body: bytes | None = None) -> web.StreamResponse:
    """An injected transport failure: an HTTP error, a dropped connection, or half an answer."""
    kind = rule.action["type"]
    if kind == "http":
        status = int(rule.action["status"])
        if rule.action.get("body"):
            failure = errors.gateway_error("GW-0011", f"Injected HTTP {status}", status)
            return control_failure(failure, {})
        return web.Response(status=status, text="")
    if kind == "drop" or body is None:
        body = body or render.control_failure({}, errors.gateway_error("GW-0011", "Injected", 200), False)
        if kind == "drop":
            close(http)
            return web.Response(status=200)
    truncated = web.StreamResponse(
        status=200, headers={"Content-Type": XML_CONTENT_TYPE, "Content-Length": str(len(body))}
    )
    await truncated.prepare(http)
    await truncated.write(body[: len(body) // 2])
    close(http)
    return truncated


async def gateway(http: web.Request) -> web.StreamResponse:
    state = http.app[STATE]
    started = time.perf_counter()
    exchange = Exchange(time=datetime.now(UTC).isoformat(timespec="milliseconds"), http_status=0, duration_ms=0.0)
    echo: dict[str, str] = {}
    document = b""
    company = None
    try:
        document = await read_document(http, state.settings.max_body_bytes)
        root = parse_request(document)
        validate_request(root)
        request = Request.read(root)
        echo = request.control.echo
        check_control(request.control, state)
        targets = request_targets(request, state)
        exchange.company, exchange.user = requester(request, state)
        company = state.companies.get(exchange.company)
        with state.limits.slot(company):
            response = await run_request(http, request, targets, state, exchange)
    except IntacctError as failure:
        if not echo and document and failure.errorno == "XL03000003":
            echo = salvage_control(document)  # the gateway echoes what it could read
        response = control_failure(failure, echo)
        note_failure(exchange, failure)
    except Exception:  # a bug of the mock: still an Intacct answer, journaled, logged with its traceback
        log.exception("internal error answering %s/%s", exchange.company or "-", exchange.user or "-")
        internal = errors.internal_error()
        response = control_failure(internal, echo)
        note_failure(exchange, internal)
    exchange.duration_ms = round((time.perf_counter() - started) * 1000, 2)
    exchange.http_status = response.status
    exchange.request = document
    exchange.response = getattr(response, "body", None) or b""
    state.journal.record(exchange)
    if log.isEnabledFor(logging.INFO):
        log.info(
            "%s/%s %s -> %s (%.1f ms)",
            exchange.company or "-",
            exchange.user or "-",
            " ".join(f"{f.function}={f.status}" for f in exchange.functions) or outcome(exchange),
            response.status,
            exchange.duration_ms,
        )
    return response


def outcome(exchange: Exchange) -> str:
    """A request that ran no function: how it ended, with its errornos (a failed sign-in fails)."""
    if not exchange.errornos:
        return exchange.control_status
    return f"failure {','.join(exchange.errornos)}"


async def gateway_other_method(http: web.Request) -> web.Response:
    """GET (blocked by Intacct since January 2023) and every other method: 405 with an XML error."""
    return control_failure(errors.method_not_allowed(), {})


def create_app(settings: Settings, state: MockState | None = None) -> web.Application:
    state = state or MockState(settings)
    # Leave headroom over the body limit so the handler, not aiohttp, answers an oversized body.
    app = web.Application(
        client_max_size=settings.max_body_bytes + 1,
        middlewares=[admin.require_token, console.same_origin, console.pages],
    )
    app[STATE] = state
    app.router.add_post(GATEWAY_PATH, gateway)
    app.router.add_route("*", GATEWAY_PATH, gateway_other_method)
    app.add_routes(admin.routes)
    app.add_routes(docs.routes)
    console.setup(app)

    async def load_fixtures(app: web.Application):
        if not state.ready:
            state.load_fixtures()
        yield

    app.cleanup_ctx.append(load_fixtures)
    return app
