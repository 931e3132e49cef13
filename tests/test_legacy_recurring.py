"""Recurring bill and invoice templates (APRECURBILL / ARRECURINVOICE) on MOCKCO over a real socket: the
legacy create keeps the lines and the schedule; MOCKCO has templates of its own; no documents are made."""

from __future__ import annotations

from .gateway import function

RECURRING_BILL = (
    "<vendorid>V0011</vendorid><datecreated><year>2026</year><month>04</month><day>01</day></datecreated>"
    "<termname>Net 30</termname><startdate><year>2026</year><month>04</month><day>01</day></startdate>"
    "<ending><occur>12</occur></ending><modenew>Months</modenew><interval>1</interval><recurbillitems>"
    "<recurlineitem><glaccountno>6130</glaccountno><amount>1450</amount><memo>Nightly cleaning</memo>"
    "<departmentid>FIN</departmentid></recurlineitem>"
    "<recurlineitem><glaccountno>6120</glaccountno><amount>150.25</amount></recurlineitem></recurbillitems>"
)


async def read(gateway, obj: str, query: str) -> list:
    answer = await gateway.call(
        function("readByQuery", f"<object>{obj}</object><fields>*</fields><query>{query}</query>")
    )
    return answer.root.findall(f"operation/result/data/{obj.lower()}")


async def test_a_recurring_bill_keeps_its_lines_and_makes_no_bill(gateway):
    bills_before = len(await read(gateway, "APBILL", ""))
    answer = await gateway.call(function("create_recurringbill", RECURRING_BILL))
    result = answer.root.find("operation/result")
    assert result.findtext("status") == "success", answer.errors("operation")
    [template] = await read(gateway, "APRECURBILL", f"RECORDNO = {result.findtext('key')}")
    lines = template.findall("APRECURBILLITEMS/APRECURBILLENTRY")
    assert [(li.findtext("ACCOUNTNO"), li.findtext("TRX_AMOUNT"), li.findtext("ENTRYDESCRIPTION")) for li in lines] == [
        ("6130", "1450", "Nightly cleaning"),
        ("6120", "150.25", ""),
    ]
    assert lines[0].findtext("DEPARTMENTID") == "FIN"
    assert (template.findtext("OCCURRENCES"), template.findtext("ENDDATE")) == ("12", "")
    assert len(await read(gateway, "APBILL", "")) == bills_before


async def test_mockco_has_recurring_templates_with_their_totals(gateway):
    bills = await read(gateway, "APRECURBILL", "STATUS = 'active'")
    assert [(b.findtext("RECORDID"), b.findtext("VENDORNAME"), b.findtext("TOTALENTERED")) for b in bills] == [
        ("RENT-BOS", "Redwood Property Management LLC", "18500"),
        ("TEL-ALL", "Northwind Telecom Services", "2100"),
        ("CLEAN-BOS", "CleanSweep Janitorial Services", "1450"),
    ]
    invoices = await read(gateway, "ARRECURINVOICE", "")
    assert [(i.findtext("CUSTOMERID"), i.findtext("TERMNAME"), i.findtext("TOTALENTERED")) for i in invoices] == [
        ("C0002", "Net 30", "2400"),
        ("C0005", "Net 30", "1250"),
        ("C0001", "Net 60", "3100"),
    ]
