"""Legacy (2.1-style) functions end to end, with <function> bodies shaped exactly as the official
JavaScript SDK writes them (research/jssdk/xml/*.xml), on a company of our own."""

from __future__ import annotations

import pytest

from .gateway import bare_company, function, login_xml, vendor_xml


@pytest.fixture
async def books(gateway):
    """A fresh company with the GL accounts, vendor, customer, department and attachment folder the SDK
    samples name."""
    gateway.state.create_company(bare_company("LEGCO"))
    answer = await gateway.call(
        function(
            "create",
            "".join(
                f"<GLACCOUNT><ACCOUNTNO>{no}</ACCOUNTNO><TITLE>Account {no}</TITLE></GLACCOUNT>"
                for no in ("4000", "6000", "6001")
            )
            + vendor_xml("V100", "Vendor 100")
            + "<CUSTOMER><CUSTOMERID>C100</CUSTOMERID><NAME>Customer 100</NAME></CUSTOMER>"
            + "<CUSTOMER><CUSTOMERID>C200</CUSTOMERID><NAME>Customer 200</NAME></CUSTOMER>"
            + "<DEPARTMENT><DEPARTMENTID>D1</DEPARTMENTID><TITLE>Dept 1</TITLE></DEPARTMENT>"
            + "<SUPDOCFOLDER><NAME>Bills</NAME></SUPDOCFOLDER>",  # an attachment's folder must exist
        ),
        **LEGCO,
    )
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return gateway


LEGCO = {"authentication": login_xml(companyid="LEGCO")}


def fn(body: str, controlid: str = "func1") -> str:
    return f'<function controlid="{controlid}">{body}</function>'


async def run(gateway, body: str, **kwargs):
    """One function; its <result>."""
    answer = await gateway.call(fn(body), **LEGCO, **kwargs)
    return answer.root.find("operation/result")


def errors_of(result) -> list[tuple[str, str]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in result.findall("errormessage/error")]


def ok(result) -> None:
    assert result.findtext("status") == "success", errors_of(result)


def ymd(tag: str, y: str, m: str, d: str) -> str:
    return f"<{tag}><year>{y}</year><month>{m}</month><day>{d}</day></{tag}>"


# create_bill as bill_create.xml, the account-label line swapped for a second GL account line.
BILL_CREATE = (
    "<create_bill><vendorid>V100</vendorid>"
    + ymd("datecreated", "2024", "03", "01")
    + ymd("dateposted", "2024", "03", "02")
    + ymd("datedue", "2024", "03", "31")
    + "<action>Submit</action><billno>B-1</billno><description>bill</description><externalid>EXT1</externalid>"
    "<customfields><customfield><customfieldname>CF1</customfieldname><customfieldvalue>v1</customfieldvalue>"
    "</customfield></customfields><billitems><lineitem><glaccountno>6000</glaccountno><amount>250</amount>"
    "<memo>line1</memo><departmentid>D1</departmentid></lineitem><lineitem><glaccountno>6001</glaccountno>"
    "<amount>10</amount></lineitem></billitems></create_bill>"
)

# bill_create_minimal.xml exactly.
BILL_CREATE_MINIMAL = (
    "<create_bill><vendorid>V100</vendorid>"
    + ymd("datecreated", "2024", "03", "01")
    + "<termname>N30</termname><billitems><lineitem><glaccountno>6000</glaccountno><amount>250</amount>"
    "<memo>line1</memo><departmentid>D1</departmentid></lineitem></billitems></create_bill>"
)

# invoice_create.xml exactly.
INVOICE_CREATE = (
    "<create_invoice><customerid>C100</customerid>"
    + ymd("datecreated", "2024", "03", "01")
    + ymd("datedue", "2024", "03", "31")
    + "<invoiceno>INV-1</invoiceno><invoiceitems><lineitem>"
    "<glaccountno>4000</glaccountno><amount>500</amount><memo>svc</memo></lineitem></invoiceitems></create_invoice>"
)


async def create(gateway, body: str) -> str:
    result = await run(gateway, body)
    ok(result)
    assert result.find("data") is None
    return result.findtext("key")


