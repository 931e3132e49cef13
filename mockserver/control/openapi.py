"""The admin API's OpenAPI 3.1 document (GET /__mock__/openapi.json), assembled from the app's own
routes and the pydantic models each handler declares (admin.documented names them; control/schemas.py
has them), so it cannot drift from what the server answers.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from aiohttp import web
from pydantic import BaseModel
from pydantic.json_schema import models_json_schema

from mockserver.control import schemas

PREFIX = "/__mock__/"
REF = "#/components/schemas/{model}"
ERROR = {
    "type": "object",
    "required": ["error"],
    "properties": {
        "error": {"type": "string", "description": "what was wrong, in one line"},
        "field": {"type": "string", "description": "the path of the refused value (users[0].grants.VENDR)"},
        "value": {"description": "the refused value, as sent"},
        "allowed": {"type": "string", "description": "what the field accepts"},
    },
}


@dataclass(frozen=True)
class Endpoint:
    """An admin route's handler and the models it checks its body and query with."""

    handler: Any
    body_model: type[BaseModel] | None
    query_model: type[BaseModel] | None


def endpoint(handler: Any) -> Endpoint:
    """The handler with the models admin.documented named for it."""
    body, query = getattr(handler, "body_schema", None), getattr(handler, "query_schema", None)
    return Endpoint(handler, getattr(schemas, body) if body else None, getattr(schemas, query) if query else None)


def admin_routes(app: web.Application) -> list[tuple[str, str, Endpoint]]:
    """(method, path, endpoint) of every admin endpoint, static files aside."""
    found = []
    for route in app.router.routes():
        info = route.resource.get_info() if route.resource else {}
        path = info.get("path") or info.get("formatter")
        if path and path.startswith(PREFIX) and route.method != "HEAD":
            found.append((route.method, path, endpoint(route.handler)))
    return found


def document(app: web.Application) -> dict[str, Any]:
    routes = admin_routes(app)
    used: list[type[BaseModel]] = []
    for _, _, handler in routes:
        used += [m for m in (handler.body_model, handler.query_model) if m]
    _, generated = models_json_schema([(m, "validation") for m in dict.fromkeys(used)], ref_template=REF)
    components = generated.get("$defs", {}) | {"Error": ERROR}
    paths: dict[str, dict[str, Any]] = {}
    for method, path, handler in routes:
        paths.setdefault(path, {})[method.lower()] = operation(path, handler, components)
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "mock-intacct admin API",
            "version": "1",
            "description": "Drives the mock from tests and CI: companies, users, sender IDs, faults, the clock "
            "and the journal. A refused value answers 400 with the field, the value and what is allowed, "
            "and changes nothing. With an admin token, send Authorization: Bearer <token>.",
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"adminToken": {"type": "http", "scheme": "bearer"}},
        },
    }


def operation(path: str, documented: Endpoint, components: dict[str, Any]) -> dict[str, Any]:
    handler = documented.handler
    doc = (handler.__doc__ or "").strip()
    summary = doc.splitlines()[0] if doc else handler.__name__.replace("_", " ")
    found: dict[str, Any] = {
        "operationId": handler.__name__,
        "summary": summary,
        "responses": {
            "200": {"description": "done", "content": {"application/json": {"schema": {"type": "object"}}}},
            "400": {
                "description": "refused",
                "content": {"application/json": {"schema": {"$ref": REF.format(model="Error")}}},
            },
        },
    }
    parameters = [
        {"name": name, "in": "path", "required": True, "schema": {"type": "string"}}
        for name in re.findall(r"{(\w+)}", path)
    ]
    if "{" in path:
        found["responses"]["404"] = found["responses"]["400"] | {"description": "no such company, user or sender"}
    query = documented.query_model
    if query is not None:
        schema = components.get(query.__name__, {})
        parameters += [
            {"name": name, "in": "query", "required": False, "schema": spec, "description": spec.get("description", "")}
            for name, spec in schema.get("properties", {}).items()
        ]
    if parameters:
        found["parameters"] = parameters
    body = documented.body_model
    if body is not None:
        found["requestBody"] = {
            "required": True,
            "content": {"application/json": {"schema": {"$ref": REF.format(model=body.__name__)}}},
        }
    return found
