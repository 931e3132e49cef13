"""Issue 17's remaining SDK surface end to end over a real socket, on MOCKCO, with bodies shaped as the
official JS SDK writes them: approve/decline of timesheets, hold/resume of contract lines, attachment
folders, the Data Delivery Service, consolidation and retrievepdf. Each: a success that reads back, and
failures that answer the gateway's error and change nothing."""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import pytest

from .gateway import bare_company, function, login_xml

MOCKSMALL_LOGIN = {"authentication": login_xml("small_isu", "MOCKSMALL")}


async def result(gateway, name: str, body: str = "", **kwargs):
    answer = await gateway.call(function(name, body), **kwargs)
    return answer.root.find("operation/result")


def errors_of(res) -> list[tuple[str | None, str | None]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in res.findall("errormessage/error")]


def ok(res) -> None:
    assert res.findtext("status") == "success", errors_of(res)


def failed(res, errorno: str, *words: str) -> None:
    assert res.findtext("status") == "failure", "expected a failure"
    found = errors_of(res)
    assert found[0][0] == errorno, found
    text = " ".join(d or "" for _, d in found)
    for word in words:
        assert word in text, (word, found)


async def read(gateway, obj: str, key: str, fields: str = "*"):
    res = await result(gateway, "read", f"<object>{obj}</object><keys>{key}</keys><fields>{fields}</fields>")
    return res.find(f"data/{obj}")


# --- approve / decline ------------------------------------------------------------------------------


def timesheet_action(verb: str, recordno: object, who: str = "EMP001", entries: str = "") -> str:
    person = "APPROVEDBY" if verb == "approve" else "DECLINEDBY"
    return (
        f"<TIMESHEET><RECORDNO>{recordno}</RECORDNO><ENTRYKEYS>{entries}</ENTRYKEYS>"
        f"<{person}>{who}</{person}><COMMENT>ok</COMMENT></TIMESHEET>"
    )


async def timesheet_state(gateway, recordno: object) -> str | None:
    return (await read(gateway, "TIMESHEET", str(recordno), "RECORDNO,STATE")).findtext("STATE")


async def test_a_submitted_timesheet_is_approved_and_answers_its_key(gateway):
    assert await timesheet_state(gateway, 3) == "Submitted"  # MOCKCO's third timesheet
    res = await result(gateway, "approve", timesheet_action("approve", 3))
    ok(res)
    assert res.findtext("data/timesheet/RECORDNO") == "3"
    assert await timesheet_state(gateway, 3) == "Approved"
    query = await result(
        gateway,
        "readByQuery",
        "<object>TIMESHEET</object><fields>RECORDNO</fields><query>STATE = 'Approved' AND RECORDNO = 3</query>",
    )
    assert query.find("data").get("count") == "1"


async def test_a_partially_approved_timesheet_may_be_declined(gateway):
    assert await timesheet_state(gateway, 5) == "Partially Approved"
    ok(await result(gateway, "decline", timesheet_action("decline", 5)))
    assert await timesheet_state(gateway, 5) == "Declined"


async def test_approving_some_entries_leaves_the_timesheet_partially_approved(gateway):
    entries = await result(
        gateway,
        "readByQuery",
        "<object>TIMESHEETENTRY</object><fields>RECORDNO</fields><query>TIMESHEETKEY = 8</query>",
    )
    keys = [e.findtext("RECORDNO") for e in entries.iterfind("data/timesheetentry")]
    assert len(keys) > 1
    ok(await result(gateway, "approve", timesheet_action("approve", 8, entries=keys[0])))
    assert await timesheet_state(gateway, 8) == "Partially Approved"
    ok(await result(gateway, "approve", timesheet_action("approve", 8, entries=",".join(keys))))
    assert await timesheet_state(gateway, 8) == "Approved"


