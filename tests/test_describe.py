"""inspect and lookup end to end: every answer derived from the catalogue, shaped like the captures."""

from __future__ import annotations

import pytest

from mockserver.objects import CATALOGUE, DATATYPES

from .gateway import function, login_xml

# Element order of one detailed field (PsIntacct Get-Object.Object.Details.xml).
DETAIL_TAGS = [
    "Name",
    "GroupName",
    "dataName",
    "externalDataName",
    "isRequired",
    "isReadOnly",
    "maxLength",
    "DisplayLabel",
    "Description",
    "id",
]
LOOKUP_TAGS = ["ID", "LABEL", "DESCRIPTION", "REQUIRED", "READONLY", "DATATYPE", "ISCUSTOM"]


def inspect(body: str, detail: str | None = None) -> str:
    attribute = "" if detail is None else f' detail="{detail}"'
    return f'<function controlid="f"><inspect{attribute}>{body}</inspect></function>'


def flag(value: bool) -> str:
    return "true" if value else "false"


async def data_of(gateway, functions: str, **kwargs):
    answer = await gateway.call(functions, **kwargs)
    assert answer.text("operation/result/status") == "success", answer.errors("operation")
    return answer.root.find("operation/result/data")


# --- inspect ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", ["VENDOR", "GLBATCH", "EMPLOYEE", "APBILL"])
async def test_inspect_lists_every_field_name_in_catalogue_order(gateway, name):
    data = await data_of(gateway, inspect(f"<object>{name}</object>"))
    assert (data.get("listtype"), data.get("count")) == ("All", "1")
    [type_] = data
    assert type_.tag == "Type" and dict(type_.attrib) == {"Name": name}
    assert [child.tag for child in type_] == ["Fields"]
    assert [f.text for f in type_.find("Fields")] == [f.name for f in CATALOGUE[name].fields]


async def test_inspect_uses_dotted_names_for_nested_fields_and_accepts_any_case(gateway):
    data = await data_of(gateway, inspect("<object>vendor</object>", detail="0"))
    names = [f.text for f in data.find("Type/Fields")]
    assert data.find("Type").get("Name") == "VENDOR"
    assert "DISPLAYCONTACT.EMAIL1" in names and "DISPLAYCONTACT.MAILADDRESS.CITY" in names
    assert names[0] == "RECORDNO"


@pytest.mark.parametrize("name", sorted(CATALOGUE))
async def test_inspect_detail_matches_the_catalogue(gateway, name):
    obj = CATALOGUE[name]
    data = await data_of(gateway, inspect(f"<object>{name}</object>", detail="1"))
    type_ = data.find("Type")
    assert [child.tag for child in type_] == ["Attributes", "Fields"]
    assert [child.tag for child in type_.find("Attributes")] == ["SingularName", "PluralName", "Description"]
    assert type_.findtext("Attributes/SingularName") == obj.label
    fields = type_.findall("Fields/Field")
    assert [f.findtext("Name") for f in fields] == [f.name for f in obj.fields]
    for node, field in zip(fields, obj.fields, strict=True):
        assert [child.tag for child in node] == DETAIL_TAGS
        assert node.findtext("isRequired") == flag(field.required), field.name
        assert node.findtext("isReadOnly") == flag(field.readonly), field.name
        assert node.findtext("DisplayLabel") == field.display_label
        assert node.findtext("maxLength").isdigit()
        if field.maxlength is not None:
            assert node.findtext("maxLength") == str(field.maxlength)
    ids = [f.findtext("id") for f in fields]
    assert len(set(ids)) == len(ids) and all(i.isdigit() and len(i) == 15 for i in ids)


async def test_inspect_detail_follows_the_capture_for_vendor(gateway):
    data = await data_of(gateway, inspect("<object>VENDOR</object>", detail="1"))
    fields = {f.findtext("Name"): f for f in data.iterfind("Type/Fields/Field")}
    assert data.findtext("Type/Attributes/PluralName") == "Vendors"
    record = fields["RECORDNO"]
    assert [record.findtext(t) for t in DETAIL_TAGS[1:9]] == [
        "",
        "Pt_FieldInt",
        "integer",
        "false",
        "true",
        "8",
        "Record number",
        "Record Number",
    ]
    assert fields["NAME"].findtext("isRequired") == "true" and fields["NAME"].findtext("isReadOnly") == "false"
    assert fields["NAME"].findtext("maxLength") == "100"
    assert fields["TOTALDUE"].findtext("isReadOnly") == "true"
    assert fields["DISPLAYCONTACT.EMAIL1"].findtext("GroupName") == "DISPLAYCONTACT"
    assert fields["WHENMODIFIED"].findtext("externalDataName") == "datetime"
    assert fields["ONHOLD"].findtext("externalDataName") == "boolean"
    assert fields["CREDITLIMIT"].findtext("externalDataName") == "number"


