"""The console in a real browser: headless Chromium from Debian's package, driven by Playwright for Python
(no browser download). Gateway traffic goes over real HTTP while the page is open; every change the page
makes goes through the admin API. Each view's screenshot is written to docs/ for the README."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from aiohttp.test_utils import TestServer

from mockserver.app import STATE, create_app
from mockserver.settings import Settings

from .browser import ARGS, CHROMIUM
from .gateway import function, request_xml

DOCS = Path(__file__).resolve().parent.parent / "docs"
MISSING_OBJECT = function("readByQuery", "<object>NOSUCHOBJECT</object><query/><pagesize>1</pagesize>", "broken")

playwright_api = pytest.importorskip("playwright.async_api", reason="Playwright for Python is not installed")
expect = playwright_api.expect


pytestmark = pytest.mark.skipif(
    not shutil.which(CHROMIUM), reason=f"no chromium at {CHROMIUM} (apt-get install chromium; .ci/run does)"
)


@pytest.fixture
async def browser():
    async with playwright_api.async_playwright() as p:
        launched = await p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        await launched.close()


async def open_console(browser, base_url: str, width: int = 1280, height: int = 860):
    page = await browser.new_page(viewport={"width": width, "height": height})
    outside: list[str] = []
    page.on("request", lambda r: outside.append(r.url) if not r.url.startswith(base_url) else None)
    await page.goto(base_url + "/__mock__/ui")
    return page, outside


async def test_traffic_filters_xml_and_replay(gateway, browser):
    await gateway.call(function("getAPISession", controlid="before"))
    page, outside = await open_console(browser, gateway.base_url)
    rows = page.locator("#exchange-table tbody tr")
    await rows.first.wait_for()
    assert await rows.count() == 1
    # Live: new traffic appears without reloading.
    await gateway.call(MISSING_OBJECT)
    await gateway.call(function("getAPISession", controlid="after"))
    await expect(rows).to_have_count(3)
    assert "getAPISession success" in await rows.first.inner_text()
    # Filter to the failing function and read its errorno.
    await page.fill("#filters [name=function]", "readByQuery")
    await expect(rows).to_have_count(1)
    errorno = gateway.state.journal.entries[1].functions[0].errornos[0]
    assert errorno in await rows.first.locator(".errornos").inner_text()
    # Open it with the keyboard: the failure on top, the XML below, secrets redacted.
    await rows.first.focus()
    await page.keyboard.press("Enter")
    detail = page.locator("#exchange-detail")
    await detail.locator(".failures").wait_for()
    assert errorno in await detail.locator(".failures .errorno").inner_text()
    assert "NOSUCHOBJECT not found" in await detail.locator(".failures").inner_text()
    shown = await detail.inner_text()
    assert "<object>NOSUCHOBJECT</object>" in shown and "<errorno>" in shown
    assert "mocksenderpw" not in shown and "mockuserpw" not in shown
    await page.locator("header").scroll_into_view_if_needed()
    await page.screenshot(path=str(DOCS / "console-exchanges.png"))
    # Copy as curl keeps the secrets redacted.
    await page.click("#copy-curl")
    curl = await page.locator("#curl").inner_text()
    assert curl.startswith("curl -sS -X POST") and "NOSUCHOBJECT" in curl and "mockuserpw" not in curl
    # Replay: the same request again, the new answer beside the old, journaled like any other.
    await page.click("#replay")
    replayed = detail.locator(".answer.replayed")
    await replayed.wait_for()
    assert "Replay (HTTP 200)" in await replayed.inner_text() and errorno in await replayed.inner_text()
    assert len(gateway.state.journal.entries) == 4
    assert outside == []


async def test_deactivate_a_sender_add_a_fault_and_reset_the_company(gateway, browser):
    page, outside = await open_console(browser, gateway.base_url)
    await page.click("nav button[data-view=companies]")
    sender = page.locator("select[name=sender-mocksender]")
    await sender.wait_for()
    await page.select_option("#company-select", "MOCKCO")
    await sender.select_option("inactive")
    await expect(sender).to_have_value("inactive")
    assert gateway.state.companies["MOCKCO"].senders["mocksender"] == "inactive"
    answer = await gateway.call(function("getAPISession"))
    assert "XL03000006" in [e["errorno"] for e in answer.errors(".//operation") + answer.errors(".")]
    assert "********" not in await page.locator("#company-detail").inner_text()
    assert "mockuserpw" not in await page.content()
    await page.screenshot(path=str(DOCS / "console-companies.png"))
    # Reset the company: the fixture's sender authorization is back and the gateway answers again.
    await page.click("#company-reset")
    await expect(sender).to_have_value("active")
    answer = await gateway.call(function("getAPISession"))
    assert answer.text("operation/result/status") == "success"
    # Faults: a 503 preset, limited to one hit, and the next request meets it.
    await page.click("nav button[data-view=faults]")
    await page.fill("#fault-form [name=times]", "1")
    await page.click("#presets button[data-preset='503']")
    await page.locator("#fault-table tbody tr").wait_for()
    assert '"status":503' in (await page.locator("#fault-table tbody").inner_text()).replace(" ", "")
    async with gateway.http.post(gateway.endpoint, data=request_xml(function("getAPISession"))) as reply:
        assert reply.status == 503
    await page.screenshot(path=str(DOCS / "console-faults.png"), full_page=True)
    # Two rules; one removed by its own button, then all of them.
    await page.click("#presets button[data-preset='slow']")
    await page.click("#presets button[data-preset='502']")
    await expect(page.locator("#fault-table tbody tr")).to_have_count(2)
    slow = next(r for r in gateway.state.faults.rules if r.action["type"] == "latency")
    await page.click(f"button[aria-label='Remove fault {slow.id}']")
    await expect(page.locator("#fault-table tbody tr")).to_have_count(1)
    assert [r.action["type"] for r in gateway.state.faults.rules] == ["http"]
    await page.click("#faults-clear")
    await expect(page.locator("#fault-table tbody tr")).to_have_count(0)
    assert gateway.state.faults.rules == []
    assert outside == []


async def test_records_and_a_phone_sized_window(gateway, browser):
    page, _ = await open_console(browser, gateway.base_url)
    await page.click("nav button[data-view=records]")
    await page.select_option("#records-company", "MOCKCO")
    await page.locator("#records-object option[value=VENDOR]").wait_for(state="attached")
    await page.select_option("#records-object", "VENDOR")
    await page.fill("#records-fields", "VENDORID,NAME,STATUS")
    await page.press("#records-fields", "Enter")
    await expect(page.locator("#records-table thead")).to_contain_text("VENDORID")
    first = page.locator("#records-table tbody tr").first
    vendorid = (await first.locator("td").first.inner_text()).strip()
    await first.click()
    # opened as `read` answers it: the gateway's XML, every field in lookup order
    await expect(page.locator("#record-detail pre")).to_contain_text(f"<VENDORID>{vendorid}</VENDORID>")
    shown = await page.locator("#record-detail pre").inner_text()
    assert shown.startswith("<VENDOR>") and shown.index("<RECORDNO>") < shown.index("<VENDORID>") < shown.index(
        "<NAME>"
    )
    await page.screenshot(path=str(DOCS / "console-records.png"), full_page=False)
    # More than a page of exchanges: the first 100, then the older ones on demand.
    for n in range(101):
        await gateway.call(function("getAPISession", controlid=f"page-{n}"))
    await page.click("nav button[data-view=exchanges]")
    rows = page.locator("#exchange-table tbody tr")
    await expect(rows).to_have_count(100)
    await page.click("#exchanges-older")
    await expect(rows).to_have_count(101)
    assert not await page.locator("#exchanges-older").is_visible()
    # A phone-sized window: nothing wider than the screen but the tables' own scroll areas.
    phone, _ = await open_console(browser, gateway.base_url, width=390, height=844)
    await gateway.call(MISSING_OBJECT)
    await phone.locator("#exchange-table tbody tr").first.wait_for()
    assert await phone.evaluate("document.documentElement.scrollWidth") <= 390
    await phone.screenshot(path=str(DOCS / "console-phone.png"))


async def test_with_a_token_the_console_asks_for_it_first(browser):
    app = create_app(Settings.from_environment(port=0, admin_token="console-browser-token"))
    server = TestServer(app, host="127.0.0.1")
    await server.start_server()
    base = str(server.make_url("")).rstrip("/")
    try:
        page, outside = await open_console(browser, base)
        await page.locator("#login").wait_for()
        assert not await page.locator("#exchanges").is_visible() and not await page.locator("nav").is_visible()
        await page.fill("#token", "not-the-token")
        await page.press("#token", "Enter")
        await page.locator("#login-error:text('not the admin token')").wait_for()
        await page.screenshot(path=str(DOCS / "console-token.png"))
        await page.fill("#token", "console-browser-token")
        await page.press("#token", "Enter")
        await page.locator("#exchanges").wait_for()
        assert await page.locator("#live").inner_text() in ("live", "")
        assert app[STATE].settings.admin_token not in await page.content()
        assert outside == []
    finally:
        await server.close()
