"""Issue 17's employee expense and cash management legacy functions end to end on MOCKCO over a real socket,
bodies shaped as the official JS SDK writes them: what the behaviour does to the records it touches
(reversing, paying, depositing, deleting), and the functions the developer docs do not list (so
tests/legacy_cases has no file for them): delete_expensereport, reverse_expensereport,
delete_expenseadjustmentreport, delete_expensetype, reverse_cctransaction, delete_customerchargecard.
Each failure also changes nothing."""

from __future__ import annotations

from mockserver.objects.fixtures import dump_records

from .gateway import function


def ymd(tag: str, y: str = "2026", m: str = "01", d: str = "20") -> str:
    return f"<{tag}><year>{y}</year><month>{m}</month><day>{d}</day></{tag}>"


def errors_of(result) -> list[tuple[str, str]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in result.findall("errormessage/error")]


async def run(gateway, body: str):
    answer = await gateway.call(f'<function controlid="f1">{body}</function>')
    result = answer.root.find("operation/result")
    assert result is not None, answer.errors("operation")
    return result


async def ok(gateway, body: str) -> str:
    result = await run(gateway, body)
    assert result.findtext("status") == "success", errors_of(result)
    return result.findtext("key") or ""


def holdings(gateway) -> dict:
    return dump_records(gateway.state.store, gateway.state.companies["MOCKCO"])


async def fails(gateway, body: str, says: str, errorno: str = "BL01001973") -> None:
    before = holdings(gateway)
    result = await run(gateway, body)
    assert result.findtext("status") == "failure", body
    assert errorno in [no for no, _ in errors_of(result)], errors_of(result)
    assert any(says in (text or "") for _, text in errors_of(result)), errors_of(result)
    assert holdings(gateway) == before, "a failure changed the company"


async def read(gateway, obj: str, key: str):
    answer = await gateway.call(function("read", f"<object>{obj}</object><keys>{key}</keys>"))
    found = answer.root.find(f"operation/result/data/{obj}")
    assert found is not None, f"{obj} {key} not found"
    return found


async def query(gateway, obj: str, where: str, fields: str = "*") -> list:
    answer = await gateway.call(
        function("readByQuery", f"<object>{obj}</object><fields>{fields}</fields><query>{where}</query>")
    )
    return answer.root.findall(f"operation/result/data/{obj.lower()}")


def expense_report(employee: str = "EMP001", amount: str = "10", number: str = "ER-T1") -> str:
    """As the SDK's ExpenseReportCreate writes it (one ExpenseReportLineCreate)."""
    return (
        f"<create_expensereport><employeeid>{employee}</employeeid>{ymd('datecreated', d='15')}"
        f"<expensereportno>{number}</expensereportno><expenses><expense><expensetype>Meals</expensetype>"
        f"<amount>{amount}</amount>{ymd('expensedate', d='14')}<memo>Harbor Grill</memo><paidfor>Lunch</paidfor>"
        "<departmentid>SALES</departmentid></expense></expenses></create_expensereport>"
    )


def reimbursement(key: str, amount: str, employee: str = "EMP001") -> str:
    return (
        f"<create_reimbursementrequest><bankaccountid>BOA-OP</bankaccountid><employeeid>{employee}</employeeid>"
        f"<paymentmethod>EFT</paymentmethod>{ymd('paymentdate', d='25')}<eppaymentrequestitems>"
        f"<eppaymentrequestitem><key>{key}</key><paymentamount>{amount}</paymentamount></eppaymentrequestitem>"
        "</eppaymentrequestitems><paymentdescription>January</paymentdescription></create_reimbursementrequest>"
    )


def cc_transaction() -> str:
    return (
        f"<record_cctransaction><chargecardid>AMEX-CORP</chargecardid>{ymd('paymentdate')}<referenceno>AX-1</referenceno>"
        "<payee>Delta</payee><description>Flight</description><ccpayitems><ccpayitem><glaccountno>6300</glaccountno>"
        "<description>BOS-DEN</description><paymentamount>388.2</paymentamount></ccpayitem></ccpayitems>"
        "</record_cctransaction>"
    )


def deposit(*keys: str, slip: str = "DS-T1") -> str:
    receipts = "".join(f"<receiptkey>{key}</receiptkey>" for key in keys)
    return (
        f"<record_deposit><bankaccountid>BOA-OP</bankaccountid>{ymd('depositdate', d='21')}<depositid>{slip}</depositid>"
        f"<receiptkeys>{receipts}</receiptkeys><description>Two checks</description></record_deposit>"
    )


# --- expense reports ---------------------------------------------------------------------------------


