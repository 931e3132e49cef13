"""A company's own custom fields and user-defined dimensions, over a real socket: getDimensions then a query
of each UDD object (as Singer taps do, tests/facts/genuine_records/UDD_DIMENSION.xml), custom fields in
lookup/query/create/read (tests/facts/genuine_records/VENDOR.xml's VENDOR_CF_*), another company refusing
them, and bad declarations refused with a 400 naming the field (admin API) or one line (CLI), changing nothing.
"""

from __future__ import annotations

import json

import pytest
from lxml import etree

from .gateway import bare_company, function, login_xml
from .server_process import ServerProcess
from .test_cli import in_process, one_line

UDD_FIELDS = ["id", "name", "createdBy", "createdAt", "updatedBy", "updatedAt", "RECORD_URL"]
CUSTOM = {
    "VENDOR": [
        {"name": "VENDOR_CF_BOOL", "type": "boolean", "label": "Preferred"},
        {"name": "VENDOR_CF_NUMBER", "type": "decimal"},
        {"name": "VENDOR_CF_TEXT", "label": "Notes"},
    ]
}
UDDS = [{"objectName": "UDD_REGION", "label": "Region"}, {"objectName": "UDD_CHANNEL", "label": "Channel"}]
RECORDS = {
    "UDD_REGION": [
        {"name": "North", "updatedAt": "03/11/2026 20:18:02"},
        {"name": "South", "createdAt": "04/04/2016 08:20:52", "updatedAt": "04/04/2016 08:20:52"},
    ],
    "VENDOR": [{"VENDORID": "V1", "NAME": "Acme", "VENDOR_CF_BOOL": True, "VENDOR_CF_TEXT": "net 30"}],
}


def own_company(companyid: str = "OWNCO", **settings) -> dict:
    return bare_company(companyid, custom_fields=CUSTOM, dimensions=UDDS, records=RECORDS, **settings)


async def create(gateway, fixture: dict) -> str:
    status, body = await gateway.admin("POST", "/__mock__/companies", {"company": fixture})
    assert status == 201, body
    return body["companyid"]


async def data_of(gateway, companyid: str, functions: str) -> etree._Element:
    answer = await gateway.call(functions, authentication=login_xml(companyid=companyid))
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return answer.root.find("operation/result/data")


async def error_of(gateway, companyid: str, functions: str) -> str:
    answer = await gateway.call(functions, authentication=login_xml(companyid=companyid))
    assert answer.text("operation/result/status") == "failure"
    return etree.tostring(answer.root.find("operation/result/errormessage"), encoding="unicode")


def query(obj: str, fields: list[str], filter_xml: str = "") -> str:
    select = "".join(f"<field>{f}</field>" for f in fields)
    filtered = f"<filter>{filter_xml}</filter>" if filter_xml else ""
    return function("query", f"<object>{obj}</object><select>{select}</select>{filtered}")


def rows(data: etree._Element) -> list[dict[str, str | None]]:
    return [{child.tag: child.text for child in row} for row in data]


async def test_each_user_defined_dimension_of_get_dimensions_is_queryable(gateway):
    companyid = await create(gateway, own_company())
    dimensions = await data_of(gateway, companyid, function("getDimensions"))
    udds = [
        d.findtext("objectName") for d in dimensions.find("dimensions") if d.findtext("userDefinedDimension") == "true"
    ]
    assert udds == ["UDD_REGION", "UDD_CHANNEL"]
    for name in udds:
        data = await data_of(gateway, companyid, query(name, UDD_FIELDS))
        assert all(row.tag == name for row in data)
        assert all([child.tag for child in row] == UDD_FIELDS for row in data)
    region = rows(await data_of(gateway, companyid, query("UDD_REGION", UDD_FIELDS)))
    assert [(r["id"], r["name"], r["updatedAt"]) for r in region] == [
        ("1", "North", "03/11/2026 20:18:02"),
        ("2", "South", "04/04/2016 08:20:52"),
    ]
    assert region[0]["createdAt"] == "01/01/2026 00:00:00"  # the fixture's time when it gives none
    # The tap's incremental filter: updatedAt.
    since = "<greaterthan><field>updatedAt</field><value>01/01/2020 00:00:00</value></greaterthan>"
    recent = rows(await data_of(gateway, companyid, query("UDD_REGION", ["name"], since)))
    assert recent == [{"name": "North"}]