async def bills(gateway, query: str = "") -> list:
    answer = await gateway.call(function("readByQuery", f"<object>APBILL</object><query>{query}</query>"), **LEGCO)
    return answer.root.findall("operation/result/data/apbill")


async def invoice(gateway, recordno: str):
    answer = await gateway.call(function("read", f"<object>ARINVOICE</object><keys>{recordno}</keys>"), **LEGCO)
    return answer.root.find("operation/result/data/ARINVOICE")


# --- bills ----------------------------------------------------------------------------------------


async def test_create_bill_answers_the_recordno_and_reads_back_with_totals(books):
    key = await create(books, BILL_CREATE)
    assert key == "1"
    [bill] = await bills(books, "RECORDID = 'B-1'")
    assert bill.findtext("RECORDNO") == key
    assert bill.findtext("VENDORID") == "V100"
    assert (bill.findtext("WHENPOSTED"), bill.findtext("WHENDUE")) == ("03/02/2024", "03/31/2024")
    assert bill.findtext("DESCRIPTION") == "bill"
    assert bill.findtext("STATE") == "Posted"  # action Submit
    assert (bill.findtext("TOTALENTERED"), bill.findtext("TOTALPAID"), bill.findtext("TOTALDUE")) == ("260", "0", "260")
    lines = bill.findall("APBILLITEMS/APBILLITEM")
    assert [
        (
            li.findtext("ACCOUNTNO"),
            li.findtext("TRX_AMOUNT"),
            li.findtext("ENTRYDESCRIPTION"),
            li.findtext("DEPARTMENTID"),
        )
        for li in lines
    ] == [("6000", "250", "line1", "D1"), ("6001", "10", "", "")]


async def test_create_bill_keeps_the_bill_date(books):
    await create(books, BILL_CREATE)
    [bill] = await bills(books)
    assert bill.findtext("WHENCREATED") == "03/01/2024"
    legacy = (await run(books, '<get object="bill" key="1" />')).find("data/bill")
    assert [legacy.findtext(f"datecreated/{p}") for p in ("year", "month", "day")] == ["2024", "03", "01"]


async def test_create_bill_minimal_takes_a_term_instead_of_a_due_date(books):
    key = await create(books, BILL_CREATE_MINIMAL)
    [bill] = await bills(books)
    assert bill.findtext("RECORDNO") == key
    assert bill.findtext("TERMNAME") == "N30" and bill.findtext("WHENDUE") == ""
    assert bill.findtext("TOTALDUE") == "250"


async def test_create_bill_with_an_account_label_is_refused_and_stores_nothing(books):
    full_sdk_sample = BILL_CREATE.replace("<glaccountno>6001</glaccountno>", "<accountlabel>Supplies</accountlabel>")
    result = await run(books, full_sdk_sample)
    assert result.findtext("status") == "failure"
    assert "account labels are not emulated" in errors_of(result)[0][1]
    assert errors_of(result)[-1] == ("BL01001973", "Could not create AP Bill record!")
    assert await bills(books) == []


async def test_create_bill_follows_the_record_rules_of_generic_create(books):
    result = await run(books, BILL_CREATE.replace("<vendorid>V100</vendorid>", "<vendorid>NOPE</vendorid>"))
    assert errors_of(result) == [
        ("BL01001973", "Invalid Vendor 'NOPE' specified in VENDORID."),
        ("BL01001973", "Could not create AP Bill record!"),
    ]
    result = await run(books, BILL_CREATE.replace("<amount>250</amount>", "<amount>lots</amount>"))
    assert errors_of(result)[0][0] == "BL03000018"  # illegal format of TRX_AMOUNT


async def test_create_bill_out_of_order_is_a_schema_error(books):
    misordered = BILL_CREATE.replace(
        "<action>Submit</action><billno>B-1</billno>", "<billno>B-1</billno><action>Submit</action>"
    )
    answer = await books.call(fn(misordered), **LEGCO)
    assert answer.control_status == "failure"
    assert answer.errors()[0]["errorno"] == "XL03000003"