async def test_inspect_detail_is_stable_between_calls(gateway):
    first = await data_of(gateway, inspect("<object>GLBATCH</object>", detail="1"))
    second = await data_of(gateway, inspect("<object>GLBATCH</object>", detail="1"))
    assert [i.text for i in first.iter("id")] == [i.text for i in second.iter("id")]
    assert first.findtext("Type/Attributes/PluralName") == "Journal Entries"


async def test_inspect_star_lists_every_catalogue_object(gateway):
    data = await data_of(gateway, inspect("<object>*</object>"))
    assert (data.get("listtype"), data.get("count")) == ("All", "1")
    assert all(t.tag == "type" for t in data)
    assert [(t.get("typename"), t.text) for t in data] == [(name, CATALOGUE[name].label) for name in sorted(CATALOGUE)]
    detailed = await data_of(gateway, inspect("<object>*</object>", detail="1"))
    assert [t.get("typename") for t in detailed] == sorted(CATALOGUE)


async def test_inspect_by_printable_name(gateway):
    data = await data_of(gateway, inspect("<name>Journal Entry</name>"))
    assert data.find("Type").get("Name") == "GLBATCH"
    data = await data_of(gateway, inspect("<name>ap bill</name>", detail="1"))
    assert data.find("Type").get("Name") == "APBILL"


async def test_inspect_unknown_object_fails_only_its_result(gateway):
    answer = await gateway.call(
        inspect("<object>CLASS1</object>")
        + '<function controlid="g"><inspect><object>CLASS</object></inspect></function>'
    )
    assert answer.control_status == "success" and answer.authentication_status == "success"
    failed, passed = answer.results()
    assert failed.findtext("status") == "failure" and failed.find("data") is None
    assert passed.findtext("status") == "success"
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "XL03000009"
    assert error["description2"] == "Object type CLASS1 not found"
    named = await gateway.call(inspect("<name>No Such Thing</name>"))
    assert named.errors("operation/result")[0]["description2"] == "Object type No Such Thing not found"


# --- lookup -----------------------------------------------------------------------------------------


async def test_lookup_describes_fields_with_datatypes_and_valid_values(gateway):
    obj = CATALOGUE["GLBATCH"]
    data = await data_of(gateway, function("lookup", "<object>GLBATCH</object>"))
    type_ = data.find("Type")
    assert dict(type_.attrib) == {"Name": "GLBATCH", "DocumentType": ""}
    assert [child.tag for child in type_] == ["Fields", "Relationships"]
    fields = type_.findall("Fields/Field")
    assert [f.findtext("ID") for f in fields] == [f.name for f in obj.fields]
    for node, field in zip(fields, obj.fields, strict=True):
        tags = [child.tag for child in node]
        expected = LOOKUP_TAGS[:6] + (["VALIDVALUES"] if field.valid_values else []) + ["ISCUSTOM"]
        assert tags == expected, field.name
        assert node.findtext("DATATYPE") == DATATYPES[field.type]
        assert node.findtext("REQUIRED") == flag(field.required)
        assert node.findtext("READONLY") == flag(field.readonly)
        assert [v.text for v in node.iterfind("VALIDVALUES/VALIDVALUE")] == list(field.valid_values)
        assert node.findtext("ISCUSTOM") == "false"
    by_id = {f.findtext("ID"): f for f in fields}
    assert by_id["RECORDNO"].findtext("LABEL") == "Record number"
    assert by_id["BATCH_DATE"].findtext("DATATYPE") == "DATE"
    assert by_id["STATE"].findtext("DATATYPE") == "ENUM"
    assert "Posted" in [v.text for v in by_id["STATE"].iterfind("VALIDVALUES/VALIDVALUE")]