async def test_a_user_defined_dimension_is_an_object_inspect_lookup_and_writes_know(gateway):
    companyid = await create(gateway, own_company())
    listed = await data_of(gateway, companyid, function("inspect", "<object>*</object>"))
    assert {"UDD_REGION", "UDD_CHANNEL"} <= {t.get("typename") for t in listed}
    looked = await data_of(gateway, companyid, function("lookup", "<object>UDD_CHANNEL</object>"))
    assert [f.findtext("ID") for f in looked.find("Type/Fields")] == UDD_FIELDS
    created = await data_of(gateway, companyid, function("create", "<UDD_CHANNEL><name>Online</name></UDD_CHANNEL>"))
    recordno = created.findtext("udd_channel/RECORDNO")
    assert recordno == "1"
    await data_of(
        gateway, companyid, function("update", f"<UDD_CHANNEL><id>{recordno}</id><name>Web</name></UDD_CHANNEL>")
    )
    read = rows(
        await data_of(
            gateway,
            companyid,
            function("read", f"<object>UDD_CHANNEL</object><keys>{recordno}</keys><fields>*</fields>"),
        )
    )
    assert read[0]["name"] == "Web" and read[0]["id"] == "1" and read[0]["createdBy"] == "1"
    assert read[0]["updatedAt"] and read[0]["createdAt"]
    by_query = await data_of(
        gateway,
        companyid,
        function(
            "readByQuery",
            "<object>UDD_CHANNEL</object><fields>name</fields><query>name = 'Web'</query><pagesize>10</pagesize>",
        ),
    )
    assert rows(by_query) == [{"name": "Web"}]
    assert "name" in await error_of(gateway, companyid, function("create", "<UDD_CHANNEL><name></name></UDD_CHANNEL>"))
    await data_of(gateway, companyid, function("delete", f"<object>UDD_CHANNEL</object><keys>{recordno}</keys>"))
    assert rows(await data_of(gateway, companyid, query("UDD_CHANNEL", ["name"]))) == []


async def test_custom_fields_in_lookup_query_create_and_read(gateway):
    companyid = await create(gateway, own_company())
    looked = await data_of(gateway, companyid, function("lookup", "<object>VENDOR</object>"))
    fields = {f.findtext("ID"): f for f in looked.find("Type/Fields")}
    assert fields["VENDOR_CF_BOOL"].findtext("ISCUSTOM") == "true"
    assert fields["VENDOR_CF_BOOL"].findtext("DATATYPE") == "BOOLEAN"
    assert fields["VENDOR_CF_BOOL"].findtext("LABEL") == "Preferred"
    assert fields["VENDORID"].findtext("ISCUSTOM") == "false"
    found = rows(await data_of(gateway, companyid, query("VENDOR", ["VENDORID", "VENDOR_CF_BOOL", "VENDOR_CF_TEXT"])))
    assert found == [{"VENDORID": "V1", "VENDOR_CF_BOOL": "true", "VENDOR_CF_TEXT": "net 30"}]
    vendor = "<VENDOR><VENDORID>V2</VENDORID><NAME>Beta</NAME><VENDOR_CF_BOOL>false</VENDOR_CF_BOOL><VENDOR_CF_NUMBER>12.5</VENDOR_CF_NUMBER></VENDOR>"
    created = await data_of(gateway, companyid, function("create", vendor))
    recordno = created.findtext("vendor/RECORDNO")
    read = rows(
        await data_of(
            gateway, companyid, function("read", f"<object>VENDOR</object><keys>{recordno}</keys><fields>*</fields>")
        )
    )
    assert (read[0]["VENDOR_CF_BOOL"], read[0]["VENDOR_CF_NUMBER"]) == ("false", "12.5")
    bad = "<VENDOR><VENDORID>V3</VENDORID><NAME>Gamma</NAME><VENDOR_CF_NUMBER>lots</VENDOR_CF_NUMBER></VENDOR>"
    assert "VENDOR_CF_NUMBER" in await error_of(gateway, companyid, function("create", bad))
    await data_of(
        gateway,
        companyid,
        function("update", "<VENDOR><VENDORID>V2</VENDORID><VENDOR_CF_TEXT>changed</VENDOR_CF_TEXT></VENDOR>"),
    )
    filtered = "<equalto><field>VENDOR_CF_TEXT</field><value>changed</value></equalto>"
    assert rows(await data_of(gateway, companyid, query("VENDOR", ["VENDORID"], filtered))) == [{"VENDORID": "V2"}]