async def test_update_bill_changes_the_header_and_a_line_by_line_num(books):
    key = await create(books, BILL_CREATE)
    await books.admin("POST", "/__mock__/clock", {"advance_seconds": 60})
    # bill_update.xml with the key of our bill
    result = await run(
        books,
        f'<update_bill key="{key}">'
        + ymd("datedue", "2024", "04", "30")
        + '<description>changed</description><updatebillitems><updatelineitem line_num="1">'
        "<glaccountno>6001</glaccountno><amount>300</amount></updatelineitem></updatebillitems>"
        "</update_bill>",
    )
    ok(result)
    assert result.findtext("key") == key
    [bill] = await bills(books)
    assert bill.findtext("WHENDUE") == "04/30/2024" and bill.findtext("DESCRIPTION") == "changed"
    assert bill.findtext("TOTALENTERED") == "310" and bill.findtext("TOTALDUE") == "310"
    lines = bill.findall("APBILLITEMS/APBILLITEM")
    assert [(li.findtext("ACCOUNTNO"), li.findtext("TRX_AMOUNT"), li.findtext("ENTRYDESCRIPTION")) for li in lines] == [
        ("6001", "300", "line1"),
        ("6001", "10", ""),
    ]
    assert bill.findtext("WHENMODIFIED") != bill.findtext("AUWHENCREATED")


async def test_update_bill_lineitem_adds_a_line_and_a_missing_line_num_fails(books):
    key = await create(books, BILL_CREATE_MINIMAL)
    ok(
        await run(
            books,
            f'<update_bill key="{key}"><updatebillitems><lineitem><glaccountno>6001</glaccountno>'
            "<amount>5.5</amount></lineitem></updatebillitems></update_bill>",
        )
    )
    [bill] = await bills(books)
    assert bill.findtext("TOTALDUE") == "255.5" and len(bill.findall("APBILLITEMS/APBILLITEM")) == 2
    result = await run(
        books,
        f'<update_bill key="{key}"><updatebillitems><updatelineitem line_num="7">'
        "<amount>1</amount></updatelineitem></updatebillitems></update_bill>",
    )
    assert errors_of(result)[-1] == ("BL01001973", "Could not update AP Bill record!")


async def test_update_bill_checks_every_line_again_not_only_the_one_changed(books):
    """Line 1 names department D1; once D1 is deleted, changing that line's amount fails as on create."""
    key = await create(books, BILL_CREATE_MINIMAL)
    ok(await run(books, '<delete_department departmentid="D1"/>'))
    result = await run(
        books,
        f'<update_bill key="{key}"><updatebillitems><updatelineitem line_num="1">'
        "<amount>300</amount></updatelineitem></updatebillitems></update_bill>",
    )
    assert result.findtext("status") == "failure"
    assert "Invalid Department 'D1'" in errors_of(result)[0][1]
    [bill] = await bills(books)
    assert bill.findtext("TOTALDUE") == "250"  # nothing stored


async def test_update_bill_of_a_missing_bill_reports_the_key_before_its_lines(books):
    result = await run(
        books,
        '<update_bill key="99999"><updatebillitems><lineitem><accountlabel>Travel</accountlabel>'
        "<amount>1</amount></lineitem></updatebillitems></update_bill>",
    )
    assert errors_of(result) == [("BL01001973", "Cannot update non-existing APBILL with RECORDNO=99999.")]


async def test_update_bill_of_a_missing_bill_and_by_external_key(books):
    result = await run(books, '<update_bill key="999"><description>x</description></update_bill>')
    assert errors_of(result) == [("BL01001973", "Cannot update non-existing APBILL with RECORDNO=999.")]
    # bill_update_externalkey.xml: not emulated, said so plainly
    result = await run(
        books, '<update_bill key="EXT1" externalkey="true"><description>changed</description></update_bill>'
    )
    assert result.findtext("status") == "failure"
    assert "externalkey" in errors_of(result)[0][1]


async def test_delete_bill_then_read_finds_nothing(books):
    key = await create(books, BILL_CREATE)
    result = await run(books, f'<delete_bill key="{key}" />')
    ok(result)
    assert result.find("key") is None and result.find("data") is None  # status only
    answer = await books.call(function("read", f"<object>APBILL</object><keys>{key}</keys>"), **LEGCO)
    assert answer.root.find("operation/result/data").get("count") == "0"


