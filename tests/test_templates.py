"""Fixture templates (mockserver/objects/templates.py): a company copied from a template inside SQLite is the
company the loader would have made, record for record, answer for answer and RECORDNO for RECORDNO; copies
never share a write; an inline fixture with other content gets other records; --state files hold no template.

The mock loads a content directly the first time (the start-up MOCKCO, a one-off inline company), loads it and
keeps it as a template the second time, and copies it from the third on: the tests below make one company of
each kind and compare them over the admin API and the gateway, on real sockets.
"""

from __future__ import annotations

import sqlite3

import pytest
from aiohttp import ClientSession
from aiohttp.test_utils import TestServer
from lxml import etree

from mockserver.app import STATE, create_app
from mockserver.settings import Settings

from .gateway import GatewayClient, bare_company, function, login_xml, vendor_xml

# Objects with lines, derived GL detail and audit rows, each read whole.
OBJECTS = ("GLBATCH", "APBILL", "SODOCUMENT", "GLDETAIL", "GLACCOUNT", "VENDOR", "AUDITHISTORY", "SUPDOC")


def login(companyid: str) -> dict:
    userid = "custom_isu" if companyid.startswith("CUSTOM") else "workato_isu"  # MOCKCUSTOM's user
    return {"authentication": login_xml(userid=userid, companyid=companyid)}


async def make(gateway: GatewayClient, companyid: str, fixture: str = "MOCKCO") -> None:
    status, body = await gateway.admin("POST", "/__mock__/companies", {"fixture": fixture, "companyid": companyid})
    assert status == 201, body


async def dump(gateway: GatewayClient, companyid: str) -> dict:
    status, body = await gateway.admin("GET", f"/__mock__/companies/{companyid}/state")
    assert status == 200, body
    body.pop("companyid")
    return body


async def pages(gateway: GatewayClient, companyid: str, objects: tuple[str, ...] = OBJECTS) -> dict[str, bytes]:
    """Every record of each object as readByQuery answers it (fields *), the resultId left out."""
    found = {}
    for name in objects:
        answer = await gateway.call(
            function("readByQuery", f"<object>{name}</object><fields>*</fields><query/><pagesize>1000</pagesize>"),
            **login(companyid),
        )
        data = answer.root.find("operation/result/data")
        assert data is not None, answer.errors("operation")
        assert data.get("numremaining") == "0", name
        data.attrib.pop("resultId", None)
        found[name] = etree.tostring(data)
    return found


async def read(gateway: GatewayClient, companyid: str, name: str, keys: str) -> bytes:
    answer = await gateway.call(
        function("read", f"<object>{name}</object><keys>{keys}</keys><fields>*</fields>"), **login(companyid)
    )
    data = answer.root.find("operation/result/data")
    assert data is not None, answer.errors("operation")
    return etree.tostring(data)


async def create_vendor(gateway: GatewayClient, companyid: str, vendorid: str) -> str:
    answer = await gateway.call(function("create", vendor_xml(vendorid, f"Vendor {vendorid}")), **login(companyid))
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return answer.text("operation/result/data/vendor/RECORDNO") or ""


async def delete(gateway: GatewayClient, companyid: str, name: str, recordno: str) -> None:
    answer = await gateway.call(
        function("delete", f"<object>{name}</object><keys>{recordno}</keys>"), **login(companyid)
    )
    assert answer.text("operation/result/status") == "success", answer.errors("operation")


async def test_a_company_copied_from_a_template_is_the_company_the_loader_makes(gateway):
    await make(gateway, "LOADED")  # MOCKCO's second load: loaded, and kept as the template
    await make(gateway, "COPIED")  # copied from it
    assert gateway.state.templates.held, "MOCKCO's second load keeps a template"
    # The start-up MOCKCO was loaded directly and has written nothing of its GL detail yet.
    assert await dump(gateway, "COPIED") == await dump(gateway, "LOADED") == await dump(gateway, "MOCKCO")
    copied = await pages(gateway, "COPIED")
    assert copied == await pages(gateway, "LOADED") == await pages(gateway, "MOCKCO")
    assert b"<glentry>" in copied["GLBATCH"].lower() and b"<apbillitem>" in copied["APBILL"].lower()
    assert copied["GLDETAIL"].count(b"<gldetail>") > 100  # the documents' GL detail came with the copy
    for name, keys in (("GLBATCH", "1,2,40"), ("APBILL", "3,50"), ("SODOCUMENT", "1,4")):
        assert await read(gateway, "COPIED", name, keys) == await read(gateway, "LOADED", name, keys)
    aggregate = function(
        "query",
        "<object>GLDETAIL</object><select><count>RECORDNO</count><sum>AMOUNT</sum></select>",
    )
    answers = [await gateway.call(aggregate, **login(c)) for c in ("COPIED", "LOADED")]
    assert etree.tostring(answers[0].root.find("operation/result/data")) == etree.tostring(
        answers[1].root.find("operation/result/data")
    )


