"""Order entry, purchasing and inventory transactions end to end over a real socket (issue 17): MOCKCO's
transaction definitions and documents, the legacy create/update/delete_*transaction functions with their
DOCID keys, conversion (`createdfrom`), totals, `docparid` filters, and PODOCUMENT approve/decline. Records a
legacy function writes read back the same through read, readByName, readByQuery and query."""

from __future__ import annotations

import pytest

from .gateway import function

__all__: list[str] = []


def ymd(tag: str, y: str, m: str, d: str) -> str:
    return f"<{tag}><year>{y}</year><month>{m}</month><day>{d}</day></{tag}>"


async def run(gateway, body: str):
    answer = await gateway.call(f'<function controlid="f">{body}</function>')
    return answer.root.find("operation/result")


def errors_of(result) -> list[tuple[str | None, str | None]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in result.findall("errormessage/error")]


def ok(result) -> None:
    assert result.findtext("status") == "success", errors_of(result)


def failed(result, errorno: str, words: str) -> None:
    assert result.findtext("status") == "failure"
    assert any(no == errorno and words in (text or "") for no, text in errors_of(result)), errors_of(result)


def sales_order(*items: str, customer: str = "C0001", more: str = "", kind: str = "Sales Order") -> str:
    return (
        f"<create_sotransaction><transactiontype>{kind}</transactiontype>{ymd('datecreated', '2026', '3', '2')}"
        f"{more}<customerid>{customer}</customerid><referenceno>PO-881</referenceno><termname>Net 30</termname>"
        f"<message>Rush</message><shipto><contactname>Chen, Brian</contactname></shipto>"
        f"<sotransitems>{''.join(items)}</sotransitems></create_sotransaction>"
    )


def so_item(item: str = "HW-100", quantity: str = "2", price: str = "1299", more: str = "") -> str:
    return (
        f"<sotransitem><itemid>{item}</itemid><warehouseid>WH-BOS</warehouseid><quantity>{quantity}</quantity>"
        f"<price>{price}</price>{more}</sotransitem>"
    )


async def read(gateway, obj: str, key: str, function_name: str = "read", fields: str = "*"):
    answer = await gateway.call(
        function(function_name, f"<object>{obj}</object><keys>{key}</keys><fields>{fields}</fields>")
    )
    return answer.root.find(f"operation/result/data/{obj}")


async def query_rows(gateway, obj: str, select: str, where: str = "", docparid: str = ""):
    filter_xml = f"<filter>{where}</filter>" if where else ""
    docpar = f"<docparid>{docparid}</docparid>" if docparid else ""
    fields = "".join(f"<field>{name}</field>" for name in select.split(","))
    answer = await gateway.call(
        function("query", f"<object>{obj}</object>{docpar}<select>{fields}</select>{filter_xml}")
    )
    result = answer.root.find("operation/result")
    ok(result)
    return result.findall(f"data/{obj}")


def equal(field: str, value: str) -> str:
    return f"<equalto><field>{field}</field><value>{value}</value></equalto>"


# --- MOCKCO --------------------------------------------------------------------------------------


async def test_mockco_has_transaction_definitions_and_documents(gateway):
    definitions = await query_rows(gateway, "SODOCUMENTPARAMS", "DOCID,DOCCLASS")
    assert {"Sales Quote", "Sales Order", "Sales Invoice"} <= {r.findtext("DOCID") for r in definitions}
    po_definitions = await query_rows(gateway, "PODOCUMENTPARAMS", "DOCID")
    assert "Purchase Order" in {r.findtext("DOCID") for r in po_definitions}
    order = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert order is not None
    assert (order.findtext("DOCNO"), order.findtext("DOCPARID"), order.findtext("CUSTVENDID")) == (
        "SO0001",
        "Sales Order",
        "C0001",
    )
    assert order.findtext("CUSTVENDNAME") == "Acorn Health Partners"
    assert order.findtext("TOTAL") == "3994"  # 2 x 1299 + 4 x 349
    entries = await query_rows(gateway, "SODOCUMENTENTRY", "DOCHDRID,LINE_NO,ITEMID,TOTAL", equal("DOCHDRNO", "1"))
    assert [(e.findtext("DOCHDRID"), e.findtext("ITEMID"), e.findtext("TOTAL")) for e in entries] == [
        ("Sales Order-SO0001", "HW-100", "2598"),
        ("Sales Order-SO0001", "HW-110", "1396"),
    ]
    invoice = await read(gateway, "SODOCUMENT", "Sales Invoice-SI0004", "readByName")
    assert invoice.findtext("CREATEDFROM") == "Sales Order-SO0002"
    source = await read(gateway, "SODOCUMENT", "Sales Order-SO0002", "readByName")
    assert source.findtext("STATE") == "Converted"
    for obj, docid in (("PODOCUMENT", "Purchase Order-PO0001"), ("INVDOCUMENT", "Inventory Adjustment-IA0001")):
        assert (await read(gateway, obj, docid, "readByName")) is not None, docid