async def test_another_company_does_not_see_them(gateway):
    await create(gateway, own_company())
    other = await create(gateway, bare_company("PLAINCO"))
    assert "Invalid field" in await error_of(gateway, other, query("VENDOR", ["VENDORID", "VENDOR_CF_BOOL"]))
    looked = await data_of(gateway, other, function("lookup", "<object>VENDOR</object>"))
    assert "VENDOR_CF_BOOL" not in {f.findtext("ID") for f in looked.find("Type/Fields")}
    await error_of(gateway, other, query("UDD_REGION", ["name"]))
    # Its vendors are written without the other company's column.
    await data_of(gateway, other, function("create", "<VENDOR><VENDORID>P1</VENDORID><NAME>Plain</NAME></VENDOR>"))


async def test_a_state_dump_round_trips_them(gateway):
    await create(gateway, own_company())
    status, dumped = await gateway.admin("GET", "/__mock__/companies/OWNCO/state")
    assert status == 200
    assert dumped["custom_fields"]["VENDOR"][0]["name"] == "VENDOR_CF_BOOL"
    assert dumped["records"]["VENDOR"][0]["VENDOR_CF_BOOL"] == "true"
    assert [r["name"] for r in dumped["records"]["UDD_REGION"]] == ["North", "South"]
    copy = dict(dumped, companyid="OWNCOPY")
    await create(gateway, copy)
    status, again = await gateway.admin("GET", "/__mock__/companies/OWNCOPY/state")
    assert again["records"] == dumped["records"] and again["custom_fields"] == dumped["custom_fields"]


BAD_DECLARATIONS = [
    ({"custom_fields": {"VENDR": [{"name": "VENDR_CF_X"}]}}, "custom_fields.VENDR"),
    ({"custom_fields": {"APBILLITEM": [{"name": "LINE_CF_X"}]}}, "custom_fields.APBILLITEM"),
    ({"custom_fields": {"VENDOR": [{"name": "vendor_cf_x"}]}}, "custom_fields.VENDOR[0].name"),
    ({"custom_fields": {"VENDOR": [{"name": "NAME"}]}}, "custom_fields.VENDOR[0].name"),
    ({"custom_fields": {"VENDOR": [{"name": "VENDOR_CF_X", "type": "colour"}]}}, "custom_fields.VENDOR[0].type"),
    ({"custom_fields": {"VENDOR": [{"name": "VENDOR_CF_X", "type": "enum"}]}}, "custom_fields.VENDOR[0].values"),
    (
        {"custom_fields": CUSTOM, "records": {"VENDOR": [{"VENDORID": "V", "NAME": "N", "VENDOR_CF_BOOL": "maybe"}]}},
        "records.VENDOR[0].VENDOR_CF_BOOL",
    ),
    (
        {"records": {"VENDOR": [{"VENDORID": "V", "NAME": "N", "VENDOR_CF_BOOL": True}]}},
        "records.VENDOR[0].VENDOR_CF_BOOL",
    ),
    ({"dimensions": UDDS, "records": {"UDD_REGION": [{"name": "N", "colour": "red"}]}}, "records.UDD_REGION[0].colour"),
    ({"records": {"UDD_REGION": [{"name": "N"}]}}, "records.UDD_REGION"),
    ({"dimensions": [{"objectName": "deleted_recordno", "label": "X"}]}, "dimensions[0].objectName"),
    ({"dimensions": [{"objectName": "sqlite_master", "label": "X"}]}, "dimensions[0].objectName"),
    ({"dimensions": [{"objectName": "VENDOR", "label": "X"}]}, "dimensions[0].objectName"),
]


