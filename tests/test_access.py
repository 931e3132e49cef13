"""Web Services user permissions (and the optional 403 mode) and location scoping, end to end."""

from __future__ import annotations

import pytest

from mockserver.functions import operation_for
from mockserver.objects import CATALOGUE
from mockserver.tenancy.companies import User
from mockserver.tenancy.permissions import api_operation, granted

from .gateway import function, login_xml, session_xml, vendor_xml

LIST_VENDORS = function("readByQuery", "<object>VENDOR</object><query/><pagesize>1</pagesize>")


def as_user(userid: str, **login) -> dict:
    return {"authentication": login_xml(userid=userid, **login)}


# --- the rules, directly --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "function_name, operation",
    [
        ("readByQuery", "list"),
        ("readMore", "list"),
        ("query", "list"),
        ("read", "view"),
        ("readByName", "view"),
        ("create", "add"),
        ("update", "edit"),
        ("delete", "delete"),
        ("create_bill", "add"),
        ("update_invoice", "edit"),
        ("apply_arpayment", "edit"),
        ("delete_vendor", "delete"),
        ("get_list", "list"),
        ("get", "view"),
        ("inspect", None),
        ("lookup", None),
        ("getAPISession", None),
    ],
)
def test_each_function_needs_its_operation(function_name, operation):
    assert operation_for(function_name) == operation


def test_api_operation_names_follow_the_gateway():
    assert api_operation("readByQuery") == "READ_BY_QUERY"
    assert api_operation("create") == "CREATE"
    assert api_operation("delete_vendor") == "DELETE_VENDOR"


def test_grants_combine_object_module_and_wildcard():
    vendor, customer = CATALOGUE["VENDOR"], CATALOGUE["CUSTOMER"]
    clerk = User("clerk", "pw", grants={"Accounts Payable": ["list", "add"], "CUSTOMER": ["view"], "*": ["list"]})
    assert granted(clerk, vendor) == {"list", "add"}
    assert granted(clerk, customer) == {"view", "list"}
    assert granted(User("boss", "pw", admin="full"), customer) == {"list", "view", "add", "edit", "delete"}
    viewer = User("viewer", "pw", user_type="view only user", grants={"*": ["list", "add", "delete"]})
    assert granted(viewer, vendor) == {"list"}


# --- end to end ------------------------------------------------------------------------------------


async def test_read_only_user_lists_vendors_but_cannot_create_one(gateway):
    listing = await gateway.call(LIST_VENDORS, **as_user("readonly_isu"))
    assert listing.text("operation/result/status") == "success"
    create = await gateway.call(function("create", vendor_xml("RO1")), **as_user("readonly_isu"))
    assert create.status == 200
    assert create.text("operation/result/status") == "failure"
    [error] = create.errors("operation/result")
    assert error["errorno"] == "PL04000005"
    assert error["description2"] == "You do not have permission for API operation CREATE on objects of type vendor"
    found = await gateway.call(function("readByName", "<object>VENDOR</object><keys>RO1</keys>"))
    assert found.root.find("operation/result/data").get("count") == "0"


async def test_permission_failures_answer_403_in_403_mode(gateway):
    status, _ = await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"permission_http_status": 403})
    assert status == 200
    create = await gateway.call(function("create", vendor_xml("RO2")), **as_user("readonly_isu"))
    assert create.status == 403
    assert create.errors("operation/result")[0]["errorno"] == "PL04000005"
    allowed = await gateway.call(LIST_VENDORS, **as_user("readonly_isu"))
    assert allowed.status == 200


async def test_server_wide_403_mode_applies_to_every_company(gateway):
    gateway.state.settings.permission_http_status = 403
    create = await gateway.call(function("create", vendor_xml("RO3")), **as_user("readonly_isu"))
    assert create.status == 403


async def test_accounts_payable_user_creates_bills_but_cannot_list_customers(gateway):
    setup = await gateway.call(
        function(
            "create",
            vendor_xml("APV1") + "<GLACCOUNT><ACCOUNTNO>6999</ACCOUNTNO><TITLE>Test expense</TITLE></GLACCOUNT>",
        )
    )
    assert setup.text("operation/result/status") == "success"
    bill = (
        "<APBILL><VENDORID>APV1</VENDORID><WHENCREATED>03/01/2026</WHENCREATED><APBILLITEMS><APBILLITEM>"
        "<ACCOUNTNO>6999</ACCOUNTNO><TRX_AMOUNT>42</TRX_AMOUNT></APBILLITEM></APBILLITEMS></APBILL>"
    )
    created = await gateway.call(function("create", bill), **as_user("ap_isu"))
    assert created.text("operation/result/status") == "success", created.errors("operation/result")
    customers = await gateway.call(function("readByQuery", "<object>CUSTOMER</object><query/>"), **as_user("ap_isu"))
    [error] = customers.errors("operation/result")
    assert error["description2"] == (
        "You do not have permission for API operation READ_BY_QUERY on objects of type customer"
    )


async def test_permission_is_checked_before_anything_is_written(gateway):
    # A create of a vendor (allowed) and a customer (not allowed) writes neither.
    answer = await gateway.call(
        function("create", vendor_xml("APV2") + "<CUSTOMER><CUSTOMERID>APC2</CUSTOMERID><NAME>x</NAME></CUSTOMER>"),
        **as_user("ap_isu"),
    )
    assert answer.errors("operation/result")[0]["errorno"] == "PL04000005"
    found = await gateway.call(function("readByName", "<object>VENDOR</object><keys>APV2</keys>"))
    assert found.root.find("operation/result/data").get("count") == "0"


async def test_unsubscribed_module_fails_even_for_a_full_admin(gateway):
    await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"modules": ["General Ledger", "Accounts Payable"]})
    answer = await gateway.call(function("readByQuery", "<object>PROJECT</object><query/>"))
    [error] = answer.errors("operation/result")
    assert error["description2"] == "Projects module is not subscribed"
    allowed = await gateway.call(LIST_VENDORS)
    assert allowed.text("operation/result/status") == "success"


async def test_entity_user_never_sees_another_entitys_private_records(gateway):
    await gateway.call(function("create", vendor_xml("PRIV200")), authentication=login_xml(locationid="E200"))
    await gateway.call(function("create", vendor_xml("PRIV100")), authentication=login_xml(locationid="E100"))
    sessionid = await gateway.open_session(userid="e100_isu", locationid="E100")
    listing = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query>VENDORID LIKE 'PRIV%'</query>"),
        authentication=session_xml(sessionid),
    )
    assert [v.findtext("VENDORID") for v in listing.root.find("operation/result/data")] == ["PRIV100"]
    by_name = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>PRIV200</keys>"), authentication=session_xml(sessionid)
    )
    assert by_name.root.find("operation/result/data").get("count") == "0"


async def test_creates_in_an_entity_session_are_stamped_with_that_entity(gateway):
    await gateway.call(function("create", vendor_xml("STAMP1")), authentication=login_xml(locationid="E100"))
    answer = await gateway.call(function("readByName", "<object>VENDOR</object><keys>STAMP1</keys>"))
    vendor = answer.root.find("operation/result/data/VENDOR")
    assert (vendor.findtext("MEGAENTITYID"), vendor.findtext("MEGAENTITYNAME")) == ("E100", "Mock East")
    assert vendor.findtext("MEGAENTITYKEY") == "1"