# --- invoices -------------------------------------------------------------------------------------


async def test_create_update_and_delete_invoice(books):
    key = await create(books, INVOICE_CREATE)
    record = await invoice(books, key)
    assert record.findtext("RECORDID") == "INV-1" and record.findtext("CUSTOMERID") == "C100"
    assert record.findtext("TOTALENTERED") == "500" and record.findtext("TOTALDUE") == "500"
    # invoice_update.xml with our key
    result = await run(
        books,
        f'<update_invoice key="{key}"><description>upd</description><updateinvoiceitems>'
        '<updatelineitem line_num="1"><amount>600</amount></updatelineitem>'
        "</updateinvoiceitems></update_invoice>",
    )
    ok(result)
    assert result.findtext("key") == key
    record = await invoice(books, key)
    assert record.findtext("DESCRIPTION") == "upd" and record.findtext("TOTALDUE") == "600"
    assert record.findtext("ARINVOICEITEMS/ARINVOICEITEM/ENTRYDESCRIPTION") == "svc"  # kept
    ok(await run(books, f'<delete_invoice key="{key}" />'))
    assert await invoice(books, key) is None


# --- AR payments ----------------------------------------------------------------------------------


def arpayment_create(amount: str, invoicekey: str | None, customer: str = "C100") -> str:
    """arpayment_create.xml, with our customer, amount and invoice."""
    item = (
        f"<arpaymentitem><invoicekey>{invoicekey}</invoicekey><amount>{amount}</amount></arpaymentitem>"
        if invoicekey
        else ""
    )
    return (
        f"<create_arpayment><customerid>{customer}</customerid><paymentamount>{amount}</paymentamount>"
        "<bankaccountid>BOA</bankaccountid><refid>CHK9</refid>"
        + ymd("datereceived", "2024", "03", "05")
        + f"<paymentmethod>Printed Check</paymentmethod>{item}</create_arpayment>"
    )


def arpayment_apply(paymentkey: str, invoicekey: str, amount: str) -> str:
    """arpayment_apply.xml, with our keys."""
    return (
        f"<apply_arpayment><arpaymentkey>{paymentkey}</arpaymentkey>"
        + ymd("paymentdate", "2024", "03", "06")
        + f"<memo>apply</memo><arpaymentitems><arpaymentitem><invoicekey>{invoicekey}</invoicekey>"
        f"<amount>{amount}</amount></arpaymentitem></arpaymentitems></apply_arpayment>"
    )


async def test_create_arpayment_pays_its_invoices_and_apply_arpayment_pays_more(books):
    invoice_key = await create(books, INVOICE_CREATE)
    payment_key = await create(books, arpayment_create("100", invoice_key))
    record = await invoice(books, invoice_key)
    assert (record.findtext("TOTALPAID"), record.findtext("TOTALDUE"), record.findtext("STATE")) == (
        "100",
        "400",
        "Partially Paid",
    )
    answer = await books.call(function("read", f"<object>ARPYMT</object><keys>{payment_key}</keys>"), **LEGCO)
    payment = answer.root.find("operation/result/data/ARPYMT")
    assert payment.findtext("PAYMENTAMOUNT") == "100" and payment.findtext("RECEIPTDATE") == "03/05/2024"
    assert payment.findtext("ARPYMTDETAILS/ARPYMTDETAIL/RECORDKEY") == invoice_key

    # an unapplied payment (arpayment_create_undeposited.xml), applied afterwards
    unapplied = await create(
        books,
        "<create_arpayment><customerid>C100</customerid><paymentamount>400"
        "</paymentamount><undepfundsacct>1010</undepfundsacct>"
        + ymd("datereceived", "2024", "03", "05")
        + "<paymentmethod>Cash</paymentmethod><currency>USD</currency><exchratetype />"
        "</create_arpayment>",
    )
    assert (await invoice(books, invoice_key)).findtext("TOTALDUE") == "400"
    result = await run(books, arpayment_apply(unapplied, invoice_key, "300"))
    ok(result)
    assert result.find("data") is None and result.find("key") is None
    record = await invoice(books, invoice_key)
    assert (record.findtext("TOTALPAID"), record.findtext("TOTALDUE")) == ("400", "100")
    # the rest of the payment settles the invoice
    ok(await run(books, arpayment_apply(unapplied, invoice_key, "100")))
    record = await invoice(books, invoice_key)
    assert (record.findtext("TOTALDUE"), record.findtext("STATE"), record.findtext("WHENPAID")) == (
        "0",
        "Paid",
        "03/06/2024",
    )


