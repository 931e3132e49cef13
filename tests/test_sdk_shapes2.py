"""Payload shapes of official SDK classes the mock used to refuse (issue 17, second part): a date field
written split (<year/><month/><day/>, BankFeedsCreate's FEEDDATE), ALLOCATION with its ALLOCATIONENTRY
lines, a statistical journal entry (one line on a statistical account), and functions the request schema
did not know (retrievepdf)."""

from __future__ import annotations

from .gateway import function

FEED = "<FINANCIALENTITY>BOA-OP</FINANCIALENTITY><FEEDTYPE>onl</FEEDTYPE>"


def split(year: str, month: str, day: str) -> str:
    return f"<FEEDDATE><year>{year}</year><month>{month}</month><day>{day}</day></FEEDDATE>"


async def feeds(gateway) -> str | None:
    """How many bank feeds the company has."""
    answer = await gateway.call(
        function("readByQuery", "<object>BANKACCTTXNFEED</object><fields>RECORDNO</fields><query></query>")
    )
    data = answer.root.find("operation/result/data")
    assert data is not None, answer.errors()
    return data.get("totalcount")


async def test_a_split_date_in_a_generic_create_is_read_as_its_date(gateway):
    created = await gateway.call(
        function("create", f"<BANKACCTTXNFEED>{FEED}{split('2026', '1', '15')}</BANKACCTTXNFEED>")
    )
    assert created.text("operation/result/status") == "success", created.errors("operation")
    recordno = created.text("operation/result/data/bankaccttxnfeed/RECORDNO")
    read = await gateway.call(
        function("read", f"<object>BANKACCTTXNFEED</object><keys>{recordno}</keys><fields>FEEDDATE</fields>")
    )
    assert read.text("operation/result/data/BANKACCTTXNFEED/FEEDDATE") == "01/15/2026"


async def test_a_bad_split_date_is_refused_and_nothing_is_written(gateway):
    before = await feeds(gateway)
    created = await gateway.call(
        function("create", f"<BANKACCTTXNFEED>{FEED}{split('2026', '13', '40')}</BANKACCTTXNFEED>")
    )
    assert created.text("operation/result/status") == "failure"
    assert "FEEDDATE" in "".join(created.root.find("operation").itertext())
    assert await feeds(gateway) == before


async def test_date_parts_under_a_field_that_is_not_a_date_are_still_refused(gateway):
    created = await gateway.call(
        function(
            "create",
            "<BANKACCTTXNFEED><FINANCIALENTITY><year>2026</year><month>1</month><day>1</day></FINANCIALENTITY>"
            f"<FEEDTYPE>onl</FEEDTYPE>{split('2026', '01', '15')}</BANKACCTTXNFEED>",
        )
    )
    assert created.text("operation/result/status") == "failure"
    assert "FINANCIALENTITY.year" in "".join(created.root.find("operation").itertext())


ALLOCATION = (
    "<ALLOCATION><ALLOCATIONID>SDK-ALLOC</ALLOCATIONID><TYPE>Percentage</TYPE><ALLOCATIONENTRIES>"
    "<ALLOCATIONENTRY><VALUE>70</VALUE><LOCATIONID>100</LOCATIONID></ALLOCATIONENTRY>"
    "<ALLOCATIONENTRY><VALUE>30</VALUE><DEPARTMENTID>SALES</DEPARTMENTID></ALLOCATIONENTRY>"
    "</ALLOCATIONENTRIES></ALLOCATION>"
)


async def test_an_allocation_is_created_with_its_entries_read_back_updated_and_deleted(gateway):
    created = await gateway.call(function("create", ALLOCATION))
    assert created.text("operation/result/status") == "success", created.errors("operation")
    recordno = created.text("operation/result/data/allocation/RECORDNO")
    entries = await gateway.call(
        function(
            "readByQuery",
            f"<object>ALLOCATIONENTRY</object><fields>VALUE,LOCATIONID,DEPARTMENTID,ALLOCATIONKEY</fields>"
            f"<query>ALLOCATIONKEY = {recordno}</query>",
        )
    )
    rows = entries.root.find("operation").findall("result/data/allocationentry")
    assert [(r.findtext("VALUE"), r.findtext("LOCATIONID"), r.findtext("DEPARTMENTID")) for r in rows] == [
        ("70", "100", ""),
        ("30", "", "SALES"),
    ], entries.errors("operation")

    updated = await gateway.call(
        function(
            "update", "<ALLOCATION><ALLOCATIONID>SDK-ALLOC</ALLOCATIONID><DESCRIPTION>SDK</DESCRIPTION></ALLOCATION>"
        )
    )
    assert updated.text("operation/result/status") == "success", updated.errors("operation")
    read = await gateway.call(
        function("readByName", "<object>ALLOCATION</object><keys>SDK-ALLOC</keys><fields>*</fields>")
    )
    assert read.text("operation/result/data/ALLOCATION/DESCRIPTION") == "SDK"

    deleted = await gateway.call('<function controlid="f-1"><delete_allocation key="SDK-ALLOC"/></function>')
    assert deleted.text("operation/result/status") == "success", deleted.errors("operation")
    gone = await gateway.call(
        function("readByName", "<object>ALLOCATION</object><keys>SDK-ALLOC</keys><fields>*</fields>")
    )
    assert gone.root.find("operation").find("result/data/ALLOCATION") is None