@pytest.mark.parametrize(
    ("body", "errorno", "words"),
    [
        (timesheet_action("approve", 4), "BL01001973", ("Draft", "Submitted")),  # a draft is not approvable
        (timesheet_action("approve", 1), "BL01001973", ("Approved",)),  # already approved
        (timesheet_action("approve", 9999), "BL01001973", ("9999",)),
        (timesheet_action("approve", 3, who="NOBODY"), "BL01001973", ("NOBODY",)),
        (timesheet_action("approve", 3, entries="999999"), "BL01001973", ("999999",)),
    ],
)
async def test_an_approval_the_timesheet_does_not_allow_is_refused_and_changes_nothing(gateway, body, errorno, words):
    before = await read(gateway, "TIMESHEET", body.split("<RECORDNO>")[1].split("<")[0], "RECORDNO,STATE,WHENMODIFIED")
    failed(await result(gateway, "approve", body), errorno, *words)
    after = await read(gateway, "TIMESHEET", body.split("<RECORDNO>")[1].split("<")[0], "RECORDNO,STATE,WHENMODIFIED")
    if before is not None:
        assert after.findtext("STATE") == before.findtext("STATE")
        assert after.findtext("WHENMODIFIED") == before.findtext("WHENMODIFIED")


async def po_state(gateway, docid: str) -> str | None:
    res = await result(
        gateway, "readByQuery", f"<object>PODOCUMENT</object><fields>STATE</fields><query>DOCID = '{docid}'</query>"
    )
    return res.findtext("data/podocument/STATE")


async def test_a_submitted_purchase_order_is_approved_or_declined_by_its_docid(gateway):
    approve = "<PODOCUMENT><DOCID>Purchase Order-PO0002</DOCID><COMMENT>ok</COMMENT></PODOCUMENT>"
    ok(await result(gateway, "approve", approve))
    assert await po_state(gateway, "Purchase Order-PO0002") == "Pending"  # approved: ready to convert
    failed(await result(gateway, "approve", approve), "BL01001973", "Pending")  # not twice
    ok(await result(gateway, "decline", "<PODOCUMENT><DOCID>Purchase Order-PO0003</DOCID></PODOCUMENT>"))
    assert await po_state(gateway, "Purchase Order-PO0003") == "Declined"
    # a Pending order awaits no approval; an unknown one is not found; neither changes
    failed(
        await result(gateway, "approve", "<PODOCUMENT><DOCID>Purchase Order-PO0001</DOCID></PODOCUMENT>"), "BL01001973"
    )
    assert await po_state(gateway, "Purchase Order-PO0001") == "Pending"
    failed(
        await result(gateway, "decline", "<PODOCUMENT><DOCID>Purchase Order-PO9999</DOCID></PODOCUMENT>"), "BL01001973"
    )


async def test_an_object_without_an_approval_rule_is_not_emulated(gateway):
    res = await result(gateway, "approve", "<APBILL><RECORDNO>1</RECORDNO></APBILL>")
    failed(res, "XL03000009", "APBILL")


async def test_approve_needs_the_edit_permission(gateway):
    gateway.state.create_company(
        bare_company("APPRCO", users=[{"userid": "viewer", "password": "pw", "grants": {"*": ["list", "view"]}}])
    )
    res = await result(
        gateway, "approve", timesheet_action("approve", 1), authentication=login_xml("viewer", "APPRCO", "pw")
    )
    failed(res, "PL04000005", "APPROVE")


# --- hold / resume ----------------------------------------------------------------------------------


def line_action(recordno: object, date: str = "01/15/2026") -> str:
    return f"<CONTRACTDETAIL><RECORDNO>{recordno}</RECORDNO><ASOFDATE>{date}</ASOFDATE></CONTRACTDETAIL>"


async def line_state(gateway, recordno: object) -> str | None:
    return (await read(gateway, "CONTRACTDETAIL", str(recordno), "RECORDNO,STATE")).findtext("STATE")


async def test_a_contract_line_in_progress_is_held_and_resumed(gateway):
    assert await line_state(gateway, 2) == "In progress"
    res = await result(gateway, "hold", line_action(2))
    ok(res)
    assert res.findtext("data/contractdetail/RECORDNO") == "2"
    assert await line_state(gateway, 2) == "On hold"
    failed(await result(gateway, "hold", line_action(2)), "BL01001973", "On hold")  # held already
    ok(await result(gateway, "resume", line_action(2)))
    assert await line_state(gateway, 2) == "In progress"


