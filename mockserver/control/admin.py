"""The control plane under /__mock__/: JSON endpoints that drive the mock from tests and CI.

Companies are tenants: a CI job creates its own from a fixture and never sees another's data.
When the server binds beyond loopback, every endpoint but /health and the published API document
(/openapi.json, /docs) needs `Authorization: Bearer`. Every body and query is checked against its
model in control/models.py first: a bad value answers 400 naming the field, the value and what is
allowed, and changes nothing. The models are named through control/schemas.py, which imports them
(and pydantic) on the first request that needs one, not at start-up.
"""

from __future__ import annotations

import hmac
import json
import secrets
import sqlite3
from collections.abc import Callable
from dataclasses import asdict
from typing import TYPE_CHECKING, Any, TypeVar

from aiohttp import web
from aiohttp.typedefs import Handler

from mockserver.control import schemas
from mockserver.control.faults import FaultRule
from mockserver.control.refusals import SettingsError, one_of
from mockserver.functions.arguments import select_fields
from mockserver.gateway.errors import IntacctError
from mockserver.gateway.record_xml import RecordRenderer
from mockserver.gateway.render import payload_markup
from mockserver.objects.fixtures import dump_records
from mockserver.objects.values import parse_whole
from mockserver.state import MockState
from mockserver.tenancy.companies import Company, User

if TYPE_CHECKING:
    from pydantic import BaseModel

STATE = web.AppKey("state", MockState)
routes = web.RouteTableDef()
# Open without the token: the API's own description hides nothing (Swagger-style pages fetch it), and the
# console's page and assets hold no data (the page asks for the token; its data is under /__mock__/console/).
PUBLIC_PATHS = ("/__mock__/health", "/__mock__/openapi.json", "/__mock__/docs", "/__mock__/ui")
M = TypeVar("M", bound="BaseModel")


def problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


def refused(failure: SettingsError) -> web.Response:
    return web.json_response(failure.as_json(), status=400)


def documented(*, body: str | None = None, query: str | None = None) -> Callable:
    """Names the model (in control/schemas.py) of a route's JSON body or query, which the handler checks, for
    the OpenAPI document (control/openapi.py finds the models by these names when it is asked for)."""

    def mark(handler: Callable) -> Callable:
        handler.body_schema = body  # type: ignore[attr-defined]
        handler.query_schema = query  # type: ignore[attr-defined]
        return handler

    return mark


async def valid_body(http: web.Request, model: type[M]) -> tuple[M, dict[str, Any]]:
    """The body as `model` (and as sent), or HTTP 400 naming the bad field."""
    body = await json_body(http)
    try:
        return schemas.check(model, body), body
    except SettingsError as failure:
        raise web.HTTPBadRequest(text=json.dumps(failure.as_json()), content_type="application/json") from None


async def json_body(http: web.Request) -> dict:
    try:
        body = await http.json()
    except (ValueError, UnicodeDecodeError):
        raise web.HTTPBadRequest(text='{"error": "the body must be JSON"}', content_type="application/json") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='{"error": "the body must be a JSON object"}', content_type="application/json")
    return body


def company_or_404(http: web.Request) -> Company:
    company = http.app[STATE].companies.get(http.match_info["company"])
    if company is None:
        raise web.HTTPNotFound(text='{"error": "no such company"}', content_type="application/json")
    return company


@web.middleware
async def require_token(request: web.Request, handler: Handler) -> web.StreamResponse:
    """Bearer token check for the admin API (the gateway itself authenticates in XML)."""
    token = request.app[STATE].settings.admin_token
    if token and request.path.startswith("/__mock__/") and not request.path.startswith(PUBLIC_PATHS):
        offered = request.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(offered.encode(), token.encode()):
            return problem(401, "the admin API needs Authorization: Bearer <token>")
    return await handler(request)


# --- health, reset, clock ---------------------------------------------------------------------


@routes.get("/__mock__/health")
async def health(http: web.Request) -> web.Response:
    """200 once fixtures are loaded (Docker's HEALTHCHECK and CI wait on this), 503 before."""
    state = http.app[STATE]
    body = {"status": "ready" if state.ready else "starting", "companies": sorted(state.companies)}
    return web.json_response(body, status=200 if state.ready else 503)


@routes.post("/__mock__/reset")
async def reset(http: web.Request) -> web.Response:
    """Everything back to the fixtures: companies, records, sessions, faults and the journal."""
    state = http.app[STATE]
    state.reset()
    state.faults.clear()
    state.journal.clear()
    state.clock.offset = 0.0
    return web.json_response({"companies": sorted(state.companies)})


