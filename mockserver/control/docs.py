"""The admin API described: GET /__mock__/openapi.json (OpenAPI 3.1) and GET /__mock__/docs, a page
a person reads (like WireMock's /__admin/docs).

The page is rendered on the server as plain HTML with its CSS inline: nothing loads from a CDN and
no JavaScript is needed. (Swagger UI's PyPI bundle ships version 4, which cannot render OpenAPI
3.1 documents.)
"""

from __future__ import annotations

import json
from html import escape
from typing import Any

from aiohttp import web

routes = web.RouteTableDef()

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 70em; padding: 1em 2em; color: #1d232b; }
h1 { font-size: 1.6em; } h2 { margin-top: 2em; border-bottom: 1px solid #ccd; }
.op { border: 1px solid #ccd; border-radius: 6px; margin: .8em 0; padding: .5em 1em; }
.method { display: inline-block; min-width: 4.5em; font-weight: bold; color: #fff; border-radius: 4px;
  text-align: center; padding: .1em .4em; margin-right: .6em; }
.get { background: #2f7bbf; } .post { background: #2e9b5e; } .put { background: #c57b12; }
.patch { background: #7a55b0; } .delete { background: #c0392b; }
code, .path { font-family: ui-monospace, monospace; } .path { font-weight: bold; }
table { border-collapse: collapse; width: 100%; margin: .4em 0; }
td, th { border-top: 1px solid #e3e5ea; padding: .25em .5em; text-align: left; vertical-align: top; }
th { color: #556; font-weight: 600; } .muted { color: #667; }
"""


def document(app: web.Application) -> dict[str, Any]:
    """The OpenAPI document (control/openapi.py): imported when first asked for, with pydantic's JSON Schemas,
    not at start-up."""
    from mockserver.control.openapi import document

    return document(app)


@routes.get("/__mock__/openapi.json")
async def openapi_document(http: web.Request) -> web.Response:
    """This document: the admin API in OpenAPI 3.1."""
    return web.json_response(document(http.app))


@routes.get("/__mock__/docs")
async def docs_page(http: web.Request) -> web.Response:
    """The admin API document as a page to read."""
    return web.Response(text=render(document(http.app)), content_type="text/html")


def render(doc: dict[str, Any]) -> str:
    schemas = doc["components"]["schemas"]
    parts = [
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>",
        f"<title>{escape(doc['info']['title'])}</title><style>{STYLE}</style></head><body>",
        f"<h1>{escape(doc['info']['title'])}</h1><p>{escape(doc['info']['description'])}</p>",
        "<p class='muted'>The same as JSON: <a href='/__mock__/openapi.json'>/__mock__/openapi.json</a></p>",
        "<h2 id='endpoints'>Endpoints</h2>",
    ]
    for path, methods in doc["paths"].items():
        for method, op in methods.items():
            parts.append(
                f"<div class='op' id='{escape(op['operationId'])}'><span class='method {method}'>{method.upper()}</span>"
                f"<span class='path'>{escape(path)}</span> <span class='muted'>{escape(op['summary'])}</span>"
            )
            query = [p for p in op.get("parameters", []) if p["in"] == "query"]
            if query:
                parts.append("<table><tr><th>query parameter</th><th>allowed</th></tr>")
                parts += [
                    f"<tr><td><code>{escape(p['name'])}</code></td><td>{escape(p['description'])}</td></tr>"
                    for p in query
                ]
                parts.append("</table>")
            ref = op.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema", {}).get("$ref")
            if ref:
                name = ref.rsplit("/", 1)[1]
                parts.append(f"<p>JSON body: <a href='#schema-{escape(name)}'>{escape(name)}</a></p>")
            parts.append("</div>")
    parts.append("<h2 id='schemas'>Schemas</h2>")
    for name, schema in schemas.items():
        parts.append(schema_table(name, schema))
    parts.append("</body></html>")
    return "\n".join(parts)


def schema_table(name: str, schema: dict[str, Any]) -> str:
    rows = []
    required = set(schema.get("required", []))
    for key, spec in schema.get("properties", {}).items():
        mark = " <span class='muted'>(required)</span>" if key in required else ""
        rows.append(
            f"<tr><td><code>{escape(key)}</code>{mark}</td><td><code>{escape(type_of(spec))}</code></td>"
            f"<td>{escape(spec.get('description', ''))}</td></tr>"
        )
    header = f"<section id='schema-{escape(name)}'><h3>{escape(name)}</h3>"
    intro = f"<p>{escape(schema['description'])}</p>" if schema.get("description") else ""
    if not rows:
        return header + intro + f"<pre>{escape(json.dumps(schema, indent=1)[:2000])}</pre></section>"
    table = "<table><tr><th>key</th><th>type</th><th>allowed</th></tr>" + "".join(rows) + "</table>"
    return header + intro + table + "</section>"


def type_of(spec: dict[str, Any]) -> str:
    """A short type name for a JSON Schema: string, integer | null, array of Entity, ..."""
    if "$ref" in spec:
        return spec["$ref"].rsplit("/", 1)[1]
    if "anyOf" in spec or "oneOf" in spec:
        return " | ".join(type_of(s) for s in spec.get("anyOf") or spec["oneOf"])
    if "enum" in spec or "const" in spec:
        return "enum"
    kind = spec.get("type", "any")
    if kind == "array":
        return "array of " + type_of(spec.get("items", {}))
    if kind == "object" and "additionalProperties" in spec:
        extra = spec["additionalProperties"]
        return "object of " + (type_of(extra) if isinstance(extra, dict) else "any")
    return " | ".join(kind) if isinstance(kind, list) else kind