@pytest.mark.parametrize(
    ("verb", "body", "words"),
    [
        ("resume", line_action(3), ("In progress",)),  # not on hold
        ("hold", line_action(13), ("Draft",)),  # a draft line
        ("hold", line_action(9999), ("9999",)),
        ("hold", line_action(3, "13/45/2026"), ("ASOFDATE",)),
    ],
)
async def test_a_hold_or_resume_the_line_does_not_allow_is_refused_and_changes_nothing(gateway, verb, body, words):
    recordno = body.split("<RECORDNO>")[1].split("<")[0]
    before = await read(gateway, "CONTRACTDETAIL", recordno, "RECORDNO,STATE")
    errorno = "BL03000018" if "ASOFDATE" in words else "BL01001973"  # a bad date is an illegal format
    failed(await result(gateway, verb, body), errorno, *words)
    if before is not None:
        assert await line_state(gateway, recordno) == before.findtext("STATE")


# --- attachment folders -----------------------------------------------------------------------------


def folder(verb: str, name: str, description: str = "", parent: str = "") -> str:
    inner = f"<supdocfoldername>{name}</supdocfoldername>"
    inner += f"<supdocfolderdescription>{description}</supdocfolderdescription>" if description else ""
    inner += f"<supdocparentfoldername>{parent}</supdocparentfoldername>" if parent else ""
    return f"<{verb}_supdocfolder>{inner}</{verb}_supdocfolder>"


async def call_raw(gateway, xml: str, **kwargs):
    answer = await gateway.call(f'<function controlid="f">{xml}</function>', **kwargs)
    return answer.root.find("operation/result")


async def folders(gateway, name: str):
    res = await result(
        gateway, "readByQuery", f"<object>SUPDOCFOLDER</object><fields>*</fields><query>NAME = '{name}'</query>"
    )
    return res.findall("data/supdocfolder")


async def test_an_attachment_folder_is_created_updated_and_deleted(gateway):
    ok(await call_raw(gateway, folder("create", "Contracts", "Signed contracts", parent="Bills")))
    (made,) = await folders(gateway, "Contracts")
    assert (made.findtext("DESCRIPTION"), made.findtext("PARENTFOLDERNAME")) == ("Signed contracts", "Bills")
    ok(await call_raw(gateway, folder("update", "Contracts", "Countersigned contracts")))
    (changed,) = await folders(gateway, "Contracts")
    assert changed.findtext("DESCRIPTION") == "Countersigned contracts"
    # an attachment may be filed in it now, and the folder cannot go while it is
    supdoc = (
        "<create_supdoc><supdocid>CONTRACTS-1</supdocid><supdocname>Contract</supdocname>"
        "<supdocfoldername>Contracts</supdocfoldername></create_supdoc>"
    )
    ok(await call_raw(gateway, supdoc))
    failed(await call_raw(gateway, '<delete_supdocfolder key="Contracts"/>'), "BL01001973", "Contracts")
    ok(await call_raw(gateway, '<delete_supdoc key="CONTRACTS-1"/>'))
    ok(await call_raw(gateway, '<delete_supdocfolder key="Contracts"/>'))
    assert await folders(gateway, "Contracts") == []


async def test_an_attachment_needs_an_existing_folder(gateway):
    supdoc = (
        "<create_supdoc><supdocid>NOFOLDER-1</supdocid><supdocname>x</supdocname>"
        "<supdocfoldername>No such folder</supdocfoldername></create_supdoc>"
    )
    failed(await call_raw(gateway, supdoc), "BL01001973", "No such folder")
    assert await read(gateway, "SUPDOC", "NOFOLDER-1") is None


@pytest.mark.parametrize(
    ("xml", "words"),
    [
        (folder("create", "Bills"), ("Bills", "already exists")),
        (folder("create", "Orphans", parent="Nowhere"), ("Nowhere",)),
        (folder("update", "Nowhere", "x"), ("Nowhere",)),
        ('<delete_supdocfolder key="Nowhere"/>', ("Nowhere",)),
        ('<delete_supdocfolder key="Bills"/>', ("Bills",)),  # Receipts is filed in it
    ],
)
async def test_a_folder_write_that_cannot_be_done_is_refused_and_changes_nothing(gateway, xml, words):
    errorno = "BL34000061" if "already exists" in words else "BL01001973"  # the gateway's duplicate ID
    failed(await call_raw(gateway, xml), errorno, *words)
    assert [f.findtext("NAME") for f in await folders(gateway, "Bills")] == ["Bills"]
    assert await folders(gateway, "Orphans") == []


# --- Data Delivery Service --------------------------------------------------------------------------


