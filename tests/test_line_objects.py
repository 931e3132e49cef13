"""Line items are objects of their own (APBILLITEM, GLENTRY, ...), stored once: the line object answers
what its header's lines are, with its key back to the header and the fields it shows from the header."""

from __future__ import annotations

import pytest

from mockserver.objects.fixtures import dump_records, load_records

from .gateway import bare_company, function, login_xml

# (header, container, line object, key field)
HEADERS = [
    ("APBILL", "APBILLITEMS", "APBILLITEM", "RECORDKEY"),
    ("ARINVOICE", "ARINVOICEITEMS", "ARINVOICEITEM", "RECORDKEY"),
    ("GLBATCH", "ENTRIES", "GLENTRY", "BATCHNO"),
    ("APPYMT", "APPYMTDETAILS", "APPYMTDETAIL", "PAYMENTKEY"),
    ("TIMESHEET", "TIMESHEETENTRIES", "TIMESHEETENTRY", "TIMESHEETKEY"),
    ("BANKACCTTXNFEED", "BANKACCTTXNRECORDS", "BANKACCTTXNRECORD", "FEEDKEY"),
]


def as_dict(element) -> dict[str, str]:
    return {child.tag: child.text or "" for child in element if len(child) == 0}


async def read_by_query(gateway, obj: str, query: str = "", fields: str = "*", **login) -> list:
    answer = await gateway.call(
        function("readByQuery", f"<object>{obj}</object><fields>{fields}</fields><query>{query}</query>"
                 "<pagesize>1000</pagesize>"),
        authentication=login_xml(**login),
    )  # fmt: skip
    data = answer.root.find("operation/result/data")
    assert data is not None, answer.errors()
    return list(data)


def bill_xml(*amounts: str, recordno: str | None = None, verb_key: str = "") -> str:
    lines = "".join(
        f"<APBILLITEM><ACCOUNTNO>6520</ACCOUNTNO><TRX_AMOUNT>{a}</TRX_AMOUNT></APBILLITEM>" for a in amounts
    )
    head = (
        f"<RECORDNO>{recordno}</RECORDNO>"
        if recordno
        else "<VENDORID>V0018</VENDORID><WHENCREATED>03/02/2026</WHENCREATED>"
    )
    return f"<APBILL>{head}{verb_key}<APBILLITEMS>{lines}</APBILLITEMS></APBILL>"


async def create_bill(gateway, *amounts: str) -> str:
    answer = await gateway.call(function("create", bill_xml(*amounts)))
    recordno = answer.text("operation/result/data/apbill/RECORDNO")
    assert recordno, answer.errors()
    return recordno


async def lines_of(gateway, obj: str, key: str, header: str, **login) -> list[dict[str, str]]:
    return [as_dict(e) for e in await read_by_query(gateway, obj, f"{key} = {header}", **login)]


@pytest.mark.parametrize(("header", "container", "line", "key"), HEADERS)
async def test_line_objects_hold_their_headers_lines_with_the_key_back(gateway, header, container, line, key):
    headers = await read_by_query(gateway, header)
    rows = [as_dict(e) for e in await read_by_query(gateway, line)]
    assert headers and rows
    by_header: dict[str, list[dict]] = {}
    for row in rows:
        by_header.setdefault(row[key], []).append(row)
    assert set(by_header) <= {h.findtext("RECORDNO") for h in headers}  # no line without its header
    for element in headers:
        shown = [as_dict(e) for e in element.findall(f"{container}/*")]
        own = by_header.get(element.findtext("RECORDNO"), [])
        assert len(own) == len(shown) and shown, element.findtext("RECORDNO")
        for position, (row, written) in enumerate(zip(own, shown, strict=True), start=1):
            assert {name: row[name] for name in written} == written
            if "LINE_NO" in row:
                assert row["LINE_NO"] == str(position)


async def test_query_read_and_readmore_of_line_objects(gateway):
    bills = {e.findtext("RECORDNO"): as_dict(e) for e in await read_by_query(gateway, "APBILL")}
    answer = await gateway.call(
        function(
            "query",
            "<object>APBILLITEM</object><select><field>RECORDNO</field><field>RECORDKEY</field>"
            "<field>ENTRY_DATE</field><field>VENDORNAME</field><field>RECORDID</field><field>TRX_AMOUNT</field>"
            "</select><filter><greaterthan><field>TRX_AMOUNT</field><value>0</value></greaterthan></filter>"
            "<options><returnformat>xml</returnformat></options><pagesize>3</pagesize>",
        )
    )
    data = answer.root.find("operation/result/data")
    assert data is not None and int(data.get("totalcount")) > 3, answer.errors()
    for row in map(as_dict, data):
        bill = bills[row["RECORDKEY"]]
        assert (row["ENTRY_DATE"], row["VENDORNAME"], row["RECORDID"]) == (
            bill["WHENCREATED"],
            bill["VENDORNAME"],
            bill["RECORDID"],
        )
    page = await gateway.call(
        function("readByQuery", "<object>GLENTRY</object><fields>RECORDNO</fields><query/><pagesize>2</pagesize>")
    )
    first = page.root.find("operation/result/data")
    more = await gateway.call(function("readMore", f"<resultId>{first.get('resultId')}</resultId>"))
    second = more.root.find("operation/result/data")
    assert [e.findtext("RECORDNO") for e in [*first, *second]] == ["1", "2", "3", "4"]
    read = await gateway.call(function("read", "<object>GLENTRY</object><keys>1</keys><fields>*</fields>"))
    entry = as_dict(read.root.find("operation/result/data/GLENTRY"))
    batch = as_dict((await read_by_query(gateway, "GLBATCH", f"RECORDNO = {entry['BATCHNO']}"))[0])
    assert (entry["BATCH_DATE"], entry["ENTRY_DATE"], entry["BATCHTITLE"], entry["BATCH_NUMBER"]) == (
        batch["BATCH_DATE"],
        batch["BATCH_DATE"],
        batch["BATCH_TITLE"],
        batch["BATCHNO"],
    )


