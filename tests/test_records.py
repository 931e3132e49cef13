"""Generic record functions end to end: create, update, delete, read, readByName, readByQuery, readMore."""

from __future__ import annotations

import pytest

from .gateway import bare_company, function, login_xml, vendor_xml


@pytest.fixture
async def company(gateway):
    """A fresh company with no records, so counts are exact."""
    gateway.state.create_company(bare_company("RECCO"))
    return "RECCO"


def as_recco(**login):
    return {"authentication": login_xml(companyid="RECCO", **login)}


async def test_create_answers_recordno_and_id_for_each_object(gateway, company):
    answer = await gateway.call(
        function(
            "create",
            vendor_xml("V1", "Acme")
            + vendor_xml("V2", "Beta")
            + "<CUSTOMER><CUSTOMERID>C1</CUSTOMERID><NAME>Cust</NAME></CUSTOMER>",
        ),
        **as_recco(),
    )
    data = answer.root.find("operation/result/data")
    assert data.get("listtype") == "objects" and data.get("count") == "3"
    assert [(e.tag, e.findtext("RECORDNO"), e.findtext(e[1].tag)) for e in data] == [
        ("vendor", "1", "V1"),
        ("vendor", "2", "V2"),
        ("customer", "1", "C1"),
    ]


async def test_created_vendor_reads_back_with_stamps_defaults_and_nested_contact(gateway, company):
    await gateway.call(
        function(
            "create",
            vendor_xml("V1", "Acme Supply", DISPLAYCONTACT="", CREDITLIMIT="1500.50").replace(
                "<DISPLAYCONTACT></DISPLAYCONTACT>",
                "<DISPLAYCONTACT><EMAIL1>ap@acme.example</EMAIL1>"
                "<MAILADDRESS><CITY>Austin</CITY></MAILADDRESS></DISPLAYCONTACT>",
            ),
        ),
        **as_recco(),
    )
    answer = await gateway.call(
        function("read", "<object>VENDOR</object><keys>1</keys><fields>*</fields>"), **as_recco()
    )
    data = answer.root.find("operation/result/data")
    assert data.get("listtype") == "VENDOR" and data.get("count") == "1"
    vendor = data.find("VENDOR")
    assert vendor.findtext("VENDORID") == "V1"
    assert vendor.findtext("CREDITLIMIT") == "1500.5"
    assert vendor.findtext("STATUS") == "active"  # default
    assert vendor.findtext("DISPLAYCONTACT/PRINTAS") == "Acme Supply"  # defaults to the name
    assert vendor.findtext("DISPLAYCONTACT/EMAIL1") == "ap@acme.example"
    assert vendor.findtext("DISPLAYCONTACT/MAILADDRESS/CITY") == "Austin"
    assert vendor.findtext("CREATEDBY") == "1"
    created = vendor.findtext("WHENCREATED")
    assert len(created) == 19 and created[2] == "/" and created == vendor.findtext("WHENMODIFIED")
    assert vendor.findtext("MEGAENTITYID") == ""  # a top-level record


async def test_read_with_a_field_list_answers_only_those_fields(gateway, company):
    await gateway.call(function("create", vendor_xml("V1", "Acme")), **as_recco())
    answer = await gateway.call(
        function("read", "<object>VENDOR</object><keys>1</keys><fields>VENDORID,NAME,DISPLAYCONTACT.PRINTAS</fields>"),
        **as_recco(),
    )
    vendor = answer.root.find("operation/result/data/VENDOR")
    assert [e.tag for e in vendor] == ["VENDORID", "NAME", "DISPLAYCONTACT"]
    assert [e.tag for e in vendor.find("DISPLAYCONTACT")] == ["PRINTAS"]


async def test_read_by_name_uses_the_id_field_and_skips_missing_keys(gateway, company):
    await gateway.call(function("create", vendor_xml("V1") + vendor_xml("V2")), **as_recco())
    answer = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>V2,NOPE,V1</keys><fields>VENDORID</fields>"), **as_recco()
    )
    data = answer.root.find("operation/result/data")
    assert data.get("count") == "2"
    assert [v.findtext("VENDORID") for v in data] == ["V2", "V1"]