async def test_dds_lists_the_objects_and_gives_a_table_definition(gateway):
    res = await result(gateway, "getDdsObjects")
    ok(res)
    names = [o.text for o in res.iterfind("data/DdsObjects/Objects/Object")]
    assert {"VENDOR", "APBILL", "GLACCOUNT"} <= set(names) and "DDSJOB" not in names
    ddl = await result(gateway, "getDdsDdl", "<object>VENDOR</object>")
    ok(ddl)
    text = ddl.findtext("data/DdsDdl/Ddl")
    assert text.startswith("create table VENDOR (") and "VENDORID varchar" in text and "ddsReadTime timestamp" in text
    assert "primary key(VENDORID)" in text
    failed(await result(gateway, "getDdsDdl", "<object>NOSUCH</object>"), "XL03000009", "NOSUCH")


async def test_a_dds_job_is_recorded_and_read_back(gateway):
    body = (
        "<object>VENDOR</object><cloudDelivery>SDK</cloudDelivery><jobType>change</jobType>"
        "<timeStamp>2026-01-15T06:00:00Z</timeStamp><fileConfiguration><fileFormat>windows</fileFormat>"
        "</fileConfiguration>"
    )
    res = await result(gateway, "runDdsJob", body)
    ok(res)
    job = res.find("data/ddsjob")
    assert (job.findtext("OBJECT"), job.findtext("JOBTYPE"), job.findtext("CLOUDDELIVERY")) == (
        "VENDOR",
        "change",
        "SDK",
    )
    assert job.findtext("TIMESTAMP") == "01/15/2026 06:00:00" and job.findtext("FILEFORMAT") == "windows"
    assert job.findtext("RECORDNO") == "4"  # after MOCKCO's three jobs
    again = await result(
        gateway,
        "query",
        "<object>DDSJOB</object><select><field>RECORDNO</field><field>OBJECT</field></select>"
        "<filter><equalto><field>RECORDNO</field><value>4</value></equalto></filter>",
    )
    assert [j.findtext("OBJECT") for j in again.iterfind("data/DDSJOB")] == ["VENDOR"]


@pytest.mark.parametrize(
    ("body", "errorno", "word"),
    [
        ("<object>NOSUCH</object><cloudDelivery>SDK</cloudDelivery><jobType>all</jobType>", "XL03000009", "NOSUCH"),
        ("<object>VENDOR</object><cloudDelivery>SDK</cloudDelivery><jobType>some</jobType>", "BL03000018", "jobType"),
        (
            "<object>VENDOR</object><cloudDelivery>SDK</cloudDelivery><jobType>change</jobType>",
            "BL01001973",
            "timeStamp",
        ),
    ],
)
async def test_a_dds_job_that_cannot_run_is_refused_and_records_nothing(gateway, body, errorno, word):
    failed(await result(gateway, "runDdsJob", body), errorno, word)
    jobs = await result(gateway, "readByQuery", "<object>DDSJOB</object><fields>RECORDNO</fields><query></query>")
    assert jobs.find("data").get("count") == "3"  # MOCKCO's own


async def test_dds_is_refused_for_a_company_without_the_module(gateway):
    res = await result(gateway, "getDdsObjects", **MOCKSMALL_LOGIN)
    failed(res, "BL01001973", "Data Delivery Service")


async def test_dds_jobs_cannot_be_written_by_clients(gateway):
    res = await result(gateway, "create", "<DDSJOB><OBJECT>VENDOR</OBJECT></DDSJOB>")
    failed(res, "BL01001973", "DDS Job")


# --- consolidation ----------------------------------------------------------------------------------


def consolidation(book: str = "CONSOL", period: str = "Month Ended January 2026", entities: str = "") -> str:
    """In the order the legacy create_consolidation's schema asks (consolidate takes any order)."""
    return f"<bookid>{book}</bookid><offline>T</offline><reportingperiodname>{period}</reportingperiodname>" + (
        f"<entities>{entities}</entities>" if entities else ""
    )


async def test_a_consolidation_runs_for_a_book_and_period_of_the_company(gateway):
    entity = "<csnentity><entityid>E100</entityid><bsrate>1.0725</bsrate><warate>1.07</warate></csnentity>"
    ok(await result(gateway, "consolidate", consolidation(entities=entity)))
    ok(await result(gateway, "create_consolidation", consolidation("CONSOL-EAST", "Month Ended February 2026")))