async def test_apply_arpayment_failures_change_nothing(books):
    invoice_key = await create(books, INVOICE_CREATE)
    payment = await create(books, arpayment_create("600", None))
    result = await run(books, arpayment_apply(payment, invoice_key, "550"))  # more than the invoice's 500
    assert errors_of(result) == [
        ("XL03000027", f"The amount paid if greater than the amount due for invoice with key {invoice_key}")
    ]
    result = await run(books, arpayment_apply("999", invoice_key, "10"))
    assert errors_of(result)[0] == ("BL01001973", "Cannot find AR payment with key '999'.")
    result = await run(books, arpayment_apply(payment, "999", "10"))
    assert "no such AR invoice" in errors_of(result)[0][1]
    other = await create(books, arpayment_create("50", None, customer="C200"))
    result = await run(books, arpayment_apply(other, invoice_key, "10"))
    assert "not to the payment's customer C200" in errors_of(result)[0][1]
    record = await invoice(books, invoice_key)
    assert (record.findtext("TOTALPAID"), record.findtext("TOTALDUE")) == ("0", "500")


# --- delete_* -------------------------------------------------------------------------------------


async def test_delete_vendor_removes_a_vendor_made_with_generic_create(books):
    await books.call(function("create", vendor_xml("V200", "Doomed")), **LEGCO)
    ok(await run(books, '<delete_vendor vendorid="V200" />'))  # vendor_delete.xml
    answer = await books.call(function("readByName", "<object>VENDOR</object><keys>V200</keys>"), **LEGCO)
    assert answer.root.find("operation/result/data").get("count") == "0"


async def test_delete_class_and_project_take_the_id_in_key(books):
    await books.call(
        function(
            "create",
            "<CLASS><CLASSID>CL1</CLASSID><NAME>Class 1</NAME></CLASS>"
            "<PROJECT><PROJECTID>P1</PROJECTID><NAME>Proj</NAME>"
            "<PROJECTCATEGORY>Contract</PROJECTCATEGORY></PROJECT>",
        ),
        **LEGCO,
    )
    ok(await run(books, '<delete_class key="CL1" />'))
    ok(await run(books, '<delete_project key="P1" />'))


@pytest.mark.parametrize(
    "body, message",
    [
        ('<delete_vendor vendorid="NOPE" />', "Cannot find vendor with key 'NOPE' to delete."),
        ('<delete_customer customerid="NOPE" />', "Cannot find customer with key 'NOPE' to delete."),
        ('<delete_glaccount glaccountno="9999" />', "Cannot find gl account with key '9999' to delete."),
        ('<delete_bill key="1234" />', "Cannot find ap bill with key '1234' to delete."),
        ('<delete_invoice key="555" />', "Cannot find ar invoice with key '555' to delete."),
        ('<delete_supdoc key="ATT1" />', "Cannot find attachment with key 'ATT1' to delete."),
        ('<delete_task key="12" />', "Cannot find task with key '12' to delete."),
    ],
)
async def test_delete_of_a_missing_record_fails(books, body, message):
    result = await run(books, body)
    assert errors_of(result) == [("BL01001973", message)]


# --- attachments ----------------------------------------------------------------------------------

# attachments_create.xml exactly.
SUPDOC_CREATE = (
    "<create_supdoc><supdocid>ATT1</supdocid><supdocname>Invoice docs</supdocname>"
    "<supdocfoldername>Bills</supdocfoldername><supdocdescription>d</supdocdescription><attachments><attachment>"
    "<attachmentname>invoice1001</attachmentname><attachmenttype>pdf</attachmenttype>"
    "<attachmentdata>JVBERi0xLjQgZmFrZQo=</attachmentdata></attachment></attachments></create_supdoc>"
)