async def test_updated_lines_keep_their_recordno_by_position_and_removed_ones_go(gateway):
    bill = await create_bill(gateway, "10", "20")
    before = await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill)
    assert [(r["LINE_NO"], r["TRX_AMOUNT"]) for r in before] == [("1", "10"), ("2", "20")]
    answer = await gateway.call(function("update", bill_xml("11", "20", "30", recordno=bill)))
    assert answer.text("operation/result/status") == "success", answer.errors()
    after = await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill)
    assert [r["TRX_AMOUNT"] for r in after] == ["11", "20", "30"]
    assert [r["RECORDNO"] for r in after[:2]] == [r["RECORDNO"] for r in before]
    assert int(after[2]["RECORDNO"]) > max(int(r["RECORDNO"]) for r in before)
    # a read of the line itself shows the new amount (the rendered-record cache forgot the old one)
    read = await gateway.call(function("read", f"<object>APBILLITEM</object><keys>{before[0]['RECORDNO']}</keys>"))
    assert read.text("operation/result/data/APBILLITEM/TRX_AMOUNT") == "11"
    await gateway.call(function("update", bill_xml("5", recordno=bill)))
    last = await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill)
    assert [(r["RECORDNO"], r["TRX_AMOUNT"]) for r in last] == [(before[0]["RECORDNO"], "5")]
    gone = await gateway.call(function("read", f"<object>APBILLITEM</object><keys>{after[2]['RECORDNO']}</keys>"))
    assert gone.root.find("operation/result/data/APBILLITEM") is None
    # a removed line's RECORDNO is never handed out again
    other = await create_bill(gateway, "1")
    [new] = await lines_of(gateway, "APBILLITEM", "RECORDKEY", other)
    assert int(new["RECORDNO"]) > int(after[2]["RECORDNO"])


async def test_deleting_a_bill_deletes_its_lines(gateway):
    bill = await create_bill(gateway, "10", "20")
    assert len(await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill)) == 2
    answer = await gateway.call(function("delete", f"<object>APBILL</object><keys>{bill}</keys>"))
    assert answer.text("operation/result/status") == "success", answer.errors()
    assert await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill) == []


async def test_a_rolled_back_transaction_leaves_header_and_lines_as_they_were(gateway):
    bill = await create_bill(gateway, "10", "20")
    before = await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill)
    header = as_dict((await read_by_query(gateway, "APBILL", f"RECORDNO = {bill}"))[0])
    answer = await gateway.call(
        function("update", bill_xml("99", recordno=bill), "one")
        + function("create", "<APBILL><VENDORID>NOSUCH</VENDORID></APBILL>", "two"),
        transaction=True,
    )
    assert [r.findtext("status") for r in answer.results()] == ["aborted", "failure"]
    assert await lines_of(gateway, "APBILLITEM", "RECORDKEY", bill) == before
    assert as_dict((await read_by_query(gateway, "APBILL", f"RECORDNO = {bill}"))[0]) == header


async def test_writes_to_a_line_object_are_refused(gateway):
    answer = await gateway.call(
        function("create", "<APBILLITEM><ACCOUNTNO>6520</ACCOUNTNO><TRX_AMOUNT>1</TRX_AMOUNT></APBILLITEM>")
    )
    assert "BL01001973" in [e["errorno"] for e in answer.errors("operation/result")]


async def test_lines_of_an_entity_private_bill_are_invisible_from_the_other_entity(gateway):
    found = await read_by_query(gateway, "APBILL", "RECORDID = 'BILL-1003'", locationid="E100")
    [private] = [e.findtext("RECORDNO") for e in found]
    assert len(await lines_of(gateway, "APBILLITEM", "RECORDKEY", private, locationid="E100")) == 2
    assert await lines_of(gateway, "APBILLITEM", "RECORDKEY", private, locationid="E200") == []
    assert await lines_of(gateway, "APBILLITEM", "RECORDKEY", private) == []  # as its bill, not shared


async def test_lookup_lists_the_line_object_among_the_headers_relationships(gateway):
    answer = await gateway.call(function("lookup", "<object>GLBATCH</object>"))
    related = [
        tuple(r.findtext(t) for t in ("OBJECTPATH", "OBJECTNAME", "RELATIONSHIPTYPE", "RELATEDBY"))
        for r in answer.root.iterfind("operation/result/data/Type/Relationships/Relationship")
    ]
    assert ("ENTRIES", "GLENTRY", "ONE2MANY", "BATCHNO") in related


async def test_a_dumped_company_loads_back_identically_with_its_lines(gateway):
    state = gateway.state
    mockco = state.companies["MOCKCO"]
    dumped = dump_records(state.store, mockco)
    assert "GLENTRY" not in dumped and dumped["GLBATCH"][0]["_lines"]
    state.create_company(bare_company("COPYCO"))
    copy = state.companies["COPYCO"]
    load_records(state.store, copy, dumped)
    assert dump_records(state.store, copy) == dumped


async def test_a_fixture_cannot_hold_line_object_records_apart_from_their_header(gateway):
    status, body = await gateway.admin(
        "POST",
        "/__mock__/companies",
        {"company": bare_company("LINECO", records={"GLENTRY": [{"ACCOUNTNO": "1000", "TR_TYPE": "1"}]})},
    )
    assert status == 400 and "records.GLENTRY" in str(body) and "line object" in str(body)
