"""GLDETAIL, the general ledger detail the backend derives from posted documents, over a real socket."""

from __future__ import annotations

import pytest

from .facts import genuine_records
from .gateway import bare_company, function, login_xml

COMPANY = "LEDGERCO"
SELECT = ("RECORDNO", "BATCHKEY", "LINE_NO", "TR_TYPE", "ACCOUNTNO", "ACCOUNTTITLE", "DEBITAMOUNT", "CREDITAMOUNT")

ACCOUNTS = {
    "1000": "Cash - Operating",
    "1100": "Accounts Receivable",
    "2000": "Accounts Payable",
    "4000": "Sales",
    "6000": "Supplies",
}


def as_ledgerco(**login) -> dict:
    return {"authentication": login_xml(companyid=COMPANY, **login)}


@pytest.fixture
async def company(gateway):
    """A company with a chart of accounts, a department, a vendor and a customer, and no documents."""
    gateway.state.create_company(
        bare_company(
            COMPANY,
            records={
                "GLACCOUNT": [{"ACCOUNTNO": number, "TITLE": title} for number, title in ACCOUNTS.items()],
                "DEPARTMENT": [{"DEPARTMENTID": "OPS", "TITLE": "Operations"}],
                "VENDOR": [{"VENDORID": "V1", "NAME": "Acme Supply"}],
                "CUSTOMER": [{"CUSTOMERID": "C1", "NAME": "Beta Corp"}],
            },
        )
    )
    return COMPANY


def journal(amount: str = "100.50", state: str = "", credit: str | None = None) -> str:
    return (
        "<GLBATCH><JOURNAL>GJ</JOURNAL><BATCH_DATE>03/15/2026</BATCH_DATE><BATCH_TITLE>Supplies bought</BATCH_TITLE>"
        + (f"<STATE>{state}</STATE>" if state else "")
        + f"<ENTRIES><GLENTRY><ACCOUNTNO>6000</ACCOUNTNO><TR_TYPE>1</TR_TYPE><TRX_AMOUNT>{amount}</TRX_AMOUNT>"
        "<DEPARTMENT>OPS</DEPARTMENT><DESCRIPTION>Paper</DESCRIPTION></GLENTRY>"
        f"<GLENTRY><ACCOUNTNO>1000</ACCOUNTNO><TR_TYPE>-1</TR_TYPE><TRX_AMOUNT>{credit or amount}</TRX_AMOUNT>"
        "</GLENTRY></ENTRIES></GLBATCH>"
    )


def bill(*amounts: str, state: str = "") -> str:
    items = "".join(
        f"<APBILLITEM><ACCOUNTNO>6000</ACCOUNTNO><TRX_AMOUNT>{a}</TRX_AMOUNT></APBILLITEM>" for a in amounts
    )
    return (
        "<APBILL><VENDORID>V1</VENDORID><WHENCREATED>03/01/2026</WHENCREATED><RECORDID>B-1</RECORDID>"
        + (f"<STATE>{state}</STATE>" if state else "")
        + f"<APBILLITEMS>{items}</APBILLITEMS></APBILL>"
    )


async def call(gateway, functions: str, **login):
    answer = await gateway.call(functions, **as_ledgerco(**login))
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")
    return answer


async def detail(gateway, select=SELECT, filter: str = "", **login) -> list[dict[str, str]]:
    body = "<object>GLDETAIL</object><select>" + "".join(f"<field>{f}</field>" for f in select) + "</select>"
    body += f"<filter>{filter}</filter>" if filter else ""
    answer = await call(gateway, function("query", body), **login)
    return [{e.tag: e.text or "" for e in row} for row in answer.root.find("operation/result/data")]


def balance(rows: list[dict[str, str]]) -> tuple[float, float]:
    return (
        round(sum(float(r["DEBITAMOUNT"]) for r in rows), 2),
        round(sum(float(r["CREDITAMOUNT"]) for r in rows), 2),
    )


async def test_a_posted_journal_entry_answers_one_detail_row_per_line(gateway, company):
    await call(gateway, function("create", journal()))
    rows = await detail(
        gateway,
        (*SELECT, "BATCH_DATE", "ENTRY_DATE", "SYMBOL", "BATCH_TITLE", "BOOKID", "DEPARTMENTID", "DEPARTMENTTITLE"),
    )
    assert rows == [
        {
            "RECORDNO": "1-1-1--accrual",
            "BATCHKEY": "1",
            "LINE_NO": "1",
            "TR_TYPE": "1",
            "ACCOUNTNO": "6000",
            "ACCOUNTTITLE": "Supplies",
            "DEBITAMOUNT": "100.5",
            "CREDITAMOUNT": "0",
            "BATCH_DATE": "03/15/2026",
            "ENTRY_DATE": "03/15/2026",
            "SYMBOL": "GJ",
            "BATCH_TITLE": "Supplies bought",
            "BOOKID": "ACCRUAL",
            "DEPARTMENTID": "OPS",
            "DEPARTMENTTITLE": "Operations",
        },
        {
            "RECORDNO": "1-2-2--accrual",
            "BATCHKEY": "1",
            "LINE_NO": "2",
            "TR_TYPE": "-1",
            "ACCOUNTNO": "1000",
            "ACCOUNTTITLE": "Cash - Operating",
            "DEBITAMOUNT": "0",
            "CREDITAMOUNT": "100.5",
            "BATCH_DATE": "03/15/2026",
            "ENTRY_DATE": "03/15/2026",
            "SYMBOL": "GJ",
            "BATCH_TITLE": "Supplies bought",
            "BOOKID": "ACCRUAL",
            "DEPARTMENTID": "",
            "DEPARTMENTTITLE": "",
        },
    ]