async def test_lookup_covers_every_datatype_somewhere_in_the_catalogue(gateway):
    seen = set()
    for name in ("VENDOR", "APBILL", "GLACCOUNT"):
        data = await data_of(gateway, function("lookup", f"<object>{name}</object>"))
        seen.update(d.text for d in data.iter("DATATYPE"))
    assert seen == set(DATATYPES.values())


def relationships(data) -> list[tuple[str, ...]]:
    return [
        tuple(r.findtext(t) for t in ("OBJECTPATH", "OBJECTNAME", "LABEL", "RELATIONSHIPTYPE", "RELATEDBY"))
        for r in data.iterfind("Type/Relationships/Relationship")
    ]


async def test_lookup_relationships_come_from_relations_and_references(gateway):
    apbill = await data_of(gateway, function("lookup", "<object>APBILL</object>"))
    assert relationships(apbill) == [
        ("VENDOR", "VENDOR", "Vendor", "MANY2ONE", "VENDORID"),
        ("APBILLITEMS", "APBILLITEM", "AP Bill Detail", "ONE2MANY", "RECORDKEY"),
    ]
    employee = await data_of(gateway, function("lookup", "<object>employee</object>"))
    assert relationships(employee) == [
        ("CONTACT", "CONTACT", "Contact", "MANY2ONE", "PERSONALINFO.CONTACTNAME"),
        ("DEPARTMENT", "DEPARTMENT", "Department", "MANY2ONE", "DEPARTMENTID"),
        ("LOCATION", "LOCATION", "Location", "MANY2ONE", "LOCATIONID"),
        ("SUPERVISORID", "EMPLOYEE", "", "MANY2ONE", "SUPERVISORID"),
    ]
    vendor = await data_of(gateway, function("lookup", "<object>VENDOR</object>"))
    assert relationships(vendor) == [("PARENT", "VENDOR", "Parent", "MANY2ONE", "PARENTID")]
    contact = await data_of(gateway, function("lookup", "<object>CONTACT</object>"))
    assert contact.find("Type/Relationships") is not None and relationships(contact) == []


async def test_lookup_relationships_name_catalogue_objects(gateway):
    for name in sorted(CATALOGUE):
        data = await data_of(gateway, function("lookup", f"<object>{name}</object>"))
        assert all(target in CATALOGUE for _, target, *_ in relationships(data)), name


async def test_lookup_echoes_docparid_as_document_type(gateway):
    data = await data_of(gateway, function("lookup", "<object>ARINVOICE</object><docparid>Sales Invoice</docparid>"))
    assert data.find("Type").get("DocumentType") == "Sales Invoice"


async def test_lookup_unknown_object_fails(gateway):
    answer = await gateway.call(function("lookup", "<object>BADOBJECT</object>"))
    assert answer.control_status == "success" and answer.authentication_status == "success"
    assert answer.text("operation/result/status") == "failure"
    [error] = answer.errors("operation/result")
    assert error["errorno"] == "XL03000009"
    assert error["description2"] == "Object definition BADOBJECT not found"


# --- no permission check --------------------------------------------------------------------------


@pytest.mark.parametrize("userid", ["ap_isu", "readonly_isu"])
async def test_users_without_permissions_still_inspect_and_lookup(gateway, userid):
    login = {"authentication": login_xml(userid=userid)}
    denied = await gateway.call(
        function("create", "<CUSTOMER><CUSTOMERID>X1</CUSTOMERID><NAME>X</NAME></CUSTOMER>"), **login
    )
    assert denied.errors("operation/result")[0]["errorno"] == "PL04000005"
    for body in (
        inspect("<object>CUSTOMER</object>", detail="1"),
        inspect("<object>*</object>"),
        function("lookup", "<object>CUSTOMER</object>"),
    ):
        data = await data_of(gateway, body, **login)
        assert data is not None


async def test_unsubscribed_modules_are_still_described(gateway):
    status, _ = await gateway.admin("PATCH", "/__mock__/companies/MOCKCO", {"modules": ["General Ledger"]})
    assert status == 200
    query = await gateway.call(function("readByQuery", "<object>PROJECT</object><query/>"))
    assert query.text("operation/result/status") == "failure"
    data = await data_of(gateway, inspect("<object>PROJECT</object>"))
    assert data.find("Type").get("Name") == "PROJECT"
    data = await data_of(gateway, function("lookup", "<object>PROJECT</object>"))
    assert data.find("Type").get("Name") == "PROJECT"