async def test_recordno_sequences_continue_as_on_a_loaded_company(gateway):
    await make(gateway, "LOADED")
    await make(gateway, "COPIED")
    for companyid in ("COPIED", "LOADED"):
        assert gateway.state.companies[companyid]  # both exist
    numbers = {c: [await create_vendor(gateway, c, "SEQ-1")] for c in ("COPIED", "LOADED")}
    assert numbers["COPIED"] == numbers["LOADED"] and numbers["COPIED"][0]
    for companyid in ("COPIED", "LOADED"):  # deleting the newest must not give its number to the next create
        await delete(gateway, companyid, "VENDOR", numbers[companyid][0])
        numbers[companyid].append(await create_vendor(gateway, companyid, "SEQ-2"))
    assert numbers["COPIED"] == numbers["LOADED"]
    assert int(numbers["COPIED"][1]) == int(numbers["COPIED"][0]) + 1
    # The next copy starts from the fixture again, not after what the others created.
    await make(gateway, "THIRD")
    assert await create_vendor(gateway, "THIRD", "SEQ-1") == numbers["LOADED"][0]


async def test_writes_to_a_copy_reach_neither_the_other_copies_nor_the_template(gateway):
    await make(gateway, "LOADED")
    await make(gateway, "A")
    await make(gateway, "B")
    pristine = await dump(gateway, "B")
    await create_vendor(gateway, "A", "ONLY-IN-A")
    changed = await gateway.call(
        function("update", "<GLACCOUNT><RECORDNO>1</RECORDNO><TITLE>Changed in A</TITLE></GLACCOUNT>"), **login("A")
    )
    assert changed.text("operation/result/status") == "success", changed.errors("operation")
    await delete(gateway, "A", "APBILL", "3")
    after = await dump(gateway, "A")
    assert after != pristine and "Changed in A" in str(after)
    assert await dump(gateway, "B") == pristine
    await make(gateway, "C")  # made from the template after A's writes
    assert await dump(gateway, "C") == pristine
    status, _ = await gateway.admin("POST", "/__mock__/companies/A/reset")
    assert status == 200
    assert await dump(gateway, "A") == pristine
    assert await pages(gateway, "A") == await pages(gateway, "B")
    # After the reset, A numbers its creates as a fresh company does, deleted APBILL 3 forgotten.
    assert await create_vendor(gateway, "A", "AGAIN") == await create_vendor(gateway, "B", "AGAIN")


async def test_reset_all_brings_back_the_fixtures_from_templates(gateway):
    before = await dump(gateway, "MOCKCO")
    for _ in range(3):
        await create_vendor(gateway, "MOCKCO", f"GONE-{_}")
        await make(gateway, f"EXTRA{_}")
        status, body = await gateway.admin("POST", "/__mock__/reset")
        assert status == 200 and body["companies"] == ["MOCKCO", "MOCKSMALL"], body
        assert await dump(gateway, "MOCKCO") == before
    assert gateway.state.templates.held  # the later resets copied MOCKCO
    assert sorted(gateway.state.companies) == ["MOCKCO", "MOCKSMALL"]
    answer = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query>VENDORID LIKE 'GONE%'</query>"), **login("MOCKCO")
    )
    assert answer.root.find("operation/result/data").get("totalcount") == "0"


async def test_custom_fields_and_dimensions_come_with_a_copy(gateway):
    for companyid in ("CUSTOM1", "CUSTOM2", "CUSTOM3"):
        await make(gateway, companyid, "MOCKCUSTOM")
    loaded, copied = await dump(gateway, "CUSTOM2"), await dump(gateway, "CUSTOM3")
    assert copied == loaded and copied["records"] and copied["dimensions"]
    dimensions = [d["objectName"] for d in copied["dimensions"]]
    objects = tuple(n.upper() for n in dimensions) + tuple(copied["custom_fields"])
    assert await pages(gateway, "CUSTOM3", objects) == await pages(gateway, "CUSTOM2", objects)