async def test_an_expense_report_reads_back_with_its_lines_and_totals(gateway):
    key = await ok(gateway, expense_report(amount="86.4"))
    report = await read(gateway, "EEXPENSES", key)
    assert (report.findtext("EMPLOYEEID"), report.findtext("RECORDID"), report.findtext("STATE")) == (
        "EMP001",
        "ER-T1",
        "Submitted",
    )
    assert (report.findtext("TOTALENTERED"), report.findtext("TOTALPAID"), report.findtext("TOTALDUE")) == (
        "86.4",
        "0",
        "86.4",
    )
    [line] = report.findall("EEXPENSESITEMS/EEXPENSESITEM")
    assert line.findtext("EXPENSETYPE") == "Meals" and line.findtext("ENTRY_DATE") == "01/14/2026"
    assert (line.findtext("DESCRIPTION"), line.findtext("DESCRIPTION2")) == ("Harbor Grill", "Lunch")
    [listed] = await query(gateway, "EEXPENSESITEM", f"RECORDKEY = {key}", "RECORDKEY,AMOUNT,STATE")
    assert (listed.findtext("AMOUNT"), listed.findtext("STATE")) == ("86.4", "Submitted")


async def test_an_expense_line_names_an_existing_expense_type(gateway):
    body = expense_report().replace("<expensetype>Meals</expensetype>", "<expensetype>Spa day</expensetype>")
    await fails(gateway, body, "Spa day")


async def test_reimbursing_pays_the_report_in_part_then_in_full(gateway):
    key = await ok(gateway, expense_report(amount="100"))
    request = await ok(gateway, reimbursement(key, "40"))
    report = await read(gateway, "EEXPENSES", key)
    assert (report.findtext("STATE"), report.findtext("TOTALPAID"), report.findtext("TOTALDUE")) == (
        "Partially Paid",
        "40",
        "60",
    )
    paid = await read(gateway, "EPPAYMENTREQUEST", request)
    assert (paid.findtext("EMPLOYEEID"), paid.findtext("TOTALENTERED"), paid.findtext("STATE")) == (
        "EMP001",
        "40",
        "Complete",
    )
    assert paid.findtext("EPPAYMENTREQUESTITEMS/EPPAYMENTREQUESTITEM/RECORDKEY") == key
    await ok(gateway, reimbursement(key, "60"))
    report = await read(gateway, "EEXPENSES", key)
    assert (report.findtext("STATE"), report.findtext("TOTALDUE"), report.findtext("WHENPAID")) == (
        "Paid",
        "0",
        "01/25/2026",
    )


async def test_a_reimbursement_cannot_pay_more_than_is_due_or_another_employees_report(gateway):
    key = await ok(gateway, expense_report(amount="10"))
    await fails(gateway, reimbursement(key, "10.5"), "due on expense report")
    await fails(gateway, reimbursement(key, "5", employee="EMP002"), "belongs to employee EMP001")
    await fails(gateway, reimbursement("9999", "5"), "9999")
    await fails(gateway, reimbursement("2", "5", employee="EMP002"), "draft")  # MOCKCO ER-0002 is a draft


async def test_reverse_then_delete_expense_reports(gateway):
    key = await ok(gateway, expense_report())
    body = f'<reverse_expensereport key="{key}">{ymd("datereversed")}<description>Duplicate</description></reverse_expensereport>'
    await ok(gateway, body)
    report = await read(gateway, "EEXPENSES", key)
    assert (report.findtext("STATE"), report.findtext("MEMO")) == ("Reversed", "Duplicate")
    await fails(gateway, body, "reversed")
    await fails(gateway, body.replace(f'key="{key}"', 'key="9999"'), "9999")
    await fails(
        gateway, '<reverse_expensereport key="3">' + ymd("datereversed") + "</reverse_expensereport>", "reimbursements"
    )
    await fails(gateway, '<delete_expensereport key="3"/>', "reimbursements applied")  # MOCKCO ER-0003 is paid
    await ok(gateway, f'<delete_expensereport key="{key}"/>')
    assert await query(gateway, "EEXPENSES", f"RECORDNO = {key}") == []
    await fails(gateway, f'<delete_expensereport key="{key}"/>', key)