async def test_an_allocation_entry_naming_an_unknown_location_is_refused(gateway):
    created = await gateway.call(function("create", ALLOCATION.replace("<LOCATIONID>100<", "<LOCATIONID>NOPE<")))
    assert created.text("operation/result/status") == "failure"


async def test_an_allocation_without_entries_is_refused(gateway):
    created = await gateway.call(
        function("create", "<ALLOCATION><ALLOCATIONID>EMPTY</ALLOCATIONID><ALLOCATIONENTRIES/></ALLOCATION>")
    )
    assert created.text("operation/result/status") == "failure"


def journal_entry(journal: str, *lines: tuple[str, str]) -> str:
    entries = "".join(
        f"<GLENTRY><ACCOUNTNO>{account}</ACCOUNTNO><TR_TYPE>1</TR_TYPE><TRX_AMOUNT>{amount}</TRX_AMOUNT></GLENTRY>"
        for account, amount in lines
    )
    return (
        f"<GLBATCH><JOURNAL>{journal}</JOURNAL><BATCH_DATE>01/15/2026</BATCH_DATE>"
        f"<BATCH_TITLE>Headcount</BATCH_TITLE><ENTRIES>{entries}</ENTRIES></GLBATCH>"
    )


async def test_a_statistical_journal_entry_has_one_line_on_a_statistical_account_and_need_not_balance(gateway):
    created = await gateway.call(function("create", journal_entry("STAT", ("9000", "3"))))
    assert created.text("operation/result/status") == "success", created.errors("operation")
    recordno = created.text("operation/result/data/glbatch/RECORDNO")
    read = await gateway.call(
        function("read", f"<object>GLBATCH</object><keys>{recordno}</keys><fields>STATISTICAL,JOURNAL</fields>")
    )
    assert read.text("operation/result/data/GLBATCH/STATISTICAL") == "true", read.errors("operation")
    deleted = await gateway.call(function("delete", f"<object>GLBATCH</object><keys>{recordno}</keys>"))
    assert deleted.text("operation/result/status") == "success", deleted.errors("operation")


async def test_a_statistical_journal_entry_on_a_gl_account_is_refused(gateway):
    created = await gateway.call(function("create", journal_entry("STAT", ("1000", "3"))))
    assert created.text("operation/result/status") == "failure"
    assert "1000" in "".join(created.root.find("operation").itertext())


async def test_a_regular_journal_entry_still_needs_two_balanced_lines_on_gl_accounts(gateway):
    one_line = await gateway.call(function("create", journal_entry("GJ", ("1000", "3"))))
    assert one_line.text("operation/result/status") == "failure"
    statistical_account = await gateway.call(function("create", journal_entry("GJ", ("9000", "3"), ("9010", "-3"))))
    assert statistical_account.text("operation/result/status") == "failure"
    regular = await gateway.call(function("create", journal_entry("GJ", ("1000", "3"), ("6000", "-3"))))
    assert regular.text("operation/result/status") == "success", regular.errors("operation")
    recordno = regular.text("operation/result/data/glbatch/RECORDNO")
    read = await gateway.call(
        function("read", f"<object>GLBATCH</object><keys>{recordno}</keys><fields>STATISTICAL</fields>")
    )
    assert read.text("operation/result/data/GLBATCH/STATISTICAL") == "false"


async def test_a_bare_timesheetentry_in_content_is_no_function_and_fails_the_schema(gateway):
    # The SDK's TimesheetEntryCreate/Update are lines typed as functions: alone they write no <function>.
    answer = await gateway.call("<TIMESHEETENTRY><ENTRYDATE>02/02/2026</ENTRYDATE><QTY>1</QTY></TIMESHEETENTRY>")
    assert answer.control_status == "failure"
    assert answer.text("errormessage/error/errorno") == "XL03000003"