async def test_an_inline_fixture_posted_again_with_other_content_gets_other_records(gateway):
    def inline(vendorid: str) -> dict:
        company = bare_company("INLINE")
        company["records"] = {"VENDOR": [{"VENDORID": vendorid, "NAME": f"Vendor {vendorid}"}]}
        return {"company": company, "replace": True}

    async def vendor_ids() -> list[str]:
        answer = await gateway.call(function("readByQuery", "<object>VENDOR</object><query/>"), **login("INLINE"))
        return [e.findtext("VENDORID") for e in answer.root.iterfind("operation/result/data/vendor")]

    for _ in range(3):  # the third is a copy
        status, body = await gateway.admin("POST", "/__mock__/companies", inline("FIRST"))
        assert status == 201, body
        assert await vendor_ids() == ["FIRST"]
    status, body = await gateway.admin("POST", "/__mock__/companies", inline("SECOND"))
    assert status == 201, body
    assert await vendor_ids() == ["SECOND"]
    await create_vendor(gateway, "INLINE", "ADDED")
    assert (await gateway.admin("POST", "/__mock__/companies/INLINE/reset"))[0] == 200
    assert await vendor_ids() == ["SECOND"]  # the reset reloads the content it was last made from
    # The same content under another ID is the same records.
    same = inline("FIRST")
    same["company"]["companyid"] = "INLINE2"
    assert (await gateway.admin("POST", "/__mock__/companies", same))[0] == 201
    answer = await gateway.call(function("readByQuery", "<object>VENDOR</object><query/>"), **login("INLINE2"))
    assert [e.findtext("VENDORID") for e in answer.root.iterfind("operation/result/data/vendor")] == ["FIRST"]


@pytest.fixture
async def server_on(tmp_path):
    """Start mocks with the given settings, one after another, each on a real socket."""
    running: list[TestServer] = []
    http = ClientSession()

    async def start(**settings) -> GatewayClient:
        app = create_app(Settings.from_environment(port=0, **settings))
        server = TestServer(app, host="127.0.0.1")
        await server.start_server()
        running.append(server)
        return GatewayClient(http, str(server.make_url("")).rstrip("/"), app[STATE])

    async def stop() -> None:
        while running:
            await running.pop().close()

    start.stop = stop  # type: ignore[attr-defined]
    yield start
    await stop()
    await http.close()


async def test_state_file_holds_no_template_and_restores_companies(tmp_path, server_on):
    path = tmp_path / "state.sqlite"
    first = await server_on(state=str(path))
    for companyid in ("S1", "S2", "S3"):
        await make(first, companyid)
    assert first.state.templates.held
    await create_vendor(first, "S3", "KEPT")
    expected = {c: await dump(first, c) for c in ("S1", "S2", "S3", "MOCKCO")}
    await server_on.stop()

    db = sqlite3.connect(path)
    try:  # every row of every record table belongs to a company (a template's rows would be under its own key)
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        owners = set()
        for table in tables:
            if "_company" in [row[1] for row in db.execute(f'PRAGMA table_info("{table}")')]:
                owners |= {row[0] for row in db.execute(f'SELECT DISTINCT _company FROM "{table}"')}
        attached = [row[1] for row in db.execute("PRAGMA database_list")]
    finally:
        db.close()
    assert owners == {"MOCKCO", "MOCKSMALL", "S1", "S2", "S3"}
    assert attached == ["main"]

    second = await server_on(state=str(path))
    assert not second.state.templates.held  # a restart finds no template
    for companyid, data in expected.items():
        assert await dump(second, companyid) == data
    assert (await second.admin("POST", "/__mock__/companies/S3/reset"))[0] == 200
    assert await dump(second, "S3") == expected["S1"]