async def test_create_supdoc_then_get_and_get_list(books):
    assert await create(books, SUPDOC_CREATE) == "ATT1"
    result = await run(books, '<get object="supdoc" key="ATT1"></get>')
    ok(result)
    supdoc = result.find("data/supdoc")
    assert [e.tag for e in supdoc] == [
        "recordno",
        "supdocid",
        "supdocname",
        "folder",
        "description",
        "creationdate",
        "createdby",
        "attachments",
    ]
    assert (
        supdoc.findtext("supdocid"),
        supdoc.findtext("supdocname"),
        supdoc.findtext("folder"),
        supdoc.findtext("description"),
        supdoc.findtext("createdby"),
    ) == ("ATT1", "Invoice docs", "Bills", "d", "workato_isu")
    assert len(supdoc.findtext("creationdate")) == 10
    attachment = supdoc.find("attachments/attachment")
    assert [(e.tag, e.text) for e in attachment] == [
        ("attachmentname", "invoice1001"),
        ("attachmenttype", "pdf"),
        ("attachmentdata", "JVBERi0xLjQgZmFrZQo="),
    ]

    # an empty supdocid is numbered (Intacct's attachment auto-numbering)
    numbered = await create(books, SUPDOC_CREATE.replace("<supdocid>ATT1</supdocid>", "<supdocid></supdocid>"))
    assert numbered == "2"
    result = await run(books, '<get_list object="supdoc" />')
    ok(result)
    children = [e.tag for e in result if e.tag not in ("status", "function", "controlid")]
    assert children == ["listtype", "data"]
    listtype = result.find("listtype")
    assert (listtype.text, listtype.get("start"), listtype.get("end"), listtype.get("total")) == (
        "supdoc",
        "0",
        "1",
        "2",
    )
    assert [s.findtext("supdocid") for s in result.findall("data/supdoc")] == ["ATT1", "2"]

    # paging, filter, sorts and fields
    result = await run(
        books,
        '<get_list object="supdoc" start="1" maxitems="5"><filter><expression>'
        "<field>folder</field><operator>=</operator><value>Bills</value></expression></filter>"
        '<sorts><sortfield order="desc">supdocid</sortfield></sorts>'
        "<fields><field>supdocid</field></fields></get_list>",
    )
    ok(result)
    listtype = result.find("listtype")
    assert (listtype.get("start"), listtype.get("end"), listtype.get("total")) == ("1", "1", "2")
    assert [[(e.tag, e.text) for e in s] for s in result.findall("data/supdoc")] == [[("supdocid", "2")]]


async def test_update_supdoc_adds_attachments_and_delete_supdoc_removes_it(books):
    await create(books, SUPDOC_CREATE)
    result = await run(
        books,
        "<update_supdoc><supdocid>ATT1</supdocid><supdocname>Invoice docs 2</supdocname>"
        "<attachments><attachment><attachmentname>more</attachmentname><attachmenttype>txt"
        "</attachmenttype><attachmentdata>aGk=</attachmentdata></attachment></attachments>"
        "</update_supdoc>",
    )
    ok(result)
    assert result.findtext("key") == "ATT1"
    supdoc = (await run(books, '<get object="supdoc" key="ATT1" />')).find("data/supdoc")
    assert supdoc.findtext("supdocname") == "Invoice docs 2" and supdoc.findtext("folder") == "Bills"
    assert [a.findtext("attachmentname") for a in supdoc.iterfind("attachments/attachment")] == ["invoice1001", "more"]
    ok(await run(books, '<delete_supdoc key="ATT1" />'))  # attachments_delete.xml
    result = await run(books, '<get object="supdoc" key="ATT1" />')
    ok(result)
    assert len(result.find("data")) == 0