async def test_expense_adjustments_and_their_delete(gateway):
    body = (
        f"<create_expenseadjustmentreport><employeeid>EMP001</employeeid>{ymd('datecreated')}"
        "<adjustmentno>EA-T1</adjustmentno><docnumber>ER-0001</docnumber><expenseadjustments><expenseadjustment>"
        f"<expensetype>Lodging</expensetype><amount>-24</amount>{ymd('expensedate')}</expenseadjustment>"
        "</expenseadjustments></create_expenseadjustmentreport>"
    )
    key = await ok(gateway, body)
    adjustment = await read(gateway, "EXPENSEADJUSTMENTS", key)
    assert (adjustment.findtext("RECORDID"), adjustment.findtext("DOCNUMBER")) == ("EA-T1", "ER-0001")
    assert adjustment.findtext("TOTALENTERED") == "-24"
    await ok(gateway, f'<delete_expenseadjustmentreport key="{key}"/>')
    await fails(gateway, f'<delete_expenseadjustmentreport key="{key}"/>', key)


async def test_expense_types_by_name(gateway):
    create = (
        "<create_expensetype><glaccountno>6360</glaccountno><expensetype>Conference</expensetype>"
        "<description>Conference fees</description></create_expensetype>"
    )
    assert await ok(gateway, create) == "Conference"
    await ok(
        gateway, '<update_expensetype expensetype="Conference"><description>Seminars</description></update_expensetype>'
    )
    [found] = await query(gateway, "EEACCOUNTLABEL", "ACCOUNTLABEL = 'Conference'")
    assert (found.findtext("DESCRIPTION"), found.findtext("GLACCOUNTNO"), found.findtext("STATUS")) == (
        "Seminars",
        "6360",
        "active",
    )
    await ok(gateway, '<delete_expensetype expensetype="Conference"/>')
    assert await query(gateway, "EEACCOUNTLABEL", "ACCOUNTLABEL = 'Conference'") == []
    await fails(gateway, '<delete_expensetype expensetype="Conference"/>', "Conference")


async def test_an_expense_report_summary_is_numbered(gateway):
    first = await ok(
        gateway,
        f"<create_expensereportbatch><batchtitle>Week 3</batchtitle>{ymd('datecreated')}</create_expensereportbatch>",
    )
    second = await ok(gateway, "<create_expensereportbatch><batchtitle>Week 4</batchtitle></create_expensereportbatch>")
    assert int(second) == int(first) + 1
    two = expense_report(number="ER-S1") + expense_report(employee="EMP002", number="ER-S2")
    third = await ok(
        gateway, f"<create_expensereportbatch><batchtitle>Week 5</batchtitle>{two}</create_expensereportbatch>"
    )
    filed = await query(gateway, "EEXPENSES", f"PRBATCHKEY = {third}", "RECORDID,EMPLOYEEID,TOTALENTERED")
    assert [(r.findtext("RECORDID"), r.findtext("EMPLOYEEID")) for r in filed] == [
        ("ER-S1", "EMP001"),
        ("ER-S2", "EMP002"),
    ]
    # all or none: a bad report leaves neither the summary nor the good report
    bad = expense_report(number="ER-S3") + expense_report(employee="NOSUCHEMP", number="ER-S4")
    await fails(
        gateway,
        f"<create_expensereportbatch><batchtitle>Week 6</batchtitle>{bad}</create_expensereportbatch>",
        "NOSUCHEMP",
    )
    assert await ok(
        gateway, "<create_expensereportbatch><batchtitle>Week 6</batchtitle></create_expensereportbatch>"
    ) == str(int(third) + 1)


# --- cash management ---------------------------------------------------------------------------------


async def test_a_charge_card_transaction_is_reversed_once(gateway):
    key = await ok(gateway, cc_transaction())
    record = await read(gateway, "CCTRANSACTION", key)
    assert (record.findtext("FINANCIALENTITY"), record.findtext("RECORDID"), record.findtext("TOTALENTERED")) == (
        "AMEX-CORP",
        "AX-1",
        "388.2",
    )
    assert record.findtext("CCTRANSACTIONENTRIES/CCTRANSACTIONENTRY/ACCOUNTNO") == "6300"
    body = f'<reverse_cctransaction key="{key}">{ymd("datereversed", d="22")}<memo>Charged twice</memo></reverse_cctransaction>'
    await ok(gateway, body)
    record = await read(gateway, "CCTRANSACTION", key)
    assert (record.findtext("STATE"), record.findtext("DESCRIPTION")) == ("Reversed", "Charged twice")
    await fails(gateway, body, "already reversed")
    await fails(gateway, body.replace(f'key="{key}"', 'key="9999"'), "9999")