async def test_readbyquery_and_query_filter_by_transaction_definition(gateway):
    answer = await gateway.call(
        function(
            "readByQuery",
            "<object>SODOCUMENT</object><query></query><fields>DOCID</fields><docparid>Sales Order</docparid>",
        )
    )
    result = answer.root.find("operation/result")
    ok(result)
    assert sorted(r.findtext("DOCID") for r in result.findall("data/sodocument")) == [
        "Sales Order-SO0001",
        "Sales Order-SO0002",
    ]
    quotes = await query_rows(gateway, "SODOCUMENT", "DOCID", docparid="Sales Quote")
    assert [r.findtext("DOCID") for r in quotes] == ["Sales Quote-SQ0003"]
    everything = await query_rows(gateway, "SODOCUMENT", "DOCID")
    assert len(everything) == 4


# --- create_sotransaction and friends -------------------------------------------------------------


async def test_create_sotransaction_writes_a_sodocument_that_every_read_lists(gateway):
    result = await run(
        gateway, sales_order(so_item(), so_item("SW-310", "3", "240", "<discountpercent>10</discountpercent>"))
    )
    ok(result)
    key = result.findtext("key")
    assert key.startswith("Sales Order-SO")
    by_name = await read(gateway, "SODOCUMENT", key, "readByName")
    recordno = by_name.findtext("RECORDNO")
    assert by_name.findtext("DOCID") == key
    assert by_name.findtext("STATE") == "Pending"
    assert by_name.findtext("PONUMBER") == "PO-881" and by_name.findtext("MESSAGE") == "Rush"
    assert by_name.findtext("TERM/NAME") == "Net 30"
    assert by_name.findtext("SHIPTO/CONTACTNAME") == "Chen, Brian"
    assert by_name.findtext("WHENCREATED") == "03/02/2026"
    assert by_name.findtext("TOTAL") == "3246"  # 2 x 1299 + 3 x 240 less 10 %
    by_recordno = await read(gateway, "SODOCUMENT", recordno)
    from lxml import etree

    assert etree.tostring(by_recordno) == etree.tostring(by_name)
    listed = await query_rows(gateway, "SODOCUMENT", "DOCID,TOTAL,CUSTVENDID", equal("DOCID", key))
    assert [(r.findtext("DOCID"), r.findtext("TOTAL"), r.findtext("CUSTVENDID")) for r in listed] == [
        (key, "3246", "C0001")
    ]
    entries = await query_rows(
        gateway, "SODOCUMENTENTRY", "LINE_NO,ITEMID,QUANTITY,PRICE,TOTAL", equal("DOCHDRID", key)
    )
    assert [(e.findtext("LINE_NO"), e.findtext("ITEMID"), e.findtext("TOTAL")) for e in entries] == [
        ("1", "HW-100", "2598"),
        ("2", "SW-310", "648"),
    ]


async def test_create_sotransaction_failures_change_nothing(gateway):
    before = len(await query_rows(gateway, "SODOCUMENT", "DOCID"))
    failed(await run(gateway, sales_order(so_item(), customer="C9999")), "BL01001973", "C9999")
    failed(await run(gateway, sales_order(so_item(), kind="Sales Wish")), "BL01001973", "Sales Wish")
    failed(await run(gateway, sales_order(so_item(item="NOPE-1"))), "BL01001973", "NOPE-1")
    failed(await run(gateway, sales_order()), "BL01001973", "SODOCUMENTENTRY")
    assert len(await query_rows(gateway, "SODOCUMENT", "DOCID")) == before