async def test_update_by_id_changes_fields_and_keeps_the_rest(gateway, company):
    await gateway.call(function("create", vendor_xml("V1", "Old", CREDITLIMIT="10")), **as_recco())
    await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 60})
    answer = await gateway.call(
        function("update", "<VENDOR><VENDORID>V1</VENDORID><NAME>New</NAME><DISPLAYCONTACT/></VENDOR>"), **as_recco()
    )
    assert answer.text("operation/result/data/vendor/RECORDNO") == "1"
    vendor = (await gateway.call(function("read", "<object>VENDOR</object><keys>1</keys>"), **as_recco())).root.find(
        "operation/result/data/VENDOR"
    )
    assert vendor.findtext("NAME") == "New"
    assert vendor.findtext("CREDITLIMIT") == "10"
    assert vendor.findtext("WHENMODIFIED") != vendor.findtext("WHENCREATED")


async def test_update_by_recordno_can_rename_the_id(gateway, company):
    await gateway.call(function("create", vendor_xml("V1")), **as_recco())
    await gateway.call(
        function("update", "<VENDOR><RECORDNO>1</RECORDNO><VENDORID>V1B</VENDORID></VENDOR>"), **as_recco()
    )
    answer = await gateway.call(function("readByName", "<object>VENDOR</object><keys>V1B</keys>"), **as_recco())
    assert answer.text("operation/result/data/VENDOR/RECORDNO") == "1"


async def test_update_of_a_missing_record_fails(gateway, company):
    answer = await gateway.call(
        function("update", "<VENDOR><VENDORID>GHOST</VENDORID><NAME>x</NAME></VENDOR>"), **as_recco()
    )
    assert answer.text("operation/result/status") == "failure"
    assert (
        "Cannot update non-existing VENDOR with VENDORID=GHOST" in answer.errors("operation/result")[0]["description2"]
    )


async def test_delete_removes_records_and_a_second_delete_fails(gateway, company):
    await gateway.call(function("create", vendor_xml("V1") + vendor_xml("V2")), **as_recco())
    first = await gateway.call(function("delete", "<object>VENDOR</object><keys>1,2</keys>"), **as_recco())
    assert first.text("operation/result/status") == "success"
    assert first.root.find("operation/result/data") is None
    again = await gateway.call(function("delete", "<object>VENDOR</object><keys>1</keys>"), **as_recco())
    assert again.text("operation/result/status") == "failure"
    assert again.errors("operation/result")[0]["description2"] == "Cannot find vendor with key '1' to delete."
    read = await gateway.call(function("read", "<object>VENDOR</object><keys>1,2</keys>"), **as_recco())
    assert read.root.find("operation/result/data").get("count") == "0"


async def test_duplicate_id_fails_with_the_gateways_error_chain(gateway, company):
    await gateway.call(function("create", vendor_xml("V1")), **as_recco())
    answer = await gateway.call(function("create", vendor_xml("V1", "Again")), **as_recco())
    assert answer.text("operation/result/status") == "failure"
    errors = answer.errors("operation/result")
    assert [e["errorno"] for e in errors] == ["BL34000061", "BL01001973"]
    assert errors[0]["description2"] == "Another Vendor with the given value(s) V1  already exists"
    assert errors[0]["correction"] == "Use a unique value instead."
    assert errors[1]["description2"] == "Could not create vendor record!"


async def test_a_failing_object_fails_its_whole_create_function(gateway, company):
    answer = await gateway.call(
        function("create", vendor_xml("V1") + "<VENDOR><VENDORID>V2</VENDORID></VENDOR>"), **as_recco()
    )
    assert answer.text("operation/result/status") == "failure"
    assert "Required field NAME is missing." in answer.errors("operation/result")[0]["description2"]
    read = await gateway.call(function("readByName", "<object>VENDOR</object><keys>V1</keys>"), **as_recco())
    assert read.root.find("operation/result/data").get("count") == "0"


