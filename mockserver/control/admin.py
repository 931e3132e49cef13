"""The control plane under /__mock__/: JSON endpoints that drive the mock from tests and CI.

Companies are tenants: a CI job creates its own from a fixture and never sees another's data.
When the server binds beyond loopback, every endpoint but /health needs `Authorization: Bearer`.
"""

from __future__ import annotations

import hmac
import secrets
from dataclasses import asdict, fields

from aiohttp import web

from mockserver.control.faults import FaultRule
from mockserver.objects.fixtures import dump_records
from mockserver.state import MockState
from mockserver.tenancy.companies import ACTIVE, INACTIVE, Company, User

STATE = web.AppKey("state", MockState)
routes = web.RouteTableDef()

# Company settings PATCH may change (everything but its ID, entities, users and senders).
COMPANY_SETTINGS = {f.name for f in fields(Company)} - {"companyid", "fixture", "entities", "users", "senders"}
USER_FIELDS = {f.name for f in fields(User)} - {"userid"}


def problem(status: int, message: str) -> web.Response:
    return web.json_response({"error": message}, status=status)


async def json_body(http: web.Request) -> dict:
    try:
        body = await http.json()
    except ValueError:
        raise web.HTTPBadRequest(text='{"error": "the body must be JSON"}', content_type="application/json")
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text='{"error": "the body must be a JSON object"}', content_type="application/json")
    return body


def company_or_404(http: web.Request) -> Company:
    company = http.app[STATE].companies.get(http.match_info["company"])
    if company is None:
        raise web.HTTPNotFound(text='{"error": "no such company"}', content_type="application/json")
    return company


@web.middleware
async def require_token(http: web.Request, handler):
    """Bearer token check for the admin API (the gateway itself authenticates in XML)."""
    token = http.app[STATE].settings.admin_token
    if token and http.path.startswith("/__mock__/") and http.path != "/__mock__/health":
        offered = http.headers.get("Authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(offered.encode(), token.encode()):
            return problem(401, "the admin API needs Authorization: Bearer <token>")
    return await handler(http)


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
async def advance_clock(http: web.Request) -> web.Response:
    """Move the mock's clock forward by {"advance_seconds": N} to expire sessions without waiting."""
    state = http.app[STATE]
    seconds = (await json_body(http)).get("advance_seconds")
    if not isinstance(seconds, (int, float)) or seconds < 0:
        return problem(400, "advance_seconds must be a number >= 0")
    state.clock.advance(seconds)
    return web.json_response({"now": state.clock.now(), "offset_seconds": state.clock.offset})


# --- companies --------------------------------------------------------------------------------


@routes.get("/__mock__/companies")
async def list_companies(http: web.Request) -> web.Response:
    state = http.app[STATE]
    return web.json_response({"companies": sorted(state.companies), "fixtures": sorted(state.fixtures)})


@routes.post("/__mock__/companies")
async def create_company(http: web.Request) -> web.Response:
    """{"fixture": "MOCKCO"} or {"company": {...inline fixture...}}; optional "companyid", "replace"."""
    state = http.app[STATE]
    body = await json_body(http)
    if "company" in body:
        data = body["company"]
        if not isinstance(data, dict):
            return problem(400, "company must be a fixture object")
    elif body.get("fixture") in state.fixtures:
        data = state.fixtures[body["fixture"]]
    else:
        return problem(400, f"fixture must be one of {sorted(state.fixtures)}, or give an inline company")
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
    except (KeyError, TypeError, ValueError) as failure:
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
async def change_company(http: web.Request) -> web.Response:
    """Change settings: web_services, modules, login_failure, permission_http_status, ..."""
    company = company_or_404(http)
    body = await json_body(http)
    unknown = set(body) - COMPANY_SETTINGS
    if unknown:
        return problem(400, f"unknown settings {sorted(unknown)}; known: {sorted(COMPANY_SETTINGS)}")
    for name, value in body.items():
        setattr(company, name, value)
    http.app[STATE].save_company(company)
    return web.json_response(company.to_fixture())


@routes.get("/__mock__/companies/{company}/state")
async def dump_company(http: web.Request) -> web.Response:
    """The company as a fixture (settings, users, senders, records): POST it back to recreate it."""
    company = company_or_404(http)
    state = http.app[STATE]
    return web.json_response(company.to_fixture() | {"records": dump_records(state.store, company)})


# --- sender authorizations and users ------------------------------------------------------------


@routes.put("/__mock__/companies/{company}/senders/{sender}")
async def authorize_sender(http: web.Request) -> web.Response:
    """{"status": "active" | "inactive"} authorizes the sender ID for the company."""
    company = company_or_404(http)
    status = (await json_body(http)).get("status", ACTIVE)
    if status not in (ACTIVE, INACTIVE):
        return problem(400, "status must be active or inactive")
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
async def put_user(http: web.Request) -> web.Response:
    """Create or change a Web Services user: password, admin, grants, entities, status, names..."""
    company = company_or_404(http)
    body = await json_body(http)
    unknown = set(body) - USER_FIELDS
    if unknown:
        return problem(400, f"unknown user fields {sorted(unknown)}; known: {sorted(USER_FIELDS)}")
    userid = http.match_info["user"]
    existing = company.users.get(userid)
    if existing is None and "password" not in body:
        return problem(400, "a new user needs a password")
    bad_entities = set(body.get("entities", [])) - set(company.entities)
    if bad_entities:
        return problem(400, f"not entities of {company.companyid}: {sorted(bad_entities)}")
    merged = (asdict(existing) if existing else {"userid": userid}) | body
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
async def add_fault(http: web.Request) -> web.Response:
    try:
        rule = FaultRule.from_json(await json_body(http))
    except (ValueError, TypeError) as failure:
        return problem(400, str(failure))
    return web.json_response(http.app[STATE].faults.add(rule).to_json(), status=201)


@routes.get("/__mock__/faults")
async def list_faults(http: web.Request) -> web.Response:
    return web.json_response({"faults": [r.to_json() for r in http.app[STATE].faults.rules]})


@routes.delete("/__mock__/faults")
async def clear_faults(http: web.Request) -> web.Response:
    http.app[STATE].faults.clear()
    return web.json_response({"faults": []})


@routes.get("/__mock__/journal")
async def journal(http: web.Request) -> web.Response:
    """Recent exchanges, newest first; ?company=&function=&status=&limit= filter them."""
    query = http.query
    limit = int(query["limit"]) if query.get("limit", "").isdigit() else None
    entries = http.app[STATE].journal.find(query.get("company"), query.get("function"), query.get("status"), limit)
    return web.json_response({"exchanges": entries})


@routes.delete("/__mock__/journal")
async def clear_journal(http: web.Request) -> web.Response:
    http.app[STATE].journal.clear()
    return web.json_response({"exchanges": []})