async def test_a_fixture_over_the_template_bound_loads_each_time(server_on):
    gateway = await server_on(template_records=1200)
    big = bare_company("BIG")
    big["generate"] = {"GLACCOUNT": 1500}
    for _ in range(3):
        status, body = await gateway.admin("POST", "/__mock__/companies", {"company": big, "replace": True})
        assert status == 201, body
    assert not gateway.state.templates.held
    answer = await gateway.call(function("readByQuery", "<object>GLACCOUNT</object><query/>"), **login("BIG"))
    assert answer.root.find("operation/result/data").get("totalcount") == "1500"
    # MOCKCO (1,046 records) fits under 1,200: its second load keeps a template, within the bound.
    await make(gateway, "M1")
    await make(gateway, "M2")
    assert gateway.state.templates.records <= 1200 and gateway.state.templates.held


async def test_templates_off_loads_every_company(server_on):
    gateway = await server_on(template_records=0)
    for companyid in ("T1", "T2", "T3"):
        await make(gateway, companyid)
    assert not gateway.state.templates.held
    assert await dump(gateway, "T3") == await dump(gateway, "MOCKCO")


async def test_the_least_recently_used_template_makes_room_and_comes_back(server_on):
    gateway = await server_on(template_records=1200)
    await make(gateway, "M1")
    await make(gateway, "M2")  # MOCKCO's template: 1,046 records
    pristine = await dump(gateway, "M2")
    other = bare_company("OTHER")
    other["generate"] = {"GLACCOUNT": 500}
    for _ in range(2):  # its second load keeps a template of 500 records: MOCKCO's is dropped to make room
        assert (await gateway.admin("POST", "/__mock__/companies", {"company": other, "replace": True}))[0] == 201
    assert gateway.state.templates.records == 500
    for companyid in ("M3", "M4"):  # loaded again, its template kept again, then copied
        await make(gateway, companyid)
        assert await dump(gateway, companyid) == pristine
    assert gateway.state.templates.records == 1046
    answer = await gateway.call(function("readByQuery", "<object>GLACCOUNT</object><query/>"), **login("OTHER"))
    assert answer.root.find("operation/result/data").get("totalcount") == "500"


async def test_a_reset_copies_again_what_changed_and_empties_what_the_store_does_not_watch(gateway):
    await make(gateway, "LOADED")
    await make(gateway, "A")
    await make(gateway, "B")
    summary = (
        "<create_billbatch><batchtitle>Week 10</batchtitle><datecreated><year>2026</year><month>01</month>"
        "<day>05</day></datecreated></create_billbatch>"
    )

    async def summary_key(companyid: str) -> str:
        answer = await gateway.call(f'<function controlid="b">{summary}</function>', **login(companyid))
        assert answer.text("operation/result/status") == "success", answer.errors("operation")
        return answer.text("operation/result/key") or ""

    first = await summary_key("A")  # the legacy summaries' table, written outside the store
    await create_vendor(gateway, "A", "CHANGED")
    await delete(gateway, "A", "GLBATCH", "2")  # its GL entries and GL detail go with it
    assert gateway.state.store.written["A"] >= {"VENDOR", "GLBATCH", "GLENTRY", "GLDETAIL", "AUDITHISTORY"}
    assert (await gateway.admin("POST", "/__mock__/companies/A/reset"))[0] == 200
    assert gateway.state.store.written["A"] == set()
    assert await dump(gateway, "A") == await dump(gateway, "B")
    assert await pages(gateway, "A") == await pages(gateway, "B")
    assert await summary_key("A") == first
    assert await create_vendor(gateway, "A", "AFTER") == await create_vendor(gateway, "B", "AFTER")


async def test_a_reset_of_a_copy_brings_back_its_own_objects(gateway):
    for companyid in ("CUSTOM1", "CUSTOM2", "CUSTOM3"):
        await make(gateway, companyid, "MOCKCUSTOM")
    created = await gateway.call(
        function("create", "<CUSTOM_EVENT><name>Gala</name></CUSTOM_EVENT>"), **login("CUSTOM3")
    )
    assert created.text("operation/result/status") == "success", created.errors("operation")
    objects = ("CUSTOM_EVENT", "VENDOR", "AUDITHISTORY")
    assert await pages(gateway, "CUSTOM3", objects) != await pages(gateway, "CUSTOM2", objects)
    assert (await gateway.admin("POST", "/__mock__/companies/CUSTOM3/reset"))[0] == 200
    assert await pages(gateway, "CUSTOM3", objects) == await pages(gateway, "CUSTOM2", objects)
    assert await dump(gateway, "CUSTOM3") == await dump(gateway, "CUSTOM2")