def project_xml(projectid: str) -> str:
    return (
        f"<PROJECT><PROJECTID>{projectid}</PROJECTID><NAME>Program {projectid}</NAME>"
        "<PROJECTCATEGORY>Contract</PROJECTCATEGORY></PROJECT>"
    )


async def read_ids(gateway, obj: str, ids: str) -> list[str]:
    read = await gateway.call(function("readByName", f"<object>{obj}</object><keys>{ids}</keys>"), **as_recco())
    return [row.findtext(obj + "ID") for row in read.root.find("operation/result/data")]


async def test_a_duplicate_second_project_fails_and_lists_the_first_as_created(gateway, company):
    # The genuine capture (jfcote87/intacct testfiles/execFuncError.xml): failure, the duplicate's
    # error chain, and <data listtype="objects" count="1"> with the project that was created.
    await gateway.call(function("create", project_xml("PD1")), **as_recco())
    answer = await gateway.call(function("create", project_xml("PD2") + project_xml("PD1")), **as_recco())
    result = answer.root.find("operation/result")
    assert result.findtext("status") == "failure"
    assert [child.tag for child in result] == ["status", "function", "controlid", "data", "errormessage"]
    errors = answer.errors("operation/result")
    assert [(e["errorno"], e["description2"]) for e in errors] == [
        ("BL34000061", "Another Project with the given value(s) PD1  already exists"),
        ("BL01001973", "Could not create project record!"),
    ]
    data = result.find("data")
    assert (data.get("listtype"), data.get("count")) == ("objects", "1")
    assert [(e.tag, [c.tag for c in e], e.findtext("PROJECTID")) for e in data] == [
        ("project", ["RECORDNO", "PROJECTID"], "PD2")
    ]
    assert data.findtext("project/RECORDNO") == "2"
    assert await read_ids(gateway, "PROJECT", "PD1,PD2") == ["PD1", "PD2"]
    listing = await gateway.call(function("readByQuery", "<object>PROJECT</object><query/>"), **as_recco())
    assert listing.root.find("operation/result/data").get("totalcount") == "2"  # PD1 not stored twice


async def test_objects_after_the_failing_one_are_not_tried(gateway, company):
    await gateway.call(function("create", vendor_xml("V2")), **as_recco())
    answer = await gateway.call(
        function("create", vendor_xml("V1") + vendor_xml("V2", "Again") + vendor_xml("V3")), **as_recco()
    )
    assert answer.text("operation/result/status") == "failure"
    assert answer.root.find("operation/result/data").get("count") == "1"
    assert await read_ids(gateway, "VENDOR", "V1,V2,V3") == ["V1", "V2"]
    v2 = await gateway.call(function("readByName", "<object>VENDOR</object><keys>V2</keys>"), **as_recco())
    assert v2.text("operation/result/data/VENDOR/NAME") == "V2"  # the stored one, not "Again"


async def test_mixed_object_types_keep_the_ones_written_before_the_failure(gateway, company):
    await gateway.call(
        function("create", "<CUSTOMER><CUSTOMERID>C1</CUSTOMERID><NAME>Old</NAME></CUSTOMER>"), **as_recco()
    )
    answer = await gateway.call(
        function(
            "create",
            vendor_xml("V1")
            + project_xml("P1")
            + "<CUSTOMER><CUSTOMERID>C1</CUSTOMERID><NAME>Dup</NAME></CUSTOMER>"
            + vendor_xml("V9"),
        ),
        **as_recco(),
    )
    result = answer.root.find("operation/result")
    assert result.findtext("status") == "failure"
    assert [(e.tag, e.findtext("RECORDNO")) for e in result.find("data")] == [("vendor", "1"), ("project", "1")]
    assert answer.errors("operation/result")[1]["description2"] == "Could not create customer record!"
    assert await read_ids(gateway, "VENDOR", "V1,V9") == ["V1"]
    assert await read_ids(gateway, "PROJECT", "P1") == ["P1"]


