"""Issue 17's legacy functions end to end over a real socket, bodies shaped as the official JS SDK writes
them: summaries (create_*batch), reversals, AP payment request actions, get_companyprefs and
getDimensionRelationships. Each: one success, and a failure (missing key or unknown reference) that
changes nothing."""

from __future__ import annotations

import pytest

from .gateway import function
from .test_legacy import (
    BILL_CREATE,
    INVOICE_CREATE,
    LEGCO,
    arpayment_create,
    books,
    create,
    errors_of,
    invoice,
    ok,
    run,
    ymd,
)

__all__ = ["books"]

BATCHES = ["billbatch", "invoicebatch", "apadjustmentbatch", "aradjustmentbatch", "arpaymentbatch"]


def batch(kind: str, title: str = "Week 10") -> str:
    account = "<bankaccountid>BOA</bankaccountid>" if kind == "arpaymentbatch" else ""
    title_xml = f"<batchtitle>{title}</batchtitle>" if title else ""
    return f"<create_{kind}>{title_xml}{account}{ymd('datecreated', '2024', '03', '05')}</create_{kind}>"


@pytest.mark.parametrize("kind", BATCHES)
async def test_create_batch_answers_a_new_key_each_time(books, kind):
    first = await run(books, batch(kind))
    ok(first)
    second = await run(books, batch(kind, "Week 11"))
    ok(second)
    assert int(second.findtext("key")) == int(first.findtext("key")) + 1


async def test_create_batch_needs_its_title(books):
    # the request schema refuses it, as the gateway's DTD does, before anything runs
    answer = await books.call(function("create_billbatch", ymd("datecreated", "2024", "03", "05")), **LEGCO)
    assert "batchtitle" in "".join(answer.root.itertext())
    # a bad date is refused by name, and uses no number
    bad = (
        "<create_billbatch><batchtitle>X</batchtitle>" + ymd("datecreated", "2024", "13", "40") + "</create_billbatch>"
    )
    result = await run(books, bad)
    assert result.findtext("status") == "failure" and "WHENCREATED" in str(errors_of(result))
    assert (await run(books, batch("billbatch"))).findtext("key") == "1"


async def read_one(gateway, obj: str, key: str):
    answer = await gateway.call(function("read", f"<object>{obj}</object><keys>{key}</keys>"), **LEGCO)
    return answer.root.find(f"operation/result/data/{obj}")


def reverse(kind: str, key: str) -> str:
    return (
        f'<reverse_{kind} key="{key}">' + ymd("datereversed", "2024", "03", "31") + "<description>Wrong vendor"
        f"</description></reverse_{kind}>"
    )


@pytest.mark.parametrize(
    ("kind", "obj", "body"), [("bill", "APBILL", BILL_CREATE), ("invoice", "ARINVOICE", INVOICE_CREATE)]
)
async def test_reverse_document_then_again_and_a_missing_key(books, kind, obj, body):
    key = await create(books, body)
    ok(await run(books, reverse(kind, key)))
    record = await read_one(books, obj, key)
    assert record.findtext("STATE") == "Reversed" and record.findtext("DESCRIPTION") == "Wrong vendor"
    listed = await books.call(
        function("readByQuery", f"<object>{obj}</object><fields>*</fields><query>RECORDNO = {key}</query>"), **LEGCO
    )
    assert listed.root.find("operation/result/data")[0].findtext("STATE") == "Reversed"
    again = await run(books, reverse(kind, key))
    assert errors_of(again)[0][1].endswith(f"{key} is already reversed.")
    missing = await run(books, reverse(kind, "99999"))
    assert "Cannot find" in errors_of(missing)[0][1]


async def test_reverse_draft_bill_is_refused(books):
    key = await create(books, BILL_CREATE.replace("<action>Submit</action>", "<action>Draft</action>"))
    record = await read_one(books, "APBILL", key)
    if record.findtext("STATE") != "Draft":
        pytest.skip("BILL_CREATE carries no action to turn into Draft")
    result = await run(books, reverse("bill", key))
    assert "only a posted record can be reversed" in errors_of(result)[0][1]
    assert (await read_one(books, "APBILL", key)).findtext("STATE") == "Draft"


async def test_reverse_arpayment_gives_back_what_it_paid(books):
    invoice_key = await create(books, INVOICE_CREATE)
    payment_key = await create(books, arpayment_create("100", invoice_key))
    assert (await invoice(books, invoice_key)).findtext("TOTALDUE") == "400"
    ok(await run(books, reverse("arpayment", payment_key)))
    assert (await read_one(books, "ARPYMT", payment_key)).findtext("STATE") == "Voided"
    record = await invoice(books, invoice_key)
    assert (record.findtext("TOTALPAID"), record.findtext("TOTALDUE"), record.findtext("STATE")) == (
        "0",
        "500",
        "Posted",
    )
    assert "already voided" in errors_of(await run(books, reverse("arpayment", payment_key)))[0][1]