async def test_createdfrom_copies_the_source_lines_and_converts_it(gateway):
    result = await run(gateway, sales_order(more="<createdfrom>Sales Order-SO0001</createdfrom>", kind="Sales Invoice"))
    ok(result)
    key = result.findtext("key")
    invoice = await read(gateway, "SODOCUMENT", key, "readByName")
    assert invoice.findtext("CREATEDFROM") == "Sales Order-SO0001"
    assert invoice.findtext("TOTAL") == "3994"
    entries = await query_rows(gateway, "SODOCUMENTENTRY", "ITEMID,QUANTITY,SOURCELINEKEY", equal("DOCHDRID", key))
    assert [(e.findtext("ITEMID"), e.findtext("QUANTITY"), e.findtext("SOURCELINEKEY")) for e in entries] == [
        ("HW-100", "2", "1"),
        ("HW-110", "4", "2"),
    ]
    source = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert source.findtext("STATE") == "Converted"
    # a converted document is not converted twice, and cannot be deleted while the invoice exists
    again = await run(gateway, sales_order(more="<createdfrom>Sales Order-SO0001</createdfrom>", kind="Sales Invoice"))
    failed(again, "BL01001973", "Converted")
    failed(await run(gateway, '<delete_sotransaction key="Sales Order-SO0001"/>'), "BL01001973", "converted")
    # deleting the invoice puts the order back to Pending
    ok(await run(gateway, f'<delete_sotransaction key="{key}"/>'))
    source = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert source.findtext("STATE") == "Pending"


async def test_a_partial_conversion_leaves_the_source_partially_converted(gateway):
    line = so_item("HW-100", "1", "1299", "<sourcelinekey>1</sourcelinekey>")
    result = await run(
        gateway, sales_order(line, more="<createdfrom>Sales Order-SO0001</createdfrom>", kind="Sales Invoice")
    )
    ok(result)
    source = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert source.findtext("STATE") == "Partially Converted"
    failed(
        await run(gateway, sales_order(so_item(), more="<createdfrom>Sales Order-SO9999</createdfrom>")),
        "BL01001973",
        "Sales Order-SO9999",
    )


async def test_update_and_delete_sotransaction_take_the_docid(gateway):
    body = (
        '<update_sotransaction key="Sales Order-SO0001"><message>Changed</message><state>draft</state>'
        '<updatesotransitems><updatesotransitem line_num="1"><itemid>HW-100</itemid><quantity>3</quantity>'
        "</updatesotransitem>" + so_item("HW-120", "1", "89") + "</updatesotransitems></update_sotransaction>"
    )
    result = await run(gateway, body)
    ok(result)
    assert result.findtext("key") == "Sales Order-SO0001"
    order = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert (order.findtext("MESSAGE"), order.findtext("STATE")) == ("Changed", "Draft")
    assert order.findtext("TOTAL") == str(3 * 1299 + 4 * 349 + 89)
    failed(
        await run(
            gateway, '<update_sotransaction key="Sales Order-SO9999"><message>x</message></update_sotransaction>'
        ),
        "BL01001973",
        "SO9999",
    )
    ok(await run(gateway, '<delete_sotransaction key="Sales Order-SO0001"/>'))
    assert await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName") is None
    assert await query_rows(gateway, "SODOCUMENTENTRY", "ITEMID", equal("DOCHDRNO", "1")) == []
    failed(await run(gateway, '<delete_sotransaction key="Sales Order-SO0001"/>'), "BL01001973", "SO0001")


@pytest.mark.parametrize(
    "body, obj, total",
    [
        (
            "<create_potransaction><transactiontype>Purchase Order</transactiontype>"
            + ymd("datecreated", "2026", "3", "4")
            + "<vendorid>V0002</vendorid><vendordocno>HV-1</vendordocno><payto><contactname>Chen, Brian</contactname>"
            "</payto><potransitems><potransitem><itemid>PUR-600</itemid><warehouseid>WH-DEN</warehouseid>"
            "<quantity>10</quantity><price>25</price></potransitem></potransitems></create_potransaction>",
            "PODOCUMENT",
            "250",
        ),
        (
            "<create_ictransaction><transactiontype>Inventory Adjustment</transactiontype>"
            + ymd("datecreated", "2026", "3", "4")
            + "<ictransitems><ictransitem><itemid>HW-120</itemid><warehouseid>WH-BOS</warehouseid>"
            "<quantity>4</quantity><cost>32</cost></ictransitem></ictransitems></create_ictransaction>",
            "INVDOCUMENT",
            "128",
        ),
        (
            "<create_stkittransaction><transactiontype>Build Kits</transactiontype>"
            + ymd("datecreated", "2026", "3", "4")
            + "<stkittransitems><stkittransitem><itemid>KIT-200</itemid><warehouseid>WH-BOS</warehouseid>"
            "<quantity>2</quantity></stkittransitem></stkittransitems></create_stkittransaction>",
            "INVDOCUMENT",
            "0",
        ),
    ],
)
async def test_purchasing_and_inventory_transactions(gateway, body, obj, total):
    result = await run(gateway, body)
    ok(result)
    key = result.findtext("key")
    record = await read(gateway, obj, key, "readByName")
    assert record.findtext("DOCID") == key and record.findtext("TOTAL") == total
    listed = await query_rows(gateway, obj, "DOCID", docparid=record.findtext("DOCPARID"))
    assert key in [r.findtext("DOCID") for r in listed]