async def test_in_a_transaction_a_partly_written_create_leaves_nothing_and_lists_nothing(gateway, company):
    await gateway.call(function("create", project_xml("PD1")), **as_recco())
    answer = await gateway.call(
        function("create", vendor_xml("V0"), "one")
        + function("create", project_xml("PD2") + project_xml("PD1"), "two"),
        transaction=True,
        **as_recco(),
    )
    one, two = answer.results()
    assert [one.findtext("status"), two.findtext("status")] == ["aborted", "failure"]
    assert two.find("data") is None  # PD2 was rolled back: no created record is claimed
    assert [e.findtext("errorno") for e in two.iterfind("errormessage/error")] == [
        "BL34000061",
        "BL01001973",
        "XL03000009",
    ]
    assert await read_ids(gateway, "PROJECT", "PD1,PD2") == ["PD1"]
    assert await read_ids(gateway, "VENDOR", "V0") == []


async def test_an_update_of_two_where_the_second_is_missing_keeps_the_first(gateway, company):
    await gateway.call(function("create", vendor_xml("V1", "Before")), **as_recco())
    answer = await gateway.call(
        function(
            "update",
            "<VENDOR><VENDORID>V1</VENDORID><NAME>After</NAME></VENDOR>"
            "<VENDOR><VENDORID>GHOST</VENDORID><NAME>x</NAME></VENDOR>",
        ),
        **as_recco(),
    )
    result = answer.root.find("operation/result")
    assert result.findtext("status") == "failure"
    assert (
        answer.errors("operation/result")[0]["description2"] == "Cannot update non-existing VENDOR with VENDORID=GHOST."
    )
    data = result.find("data")
    assert data.get("count") == "1" and data.findtext("vendor/VENDORID") == "V1"
    read = await gateway.call(function("readByName", "<object>VENDOR</object><keys>V1,GHOST</keys>"), **as_recco())
    assert [r.findtext("NAME") for r in read.root.find("operation/result/data")] == ["After"]


@pytest.mark.parametrize(
    "payload, message",
    [
        (vendor_xml("V1", COLOR="red"), "Invalid field COLOR for Vendor."),
        (vendor_xml("V1", CREDITLIMIT="lots"), "Illegal format for Vendor : CREDITLIMIT 'lots' is not a number"),
        (vendor_xml("V1", STATUS="sleeping"), "Illegal format for Vendor : STATUS 'sleeping' is not one of"),
        (vendor_xml("V1", PARENTID="NOPE"), "Invalid Vendor 'NOPE' specified in PARENTID."),
        ("<GLACCOUNT><TITLE>No number</TITLE></GLACCOUNT>", "Required field ACCOUNTNO is missing."),
    ],
)
async def test_bad_payloads_fail_with_a_clear_error_and_store_nothing(gateway, company, payload, message):
    answer = await gateway.call(function("create", payload), **as_recco())
    assert answer.text("operation/result/status") == "failure"
    errors = answer.errors("operation/result")
    assert errors[0]["description2"].startswith(message)
    assert errors[-1]["errorno"] == "BL01001973" and errors[-1]["description2"].startswith("Could not create")
    listing = await gateway.call(function("readByQuery", "<object>VENDOR</object><query/>"), **as_recco())
    assert listing.root.find("operation/result/data").get("totalcount") == "0"


async def test_unknown_object_fails_the_function(gateway, company):
    answer = await gateway.call(
        function("create", "<VENDOR2><NAME>x</NAME></VENDOR2>")
        + function("read", "<object>VENDOR2</object><keys>1</keys>", "r")
        + function("readByQuery", "<object>VENDOR2</object><query/>", "q"),
        **as_recco(),
    )
    create, read, query = answer.results()
    for result in (create, read):
        assert result.findtext("status") == "failure"
        assert result.findtext("errormessage/error/description2") == "Object definition VENDOR2 not found"
    assert query.findtext("errormessage/error/errorno") == "Query Failed"
    assert query.findtext("errormessage/error/description") == "Object definition VENDOR2 not found"