@routes.post("/__mock__/clock")
@documented(body="ClockAdvance")
async def advance_clock(http: web.Request) -> web.Response:
    """Move the mock's clock forward by {"advance_seconds": N} to expire sessions without waiting."""
    state = http.app[STATE]
    advance, _ = await valid_body(http, schemas.ClockAdvance)
    state.clock.advance(advance.advance_seconds)
    return web.json_response({"now": state.clock.now(), "offset_seconds": state.clock.offset})


# --- companies --------------------------------------------------------------------------------


@routes.get("/__mock__/companies")
async def list_companies(http: web.Request) -> web.Response:
    state = http.app[STATE]
    return web.json_response({"companies": sorted(state.companies), "fixtures": sorted(state.fixtures)})


@routes.post("/__mock__/companies")
@documented(body="CreateCompany")
async def create_company(http: web.Request) -> web.Response:
    """{"fixture": "MOCKCO"} or {"company": {...inline fixture...}}; optional "companyid", "replace"."""
    state = http.app[STATE]
    request, body = await valid_body(http, schemas.CreateCompany)
    try:
        if request.company is not None:
            data = body["company"]
            schemas.check_fixture(data)
        elif request.fixture in state.fixtures:
            data = state.fixtures[request.fixture]
        else:
            allowed = one_of(sorted(state.fixtures)) + ', or an inline "company"'
            raise SettingsError("fixture", request.fixture, allowed, "no such fixture")
    except SettingsError as failure:
        if request.company is not None:
            failure = SettingsError(f"company.{failure.field}", failure.value, failure.allowed, failure.reason)
        return refused(failure)
    # A fixture by name makes a fresh tenant unless an ID is given; an inline company keeps its own.
    companyid = (
        body.get("companyid")
        or ("company" in body and data.get("companyid"))
        or (f"{data.get('companyid', 'MOCK')}-{secrets.token_hex(4).upper()}")
    )
    if companyid in state.companies and not body.get("replace"):
        return problem(409, f'company {companyid} exists; send "replace": true to replace it')
    try:
        company = state.create_company(data, companyid)
    except (KeyError, TypeError, ValueError, IntacctError, sqlite3.IntegrityError) as failure:
        return problem(400, f"invalid fixture: {failure}")
    return web.json_response({"companyid": company.companyid, "fixture": company.fixture}, status=201)


@routes.delete("/__mock__/companies/{company}")
async def delete_company(http: web.Request) -> web.Response:
    company = company_or_404(http)
    http.app[STATE].delete_company(company.companyid)
    return web.json_response({"deleted": company.companyid})


@routes.post("/__mock__/companies/{company}/reset")
async def reset_company(http: web.Request) -> web.Response:
    company = company_or_404(http)
    http.app[STATE].reset_company(company.companyid)
    return web.json_response({"reset": company.companyid})


@routes.get("/__mock__/companies/{company}")
async def show_company(http: web.Request) -> web.Response:
    return web.json_response(company_or_404(http).to_fixture())


@routes.patch("/__mock__/companies/{company}")
@documented(body="CompanySettings")
async def change_company(http: web.Request) -> web.Response:
    """Change settings: web_services, modules, login_failure, permission_http_status, ..."""
    company = company_or_404(http)
    settings, _ = await valid_body(http, schemas.CompanySettings)
    for name, value in settings.model_dump(exclude_unset=True).items():
        setattr(company, name, value)
    http.app[STATE].save_company(company)
    return web.json_response(company.to_fixture())


@routes.get("/__mock__/companies/{company}/state")
async def dump_company(http: web.Request) -> web.Response:
    """The company as a fixture (settings, users, senders, records): POST it back to recreate it."""
    company = company_or_404(http)
    state = http.app[STATE]
    return web.json_response(company.to_fixture() | {"records": dump_records(state.store, company)})


@routes.get("/__mock__/companies/{company}/records/{object}/{recordno}")
async def record_as_answered(http: web.Request) -> web.Response:
    """One record as `read` with every field answers it (indented, lines included), whatever its entity."""
    company = company_or_404(http)
    state = http.app[STATE]
    obj = company.objects.get(http.match_info["object"])
    recordno = parse_whole(http.match_info["recordno"])
    record = state.store.get(company.companyid, obj, recordno) if obj is not None and recordno is not None else None
    if obj is None or record is None:
        raise web.HTTPNotFound(text='{"error": "no such record"}', content_type="application/json")
    fields, with_lines = select_fields(obj, "*")
    writer = payload_markup(True).inner
    render = RecordRenderer(
        state.rendered, company.companyid, obj, fields, with_lines, company.timezone, obj.name, writer
    )
    return web.json_response({"object": obj.name, "recordno": record.recordno, "xml": render(record).strip()})


