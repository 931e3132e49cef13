"""getDimensions and getUserPermissions end to end, over a real socket, and the official JavaScript SDK's
DimensionsGet and GetUserPermissions against the mock.

Facts carried from genuine gateway recordings: the <dimension> children and their order, the first five
standard dimensions in order, applicationName inside appSubscription, and the BL03000025 failure.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from lxml import etree

from mockserver.control.fixture_models import check_fixture
from mockserver.control.models import SettingsError
from mockserver.objects import CATALOGUE

from .gateway import bare_company, function, login_xml, request_xml
from .server_process import ServerProcess
from .test_official_sdk import JS, ROOT, SDK, TIMEOUT, sdk_environment

DIMENSION_TAGS = ["objectName", "objectLabel", "termLabel", "userDefinedDimension", "enabledInGL"]
RECORDED_FIRST = ["DEPARTMENT", "LOCATION", "PROJECT", "CUSTOMER", "VENDOR"]
STANDARD = [*RECORDED_FIRST, "EMPLOYEE", "ITEM", "CLASS", "TASK", "WAREHOUSE", "CONTRACT"]
IN_GL = {"DEPARTMENT", "LOCATION", "PROJECT", "CUSTOMER", "VENDOR", "EMPLOYEE", "ITEM", "CLASS"}
ALL_MODULES = sorted({obj.module for obj in CATALOGUE.values()})
ALL_RIGHTS = "List|View|Add|Edit|Delete"
UDDS = [
    {"objectName": "UDD_REGION", "label": "Region", "enabledInGL": True},
    {"objectName": "UDD_CHANNEL", "label": "Channel", "termLabel": "Sales channel", "enabledInGL": False},
]

GET_DIMENSIONS = function("getDimensions")


def get_permissions(userid: str, controlid: str = "p") -> str:
    return function("getUserPermissions", f"<userId>{userid}</userId>", controlid)


async def success_data(gateway, functions: str, **kwargs) -> etree._Element:
    answer = await gateway.call(functions, **kwargs)
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return answer.root.find("operation/result/data")


def dimensions_of(data: etree._Element) -> list[dict[str, str]]:
    assert [child.tag for child in data] == ["dimensions"]
    found = []
    for node in data.find("dimensions"):
        assert node.tag == "dimension"
        assert [child.tag for child in node] == DIMENSION_TAGS
        found.append({child.tag: child.text for child in node})
    return found


def subscriptions_of(data: etree._Element) -> dict[str, dict[str, str]]:
    """applicationName -> {policyName: rights}, in answer order."""
    assert [child.tag for child in data] == ["permissions"]
    found = {}
    for app in data.find("permissions"):
        assert app.tag == "appSubscription"
        assert app[0].tag == "applicationName"
        policies = {}
        for permission in app[1:]:
            assert permission.tag == "permission"
            assert [child.tag for child in permission] == ["policyName", "rights"]
            policies[permission.findtext("policyName")] = permission.findtext("rights")
        found[app.findtext("applicationName")] = policies
    return found


def objects_of(module: str) -> list[str]:
    return [name for name, obj in CATALOGUE.items() if obj.module == module]


async def create_company(gateway, **settings) -> str:
    status, body = await gateway.admin("POST", "/__mock__/companies", {"company": bare_company("META", **settings)})
    assert status == 201, body
    return body["companyid"]


# --- getDimensions ---------------------------------------------------------------------------------


async def test_get_dimensions_lists_the_standard_dimensions_in_order(gateway):
    dimensions = dimensions_of(await success_data(gateway, GET_DIMENSIONS))
    assert [d["objectName"] for d in dimensions][:5] == RECORDED_FIRST
    assert [d["objectName"] for d in dimensions] == STANDARD
    for d in dimensions:
        label = CATALOGUE[d["objectName"]].label
        assert (d["objectLabel"], d["termLabel"]) == (label, label)
        assert d["userDefinedDimension"] == "false"
        assert d["enabledInGL"] == ("true" if d["objectName"] in IN_GL else "false")
    assert dimensions[0] == {
        "objectName": "DEPARTMENT",
        "objectLabel": "Department",
        "termLabel": "Department",
        "userDefinedDimension": "false",
        "enabledInGL": "true",
    }


async def test_get_dimensions_answers_flat_or_indented_as_asked(gateway):
    async def raw(includewhitespace: str) -> bytes:
        body = request_xml(GET_DIMENSIONS, includewhitespace=includewhitespace)
        async with gateway.http.post(gateway.endpoint, data=body) as reply:
            assert reply.status == 200
            return await reply.read()

    flat, indented = await raw("false"), await raw("true")
    assert b"\n" not in flat.split(b"?>", 1)[1].strip()
    # <response>/<operation>/<result>/<data>/<dimensions>/<dimension>/<objectName>: depth 6.
    assert b"\n" + b" " * 24 + b"<objectName>DEPARTMENT</objectName>" in indented
    assert b"\n" + b" " * 20 + b"</dimension>" in indented
    flat_data = etree.fromstring(flat).find("operation/result/data")
    indented_data = etree.fromstring(indented, etree.XMLParser(remove_blank_text=True)).find("operation/result/data")
    assert dimensions_of(indented_data) == dimensions_of(flat_data)


async def test_get_dimensions_accepts_whitespace_inside_the_element(gateway):
    dimensions = dimensions_of(
        await success_data(gateway, '<function controlid="f"><getDimensions>\n  </getDimensions></function>')
    )
    assert len(dimensions) == len(STANDARD)


async def test_get_dimensions_lists_a_companys_user_defined_dimensions_after_the_standard_ones(gateway):
    companyid = await create_company(gateway, dimensions=UDDS)
    data = await success_data(gateway, GET_DIMENSIONS, authentication=login_xml(companyid=companyid))
    dimensions = dimensions_of(data)
    assert [d["objectName"] for d in dimensions] == [*STANDARD, "UDD_REGION", "UDD_CHANNEL"]
    assert dimensions[-2:] == [
        {
            "objectName": "UDD_REGION",
            "objectLabel": "Region",
            "termLabel": "Region",
            "userDefinedDimension": "true",
            "enabledInGL": "true",
        },
        {
            "objectName": "UDD_CHANNEL",
            "objectLabel": "Channel",
            "termLabel": "Sales channel",
            "userDefinedDimension": "true",
            "enabledInGL": "false",
        },
    ]
    # MOCKCO, beside it, has none of them.
    assert [d["objectName"] for d in dimensions_of(await success_data(gateway, GET_DIMENSIONS))] == STANDARD


async def test_user_defined_dimensions_survive_a_state_dump_and_reload(gateway):
    companyid = await create_company(gateway, dimensions=UDDS)
    status, shown = await gateway.admin("GET", f"/__mock__/companies/{companyid}")
    assert status == 200
    assert [d["objectName"] for d in shown["dimensions"]] == ["UDD_REGION", "UDD_CHANNEL"]
    status, dump = await gateway.admin("GET", f"/__mock__/companies/{companyid}/state")
    assert status == 200
    dump["companyid"] = "META2"
    status, body = await gateway.admin("POST", "/__mock__/companies", {"company": dump})
    assert status == 201, body
    again = dimensions_of(await success_data(gateway, GET_DIMENSIONS, authentication=login_xml(companyid="META2")))
    before = dimensions_of(await success_data(gateway, GET_DIMENSIONS, authentication=login_xml(companyid=companyid)))
    assert again == before


# --- getUserPermissions ------------------------------------------------------------------------------


async def test_get_user_permissions_of_a_full_admin_lists_every_module_and_object(gateway):
    subscriptions = subscriptions_of(await success_data(gateway, get_permissions("workato_isu")))
    assert list(subscriptions) == ALL_MODULES
    for module, policies in subscriptions.items():
        assert policies == dict.fromkeys(objects_of(module), ALL_RIGHTS), module


async def test_get_user_permissions_of_a_limited_user_lists_only_their_modules_and_rights(gateway):
    # ap_isu: everything in Accounts Payable, list and view in General Ledger (asked by another user).
    subscriptions = subscriptions_of(await success_data(gateway, get_permissions("ap_isu")))
    assert list(subscriptions) == ["Accounts Payable", "General Ledger"]
    assert subscriptions["Accounts Payable"] == dict.fromkeys(objects_of("Accounts Payable"), ALL_RIGHTS)
    assert subscriptions["General Ledger"] == dict.fromkeys(objects_of("General Ledger"), "List|View")
    # readonly_isu: "*" list and view.
    readonly = subscriptions_of(await success_data(gateway, get_permissions("readonly_isu")))
    assert list(readonly) == ALL_MODULES
    assert {rights for policies in readonly.values() for rights in policies.values()} == {"List|View"}


async def test_get_user_permissions_names_only_the_objects_granted(gateway):
    clerk = {
        "userid": "clerk",
        "password": "clerkpw",
        "grants": {"VENDOR": ["view", "list"], "PROJECT": ["edit"], "Company": ["list"]},
    }
    users = [{"userid": "workato_isu", "password": "mockuserpw", "admin": "full"}, clerk]
    companyid = await create_company(gateway, users=users)
    data = await success_data(gateway, get_permissions("clerk"), authentication=login_xml(companyid=companyid))
    assert subscriptions_of(data) == {
        "Accounts Payable": {"VENDOR": "List|View"},
        "Company": dict.fromkeys(objects_of("Company"), "List"),
        "Projects": {"PROJECT": "Edit"},
    }


async def test_get_user_permissions_lists_only_the_companys_subscribed_modules(gateway):
    status, _ = await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"modules": ["General Ledger", "Projects"]})
    assert status == 200
    full = subscriptions_of(await success_data(gateway, get_permissions("workato_isu")))
    assert list(full) == ["General Ledger", "Projects"]
    assert full["Projects"] == dict.fromkeys(objects_of("Projects"), ALL_RIGHTS)
    limited = subscriptions_of(await success_data(gateway, get_permissions("ap_isu")))
    assert list(limited) == ["General Ledger"]


async def test_get_user_permissions_of_an_unknown_login_id_fails_with_the_gateways_error(gateway):
    # Two functions: the failure is the first one's own; the second still runs.
    answer = await gateway.call(get_permissions("nobody", "p1") + get_permissions("WORKATO_ISU", "p2") + GET_DIMENSIONS)
    first, second, third = answer.results()
    assert first.findtext("status") == second.findtext("status") == "failure"
    assert first.findtext("function") == "getUserPermissions" and first.findtext("controlid") == "p1"
    [error] = [{child.tag: child.text or "" for child in e} for e in first.iterfind("errormessage/error")]
    assert error == {
        "errorno": "BL03000025",
        "description": "",
        "description2": "Login ID nobody does not exist.",
        "correction": "Provide a valid USER.LOGINID value.",
    }
    # IDs are matched exactly, as at sign-in.
    assert second.findtext("errormessage/error/description2") == "Login ID WORKATO_ISU does not exist."
    assert third.findtext("status") == "success"


async def test_get_user_permissions_without_a_user_id_fails_the_schema(gateway):
    answer = await gateway.call(function("getUserPermissions"))
    assert answer.control_status == "failure"
    assert [e["errorno"] for e in answer.errors()] == ["XL03000003"]


# --- the fixture's dimensions list --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("dimensions", "field", "reason"),
    [
        ([{"objectName": "UDD REGION", "label": "Region"}], "dimensions[0].objectName", "pattern"),
        ([{"objectName": "UDD_REGION"}], "dimensions[0].label", "required"),
        ([{"objectName": "UDD_REGION", "label": ""}], "dimensions[0].label", "at least 1"),
        ([{"objectName": "UDD_REGION", "label": "Region", "enabledInGL": "yes"}], "dimensions[0].enabledInGL", ""),
        ([{"objectName": "UDD_REGION", "label": "Region", "colour": "red"}], "dimensions[0].colour", "unknown key"),
        ([{"objectName": "department", "label": "Department"}], "dimensions[0].objectName", "a standard object"),
        ([*UDDS, {"objectName": "udd_region", "label": "Again"}], "dimensions[2].objectName", "listed twice"),
        ({"objectName": "UDD_REGION", "label": "Region"}, "dimensions", "list"),
    ],
)
def test_the_fixture_model_refuses_a_bad_dimension_naming_the_field(dimensions, field, reason):
    with pytest.raises(SettingsError) as refused:
        check_fixture(bare_company("BAD", dimensions=dimensions))
    assert refused.value.field == field
    assert reason in refused.value.reason


async def test_a_bad_dimension_is_a_400_naming_the_field_and_creates_nothing(gateway):
    bad = bare_company("BADDIM", dimensions=[UDDS[0], {"objectName": "UDD_X", "label": "X", "enabledInGL": 1}])
    status, body = await gateway.admin("POST", "/__mock__/companies", {"company": bad})
    assert status == 400
    assert body["field"] == "company.dimensions[1].enabledInGL"
    assert body["allowed"] == "true or false"
    status, listed = await gateway.admin("GET", "/__mock__/companies")
    assert "BADDIM" not in listed["companies"]


# --- the official JavaScript SDK ---------------------------------------------------------------------


@pytest.mark.skipif(shutil.which("node") is None, reason="node is not installed")
@pytest.mark.skipif(not SDK.joinpath("package.json").is_file(), reason="the official SDK is not installed")
def test_the_official_sdks_dimensions_get_and_get_user_permissions_succeed():
    with ServerProcess() as server:
        env = sdk_environment(server.port) | {"INTACCT_PERMISSIONS_OF": "ap_isu"}
        run = subprocess.run(
            ["node", str(JS / "sdk-metadata.js")], cwd=ROOT, env=env, capture_output=True, text=True, timeout=TIMEOUT
        )
    report = f"stdout:\n{run.stdout}\nstderr:\n{run.stderr}\nserver:\n{server.output()[-4000:]}"
    assert run.returncode == 0, report
    summary = json.loads(run.stdout.strip().splitlines()[-1])
    assert summary["sdk"] == "2.2.1", report
    assert summary["dimensionsStatus"] == summary["permissionsStatus"] == "success", report
    assert summary["dimensions"] == [[name, "false", "true" if name in IN_GL else "false"] for name in STANDARD]
    assert summary["applications"] == ["Accounts Payable", "General Ledger"], report
    unknown = summary["unknownUser"]
    assert unknown["name"] == "ResultException", report
    assert unknown["errors"] == ["BL03000025 Login ID no_such_user does not exist. Provide a valid USER.LOGINID value."]