async def test_a_deposit_moves_undeposited_receipts_into_the_bank(gateway):
    # MOCKCO other receipts 1 and 2 wait in Undeposited Funds
    assert [r.findtext("STATE") for r in await query(gateway, "OTHERRECEIPTS", "RECORDNO IN (1, 2)")] == [
        "Undeposited",
        "Undeposited",
    ]
    key = await ok(gateway, deposit("1", "2"))
    made = await read(gateway, "DEPOSIT", key)
    assert (made.findtext("DEPOSITID"), made.findtext("FINANCIALENTITY"), made.findtext("TOTALENTERED")) == (
        "DS-T1",
        "BOA-OP",
        "2030.4",
    )
    assert [e.findtext("RECEIPTKEY") for e in made.findall("DEPOSITENTRIES/DEPOSITENTRY")] == ["1", "2"]
    for receipt in await query(gateway, "OTHERRECEIPTS", "RECORDNO IN (1, 2)"):
        assert (receipt.findtext("STATE"), receipt.findtext("FINANCIALENTITY"), receipt.findtext("DEPOSITDATE")) == (
            "Deposited",
            "BOA-OP",
            "01/21/2026",
        )
    await fails(gateway, deposit("1", slip="DS-T2"), "'1'")  # deposited already


async def test_a_deposit_takes_an_ar_payment_received_into_undeposited_funds(gateway):
    payment = (
        "<create><ARPYMT><PAYMENTMETHOD>Printed Check</PAYMENTMETHOD><CUSTOMERID>C0001</CUSTOMERID>"
        "<UNDEPOSITEDACCOUNTNO>1060</UNDEPOSITEDACCOUNTNO><RECEIPTDATE>01/19/2026</RECEIPTDATE>"
        "<PAYMENTAMOUNT>75</PAYMENTAMOUNT><CURRENCY>USD</CURRENCY></ARPYMT></create>"
    )
    result = await run(gateway, payment)
    assert result.findtext("status") == "success", errors_of(result)
    recordno = result.findtext("data/arpymt/RECORDNO")
    assert int(recordno) > 5  # no other receipt has that number: the key names the payment
    key = await ok(gateway, deposit(recordno))
    assert (await read(gateway, "ARPYMT", recordno)).findtext("FINANCIALENTITY") == "BOA-OP"
    made = await read(gateway, "DEPOSIT", key)
    assert made.findtext("DEPOSITENTRIES/DEPOSITENTRY/RECEIPTTYPE") == "ARPYMT"
    assert (made.findtext("DEPOSITENTRIES/DEPOSITENTRY/TRX_AMOUNT"), made.findtext("TOTALENTERED")) == ("75", "75")


async def test_a_deposit_needs_an_existing_bank_account_and_receipts(gateway):
    await fails(gateway, deposit("1").replace("BOA-OP", "NOBANK"), "NOBANK")
    await fails(gateway, deposit("9999"), "9999")
    await fails(gateway, deposit("1", "1"), "'1'")  # the same receipt twice


async def test_other_receipts_into_a_bank_account_or_undeposited_funds(gateway):
    body = (
        f"<record_otherreceipt>{ymd('paymentdate')}<payee>City of Boston</payee>{ymd('receiveddate')}"
        "<paymentmethod>Printed Check</paymentmethod><undepglaccountno>1060</undepglaccountno><refid>5512</refid>"
        "<receiptitems><lineitem><glaccountno>6110</glaccountno><amount>120</amount><memo>Refund</memo></lineitem>"
        "</receiptitems></record_otherreceipt>"
    )
    key = await ok(gateway, body)
    receipt = await read(gateway, "OTHERRECEIPTS", key)
    assert (receipt.findtext("STATE"), receipt.findtext("DOCNUMBER"), receipt.findtext("TOTALENTERED")) == (
        "Undeposited",
        "5512",
        "120",
    )
    await ok(gateway, deposit(key))
    assert (await read(gateway, "OTHERRECEIPTS", key)).findtext("STATE") == "Deposited"


async def test_customer_charge_cards_are_deleted_by_record_number(gateway):
    body = (
        "<create_customerchargecard><customerid>C0002</customerid><cardnum>4242424242424242</cardnum>"
        "<cardtype>Visa</cardtype><exp_month>May</exp_month><exp_year>2030</exp_year><mailaddress>"
        "<address1>1 Main St</address1><city>Boston</city><isocountrycode>US</isocountrycode></mailaddress>"
        "</create_customerchargecard>"
    )
    key = await ok(gateway, body)
    card = await read(gateway, "CUSTOMERCHARGECARD", key)
    assert (
        card.findtext("CUSTOMERID"),
        card.findtext("MAILADDRESS/CITY"),
        card.findtext("MAILADDRESS/COUNTRYCODE"),
    ) == (
        "C0002",
        "Boston",
        "US",
    )
    await ok(gateway, f'<delete_customerchargecard recordno="{key}"/>')
    assert await query(gateway, "CUSTOMERCHARGECARD", f"RECORDNO = {key}") == []
    await fails(gateway, f'<delete_customerchargecard recordno="{key}"/>', key)