async def test_journal_entry_lines_must_balance(gateway, company):
    await gateway.call(
        function(
            "create",
            "<GLACCOUNT><ACCOUNTNO>1000</ACCOUNTNO><TITLE>Cash</TITLE></GLACCOUNT>"
            "<GLACCOUNT><ACCOUNTNO>4000</ACCOUNTNO><TITLE>Sales</TITLE></GLACCOUNT>",
        ),
        **as_recco(),
    )

    def batch(credit: str) -> str:
        return (
            "<GLBATCH><JOURNAL>GJ</JOURNAL><BATCH_DATE>03/15/2026</BATCH_DATE><BATCH_TITLE>JE</BATCH_TITLE>"
            "<ENTRIES><GLENTRY><ACCOUNTNO>1000</ACCOUNTNO><TR_TYPE>1</TR_TYPE><TRX_AMOUNT>100.50</TRX_AMOUNT>"
            f"</GLENTRY><GLENTRY><ACCOUNTNO>4000</ACCOUNTNO><TR_TYPE>-1</TR_TYPE><TRX_AMOUNT>{credit}</TRX_AMOUNT>"
            "</GLENTRY></ENTRIES></GLBATCH>"
        )

    unbalanced = await gateway.call(function("create", batch("99")), **as_recco())
    assert "do not balance" in unbalanced.errors("operation/result")[0]["description2"]
    balanced = await gateway.call(function("create", batch("100.5")), **as_recco())
    assert balanced.text("operation/result/data/glbatch/RECORDNO") == "1"
    read = await gateway.call(function("read", "<object>GLBATCH</object><keys>1</keys>"), **as_recco())
    entry = read.root.find("operation/result/data/GLBATCH")
    assert entry.findtext("BATCHNO") == "1"
    assert [line.findtext("TRX_AMOUNT") for line in entry.iterfind("ENTRIES/GLENTRY")] == ["100.5", "100.5"]


# --- readByQuery and readMore ---------------------------------------------------------------------


async def make_vendors(gateway, count: int, **login) -> None:
    payload = "".join(vendor_xml(f"V{n:03d}", f"Vendor {n}", CREDITLIMIT=str(n * 10)) for n in range(1, count + 1))
    answer = await gateway.call(function("create", payload), **as_recco(**login))
    assert answer.text("operation/result/status") == "success"


async def test_read_by_query_answers_lowercase_elements_and_counts(gateway, company):
    await make_vendors(gateway, 5)
    answer = await gateway.call(
        function(
            "readByQuery",
            "<object>VENDOR</object><query>CREDITLIMIT &gt;= 30</query>"
            "<fields>VENDORID,CREDITLIMIT</fields><pagesize>2</pagesize>",
        ),
        **as_recco(),
    )
    data = answer.root.find("operation/result/data")
    assert data.get("listtype") == "vendor"
    assert (data.get("count"), data.get("totalcount"), data.get("numremaining")) == ("2", "3", "1")
    assert data.get("resultId")
    assert [v.tag for v in data] == ["vendor", "vendor"]
    assert [v.findtext("VENDORID") for v in data] == ["V003", "V004"]


async def test_read_more_pages_through_every_record_exactly_once(gateway, company):
    await make_vendors(gateway, 23)
    answer = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/><fields>RECORDNO</fields><pagesize>5</pagesize>"),
        **as_recco(),
    )
    data = answer.root.find("operation/result/data")
    seen = [v.findtext("RECORDNO") for v in data]
    remaining = [int(data.get("numremaining"))]
    while data.get("numremaining") != "0":
        answer = await gateway.call(function("readMore", f"<resultId>{data.get('resultId')}</resultId>"), **as_recco())
        assert answer.text("operation/result/function") == "readMore"
        data = answer.root.find("operation/result/data")
        assert data.get("totalcount") == "23"
        seen += [v.findtext("RECORDNO") for v in data]
        remaining.append(int(data.get("numremaining")))
    assert sorted(map(int, seen)) == list(range(1, 24))
    assert remaining == [18, 13, 8, 3, 0]