async def test_update_and_delete_potransaction_and_ictransaction(gateway):
    ok(
        await run(
            gateway,
            '<update_potransaction key="Purchase Order-PO0001"><message>Ship Tuesday</message></update_potransaction>',
        )
    )
    assert (await read(gateway, "PODOCUMENT", "Purchase Order-PO0001", "readByName")).findtext("MESSAGE") == (
        "Ship Tuesday"
    )
    ok(
        await run(
            gateway,
            '<update_ictransaction key="Inventory Adjustment-IA0001"><referenceno>CC-9</referenceno>'
            "<updateictransitems/></update_ictransaction>",
        )
    )
    assert (await read(gateway, "INVDOCUMENT", "Inventory Adjustment-IA0001", "readByName")).findtext("PONUMBER") == (
        "CC-9"
    )
    ok(await run(gateway, '<delete_potransaction key="Purchase Order-PO0001"/>'))
    ok(await run(gateway, '<delete_ictransaction key="Inventory Adjustment-IA0001"/>'))
    failed(await run(gateway, '<delete_ictransaction key="Inventory Adjustment-IA0001"/>'), "BL01001973", "IA0001")


async def test_create_recursotransaction_writes_a_recurring_template(gateway):
    body = (
        "<create_recursotransaction><transactiontype>Sales Invoice</transactiontype><customerid>C0002</customerid>"
        "<recursotransitems><recursotransitem><itemid>SUB-420</itemid><quantity>1</quantity><price>500</price>"
        "</recursotransitem></recursotransitems>"
        + ymd("startdate", "2026", "4", "1")
        + "<ending><enddate><year>2027</year><month>3</month><day>31</day></enddate></ending>"
        "<modenew>Months</modenew><interval>1</interval></create_recursotransaction>"
    )
    result = await run(gateway, body)
    ok(result)
    record = await read(gateway, "SORECURDOCUMENT", result.findtext("key"))
    assert (record.findtext("CUSTVENDID"), record.findtext("STARTDATE"), record.findtext("ENDDATE")) == (
        "C0002",
        "04/01/2026",
        "03/31/2027",
    )
    assert record.findtext("TOTAL") == "500"
    failed(
        await run(gateway, body.replace(ymd("startdate", "2026", "4", "1"), "")),
        "BL01001973",
        "STARTDATE",
    )


async def test_a_second_conversion_takes_what_the_first_left(gateway):
    first = so_item("HW-100", "1", "1299", "<sourcelinekey>1</sourcelinekey>")
    partial = await run(
        gateway, sales_order(first, more="<createdfrom>Sales Order-SO0001</createdfrom>", kind="Sales Invoice")
    )
    ok(partial)
    rest = await run(gateway, sales_order(more="<createdfrom>Sales Order-SO0001</createdfrom>", kind="Sales Invoice"))
    ok(rest)
    entries = await query_rows(
        gateway, "SODOCUMENTENTRY", "ITEMID,QUANTITY,SOURCELINEKEY", equal("DOCHDRID", rest.findtext("key"))
    )
    assert [(e.findtext("ITEMID"), e.findtext("QUANTITY")) for e in entries] == [("HW-100", "1"), ("HW-110", "4")]
    source = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert source.findtext("STATE") == "Converted"
    ok(await run(gateway, f'<delete_sotransaction key="{rest.findtext("key")}"/>'))
    source = await read(gateway, "SODOCUMENT", "Sales Order-SO0001", "readByName")
    assert source.findtext("STATE") == "Partially Converted"