async def test_a_bill_posts_its_lines_and_the_ap_offset_and_they_balance(gateway, company):
    await call(gateway, function("create", bill("40", "2.25")))
    rows = await detail(gateway, (*SELECT, "RECORDTYPE", "RECORDID", "VENDORID", "VENDORNAME", "TOTALDUE"))
    assert [(r["ACCOUNTNO"], r["TR_TYPE"], r["DEBITAMOUNT"], r["CREDITAMOUNT"]) for r in rows] == [
        ("6000", "1", "40", "0"),
        ("6000", "1", "2.25", "0"),
        ("2000", "-1", "0", "42.25"),  # the company's Accounts Payable account
    ]
    assert balance(rows) == (42.25, 42.25)
    assert {(r["RECORDID"], r["VENDORID"], r["VENDORNAME"], r["TOTALDUE"]) for r in rows} == {
        ("B-1", "V1", "Acme Supply", "42.25")
    }


async def test_an_invoice_and_payments_post_balanced_ar_ap_and_cash_lines(gateway, company):
    invoice = (
        "<ARINVOICE><CUSTOMERID>C1</CUSTOMERID><WHENCREATED>03/02/2026</WHENCREATED><ARINVOICEITEMS>"
        "<ARINVOICEITEM><ACCOUNTNO>4000</ACCOUNTNO><TRX_AMOUNT>75</TRX_AMOUNT></ARINVOICEITEM>"
        "</ARINVOICEITEMS></ARINVOICE>"
    )
    await call(gateway, function("create", invoice))
    rows = await detail(gateway)
    assert [(r["ACCOUNTNO"], r["DEBITAMOUNT"], r["CREDITAMOUNT"]) for r in rows] == [
        ("4000", "0", "75"),
        ("1100", "75", "0"),
    ]
    await call(gateway, function("create", bill("30")))
    payment = (
        "<APPYMT><FINANCIALENTITY>BANK</FINANCIALENTITY><PAYMENTMETHOD>ACH</PAYMENTMETHOD><VENDORID>V1</VENDORID>"
        "<PAYMENTDATE>03/20/2026</PAYMENTDATE><APPYMTDETAILS><APPYMTDETAIL><RECORDKEY>1</RECORDKEY>"
        "<TRX_PAYMENTAMOUNT>30</TRX_PAYMENTAMOUNT></APPYMTDETAIL></APPYMTDETAILS></APPYMT>"
    )
    await call(gateway, function("create", payment))
    paid = await detail(
        gateway, (*SELECT, "RECORDTYPE", "ENTRY_DATE"), "<equalto><field>RECORDTYPE</field><value>pp</value></equalto>"
    )
    assert [(r["ACCOUNTNO"], r["DEBITAMOUNT"], r["CREDITAMOUNT"], r["ENTRY_DATE"]) for r in paid] == [
        ("2000", "30", "0", "03/20/2026"),
        ("1000", "0", "30", "03/20/2026"),  # no bank account 'BANK': the first cash account (GUESS)
    ]
    assert balance(await detail(gateway)) == (135.0, 135.0)


async def test_drafts_post_nothing_and_posting_a_draft_adds_its_rows(gateway, company):
    await call(gateway, function("create", bill("10", state="Draft") + journal(state="Draft")))
    assert await detail(gateway) == []
    await call(gateway, function("update", "<APBILL><RECORDNO>1</RECORDNO><STATE>Posted</STATE></APBILL>"))
    assert len(await detail(gateway)) == 2


async def test_update_replaces_and_delete_removes_the_documents_rows(gateway, company):
    await call(gateway, function("create", bill("10") + journal()))
    update = (
        "<APBILL><RECORDNO>1</RECORDNO><APBILLITEMS>"
        "<APBILLITEM><ACCOUNTNO>6000</ACCOUNTNO><TRX_AMOUNT>7</TRX_AMOUNT></APBILLITEM>"
        "<APBILLITEM><ACCOUNTNO>6000</ACCOUNTNO><TRX_AMOUNT>8</TRX_AMOUNT></APBILLITEM>"
        "</APBILLITEMS></APBILL>"
    )
    await call(gateway, function("update", update))
    rows = await detail(gateway, (*SELECT, "RECORDTYPE"))
    bill_rows = [r for r in rows if r["RECORDTYPE"] == "pi"]
    assert [(r["DEBITAMOUNT"], r["CREDITAMOUNT"]) for r in bill_rows] == [("7", "0"), ("8", "0"), ("0", "15")]
    assert len(rows) == 5  # the journal entry's two rows untouched
    await call(gateway, function("delete", "<object>APBILL</object><keys>1</keys>"))
    rows = await detail(gateway, (*SELECT, "RECORDTYPE"))
    assert [r["RECORDNO"] for r in rows] == ["1-3-1--accrual", "1-4-2--accrual"]
    await call(gateway, function("delete", "<object>GLBATCH</object><keys>1</keys>"))
    assert await detail(gateway) == []