# --- sender authorizations and users ------------------------------------------------------------


@routes.put("/__mock__/companies/{company}/senders/{sender}")
@documented(body="SenderAuthorization")
async def authorize_sender(http: web.Request) -> web.Response:
    """{"status": "active" | "inactive"} authorizes the sender ID for the company."""
    company = company_or_404(http)
    status = (await valid_body(http, schemas.SenderAuthorization))[0].status
    company.senders[http.match_info["sender"]] = status
    http.app[STATE].save_company(company)
    return web.json_response({"sender": http.match_info["sender"], "status": status})


@routes.delete("/__mock__/companies/{company}/senders/{sender}")
async def revoke_sender(http: web.Request) -> web.Response:
    company = company_or_404(http)
    if company.senders.pop(http.match_info["sender"], None) is None:
        return problem(404, "that sender ID has no authorization here")
    http.app[STATE].save_company(company)
    return web.json_response({"revoked": http.match_info["sender"]})


@routes.put("/__mock__/companies/{company}/users/{user}")
@documented(body="UserSettings")
async def put_user(http: web.Request) -> web.Response:
    """Create or change a Web Services user: password, admin, grants, entities, status, names..."""
    company = company_or_404(http)
    settings, _ = await valid_body(http, schemas.UserSettings)
    changes = settings.model_dump(exclude_unset=True)
    userid = http.match_info["user"]
    existing = company.users.get(userid)
    if changes.get("password") is None and (existing is None or "password" in changes):
        return refused(SettingsError("password", changes.get("password"), "1 to 200 characters", "a user needs one"))
    for i, locationid in enumerate(changes.get("entities", [])):
        if locationid not in company.entities:
            allowed = one_of(company.entities) if company.entities else f"none: {company.companyid} has none"
            return refused(SettingsError(f"entities[{i}]", locationid, allowed, "not an entity of the company"))
    merged = (asdict(existing) if existing else {"userid": userid}) | changes
    company.users[userid] = User(**merged)
    http.app[STATE].save_company(company)
    shown = asdict(company.users[userid])
    shown.pop("password")
    return web.json_response(shown, status=200 if existing else 201)


@routes.delete("/__mock__/companies/{company}/users/{user}")
async def delete_user(http: web.Request) -> web.Response:
    company = company_or_404(http)
    if company.users.pop(http.match_info["user"], None) is None:
        return problem(404, "no such user")
    http.app[STATE].save_company(company)
    return web.json_response({"deleted": http.match_info["user"]})


# --- faults and the journal ---------------------------------------------------------------------


@routes.post("/__mock__/faults")
@documented(body="FaultRuleRequest")
async def add_fault(http: web.Request) -> web.Response:
    """Add a fault rule (see control/faults.py): latency, http, rate_limit, error, drop, truncate."""
    rule = FaultRule.from_model((await valid_body(http, schemas.FaultRuleRequest))[0])
    return web.json_response(http.app[STATE].faults.add(rule).to_json(), status=201)


@routes.get("/__mock__/faults")
async def list_faults(http: web.Request) -> web.Response:
    return web.json_response({"faults": [r.to_json() for r in http.app[STATE].faults.rules]})


@routes.delete("/__mock__/faults")
async def clear_faults(http: web.Request) -> web.Response:
    http.app[STATE].faults.clear()
    return web.json_response({"faults": []})


@routes.delete("/__mock__/faults/{rule}")
async def remove_fault(http: web.Request) -> web.Response:
    """Remove one fault rule by the id its POST answered."""
    rule = http.match_info["rule"]
    if not http.app[STATE].faults.remove(rule):
        raise web.HTTPNotFound(text='{"error": "no such fault rule"}', content_type="application/json")
    return web.json_response({"deleted": rule})


@routes.get("/__mock__/journal")
@documented(query="JournalQuery")
async def journal(http: web.Request) -> web.Response:
    """Recent exchanges, newest first; ?company=&function=&status=&limit= filter them."""
    repeated = next((key for key in http.query if len(http.query.getall(key)) > 1), None)
    if repeated:
        return refused(SettingsError(repeated, http.query.getall(repeated), "the parameter once", "given twice"))
    try:
        query = schemas.check(schemas.JournalQuery, dict(http.query))
    except SettingsError as failure:
        return refused(failure)
    entries = http.app[STATE].journal.find(query.company, query.function, query.status, query.limit)
    return web.json_response({"exchanges": entries})


@routes.delete("/__mock__/journal")
async def clear_journal(http: web.Request) -> web.Response:
    http.app[STATE].journal.clear()
    return web.json_response({"exchanges": []})