@pytest.mark.parametrize(
    ("body", "errorno", "word"),
    [
        (consolidation(book="NOBOOK"), "BL01001973", "NOBOOK"),
        (consolidation(period="Month Ended June 1999"), "BL01001973", "June 1999"),
        (consolidation(entities="<csnentity><entityid>E999</entityid></csnentity>"), "BL01001973", "E999"),
        (
            consolidation(entities="<csnentity><entityid>E100</entityid><bsrate>x</bsrate></csnentity>"),
            "BL03000018",
            "bsrate",
        ),
    ],
)
async def test_a_consolidation_the_company_cannot_run_is_refused(gateway, body, errorno, word):
    failed(await result(gateway, "consolidate", body), errorno, word)


async def test_a_company_without_consolidation_books_is_refused(gateway):
    gateway.state.create_company(bare_company("NOBOOKS"))
    res = await result(gateway, "consolidate", consolidation(), authentication=login_xml(companyid="NOBOOKS"))
    failed(res, "BL01001973", "CONSOL")


# --- retrievepdf ------------------------------------------------------------------------------------


def check_pdf(data: bytes) -> str:
    """A well-formed PDF: header, every xref offset at its object, startxref at the table, stream lengths
    right. Its text shown (the literal strings of the page)."""
    assert data.startswith(b"%PDF-1.") and data.rstrip().endswith(b"%%EOF")
    startxref = int(re.search(rb"startxref\s+(\d+)\s+%%EOF\s*$", data).group(1))
    assert data[startxref : startxref + 4] == b"xref"
    count = int(re.match(rb"xref\s+0 (\d+)", data[startxref:]).group(1))
    table = re.findall(rb"(\d{10}) 00000 n ", data[startxref:])
    assert len(table) == count - 1
    for number, offset in enumerate(table, start=1):
        assert data[int(offset) :].startswith(b"%d 0 obj" % number), number
    for length, stream in re.findall(rb"/Length (\d+) >>\nstream\n(.*?)\nendstream", data, re.S):
        assert int(length) == len(stream)
    return " ".join(s.decode("latin-1") for s in re.findall(rb"\((.*?)\) Tj", data))


async def test_an_invoice_is_retrieved_as_a_pdf(gateway):
    res = await result(gateway, "retrievepdf", "<ARINVOICE><RECORDNO>1</RECORDNO></ARINVOICE>")
    ok(res)
    assert res.findtext("data/pdf/RECORDNO") == "1"
    shown = check_pdf(base64.b64decode(res.findtext("data/pdf/pdfdata")))
    invoice = await read(gateway, "ARINVOICE", "1", "RECORDNO,RECORDID,CUSTOMERID")
    assert invoice.findtext("CUSTOMERID") in shown and "Invoice 1" in shown


async def test_retrievepdf_of_a_missing_invoice_or_a_sales_document_is_refused(gateway):
    failed(
        await result(gateway, "retrievepdf", "<ARINVOICE><RECORDNO>9999</RECORDNO></ARINVOICE>"), "BL01001973", "9999"
    )
    res = await result(gateway, "retrievepdf", "<SODOCUMENT><DOCID>Sales Order-SO9999</DOCID></SODOCUMENT>")
    failed(res, "BL01001973", "Sales Order-SO9999")


async def test_retrievepdf_prints_a_sales_document_by_its_docid(gateway):
    res = await result(gateway, "retrievepdf", "<SODOCUMENT><DOCID>Sales Order-SO0001</DOCID></SODOCUMENT>")
    ok(res)
    document = base64.b64decode(res.findtext("data/pdf/pdfdata"))
    assert document.startswith(b"%PDF-1.4") and b"Sales Order-SO0001" in document


async def test_consolidation_needs_the_global_consolidations_module(gateway):
    failed(
        await result(gateway, "consolidate", consolidation(), **MOCKSMALL_LOGIN), "BL01001973", "Global Consolidations"
    )


# --- legacy timesheets (translations/TIMESHEET.json) ------------------------------------------------


def ymd(tag: str, y: int, m: int, d: int) -> str:
    return f"<{tag}><year>{y}</year><month>{m:02d}</month><day>{d:02d}</day></{tag}>"