async def test_a_rolled_back_transaction_leaves_no_detail(gateway, company):
    answer = await gateway.call(
        function("create", journal(), "one") + function("create", journal("5", credit="6"), "two"),
        transaction=True,
        **as_ledgerco(),
    )
    assert [r.findtext("status") for r in answer.results()] == ["aborted", "failure"]
    failed = await gateway.call(function("create", journal("5", credit="6")), **as_ledgerco())
    assert failed.text("operation/result/status") == "failure"  # unbalanced: refused, posts nothing
    assert await detail(gateway) == []


async def test_gldetail_refuses_writes(gateway, company):
    row = "<GLDETAIL><ACCOUNTNO>1000</ACCOUNTNO></GLDETAIL>"
    for payload in (
        function("create", row),
        function("update", row),
        function("delete", "<object>GLDETAIL</object><keys>1</keys>"),
    ):
        answer = await gateway.call(payload, **as_ledgerco())
        assert answer.text("operation/result/status") == "failure"
        assert "cannot be" in (answer.errors("operation/result")[0]["description2"] or "")


async def test_the_genuine_select_answers_mockco_posted_detail_and_filters_work(gateway):
    genuine = genuine_records()["GLDETAIL"]
    select = tuple(e.tag for e in genuine if not e.tag.startswith("GLDIM"))  # user-defined dimensions: none here
    login = {"authentication": login_xml()}
    body = "<object>GLDETAIL</object><select>" + "".join(f"<field>{f}</field>" for f in select) + "</select>"
    answer = await gateway.call(function("query", body + "<pagesize>2000</pagesize>"), **login)
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")
    data = answer.root.find("operation/result/data")
    rows = [{e.tag: e.text or "" for e in row} for row in data]
    assert [e.tag for e in data[0]] == list(select)
    # What the top level of MOCKCO sees: its shared documents' detail (40 journal entries, bills, invoices).
    assert int(data.get("totalcount")) == len(rows) > 200
    first = [(r["ACCOUNTNO"], r["DEBITAMOUNT"], r["CREDITAMOUNT"], r["BATCH_TITLE"]) for r in rows[:2]]
    assert first == [
        ("6030", "24996.05", "0", "Accrue quarterly bonus - January 2025"),
        ("2120", "0", "24996.05", "Accrue quarterly bonus - January 2025"),
    ]
    assert balance(rows)[0] == balance(rows)[1]
    assert all(r["RECORDNO"].endswith("--accrual") and r["RECORD_URL"] == "" for r in rows)
    assert len({r["RECORDNO"] for r in rows}) == len(rows)
    # Journal entries (no subledger code), bills and invoices post; so do MOCKCO's posted adjustments.
    assert {"", "pi", "ri"} <= {r["RECORDTYPE"] for r in rows} <= {"", "pi", "ri", "pa", "ra", "pp", "rp"}

    by_account = body + "<filter><equalto><field>ACCOUNTNO</field><value>2000</value></equalto></filter>"
    payables = await gateway.call(function("query", by_account + "<pagesize>2000</pagesize>"), **login)
    ap_rows = payables.root.find("operation/result/data")
    assert len(ap_rows) == sum(r["ACCOUNTNO"] == "2000" for r in rows) > 0
    assert {row.findtext("ACCOUNTTITLE") for row in ap_rows} == {"Accounts Payable"}

    dated = body + (
        "<filter><and><greaterthanorequalto><field>ENTRY_DATE</field><value>10/01/2025</value>"
        "</greaterthanorequalto><lessthan><field>ENTRY_DATE</field><value>11/01/2025</value></lessthan></and></filter>"
    )
    october = await gateway.call(function("query", dated + "<pagesize>2000</pagesize>"), **login)
    dates = [row.findtext("ENTRY_DATE") for row in october.root.find("operation/result/data")]
    expected = [r["ENTRY_DATE"] for r in rows if r["ENTRY_DATE"].startswith("10/") and r["ENTRY_DATE"].endswith("2025")]
    assert dates == expected and dates


async def test_detail_follows_the_documents_entity(gateway, company):
    await call(gateway, function("create", journal("1")), locationid="E100")
    await call(gateway, function("create", journal("2")))  # top level: shared
    at_east = await detail(gateway, locationid="E100")
    at_west = await detail(gateway, locationid="E200")
    top = await detail(gateway)
    assert [r["DEBITAMOUNT"] for r in at_east if r["TR_TYPE"] == "1"] == ["1", "2"]
    assert [r["DEBITAMOUNT"] for r in at_west if r["TR_TYPE"] == "1"] == ["2"]
    assert [r["DEBITAMOUNT"] for r in top if r["TR_TYPE"] == "1"] == ["2"]  # as the journal entries themselves