@pytest.mark.parametrize(("settings", "field"), BAD_DECLARATIONS)
async def test_bad_declarations_are_refused_naming_the_field(gateway, settings, field):
    before = await gateway.admin("GET", "/__mock__/companies")
    status, body = await gateway.admin("POST", "/__mock__/companies", {"company": bare_company("BADCO", **settings)})
    assert status == 400, body
    assert body["field"] == f"company.{field}", body
    assert await gateway.admin("GET", "/__mock__/companies") == before


@pytest.fixture(scope="module")
def mock():
    with ServerProcess() as server:
        yield server


def test_a_bad_declaration_from_the_cli_is_one_line(mock, capsys, tmp_path):
    before = mock.admin("GET", "/__mock__/companies")[1]
    bad = tmp_path / "bad.json"
    bad.write_text(
        json.dumps(bare_company("BADCO", custom_fields={"VENDOR": [{"name": "VENDOR_CF_X", "type": "colour"}]}))
    )
    code, out, err = in_process(capsys, "create-company", "--url", mock.url, "--file", str(bad))
    assert code != 0 and out == ""
    assert "custom_fields" in one_line(err)
    assert mock.admin("GET", "/__mock__/companies")[1] == before


async def test_the_mockcustom_fixture_is_the_recorded_companys_shape(gateway):
    """fixtures/companies/MOCKCUSTOM.json: the recorded company's six UDDs and VENDOR/APBILL custom fields."""
    status, body = await gateway.admin("POST", "/__mock__/companies", {"fixture": "MOCKCUSTOM"})
    assert status == 201, body
    companyid = body["companyid"]
    login = login_xml(userid="custom_isu", companyid=companyid)

    async def ok(functions: str) -> etree._Element:
        answer = await gateway.call(functions, authentication=login)
        assert answer.text("operation/result/status") == "success", answer.errors("operation")
        return answer.root.find("operation/result/data")

    dimensions = (await ok(function("getDimensions"))).find("dimensions")
    udds = [d.findtext("objectName") for d in dimensions if d.findtext("userDefinedDimension") == "true"]
    assert udds == ["DIMENSION", "CUSTOM_EVENT", "DONOR", "ORDER_NUMBER", "SALES_CHANNEL", "SECTOR"]
    since = "<greaterthan><field>updatedAt</field><value>01/01/2000 00:00:00</value></greaterthan>"
    for name in udds:
        found = rows(await ok(query(name, UDD_FIELDS, since)))
        assert len(found) >= 2 and all(list(r) == UDD_FIELDS for r in found), name
    for obj, field in (("VENDOR", "VENDOR_CF_BOOL"), ("APBILL", "BILL_CF_TEXT"), ("CUSTOMER", "CUSTOMER_CF_BOOL")):
        looked = await ok(function("lookup", f"<object>{obj}</object>"))
        assert field in [f.findtext("ID") for f in looked.find("Type/Fields") if f.findtext("ISCUSTOM") == "true"]
    preferred = "<equalto><field>VENDOR_CF_BOOL</field><value>true</value></equalto>"
    assert rows(await ok(query("VENDOR", ["VENDORID", "VENDOR_CF_NUMBER"], preferred))) == [
        {"VENDORID": "V100", "VENDOR_CF_NUMBER": "87.5"}
    ]


def test_a_restart_on_a_state_file_keeps_the_companys_own_objects_and_fields(tmp_path):
    import urllib.request

    from .gateway import request_xml

    def udd_names(server: ServerProcess) -> list[str]:
        body = request_xml(query("UDD_REGION", ["name"]), authentication=login_xml(companyid="OWNCO"))
        with urllib.request.urlopen(urllib.request.Request(server.endpoint, data=body), timeout=30) as reply:
            return [row.findtext("name") for row in etree.fromstring(reply.read()).find("operation/result/data")]

    state = str(tmp_path / "state.sqlite")
    with ServerProcess("--state", state) as first:
        assert first.admin("POST", "/__mock__/companies", {"company": own_company()})[0] == 201
        dumped = first.admin("GET", "/__mock__/companies/OWNCO/state")[1]
    with ServerProcess("--state", state) as second:
        assert udd_names(second) == ["North", "South"]
        assert second.admin("GET", "/__mock__/companies/OWNCO/state")[1]["records"] == dumped["records"]
