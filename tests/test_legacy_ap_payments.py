"""create_appayment and create_paymentrequest on MOCKCO over a real socket: what they do to the bills
(a manual check pays the bill it writes; a request selects amounts on the bills it names), and refusals
that change nothing."""

from __future__ import annotations

from .gateway import function


def check(number: str, items: str, **extra: str) -> str:
    fields = "".join(f"<{k}>{v}</{k}>" for k, v in extra.items())
    return (
        f"<bankaccountid>BOA-OP</bankaccountid><vendorid>V0001</vendorid><memo>check {number}</memo>"
        f"<checkdate><year>2026</year><month>02</month><day>14</day></checkdate><checkno>{number}</checkno>"
        f"<billno>MC-{number}</billno>{fields}<payitems>{items}</payitems>"
    )


def payitem(amount: str, account: str = "<glaccountno>6000</glaccountno>") -> str:
    return f"<payitem>{account}<paymentamount>{amount}</paymentamount></payitem>"


def request(bill: str, amount: str, vendor: str = "V0057") -> str:
    return (
        f"<bankaccountid>BOA-OP</bankaccountid><vendorid>{vendor}</vendorid><paymentmethod>EFT</paymentmethod>"
        "<paymentdate><year>2026</year><month>03</month><day>02</day></paymentdate><paymentrequestitems>"
        f"<paymentrequestitem><key>{bill}</key><paymentamount>{amount}</paymentamount></paymentrequestitem>"
        "</paymentrequestitems>"
    )


async def result(gateway, name: str, body: str):
    return (await gateway.call(function(name, body))).root.find("operation/result")


def errors_of(found) -> list[tuple[str | None, str | None]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in found.iterfind("errormessage/error")]


async def read(gateway, obj: str, query: str, fields: str = "*") -> list:
    answer = await gateway.call(
        function("readByQuery", f"<object>{obj}</object><fields>{fields}</fields><query>{query}</query>")
    )
    return answer.root.findall(f"operation/result/data/{obj.lower()}")


async def count(gateway, obj: str) -> str | None:
    answer = await gateway.call(function("readByQuery", f"<object>{obj}</object><query></query><pagesize>1</pagesize>"))
    return answer.root.find("operation/result/data").get("totalcount")


async def test_a_manual_check_writes_the_bill_of_its_payitems_and_pays_it(gateway):
    paid = await result(gateway, "create_appayment", check("10500", payitem("120.5") + payitem("79.5")))
    assert paid.findtext("status") == "success", errors_of(paid)
    [bill] = await read(gateway, "APBILL", "RECORDID = 'MC-10500'")
    assert (bill.findtext("VENDORID"), bill.findtext("WHENCREATED"), bill.findtext("DESCRIPTION")) == (
        "V0001",
        "02/14/2026",
        "check 10500",
    )
    assert [li.findtext("TRX_AMOUNT") for li in bill.iterfind("APBILLITEMS/APBILLITEM")] == ["120.5", "79.5"]
    assert (bill.findtext("STATE"), bill.findtext("TOTALPAID"), bill.findtext("TOTALDUE")) == ("Paid", "200", "0")
    assert bill.findtext("WHENPAID") == "02/14/2026"
    [payment] = await read(gateway, "APPYMT", f"RECORDNO = {paid.findtext('key')}")
    details = payment.findall("APPYMTDETAILS/APPYMTDETAIL")
    assert [(d.findtext("RECORDKEY"), d.findtext("TRX_PAYMENTAMOUNT")) for d in details] == [
        (bill.findtext("RECORDNO"), "200")
    ]


async def test_a_payitem_may_name_an_account_label_and_an_unknown_one_changes_nothing(gateway):
    made = await result(
        gateway,
        "create_apaccountlabel",
        "<glaccountno>6010</glaccountno><accountlabel>Postage</accountlabel><description>Postage</description>",
    )
    assert made.findtext("status") == "success", errors_of(made)
    paid = await result(
        gateway, "create_appayment", check("10501", payitem("12", "<accountlabel>Postage</accountlabel>"))
    )
    assert paid.findtext("status") == "success", errors_of(paid)
    [bill] = await read(gateway, "APBILL", "RECORDID = 'MC-10501'")
    [line] = bill.findall("APBILLITEMS/APBILLITEM")
    assert (line.findtext("ACCOUNTNO"), line.findtext("ACCOUNTLABEL")) == ("6010", "Postage")

    before = (await count(gateway, "APBILL"), await count(gateway, "APPYMT"))
    refused = await result(
        gateway, "create_appayment", check("10502", payitem("5", "<accountlabel>Nope</accountlabel>"))
    )
    assert errors_of(refused)[0] == ("BL01001973", "Invalid AP account label 'Nope'.")
    assert (await count(gateway, "APBILL"), await count(gateway, "APPYMT")) == before


async def test_a_payment_request_selects_its_amounts_on_the_bills_up_to_what_is_due(gateway):
    # MOCKCO's bill 2: BILL-1002 of vendor V0057, 201.84 due.
    first = await result(gateway, "create_paymentrequest", request("2", "100.84"))
    assert first.findtext("status") == "success", errors_of(first)
    [bill] = await read(gateway, "APBILL", "RECORDNO = 2")
    assert (bill.findtext("TOTALSELECTED"), bill.findtext("TOTALPAID"), bill.findtext("STATE")) == (
        "100.84",
        "0",
        "Posted",
    )
    before = await count(gateway, "APPYMT")
    too_much = await result(gateway, "create_paymentrequest", request("2", "101.01"))
    assert "greater than its amount due (101.00)" in errors_of(too_much)[0][1]
    other_vendor = await result(gateway, "create_paymentrequest", request("2", "1", vendor="V0001"))
    assert errors_of(other_vendor)[0][1] == "Bill 2 belongs to vendor V0057, not to V0001."
    no_bill = await result(gateway, "create_paymentrequest", request("99999", "1"))
    assert errors_of(no_bill)[0][1] == "Invalid bill key 99999: no such AP bill."
    assert await count(gateway, "APPYMT") == before
    [bill] = await read(gateway, "APBILL", "RECORDNO = 2")
    assert bill.findtext("TOTALSELECTED") == "100.84"


async def test_a_payment_request_of_an_amount_without_bills_is_not_emulated(gateway):
    body = (
        "<bankaccountid>BOA-OP</bankaccountid><vendorid>V0057</vendorid><paymentmethod>EFT</paymentmethod>"
        "<paymentdate><year>2026</year><month>03</month><day>02</day></paymentdate><paymentamount>10</paymentamount>"
    )
    refused = await result(gateway, "create_paymentrequest", body)
    assert errors_of(refused)[0][0] == "XL03000009"


async def test_reversing_a_manual_check_makes_its_bill_due_again(gateway):
    paid = await result(gateway, "create_appayment", check("10600", payitem("75")))
    assert paid.findtext("status") == "success", errors_of(paid)
    answer = await gateway.call(
        f'<function controlid="r"><reverse_appayment key="{paid.findtext("key")}">'
        "<datereversed><year>2026</year><month>02</month><day>20</day></datereversed></reverse_appayment></function>"
    )
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    [bill] = await read(gateway, "APBILL", "RECORDID = 'MC-10600'")
    assert (bill.findtext("STATE"), bill.findtext("TOTALPAID"), bill.findtext("TOTALDUE")) == ("Posted", "0", "75")
    assert bill.findtext("WHENPAID") == ""
