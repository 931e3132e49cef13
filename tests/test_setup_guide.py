"""Every step of Intacct's Web Services setup guide, skipped or done wrong, fails as Intacct fails.

Each test names the step, then asserts the level (control, authentication, result), the HTTP
status, the errorno and the text a support runbook would quote.
"""

from __future__ import annotations

from .gateway import function, login_xml, request_xml, vendor_xml

GET_SESSION = function("getAPISession")
LIST_VENDORS = function("readByQuery", "<object>VENDOR</object><query/><pagesize>1</pagesize>")


async def new_company(gateway, fixture: str) -> str:
    status, body = await gateway.admin("POST", "/__mock__/companies", {"fixture": fixture})
    assert status == 201
    return body["companyid"]


async def test_step_1_company_not_subscribed_to_web_services(gateway):
    companyid = await new_company(gateway, "MOCKNOWS")
    answer = await gateway.call(GET_SESSION, authentication=login_xml(companyid=companyid))
    assert (answer.status, answer.control_status, answer.authentication_status) == (200, "success", "failure")
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert error["description2"] == (
        "This company is not authorized for XML transactions. Please subscribe to the XML Gateway."
    )


async def test_step_1_subscribing_through_the_admin_api_fixes_it(gateway):
    companyid = await new_company(gateway, "MOCKNOWS")
    await gateway.admin("PATCH", f"/__mock__/companies/{companyid}", {"web_services": True})
    answer = await gateway.call(GET_SESSION, authentication=login_xml(companyid=companyid))
    assert answer.authentication_status == "success"


async def test_step_2_web_services_user_missing(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(userid="never_added_isu"))
    assert (answer.status, answer.control_status) == (401, "failure")
    assert answer.errors() == [
        {"errorno": "XMLGW_JPP0002", "description": "Sign-in information is incorrect. Please check your request."}
    ]


async def test_step_2_inactive_or_locked_out_user_fails_like_a_wrong_password(gateway):
    for status in ("inactive", "locked out"):
        await gateway.admin("PUT", "/__mock__/companies/MOCKCO/users/workato_isu", {"status": status})
        answer = await gateway.call(GET_SESSION)
        assert answer.status == 401
        assert answer.errors()[0]["errorno"] == "XMLGW_JPP0002"
    await gateway.admin("PUT", "/__mock__/companies/MOCKCO/users/workato_isu", {"status": "active"})
    assert (await gateway.call(GET_SESSION)).authentication_status == "success"


async def test_step_3_user_without_the_module_gets_pl04000005(gateway):
    await gateway.admin(
        "PUT",
        "/__mock__/companies/MOCKCO/users/gl_only_isu",
        {
            "password": "mockuserpw",
            "first_name": "Gina",
            "last_name": "Ledger",
            "admin": "off",
            "grants": {"General Ledger": ["list", "view", "add", "edit", "delete"]},
        },
    )
    answer = await gateway.call(LIST_VENDORS, authentication=login_xml(userid="gl_only_isu"))
    assert (answer.status, answer.authentication_status) == (200, "success")
    result = answer.results()[0]
    assert result.findtext("status") == "failure"
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "PL04000005"
    assert (
        error["description2"] == "You do not have permission for API operation READ_BY_QUERY on objects of type vendor"
    )


async def test_step_3_module_not_subscribed_for_the_company(gateway):
    answer = await gateway.call(
        function("readByQuery", "<object>CUSTOMER</object><query/>"),
        authentication=login_xml(userid="small_isu", companyid="MOCKSMALL"),
    )
    assert (answer.status, answer.authentication_status) == (200, "success")
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "BL01001973"
    assert error["description2"] == "Accounts Receivable module is not subscribed"


async def test_step_4_sender_id_with_the_wrong_case(gateway):
    answer = await gateway.call(GET_SESSION, sender=("MOCKSENDER", "mocksenderpw"))
    assert (answer.status, answer.control_status) == (200, "failure")
    [error] = answer.errors()
    assert error["errorno"] == "XL03000006"
    assert error["description2"] == "Incorrect Intacct XML Partner ID or password."


