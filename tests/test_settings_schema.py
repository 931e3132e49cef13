"""The published schemas: the admin API's OpenAPI document is true to the app's routes, its docs page
renders in a real browser, and fixtures/company.schema.json is generated from the model and accepts
every shipped fixture."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import aiohttp
import jsonschema
import pytest
from aiohttp.test_utils import TestServer

from mockserver.app import create_app
from mockserver.control.fixture_schema import SCHEMA_FILE, schema_text
from mockserver.control.openapi import PREFIX
from mockserver.settings import DEFAULT_FIXTURES, Settings

from .browser import ARGS, CHROMIUM


def registered_admin_routes(app) -> set[tuple[str, str]]:
    found = set()
    for route in app.router.routes():
        info = route.resource.get_info()
        path = info.get("path") or info.get("formatter")
        if path and path.startswith(PREFIX) and route.method != "HEAD":
            found.add((route.method.lower(), path))
    return found


async def test_the_openapi_document_matches_the_registered_routes(gateway):
    status, doc = await gateway.admin("GET", "/__mock__/openapi.json")
    assert status == 200 and doc["openapi"] == "3.1.0"
    documented = {(method, path) for path, methods in doc["paths"].items() for method in methods}
    app = create_app(Settings(port=0))
    assert documented == registered_admin_routes(app)
    assert ("patch", "/__mock__/companies/{company}") in documented


async def test_the_openapi_document_carries_the_models_with_their_bounds(gateway):
    _, doc = await gateway.admin("GET", "/__mock__/openapi.json")
    schemas = doc["components"]["schemas"]
    patch = doc["paths"]["/__mock__/companies/{company}"]["patch"]
    assert patch["requestBody"]["content"]["application/json"]["schema"]["$ref"].endswith("/CompanySettings")
    duration = schemas["CompanySettings"]["properties"]["session_duration_seconds"]
    assert (duration["type"], duration["minimum"], duration["maximum"]) == ("integer", 1, 604800)
    assert schemas["UserSettings"]["properties"]["admin"]["enum"] == ["off", "limited", "full"]
    latency = schemas["Latency"]["properties"]["ms"]["anyOf"][0]
    assert latency["maximum"] == 60000
    limit = [p for p in doc["paths"]["/__mock__/journal"]["get"]["parameters"] if p["name"] == "limit"]
    assert limit and limit[0]["in"] == "query"
    # Every $ref points into the document.
    refs = {part.split('"')[0] for part in json.dumps(doc).split('"$ref": "#/components/schemas/')[1:]}
    assert refs <= set(schemas)


async def test_the_document_and_the_docs_page_need_no_token_while_the_rest_does():
    app = create_app(Settings.from_environment(port=0, admin_token="s3cret-doc-token"))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    try:
        async with aiohttp.ClientSession() as http:
            for path, expected in (("/__mock__/openapi.json", 200), ("/__mock__/docs", 200), ("/__mock__/faults", 401)):
                async with http.get(server.make_url(path)) as reply:
                    assert reply.status == expected, path
    finally:
        await server.close()


def test_the_committed_fixture_schema_is_the_generated_one():
    assert SCHEMA_FILE.read_text(encoding="utf-8") == schema_text(), (
        "fixtures/company.schema.json is stale: run python -m mockserver.control.fixture_schema"
    )


@pytest.mark.parametrize("path", sorted((DEFAULT_FIXTURES / "companies").glob("*.json")), ids=lambda p: p.name)
def test_every_shipped_fixture_validates_against_the_schema(path: Path):
    schema = json.loads(SCHEMA_FILE.read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    errors = list(jsonschema.Draft202012Validator(schema).iter_errors(json.loads(path.read_text())))
    assert errors == []


def test_the_fixture_schema_refuses_what_the_server_refuses():
    validator = jsonschema.Draft202012Validator(json.loads(SCHEMA_FILE.read_text()))
    for bad in (
        {"users": "nope"},
        {"records": {"VENDR": []}},
        {"records": {"VENDOR": [{"VENDORID": "V1", "COLOUR": "red"}]}},
        {"session_duration_seconds": 0},
        {"colour": "red"},
    ):
        assert not validator.is_valid({"companyid": "X", **bad}), bad


@pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"no chromium at {CHROMIUM} (apt-get install chromium)")
async def test_the_docs_page_renders_in_a_browser(gateway, tmp_path):
    playwright = pytest.importorskip("playwright.async_api")
    async with playwright.async_playwright() as p:
        browser = await p.chromium.launch(
            executable_path=CHROMIUM,
            args=ARGS,
        )
        try:
            page = await browser.new_page()
            outside = []
            page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(gateway.base_url) else None)
            reply = await page.goto(gateway.base_url + "/__mock__/docs")
            assert reply is not None and reply.status == 200
            assert await page.title() == "mock-intacct admin API"
            patch = page.locator("#change_company")
            assert "PATCH" in await patch.inner_text() and "/__mock__/companies/{company}" in await patch.inner_text()
            settings_table = await page.locator("#schema-CompanySettings table").inner_text()
            assert "session_duration_seconds" in settings_table and "from 1 to 604800" in settings_table
            await page.screenshot(path=str(tmp_path / "docs.png"))  # looked at once by a person
            assert (tmp_path / "docs.png").stat().st_size > 10_000
            await page.click("#change_company a")  # the body's schema, further down the page
            assert page.url.endswith("#schema-CompanySettings")
            assert await page.locator("#schema-CompanySettings").is_visible()
            await page.screenshot(path=str(tmp_path / "docs-schema.png"))
            assert outside == []  # nothing from a CDN or anywhere else
        finally:
            await browser.close()