async def test_read_more_by_object_continues_the_latest_query(gateway, company):
    await make_vendors(gateway, 4)
    await gateway.call(function("readByQuery", "<object>VENDOR</object><query/><pagesize>3</pagesize>"), **as_recco())
    answer = await gateway.call(function("readMore", "<object>VENDOR</object>"), **as_recco())
    data = answer.root.find("operation/result/data")
    assert (data.get("count"), data.get("numremaining")) == ("1", "0")


async def test_read_more_with_an_unknown_or_finished_result_id_fails(gateway, company):
    answer = await gateway.call(function("readMore", "<resultId>7765623330nope</resultId>"), **as_recco())
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "readMore failed"
    assert error["description"] == "Attempt to readMore with an invalid or expired resultId: 7765623330nope"


async def test_result_ids_belong_to_the_user_who_made_them(gateway, company):
    gateway.state.companies["RECCO"].users["other_isu"] = type(gateway.state.companies["RECCO"].users["workato_isu"])(
        userid="other_isu", password="mockuserpw", admin="full"
    )
    await make_vendors(gateway, 4)
    first = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/><pagesize>2</pagesize>"), **as_recco()
    )
    result_id = first.root.find("operation/result/data").get("resultId")
    stolen = await gateway.call(
        function("readMore", f"<resultId>{result_id}</resultId>"), **as_recco(userid="other_isu")
    )
    assert stolen.errors("operation/result")[0]["errorno"] == "readMore failed"


async def test_result_ids_expire_after_thirty_idle_minutes(gateway, company):
    await make_vendors(gateway, 4)
    first = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/><pagesize>2</pagesize>"), **as_recco()
    )
    result_id = first.root.find("operation/result/data").get("resultId")
    await gateway.admin("POST", "/__mock__/clock", {"advance_seconds": 31 * 60})
    late = await gateway.call(function("readMore", f"<resultId>{result_id}</resultId>"), **as_recco())
    assert late.errors("operation/result")[0]["errorno"] == "readMore failed"


async def test_paging_is_a_snapshot_unaffected_by_later_writes(gateway, company):
    await make_vendors(gateway, 6)
    first = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/><pagesize>3</pagesize>"), **as_recco()
    )
    result_id = first.root.find("operation/result/data").get("resultId")
    await gateway.call(function("create", vendor_xml("V999")), **as_recco())
    await gateway.call(function("delete", "<object>VENDOR</object><keys>5</keys>"), **as_recco())
    rest = await gateway.call(function("readMore", f"<resultId>{result_id}</resultId>"), **as_recco())
    ids = [v.findtext("VENDORID") for v in rest.root.find("operation/result/data")]
    assert ids == ["V004", "V006"]  # no new record, the deleted one skipped, nothing twice


@pytest.mark.parametrize(
    "query, expected",
    [
        ("VENDORID = 'V002'", ["V002"]),
        ("VENDORID IN ('V001','V003')", ["V001", "V003"]),
        ("VENDORID NOT IN ('V001','V003')", ["V002", "V004"]),
        ("NAME LIKE 'Vendor%' AND CREDITLIMIT < 25", ["V001", "V002"]),
        ("NOT VENDORID LIKE '%1' AND (CREDITLIMIT = 20 OR CREDITLIMIT = 40)", ["V002", "V004"]),
        ("VENDTYPE IS NULL AND STATUS = 'T'", ["V001", "V002", "V003", "V004"]),
        ("STATUS = 'F'", []),
        ("name like 'vendor%'", []),  # case-sensitive
        ("WHENCREATED > '01/01/2000'", ["V001", "V002", "V003", "V004"]),
    ],
)
async def test_read_by_query_language(gateway, company, query, expected):
    await make_vendors(gateway, 4)
    body = f"<object>VENDOR</object><query>{query.replace('<', '&lt;')}</query><fields>VENDORID</fields>"
    answer = await gateway.call(function("readByQuery", body), **as_recco())
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")
    assert [v.findtext("VENDORID") for v in answer.root.find("operation/result/data")] == expected


