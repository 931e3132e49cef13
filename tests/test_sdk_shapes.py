"""Payload shapes the official SDK sends that the mock used to refuse (issue 17): WarehouseCreate's
LOC/LOCATIONID, TaskCreate without a TASKID, and the AP payment request and audit trail functions the
request schema did not know (they now answer as unsupported functions, not as schema failures)."""

from __future__ import annotations

from .gateway import function


async def test_warehouse_create_with_loc_locationid_is_kept_as_its_locationid(gateway):
    created = await gateway.call(
        function(
            "create",
            "<WAREHOUSE><WAREHOUSEID>WH-SDK</WAREHOUSEID><NAME>SDK</NAME><LOC><LOCATIONID>100</LOCATIONID></LOC></WAREHOUSE>",
        )
    )
    assert created.text("operation/result/status") == "success", created.errors("operation")
    read = await gateway.call(
        function("readByName", "<object>WAREHOUSE</object><keys>WH-SDK</keys><fields>WAREHOUSEID,LOCATIONID</fields>")
    )
    assert read.text("operation/result/data/WAREHOUSE/LOCATIONID") == "100", read.errors("operation")


async def test_warehouse_create_naming_an_unknown_location_is_refused(gateway):
    created = await gateway.call(
        function(
            "create",
            "<WAREHOUSE><WAREHOUSEID>WH-BAD</WAREHOUSEID><NAME>SDK</NAME><LOC><LOCATIONID>NOPE</LOCATIONID></LOC></WAREHOUSE>",
        )
    )
    assert created.text("operation/result/status") == "failure"


async def test_task_create_without_a_taskid_is_numbered(gateway):
    created = await gateway.call(
        function("create", "<TASK><NAME>SDK task</NAME><PROJECTID>PRJ-1001</PROJECTID></TASK>")
    )
    assert created.text("operation/result/status") == "success", created.errors("operation")
    recordno = created.text("operation/result/data/task/RECORDNO")
    read = await gateway.call(function("read", f"<object>TASK</object><keys>{recordno}</keys><fields>*</fields>"))
    assert read.text("operation/result/data/TASK/NAME") == "SDK task"
    assert read.text("operation/result/data/TASK/TASKID"), "the gateway numbers a task created without TASKID"


async def test_task_create_without_a_name_is_still_refused(gateway):
    created = await gateway.call(function("create", "<TASK><PROJECTID>PRJ-1001</PROJECTID></TASK>"))
    assert created.text("operation/result/status") == "failure"


async def test_getobjecttrail_reaches_the_gateway_and_answers_unsupported_naming_itself(gateway):
    # decline_appaymentrequest, added to the schema with it, is now implemented (tests/test_legacy_issue17.py).
    answer = await gateway.call(function("getObjectTrail", "<object>VENDOR</object><key>1</key>", controlid="b"))
    assert answer.control_status == "success"
    [result] = answer.results()
    assert result.findtext("status") == "failure"
    assert result.findtext("errormessage/error/errorno") == "XL03000009"
    assert "getObjectTrail" in "".join(result.itertext())