def item(day: int, qty: str, memo: str) -> str:
    return (
        f"<timesheetitem><projectid>PRJ-1001</projectid><taskid>2</taskid>{ymd('entrydate', 2026, 3, day)}"
        f"<qty>{qty}</qty><timesheetentrydescription>{memo}</timesheetentrydescription></timesheetitem>"
    )


async def entries_of(gateway, recordno: str) -> list[tuple[str | None, str | None, str | None]]:
    res = await result(
        gateway,
        "readByQuery",
        f"<object>TIMESHEETENTRY</object><fields>ENTRYDATE,QTY,DESCRIPTION</fields><query>TIMESHEETKEY = {recordno}</query>",
    )
    return [(e.findtext("ENTRYDATE"), e.findtext("QTY"), e.findtext("DESCRIPTION")) for e in res.iterfind("data/*")]


async def test_a_legacy_timesheet_keeps_its_entries_and_an_update_adds_some(gateway):
    create = (
        f"<create_timesheet><employeeid>EMP010</employeeid>{ymd('begindate', 2026, 3, 2)}"
        f"<timesheetitems>{item(2, '8', 'Design')}{item(3, '6.5', 'Build')}</timesheetitems></create_timesheet>"
    )
    made = await call_raw(gateway, create)
    ok(made)
    key = made.findtext("key")
    assert await entries_of(gateway, key) == [("03/02/2026", "8", "Design"), ("03/03/2026", "6.5", "Build")]
    assert await timesheet_state(gateway, key) == "Draft"
    update = (
        f'<update_timesheet key="{key}"><employeeid>EMP010</employeeid>{ymd("begindate", 2026, 3, 2)}'
        f"<state>Submitted</state><timesheetitems>{item(4, '2', 'Review')}</timesheetitems></update_timesheet>"
    )
    ok(await call_raw(gateway, update))
    assert [e[2] for e in await entries_of(gateway, key)] == ["Design", "Build", "Review"]
    ok(await result(gateway, "approve", timesheet_action("approve", key)))
    assert await timesheet_state(gateway, key) == "Approved"


async def test_a_legacy_timesheet_entry_with_a_bad_quantity_writes_nothing(gateway):
    create = (
        f"<create_timesheet><employeeid>EMP010</employeeid>{ymd('begindate', 2026, 3, 2)}"
        f"<timesheetitems>{item(2, 'eight', 'Design')}</timesheetitems></create_timesheet>"
    )
    failed(await call_raw(gateway, create), "BL03000018", "QTY")
    assert await read(gateway, "TIMESHEET", "11") is None


# --- issue 17 item 3: what the mock does with the rest of the platform functions ---------------------


@pytest.fixture
def mockcustom(gateway):
    fixture = Path(__file__).resolve().parent.parent / "fixtures" / "companies" / "MOCKCUSTOM.json"
    gateway.state.create_company(json.loads(fixture.read_text(encoding="utf-8")))
    return {"authentication": login_xml("custom_isu", "MOCKCUSTOM")}


async def test_a_custom_object_of_the_company_is_created_and_updated(gateway, mockcustom):
    made = await result(gateway, "create", "<DONOR><name>Lee Foundation</name></DONOR>", **mockcustom)
    ok(made)
    key = made.findtext("data/donor/id")
    ok(
        await result(
            gateway, "update", f"<DONOR><id>{key}</id><name>Lee Family Foundation</name></DONOR>", **mockcustom
        )
    )
    found = await result(
        gateway, "readByName", f"<object>DONOR</object><keys>{key}</keys><fields>*</fields>", **mockcustom
    )
    assert found.findtext("data/DONOR/name") == "Lee Family Foundation"


@pytest.mark.parametrize(
    ("name", "body"),
    [
        ("readRelated", "<object>DONOR</object><keys>1</keys><relation>Rdonor_vendor</relation><fields>*</fields>"),
        ("readView", "<view>Vendors in CA</view>"),
        ("readReport", "<report>Open bills</report>"),
        ("installApp", "<appxml>&lt;application/&gt;</appxml>"),
    ],
)
async def test_platform_functions_the_mock_cannot_serve_answer_xl03000009_naming_themselves(
    gateway, mockcustom, name, body
):
    failed(await result(gateway, name, body, **mockcustom), "XL03000009", name)