async def test_get_list_of_catalogue_objects_in_legacy_shape(books):
    result = await run(books, '<get_list object="vendor" />')  # getlist.xml
    ok(result)
    vendor = result.find("data/vendor")
    assert [e.tag for e in vendor][:3] == ["recordno", "vendorid", "name"]
    assert vendor.findtext("vendorid") == "V100" and vendor.findtext("status") == "active"
    key = await create(books, BILL_CREATE)
    result = await run(
        books,
        '<get_list object="bill"><filter><logical logical_operator="and"><expression>'
        "<field>vendorid</field><operator>=</operator><value>V100</value></expression>"
        "<expression><field>totaldue</field><operator>&gt;</operator><value>0</value>"
        "</expression></logical></filter></get_list>",
    )
    ok(result)
    bill = result.find("data/bill")
    assert bill.findtext("key") == key and bill.findtext("billno") == "B-1"
    assert [bill.findtext(f"dateposted/{p}") for p in ("year", "month", "day")] == ["2024", "03", "02"]
    assert len(bill.find("datepaid")) == 0  # an empty date is an empty element
    assert [li.findtext("line_num") for li in bill.iterfind("billitems/lineitem")] == ["1", "2"]
    result = await run(
        books,
        '<get object="glaccount" key="6000"><fields><field>glaccountno</field><field>title</field></fields></get>',
    )
    assert [(e.tag, e.text) for e in result.find("data/glaccount")] == [
        ("glaccountno", "6000"),
        ("title", "Account 6000"),
    ]
    result = await run(books, '<get_list object="territory" />')
    assert result.findtext("status") == "failure" and "territory" in errors_of(result)[0][1]


# --- adjustments ----------------------------------------------------------------------------------


async def test_ap_adjustment_is_stored_as_its_own_object_not_a_bill(books):
    # apadjustment_create.xml
    result = await run(
        books,
        "<create_apadjustment><vendorid>V100</vendorid>"
        + ymd("datecreated", "2024", "03", "07")
        + "<adjustmentno>ADJ1</adjustmentno><billno>B-1</billno><apadjustmentitems><lineitem>"
        "<glaccountno>6000</glaccountno><amount>25</amount><memo>adj</memo></lineitem>"
        "</apadjustmentitems></create_apadjustment>",
    )
    ok(result)
    key = result.findtext("key")
    assert key and key.isdigit()
    assert await bills(books) == []  # never listed as a bill
    read = await run(books, f"<read><object>APADJUSTMENT</object><keys>{key}</keys><fields>*</fields></read>")
    adjustment = read.find("data/APADJUSTMENT")
    assert adjustment.findtext("VENDORID") == "V100"
    assert adjustment.findtext("TOTALENTERED") == "25"


# --- atomicity ------------------------------------------------------------------------------------


def table_dump(gateway) -> list[tuple]:
    db = gateway.state.store.db
    tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]
    return [(table, db.execute(f'SELECT * FROM "{table}" ORDER BY 1, 2').fetchall()) for table in tables]


async def test_a_failed_transaction_undoes_legacy_writes(books):
    invoice_key = await create(books, INVOICE_CREATE)
    before = table_dump(books)
    answer = await books.call(
        fn(BILL_CREATE, "one")
        + fn(arpayment_create("100", invoice_key), "two")
        + fn(SUPDOC_CREATE, "three")
        + fn(f'<delete_invoice key="{invoice_key}" />', "four")
        + fn(BILL_CREATE.replace("V100", "NOPE"), "five"),
        transaction=True,
        **LEGCO,
    )
    assert [r.findtext("status") for r in answer.results()] == ["aborted"] * 4 + ["failure"]
    assert table_dump(books) == before


async def test_a_failing_legacy_function_leaves_nothing_half_done(books):
    invoice_key = await create(books, INVOICE_CREATE)
    before = table_dump(books)
    # the payment record is written first, then its second line fails: nothing may remain
    body = (
        arpayment_create("600", invoice_key)
        .replace(
            "</arpaymentitem>",
            "</arpaymentitem><arpaymentitem><invoicekey>999</invoicekey><amount>100</amount></arpaymentitem>",
        )
        .replace("<amount>600</amount>", "<amount>500</amount>", 1)
    )
    result = await run(books, body)
    assert result.findtext("status") == "failure"
    assert table_dump(books) == before