async def test_step_4_sender_authorization_inactive(gateway):
    companyid = await new_company(gateway, "MOCKINACTIVE")
    answer = await gateway.call(GET_SESSION, authentication=login_xml(companyid=companyid))
    assert (answer.status, answer.authentication_status) == (200, "failure")
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert error["description"] == "Invalid Web Services Authorization"
    assert error["description2"] == (
        f"The sender ID 'mocksender' is not authorized to make Web Services requests to company ID '{companyid}'."
    )


async def test_step_4_sender_not_authorized(gateway):
    answer = await gateway.call(GET_SESSION, sender=("othersender", "othersenderpw"))
    assert (answer.status, answer.authentication_status) == (200, "failure")
    assert answer.errors("operation")[0]["correction"] == (
        "Contact the company administrator to grant Web Services authorization to this sender ID."
    )


async def test_step_5_wrong_company_id(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(companyid="MOCKC0"))
    assert (answer.status, answer.control_status) == (401, "failure")
    assert answer.errors()[0]["errorno"] == "XMLGW_JPP0002"


async def test_step_5_location_id_that_is_not_an_entity(gateway):
    answer = await gateway.call(GET_SESSION, authentication=login_xml(locationid="E999"))
    assert (answer.status, answer.authentication_status) == (200, "failure")
    [error] = answer.errors("operation")
    assert error["errorno"] == "XL03000006"
    assert error["description2"] == "The location ID 'E999' is not an entity of company 'MOCKCO'."


async def test_step_5_location_id_in_a_company_without_entities(gateway):
    answer = await gateway.call(
        GET_SESSION, authentication=login_xml(userid="small_isu", companyid="MOCKSMALL", locationid="E100")
    )
    assert (answer.status, answer.authentication_status) == (200, "failure")
    assert answer.errors("operation")[0]["description2"] == (
        "Company 'MOCKSMALL' has no entities, so location ID 'E100' cannot be used."
    )


async def test_step_5_blank_location_id_gives_a_top_level_session_over_all_entities(gateway):
    await gateway.call(function("create", vendor_xml("SETUP-E100")), authentication=login_xml(locationid="E100"))
    answer = await gateway.call(GET_SESSION, authentication=login_xml(locationid=""))
    assert answer.authentication_status == "success"
    assert answer.text("operation/result/data/api/locationid") == ""
    # The top level reaches the entity's record; listing private records needs showprivate (query).
    found = await gateway.call(
        function("readByName", "<object>VENDOR</object><keys>SETUP-E100</keys>"),
        authentication=login_xml(locationid=""),
    )
    assert found.text("operation/result/data/VENDOR/MEGAENTITYID") == "E100"


async def test_small_company_works_for_its_modules_but_not_projects(gateway):
    auth = {"authentication": login_xml(userid="small_isu", companyid="MOCKSMALL")}
    vendors = await gateway.call(LIST_VENDORS, **auth)
    assert vendors.text("operation/result/status") == "success"
    accounts = await gateway.call(function("readByQuery", "<object>GLACCOUNT</object><query/>"), **auth)
    assert accounts.root.find("operation/result/data").get("totalcount") == "3"
    project = await gateway.call(
        function(
            "create",
            "<PROJECT><PROJECTID>P1</PROJECTID><NAME>P</NAME><PROJECTCATEGORY>Contract</PROJECTCATEGORY></PROJECT>",
        ),
        **auth,
    )
    assert project.errors("operation/result")[0]["description2"] == "Projects module is not subscribed"
    bill_vendor = await gateway.call(function("create", vendor_xml("V200")), **auth)
    assert bill_vendor.text("operation/result/status") == "success"


async def test_request_xml_of_the_guide_example_round_trips(gateway):
    # The guide's connection fields: sender ID/password, user, company, blank location.
    answer = await gateway.post(request_xml(GET_SESSION))
    assert answer.results()[0].findtext("data/api/endpoint") == gateway.endpoint