async def test_the_generic_create_and_the_legacy_functions_write_the_same_record(gateway):
    generic = await gateway.call(
        function(
            "create",
            "<SODOCUMENT><TRANSACTIONTYPE>Sales Order</TRANSACTIONTYPE><WHENCREATED>03/02/2026</WHENCREATED>"
            "<CUSTOMERID>C0001</CUSTOMERID><PONUMBER>PO-881</PONUMBER><SOTRANSITEMS><SODOCUMENTENTRY>"
            "<ITEMID>HW-100</ITEMID><QUANTITY>2</QUANTITY><PRICE>1299</PRICE></SODOCUMENTENTRY></SOTRANSITEMS>"
            "</SODOCUMENT>",
        )
    )
    result = generic.root.find("operation/result")
    ok(result)
    docid = result.findtext("data/sodocument/DOCID")
    assert docid == "Sales Order-SO0005"
    legacy = await run(gateway, sales_order(so_item()))
    ok(legacy)
    fields = "DOCPARID,CUSTVENDID,CUSTVENDNAME,PONUMBER,TOTAL,STATE"
    one = await read(gateway, "SODOCUMENT", docid, "readByName", fields)
    other = await read(gateway, "SODOCUMENT", legacy.findtext("key"), "readByName", fields)
    assert [(c.tag, c.text) for c in one] == [(c.tag, c.text) for c in other]
    # the generic update and delete find a transaction by its DOCID too
    changed = await gateway.call(
        function("update", f"<SODOCUMENT><DOCID>{docid}</DOCID><MESSAGE>generic</MESSAGE></SODOCUMENT>")
    )
    ok(changed.root.find("operation/result"))
    assert (await read(gateway, "SODOCUMENT", docid, "readByName")).findtext("MESSAGE") == "generic"
    ok(await run(gateway, f'<update_sotransaction key="{docid}"><message>legacy</message></update_sotransaction>'))
    assert (await read(gateway, "SODOCUMENT", docid, "readByName")).findtext("MESSAGE") == "legacy"


async def test_a_document_number_is_used_once_per_transaction_definition(gateway):
    first = await run(gateway, sales_order(so_item(), more="<documentno>WEB-1</documentno>"))
    ok(first)
    assert first.findtext("key") == "Sales Order-WEB-1"
    again = await run(gateway, sales_order(so_item(), more="<documentno>WEB-1</documentno>"))
    assert again.findtext("status") == "failure" and "Sales Order-WEB-1" in str(errors_of(again))
    # the same number under another definition is another document
    ok(await run(gateway, sales_order(so_item(), more="<documentno>WEB-1</documentno>", kind="Sales Quote")))
    generic = await gateway.call(
        function("update", "<SODOCUMENT><DOCID>Sales Order-SO0002</DOCID><DOCNO>WEB-1</DOCNO></SODOCUMENT>")
    )
    result = generic.root.find("operation/result")
    assert result.findtext("status") == "failure" and "Sales Order-WEB-1" in str(errors_of(result))


# --- approve / decline (3.0) of purchasing transactions --------------------------------------------


def approval(verb: str, docid: str) -> str:
    return f"<{verb}><PODOCUMENT><DOCID>{docid}</DOCID><COMMENT>checked</COMMENT></PODOCUMENT></{verb}>"


async def test_approve_and_decline_move_a_submitted_purchase_order(gateway):
    approved = await run(gateway, approval("approve", "Purchase Order-PO0002"))
    ok(approved)
    assert (await read(gateway, "PODOCUMENT", "Purchase Order-PO0002", "readByName")).findtext("STATE") == "Pending"
    declined = await run(gateway, approval("decline", "Purchase Order-PO0003"))
    ok(declined)
    assert (await read(gateway, "PODOCUMENT", "Purchase Order-PO0003", "readByName")).findtext("STATE") == "Declined"
    lines = await query_rows(gateway, "PODOCUMENTENTRY", "STATE", equal("DOCHDRID", "Purchase Order-PO0003"))
    assert {line.findtext("STATE") for line in lines} == {"Declined"}  # the lines show their header's state


async def test_only_a_submitted_purchase_order_is_approved(gateway):
    for body in (approval("approve", "Purchase Order-PO0001"), approval("decline", "Purchase Order-PO9999")):
        result = await run(gateway, body)
        assert result.findtext("status") == "failure"
        assert any("PO000" in (text or "") or "PO999" in (text or "") for _, text in errors_of(result)), errors_of(
            result
        )
    assert (await read(gateway, "PODOCUMENT", "Purchase Order-PO0001", "readByName")).findtext("STATE") == "Pending"