@pytest.mark.parametrize(
    "query",
    [
        "VENDORID = ",
        "VENDORID == 'x'",
        "(VENDORID = 'x'",
        "COLOR = 'red'",
        "CREDITLIMIT = 'many'",
        "VENDORID = 'x' AND",
    ],
)
async def test_bad_queries_fail_with_dl02000001(gateway, company, query):
    answer = await gateway.call(function("readByQuery", f"<object>VENDOR</object><query>{query}</query>"), **as_recco())
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "DL02000001"


@pytest.mark.parametrize("pagesize", ["0", "1001", "ten"])
async def test_read_by_query_pagesize_must_be_1_to_1000(gateway, company, pagesize):
    answer = await gateway.call(
        function("readByQuery", f"<object>VENDOR</object><query/><pagesize>{pagesize}</pagesize>"), **as_recco()
    )
    assert answer.text("operation/result/status") == "failure"


# --- entities -------------------------------------------------------------------------------------


async def test_records_created_in_an_entity_are_private_to_it(gateway, company):
    await gateway.call(function("create", vendor_xml("SHARED")), **as_recco())
    await gateway.call(function("create", vendor_xml("EAST")), **as_recco(locationid="E100"))
    await gateway.call(function("create", vendor_xml("WEST")), **as_recco(locationid="E200"))

    async def listing(**login):
        answer = await gateway.call(
            function("readByQuery", "<object>VENDOR</object><query/><fields>VENDORID,MEGAENTITYID</fields>"),
            **as_recco(**login),
        )
        return {v.findtext("VENDORID"): v.findtext("MEGAENTITYID") for v in answer.root.find("operation/result/data")}

    assert await listing(locationid="E100") == {"SHARED": "", "EAST": "E100"}
    assert await listing(locationid="E200") == {"SHARED": "", "WEST": "E200"}
    assert await listing() == {"SHARED": ""}
    # By key, the top level reaches every record; an entity never reaches another's.
    top = await gateway.call(function("readByName", "<object>VENDOR</object><keys>EAST,WEST</keys>"), **as_recco())
    assert top.root.find("operation/result/data").get("count") == "2"
    east = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>WEST</keys>"), **as_recco(locationid="E100")
    )
    assert east.root.find("operation/result/data").get("count") == "0"


async def test_an_entity_session_cannot_update_a_top_level_record(gateway, company):
    await gateway.call(function("create", vendor_xml("SHARED")), **as_recco())
    answer = await gateway.call(
        function("update", "<VENDOR><VENDORID>SHARED</VENDORID><NAME>x</NAME></VENDOR>"), **as_recco(locationid="E100")
    )
    assert answer.text("operation/result/status") == "failure"
    assert answer.errors("operation/result")[0]["description2"] == (
        "You cannot update a root level vendor from an entity/restricted user with one entity"
    )


@pytest.mark.parametrize(
    "query, expected",
    [
        ("CREDITLIMIT LIKE '10'", ["V001"]),
        ("CREDITLIMIT LIKE '2%'", ["V002"]),
        ("WHENCREATED LIKE '%/20__ %'", ["V001", "V002"]),
    ],
)
async def test_like_matches_values_as_responses_show_them(gateway, company, query, expected):
    await make_vendors(gateway, 2)
    answer = await gateway.call(
        function("readByQuery", f"<object>VENDOR</object><query>{query}</query><fields>VENDORID</fields>"), **as_recco()
    )
    assert [v.findtext("VENDORID") for v in answer.root.find("operation/result/data")] == expected
