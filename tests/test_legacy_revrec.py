"""update_revrecschedule over a real socket against MOCKCO (each schedule has one unposted entry): the memo
lands on the schedule, every entry is checked before anything changes, and what it refuses is said."""

from __future__ import annotations

from lxml import etree

from mockserver.objects import CATALOGUE

from .gateway import function


def update(schedule: str, *entries: str, memo: str = "") -> str:
    memo_xml = f"<memo>{memo}</memo>" if memo else ""
    body = "".join(f"<revrecentry>{entry}</revrecentry>" for entry in entries)
    return f"<recordno>{schedule}</recordno>{memo_xml}<revrecentries>{body}</revrecentries>"


async def result(gateway, body: str) -> etree._Element:
    answer = await gateway.call(function("update_revrecschedule", body))
    assert answer.control_status == "success", answer.errors()
    return answer.results()[0]


async def read(gateway, obj: str, key: str, fields: str) -> etree._Element:
    answer = await gateway.call(function("read", f"<object>{obj}</object><keys>{key}</keys><fields>{fields}</fields>"))
    return answer.results()[0].find(f"data/{obj}")


def refusal(result: etree._Element) -> tuple[str | None, str]:
    assert result.findtext("status") == "failure"
    return result.findtext("errormessage/error/errorno"), " ".join(result.itertext())


async def test_the_memo_is_the_schedules_and_the_entry_changes(gateway):
    answer = await result(gateway, update("3", "<recordno>3</recordno><trx_amount>75</trx_amount>", memo="Re-spread"))
    assert answer.findtext("status") == "success" and answer.findtext("key") == "3"
    schedule = await read(gateway, "REVRECSCHEDULE", "3", "CHANGEMEMO,WHENMODIFIED")
    assert schedule.findtext("CHANGEMEMO") == "Re-spread"
    entry = await read(gateway, "REVRECSCHEDULEENTRY", "3", "TRX_AMOUNT,POSTINGDATE")
    assert entry.findtext("TRX_AMOUNT") == "75" and entry.findtext("POSTINGDATE") == "08/30/2026"  # kept


async def test_one_bad_entry_changes_nothing(gateway):
    before = await read(gateway, "REVRECSCHEDULEENTRY", "1", "ACCOUNTNO,TRX_AMOUNT")
    good, wrong = (
        "<recordno>1</recordno><trx_amount>10</trx_amount>",
        "<recordno>1</recordno><accountno>NOSUCH</accountno>",
    )
    bad = update("1", good, wrong)
    errorno, text = refusal(await result(gateway, bad))
    assert errorno == "BL01001973" and "NOSUCH" in text
    after = await read(gateway, "REVRECSCHEDULEENTRY", "1", "ACCOUNTNO,TRX_AMOUNT")
    assert etree.tostring(after) == etree.tostring(before)


async def test_refusals_name_what_is_wrong(gateway):
    errorno, text = refusal(await result(gateway, update("99", "<recordno>1</recordno>")))
    assert errorno == "BL01001973" and "RECORDNO=99" in text
    errorno, text = refusal(await result(gateway, update("1", "<accountno>4100</accountno>")))
    assert errorno == "XL03000009" and "without recordno" in text
    errorno, text = refusal(await result(gateway, update("1", "<recordno>1</recordno><trx_amount>lots</trx_amount>")))
    assert errorno == "BL03000018" and "TRX_AMOUNT" in text  # the gateway's illegal-format error


async def test_a_posted_entry_is_refused(gateway):
    store, obj = gateway.state.store, CATALOGUE["REVRECSCHEDULEENTRY"]
    entry = store.get("MOCKCO", obj, 2)  # posted since MOCKCO was loaded (no legacy function posts one)
    assert entry is not None
    entry.values["POSTED"] = "true"
    store.replace("MOCKCO", obj, entry)
    errorno, text = refusal(await result(gateway, update("2", "<recordno>2</recordno><trx_amount>1</trx_amount>")))
    assert errorno == "BL01001973" and "posted" in text


async def test_the_generic_functions_still_may_not_write_schedules(gateway):
    body = "<REVRECSCHEDULE><RECORDNO>1</RECORDNO><CHANGEMEMO>x</CHANGEMEMO></REVRECSCHEDULE>"
    answer = await gateway.call(function("update", body))
    errorno, _ = refusal(answer.results()[0])
    assert errorno == "BL01001973"
