"""AUDITHISTORY end to end: every create, update and delete through the gateway leaves one row,
queryable like any object; failures and rollbacks leave none; the trail itself is read-only."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from .gateway import bare_company, function, login_xml, vendor_xml

AUDIT_SELECT = (
    "<select><field>RECORDNO</field><field>OBJECTTYPE</field><field>OBJECTKEY</field><field>OBJECTDESC</field>"
    "<field>ACCESSMODE</field><field>ACCESSTIME</field><field>USERID</field><field>SOURCE</field></select>"
)


@pytest.fixture
async def company(gateway):
    gateway.state.create_company(
        bare_company(
            "AUDCO",
            users=[
                {"userid": "workato_isu", "password": "mockuserpw", "admin": "full"},
                {
                    "userid": "ap_clerk",
                    "password": "clerkpw",
                    "grants": {"Accounts Payable": ["list", "add", "delete"]},
                },
            ],
        )
    )
    return {"authentication": login_xml(companyid="AUDCO")}


async def now_text(gateway, advance: int = 0) -> str:
    """The mock clock's time as a query literal (AUDCO's time zone is UTC)."""
    status, clock = await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": advance})
    assert status == 200
    return datetime.fromtimestamp(int(clock["now"]), tz=UTC).strftime("%m/%d/%Y %H:%M:%S")


async def audit_rows(gateway, login, where: str = "") -> list[dict[str, str | None]]:
    filters = f"<filter>{where}</filter>" if where else ""
    answer = await gateway.call(
        function(
            "query",
            f"<object>AUDITHISTORY</object>{AUDIT_SELECT}{filters}"
            "<orderby><order><field>ACCESSTIME</field><ascending/></order>"
            "<order><field>RECORDNO</field><ascending/></order></orderby>",
        ),
        **login,
    )
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return [{child.tag: child.text for child in row} for row in answer.root.find("operation/result/data")]


def ok(answer) -> None:
    assert answer.text("operation/result/status") == "success", answer.errors("operation")


async def test_create_update_delete_of_a_vendor_each_leave_one_row_an_incremental_sync_sees(gateway, company):
    ok(await gateway.call(function("create", vendor_xml("VOLD", "Before the sync")), **company))
    cutoff = await now_text(gateway, advance=3600)  # the sync's last run: an hour later
    created = await gateway.call(function("create", vendor_xml("VA1", "Acme")), **company)
    ok(created)
    recordno = created.text("operation/result/data/vendor/RECORDNO")
    created_at = await now_text(gateway)
    changed_at = await now_text(gateway, advance=60)
    ok(
        await gateway.call(
            function("update", "<VENDOR><VENDORID>VA1</VENDORID><NAME>Acme 2</NAME></VENDOR>"), **company
        )
    )
    deleted_at = await now_text(gateway, advance=60)
    ok(await gateway.call(function("delete", f"<object>VENDOR</object><keys>{recordno}</keys>"), **company))

    where = "<and><equalto><field>OBJECTTYPE</field><value>VENDOR</value></equalto>"
    where += f"<greaterthanorequalto><field>ACCESSTIME</field><value>{cutoff}</value></greaterthanorequalto></and>"
    rows = await audit_rows(gateway, company, where)
    common = {"OBJECTTYPE": "VENDOR", "OBJECTKEY": recordno, "OBJECTDESC": "VA1", "USERID": "workato_isu"}
    assert [{k: row[k] for k in (*common, "ACCESSMODE", "ACCESSTIME", "SOURCE")} for row in rows] == [
        {**common, "ACCESSMODE": "C", "ACCESSTIME": created_at, "SOURCE": "Web Services"},
        {**common, "ACCESSMODE": "U", "ACCESSTIME": changed_at, "SOURCE": "Web Services"},
        {**common, "ACCESSMODE": "D", "ACCESSTIME": deleted_at, "SOURCE": "Web Services"},
    ]
    # The write before the cutoff is in the trail, outside the sync's window.
    assert [r["OBJECTDESC"] for r in await audit_rows(gateway, company)] == ["VOLD", "VA1", "VA1", "VA1"]


async def test_legacy_writes_are_audited_the_same_way(gateway, company):
    ok(await gateway.call(function("create", vendor_xml("VL1", "Legacy")), **company))
    ok(await gateway.call('<function controlid="d"><delete_vendor vendorid="VL1"/></function>', **company))
    rows = await audit_rows(gateway, company)
    assert [(r["OBJECTTYPE"], r["OBJECTDESC"], r["ACCESSMODE"]) for r in rows] == [
        ("VENDOR", "VL1", "C"),
        ("VENDOR", "VL1", "D"),
    ]


async def test_a_failed_function_and_a_rolled_back_transaction_leave_no_row(gateway, company):
    ok(await gateway.call(function("create", vendor_xml("VX", "Exists")), **company))
    duplicate = await gateway.call(function("create", vendor_xml("VNEW") + vendor_xml("VX")), **company)
    assert duplicate.text("operation/result/status") == "failure"
    rolled_back = await gateway.call(
        function("create", vendor_xml("VT1"), "one")
        + function("update", "<VENDOR><VENDORID>VX</VENDORID><NAME>Changed</NAME></VENDOR>", "two")
        + function("create", vendor_xml("VX"), "three"),
        transaction=True,
        **company,
    )
    assert [r.findtext("status") for r in rolled_back.results()] == ["aborted", "aborted", "failure"]
    rows = await audit_rows(gateway, company)
    # VNEW was saved before the duplicate stopped its create (and is audited); the duplicate and the
    # rolled-back transaction leave no row.
    assert [(r["OBJECTDESC"], r["ACCESSMODE"]) for r in rows] == [("VX", "C"), ("VNEW", "C")]


@pytest.mark.parametrize(
    "name, body, action, done",
    [
        ("create", "<AUDITHISTORY><OBJECTTYPE>VENDOR</OBJECTTYPE></AUDITHISTORY>", "create", "created"),
        ("update", "<AUDITHISTORY><RECORDNO>1</RECORDNO><USERID>x</USERID></AUDITHISTORY>", "update", "changed"),
        ("delete", "<object>AUDITHISTORY</object><keys>1</keys>", "delete", "deleted"),
    ],
)
async def test_the_trail_itself_cannot_be_created_changed_or_deleted(gateway, company, name, body, action, done):
    ok(await gateway.call(function("create", vendor_xml("VR", "Trail")), **company))
    before = await audit_rows(gateway, company)
    answer = await gateway.call(function(name, body), **company)
    assert answer.status == 200 and answer.text("operation/result/status") == "failure"
    assert [(e["errorno"], e["description2"]) for e in answer.errors("operation/result")] == [
        ("BL01001973", f"Audit History records cannot be {done} through the API."),
        ("BL01001973", f"Could not {action} Audit History record!"),
    ]
    assert await audit_rows(gateway, company) == before


async def test_read_by_query_pages_with_read_more_and_read_finds_a_row(gateway, company):
    for n in range(5):
        ok(await gateway.call(function("create", vendor_xml(f"VP{n}", "Paged")), **company))
    first = await gateway.call(
        function("readByQuery", "<object>AUDITHISTORY</object><query/><fields>*</fields><pagesize>2</pagesize>"),
        **company,
    )
    ok(first)
    data = first.root.find("operation/result/data")
    assert (data.get("totalcount"), data.get("count"), data.get("numremaining")) == ("5", "2", "3")
    seen = [row.findtext("OBJECTDESC") for row in data]
    resultid = data.get("resultId")
    while resultid:
        more = await gateway.call(function("readMore", f"<resultId>{resultid}</resultId>"), **company)
        ok(more)
        page = more.root.find("operation/result/data")
        seen += [row.findtext("OBJECTDESC") for row in page]
        resultid = page.get("resultId") if page.get("numremaining") != "0" else None
    assert seen == [f"VP{n}" for n in range(5)]
    read = await gateway.call(
        function("read", "<object>AUDITHISTORY</object><keys>3</keys><fields>*</fields>"), **company
    )
    ok(read)
    assert read.text("operation/result/data/AUDITHISTORY/OBJECTDESC") == "VP2"
    assert read.text("operation/result/data/AUDITHISTORY/ACCESSMODE") == "C"


async def test_inspect_and_lookup_describe_the_trail(gateway, company):
    inspect = await gateway.call(function("inspect", "<object>AUDITHISTORY</object>"), **company)
    ok(inspect)
    [type_] = inspect.root.find("operation/result/data")
    assert type_.get("Name") == "AUDITHISTORY"
    assert [f.text for f in type_.find("Fields")][:9] == [
        "RECORDNO",
        "WHENCREATED",
        "WHENMODIFIED",
        "CREATEDBY",
        "MODIFIEDBY",
        "OBJECTTYPE",
        "OBJECTKEY",
        "OBJECTDESC",
        "ACCESSMODE",
    ]
    lookup = await gateway.call(function("lookup", "<object>AUDITHISTORY</object>"), **company)
    ok(lookup)
    fields = {f.findtext("ID"): f for f in lookup.root.iterfind(".//Field")}
    assert {"RECORDNO", "OBJECTTYPE", "OBJECTKEY", "OBJECTDESC", "ACCESSMODE", "ACCESSTIME", "USERID", "SOURCE"} <= set(
        fields
    )
    assert fields["ACCESSTIME"].findtext("DATATYPE") == "TIMESTAMP"
    assert [v.text for v in fields["ACCESSMODE"].iterfind("VALIDVALUES/VALIDVALUE")] == ["C", "U", "D"]
    assert "MEGAENTITYID" not in fields  # the trail is the company's, not an entity's


async def test_a_user_without_a_grant_on_the_trail_cannot_list_it(gateway, company):
    clerk = {"authentication": login_xml(userid="ap_clerk", companyid="AUDCO", password="clerkpw")}
    ok(await gateway.call(function("create", vendor_xml("VC", "By the clerk")), **clerk))
    answer = await gateway.call(function("readByQuery", "<object>AUDITHISTORY</object><query/>"), **clerk)
    assert answer.text("operation/result/status") == "failure"
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "PL04000005"
    assert error["description2"] == (
        "You do not have permission for API operation READ_BY_QUERY on objects of type audithistory"
    )
    rows = await audit_rows(gateway, company)  # the clerk's own write is in the trail, under the clerk's name
    assert [(r["OBJECTDESC"], r["USERID"]) for r in rows] == [("VC", "ap_clerk")]
