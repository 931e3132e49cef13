"""Fields shown from a referenced record (a definition's "from"): a line's ACCOUNTTITLE is its account's
TITLE, DEPARTMENTNAME its department's, AMOUNT its TRX_AMOUNT; written with the record, queryable."""

from __future__ import annotations

from .gateway import function, login_xml

LOGIN = {"authentication": login_xml()}


def query(obj: str, fields: list[str], where: str = "") -> str:
    select = "".join(f"<field>{f}</field>" for f in fields)
    return function("query", f"<object>{obj}</object><select>{select}</select>{where}<pagesize>2000</pagesize>")


async def rows(gateway, body: str) -> list[dict]:
    answer = await gateway.call(body, **LOGIN)
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")
    return [{e.tag: e.text or "" for e in row} for row in answer.root.find("operation/result/data")]


async def test_mockco_bill_lines_show_their_accounts_and_departments(gateway):
    titles = {r["ACCOUNTNO"]: r["TITLE"] for r in await rows(gateway, query("GLACCOUNT", ["ACCOUNTNO", "TITLE"]))}
    keys = {r["ACCOUNTNO"]: r["RECORDNO"] for r in await rows(gateway, query("GLACCOUNT", ["ACCOUNTNO", "RECORDNO"]))}
    departments = {
        r["DEPARTMENTID"]: r["TITLE"] for r in await rows(gateway, query("DEPARTMENT", ["DEPARTMENTID", "TITLE"]))
    }
    lines = await rows(
        gateway,
        query(
            "APBILLITEM",
            ["ACCOUNTNO", "ACCOUNTTITLE", "ACCOUNTKEY", "DEPARTMENTID", "DEPARTMENTNAME", "AMOUNT", "TRX_AMOUNT"],
        ),
    )
    assert lines
    for line in lines:
        assert line["ACCOUNTTITLE"] == titles[line["ACCOUNTNO"]]
        assert line["ACCOUNTKEY"] == keys[line["ACCOUNTNO"]]
        assert line["DEPARTMENTNAME"] == departments.get(line["DEPARTMENTID"], "")
        assert line["AMOUNT"] == line["TRX_AMOUNT"]


async def test_a_new_bills_lines_are_looked_up_and_filterable_and_follow_an_update(gateway):
    bill = (
        "<APBILL><VENDORID>V0001</VENDORID><WHENCREATED>11/02/2026</WHENCREATED><APBILLITEMS>"
        "<APBILLITEM><ACCOUNTNO>6200</ACCOUNTNO><TRX_AMOUNT>12.50</TRX_AMOUNT></APBILLITEM>"
        "</APBILLITEMS></APBILL>"
    )
    created = await gateway.call(function("create", bill), **LOGIN)
    recordno = created.text("operation/result/data/apbill/RECORDNO")
    assert recordno
    mine = f"<filter><equalto><field>RECORDKEY</field><value>{recordno}</value></equalto></filter>"
    [line] = await rows(gateway, query("APBILLITEM", ["ACCOUNTTITLE", "AMOUNT", "VENDORNAME"], mine))
    assert line == {"ACCOUNTTITLE": "Office Supplies", "AMOUNT": "12.5", "VENDORNAME": line["VENDORNAME"]}
    assert line["VENDORNAME"]
    by_title = "<filter><equalto><field>ACCOUNTTITLE</field><value>Office Supplies</value></equalto></filter>"
    assert any(r["RECORDKEY"] == recordno for r in await rows(gateway, query("APBILLITEM", ["RECORDKEY"], by_title)))
    update = (
        f"<APBILL><RECORDNO>{recordno}</RECORDNO><APBILLITEMS>"
        "<APBILLITEM><ACCOUNTNO>6520</ACCOUNTNO><TRX_AMOUNT>12.50</TRX_AMOUNT></APBILLITEM>"
        "</APBILLITEMS></APBILL>"
    )
    await gateway.call(function("update", update), **LOGIN)
    [line] = await rows(gateway, query("APBILLITEM", ["ACCOUNTTITLE"], mine))
    assert line == {"ACCOUNTTITLE": "Consulting Fees"}