async def appayment(gateway) -> str:
    bill = await create(gateway, BILL_CREATE)
    answer = await gateway.call(
        function(
            "create",
            "<APPYMT><FINANCIALENTITY>BOA</FINANCIALENTITY><PAYMENTMETHOD>Printed Check</PAYMENTMETHOD>"
            "<VENDORID>V100</VENDORID><PAYMENTDATE>03/10/2024</PAYMENTDATE><CURRENCY>USD</CURRENCY>"
            f"<APPYMTDETAILS><APPYMTDETAIL><RECORDKEY>{bill}</RECORDKEY><TRX_PAYMENTAMOUNT>10"
            "</TRX_PAYMENTAMOUNT></APPYMTDETAIL></APPYMTDETAILS></APPYMT>",
        ),
        **LEGCO,
    )
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return answer.text("operation/result/data/appymt/RECORDNO")


def request_action(action: str, key: str) -> str:
    return f"<{action}_appaymentrequest><appaymentkeys><appaymentkey>{key}</appaymentkey></appaymentkeys></{action}_appaymentrequest>"


async def test_reverse_appayment(books):
    key = await appayment(books)
    ok(await run(books, reverse("appayment", key)))
    assert (await read_one(books, "APPYMT", key)).findtext("STATE") == "Voided"
    assert "Cannot find" in errors_of(await run(books, reverse("appayment", "99999")))[0][1]


async def test_payment_request_approve_send_void_and_illegal_transitions(books):
    key = await appayment(books)
    ok(await run(books, request_action("approve", key)))
    assert (await read_one(books, "APPYMT", key)).findtext("STATE") == "Approved"
    refused = await run(books, request_action("approve", key))
    assert errors_of(refused)[0][1] == f"AP payment request {key} is approved and cannot be approved."
    ok(await run(books, request_action("send", key)))
    assert (await read_one(books, "APPYMT", key)).findtext("STATE") == "Complete"
    ok(await run(books, request_action("void", key)))
    assert (await read_one(books, "APPYMT", key)).findtext("STATE") == "Voided"
    for action in ("approve", "decline", "send", "confirm", "void"):
        result = await run(books, request_action(action, key))
        assert "is voided and cannot be" in errors_of(result)[0][1], action
    assert (await read_one(books, "APPYMT", key)).findtext("STATE") == "Voided"


async def test_payment_request_decline_and_confirm(books):
    declined, confirmed = await appayment(books), await appayment(books)
    ok(await run(books, request_action("decline", declined)))
    assert (await read_one(books, "APPYMT", declined)).findtext("STATE") == "Draft"
    assert "is draft and cannot be confirmed" in errors_of(await run(books, request_action("confirm", declined)))[0][1]
    ok(await run(books, request_action("confirm", confirmed)))
    assert (await read_one(books, "APPYMT", confirmed)).findtext("STATE") == "Complete"


async def test_payment_request_with_an_unknown_key_changes_none(books):
    key = await appayment(books)
    body = (
        "<approve_appaymentrequest><appaymentkeys>"
        f"<appaymentkey>{key}</appaymentkey><appaymentkey>99999</appaymentkey>"
        "</appaymentkeys></approve_appaymentrequest>"
    )
    result = await run(books, body)
    assert errors_of(result)[0][1] == "Cannot find AP payment request with key '99999'."
    assert (await read_one(books, "APPYMT", key)).findtext("STATE") == "Complete"


async def test_get_companyprefs(books):
    result = await run(books, '<get_companyprefs application="GL"/>')
    ok(result)
    prefs = {p.findtext("preference"): p.findtext("prefvalue") for p in result.findall("data/companypref")}
    assert prefs["EMPLOYEEDIMENSION"] == "T" and prefs["TASKDIMENSION"] == "F"
    general = await run(books, '<get_companyprefs application="GEN"/>')
    assert general.findtext("data/companypref/preference") == "PRIMARY_ACCTNO_LENGTH"
    unknown = await run(books, '<get_companyprefs application="XYZ"/>')
    assert errors_of(unknown)[0][0] == "XL03000009"


async def test_get_dimension_relationships_lists_the_dimensions(books):
    result = await run(books, "<getDimensionRelationships/>")
    ok(result)
    names = [d.findtext("objectName") for d in result.findall("data/dimensionRelationships/dimensionRelationship")]
    dimensions = await run(books, "<getDimensions/>")
    assert names == [d.findtext("objectName") for d in dimensions.findall("data/dimensions/dimension")]
    assert all(len(r) == 0 for r in result.findall("data/dimensionRelationships/dimensionRelationship/relationships"))


async def test_a_company_with_summaries_can_be_reset_and_its_summaries_go_with_it(books):
    ok(await run(books, batch("billbatch")))
    status, _ = await books.admin("POST", "/__mock__/companies/LEGCO/reset")
    assert status == 200
    status, _ = await books.admin("POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": "OTHER"})
    assert status == 201
    assert (await run(books, batch("billbatch"))).findtext("key") == "1"
