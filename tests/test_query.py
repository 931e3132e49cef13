"""The query function end to end (select, filter, orderby, options, offset paging, aggregates,
returnformat json/csv), readByQuery's returnFormat, and a property test of both against a reference
evaluation of the same conditions under SQL's three-valued logic."""

from __future__ import annotations

import csv
import io
import json
import re
from xml.sax.saxutils import escape

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from .gateway import bare_company, function, login_xml, request_xml, vendor_xml

COMPANY = "QRYCO"


def as_company(companyid: str = COMPANY, **login) -> dict:
    return {"authentication": login_xml(companyid=companyid, **login)}


def query_xml(
    obj: str = "VENDOR",
    select=("VENDORID",),
    filter: str = "",
    orderby: str = "",
    options: str = "",
    pagesize: int | str | None = None,
    offset: int | str | None = None,
) -> str:
    body = f"<object>{obj}</object><select>"
    for entry in select:
        kind, _, name = entry.rpartition(":")  # "sum:CREDITLIMIT" or a plain field
        body += f"<{kind or 'field'}>{name}</{kind or 'field'}>"
    body += "</select>"
    body += f"<filter>{filter}</filter>" if filter else ""
    body += f"<orderby>{orderby}</orderby>" if orderby else ""
    body += f"<options>{options}</options>" if options else ""
    body += f"<pagesize>{pagesize}</pagesize>" if pagesize is not None else ""
    body += f"<offset>{offset}</offset>" if offset is not None else ""
    return function("query", body)


def cmp(operator: str, field: str, *values: str) -> str:
    return (
        f"<{operator}><field>{field}</field>"
        + "".join(f"<value>{escape(v)}</value>" for v in values)
        + f"</{operator}>"
    )


def order(field: str, direction: str = "") -> str:
    return f"<order><field>{field}</field>{f'<{direction}/>' if direction else ''}</order>"


async def run_query(gateway, companyid: str = COMPANY, login: dict | None = None, **query):
    answer = await gateway.call(query_xml(**query), **(login or as_company(companyid)))
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")
    return answer.root.find("operation/result/data")


async def query_error(gateway, **query) -> dict:
    answer = await gateway.call(query_xml(**query), **as_company())
    assert answer.text("operation/result/status") == "failure"
    return answer.errors("operation/result")[0]


def ids(data, field: str = "VENDORID") -> list[str]:
    return [row.findtext(field) for row in data]


async def create(gateway, payload: str, companyid: str = COMPANY, **login) -> None:
    answer = await gateway.call(function("create", payload), **as_company(companyid, **login))
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")


VENDORS = [  # id, name, credit limit, type, status
    ("V1", "Acme", "100", "Supplier", "active"),
    ("V2", "acme west", "250.5", "Supplier", "active"),
    ("V3", "Beta", "", "", "inactive"),
    ("V4", "Gamma", "1000", "Contractor", "active"),
    ("V5", "Delta_1", "0", "supplier", "active"),
    ("V6", "Delta21", "-5", "", "inactive"),
]


@pytest.fixture
async def company(gateway):
    """A fresh company with six vendors, so counts are exact whatever MOCKCO holds."""
    gateway.state.create_company(bare_company(COMPANY))
    payload = ""
    for vendorid, name, limit, vendtype, status in VENDORS:
        fields = {k: v for k, v in (("CREDITLIMIT", limit), ("VENDTYPE", vendtype)) if v}
        payload += vendor_xml(vendorid, name, STATUS=status, **fields)
    await create(gateway, payload)
    return COMPANY


# --- filters ----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "condition, expected",
    [
        (cmp("equalto", "NAME", "Acme"), ["V1"]),
        (cmp("notequalto", "VENDTYPE", "Supplier"), ["V4", "V5"]),  # empty VENDTYPE (NULL) never matches
        (cmp("lessthan", "CREDITLIMIT", "100"), ["V5", "V6"]),
        (cmp("lessthanorequalto", "CREDITLIMIT", "100"), ["V1", "V5", "V6"]),
        (cmp("greaterthan", "CREDITLIMIT", "100"), ["V2", "V4"]),
        (cmp("greaterthanorequalto", "CREDITLIMIT", "250.5"), ["V2", "V4"]),
        (cmp("between", "CREDITLIMIT", "0", "250.5"), ["V1", "V2", "V5"]),
        (cmp("in", "VENDORID", "V1", "V3", "NOPE"), ["V1", "V3"]),
        (cmp("notin", "VENDTYPE", "Supplier", "Contractor"), ["V5"]),
        (cmp("like", "NAME", "Delta_1"), ["V5", "V6"]),  # _ is any one character
        (cmp("like", "NAME", "%a%"), ["V2", "V3", "V4", "V5", "V6"]),
        (cmp("notlike", "NAME", "A%"), ["V2", "V3", "V4", "V5", "V6"]),
        (cmp("isnull", "CREDITLIMIT"), ["V3"]),
        (cmp("isnotnull", "VENDTYPE"), ["V1", "V2", "V4", "V5"]),
        (cmp("equalto", "STATUS", "inactive"), ["V3", "V6"]),
        (
            "<and>"
            + cmp("equalto", "STATUS", "active")
            + "<or>"
            + cmp("like", "NAME", "D%")
            + cmp("greaterthan", "CREDITLIMIT", "500")
            + "</or></and>",
            ["V4", "V5"],
        ),
        (
            "<or>"
            + cmp("equalto", "VENDORID", "V1")
            + "<and>"
            + cmp("isnull", "VENDTYPE")
            + cmp("lessthan", "CREDITLIMIT", "0")
            + "</and></or>",
            ["V1", "V6"],
        ),
    ],
)
async def test_each_filter_operator_selects_the_right_vendors(gateway, company, condition, expected):
    data = await run_query(gateway, filter=condition)
    assert ids(data) == expected
    assert data.get("totalcount") == data.get("count") == str(len(expected))


async def test_comparisons_are_case_sensitive_unless_the_query_asks_otherwise(gateway, company):
    like_acme = cmp("like", "NAME", "acme%")
    assert ids(await run_query(gateway, filter=like_acme)) == ["V2"]
    insensitive = "<caseinsensitive>true</caseinsensitive>"
    assert ids(await run_query(gateway, filter=like_acme, options=insensitive)) == ["V1", "V2"]
    assert ids(await run_query(gateway, filter=cmp("equalto", "VENDTYPE", "SUPPLIER"), options=insensitive)) == [
        "V1",
        "V2",
        "V5",
    ]
    assert ids(await run_query(gateway, filter=cmp("in", "NAME", "BETA", "gamma"), options=insensitive)) == ["V3", "V4"]
    assert ids(await run_query(gateway, filter=cmp("equalto", "VENDTYPE", "SUPPLIER"))) == []


async def test_unsupported_value_for_a_field_type_is_a_query_error(gateway, company):
    error = await query_error(gateway, filter=cmp("equalto", "CREDITLIMIT", "lots"))
    assert error["errorno"] == "DL02000001"


# --- select ------------------------------------------------------------------------------------------


async def test_answer_has_uppercase_rows_with_only_the_selected_fields_in_select_order(gateway, company):
    data = await run_query(
        gateway,
        select=("NAME", "RECORDNO", "CREDITLIMIT", "DISPLAYCONTACT.PRINTAS"),
        filter=cmp("equalto", "VENDORID", "V2"),
    )
    assert dict(data.attrib) == {
        "listtype": "VENDOR",
        "totalcount": "1",
        "offset": "0",
        "count": "1",
        "numremaining": "0",
    }
    [row] = data
    assert row.tag == "VENDOR"
    assert [(e.tag, e.text) for e in row] == [
        ("NAME", "acme west"),
        ("RECORDNO", "2"),
        ("CREDITLIMIT", "250.5"),
        ("DISPLAYCONTACT.PRINTAS", "acme west"),
    ]


async def test_empty_values_and_empty_results(gateway, company):
    data = await run_query(gateway, select=("VENDTYPE", "CREDITLIMIT"), filter=cmp("equalto", "VENDORID", "V3"))
    assert [(e.tag, e.text or "") for e in data[0]] == [("VENDTYPE", ""), ("CREDITLIMIT", "")]
    empty = await run_query(gateway, filter=cmp("equalto", "VENDORID", "NOPE"))
    assert dict(empty.attrib) == {
        "listtype": "VENDOR",
        "totalcount": "0",
        "offset": "0",
        "count": "0",
        "numremaining": "0",
    }
    assert len(empty) == 0


@pytest.fixture
async def bills(gateway, company):
    """Three bills, one per vendor V1 (limit 100), V2 (250.5) and V3 (no limit)."""
    await create(gateway, "<GLACCOUNT><ACCOUNTNO>6000</ACCOUNTNO><TITLE>Supplies</TITLE></GLACCOUNT>")
    payload = ""
    for vendorid, amount in (("V1", "10"), ("V2", "20.25"), ("V3", "30")):
        payload += (
            f"<APBILL><VENDORID>{vendorid}</VENDORID><WHENCREATED>03/01/2026</WHENCREATED>"
            f"<APBILLITEMS><APBILLITEM><ACCOUNTNO>6000</ACCOUNTNO><TRX_AMOUNT>{amount}</TRX_AMOUNT>"
            f"</APBILLITEM></APBILLITEMS></APBILL>"
        )
    await create(gateway, payload)


async def test_related_vendor_field_on_bills_in_select_and_filter(gateway, bills):
    data = await run_query(
        gateway,
        obj="APBILL",
        select=("RECORDNO", "VENDORID", "VENDOR.CREDITLIMIT", "TOTALDUE"),
        filter=cmp("greaterthan", "VENDOR.CREDITLIMIT", "150"),
    )
    assert data.get("listtype") == "APBILL"
    [row] = data
    assert row.tag == "APBILL"
    assert [(e.tag, e.text) for e in row] == [
        ("RECORDNO", "2"),
        ("VENDORID", "V2"),
        ("VENDOR.CREDITLIMIT", "250.5"),
        ("TOTALDUE", "20.25"),
    ]
    no_limit = await run_query(
        gateway, obj="APBILL", select=("VENDORID", "VENDOR.CREDITLIMIT"), filter=cmp("isnull", "VENDOR.CREDITLIMIT")
    )
    assert [(r.findtext("VENDORID"), r.findtext("VENDOR.CREDITLIMIT")) for r in no_limit] == [("V3", "")]
    by_name = await run_query(
        gateway,
        obj="APBILL",
        select=("VENDORID",),
        filter=cmp("like", "VENDOR.NAME", "acme%"),
        options="<caseinsensitive>true</caseinsensitive>",
    )
    assert ids(by_name) == ["V1", "V2"]


async def test_related_field_in_orderby_and_unknown_related_field(gateway, bills):
    data = await run_query(
        gateway, obj="APBILL", select=("VENDORID",), orderby=order("VENDOR.CREDITLIMIT", "descending")
    )
    assert ids(data) == ["V3", "V2", "V1"]  # descending: empty (NULL) first, as Oracle sorts
    error = await query_error(gateway, obj="APBILL", select=("VENDOR.NOPE",))
    assert error["errorno"] == "DL02000001" and "VENDOR.NOPE" in error["description2"]


# --- orderby and paging --------------------------------------------------------------------------------


async def test_orderby_ascending_descending_and_several_fields(gateway, company):
    assert ids(await run_query(gateway, orderby=order("NAME"))) == ["V1", "V3", "V6", "V5", "V4", "V2"]
    assert ids(await run_query(gateway, orderby=order("NAME", "ascending"))) == ["V1", "V3", "V6", "V5", "V4", "V2"]
    assert ids(await run_query(gateway, orderby=order("CREDITLIMIT", "descending"))) == [
        "V3",
        "V4",
        "V2",
        "V1",
        "V5",
        "V6",
    ]
    assert ids(await run_query(gateway, orderby=order("CREDITLIMIT"))) == ["V6", "V5", "V1", "V2", "V4", "V3"]
    assert ids(await run_query(gateway, orderby=order("STATUS", "descending") + order("VENDORID", "descending"))) == [
        "V6",
        "V3",
        "V5",
        "V4",
        "V2",
        "V1",
    ]
    assert ids(await run_query(gateway)) == ["V1", "V2", "V3", "V4", "V5", "V6"]  # no orderby: RECORDNO


async def test_offset_paging_returns_every_record_once_and_counts_down(gateway):
    gateway.state.create_company(bare_company(COMPANY))
    await create(gateway, "".join(vendor_xml(f"P{n:02}", f"Vendor {n % 4}") for n in range(23)))
    seen, remaining = [], []
    for offset in range(0, 25, 5):
        data = await run_query(gateway, select=("RECORDNO",), orderby=order("NAME"), pagesize=5, offset=offset)
        assert (data.get("totalcount"), data.get("offset")) == ("23", str(offset))
        assert data.get("count") == str(len(data))
        seen += ids(data, "RECORDNO")
        remaining.append(data.get("numremaining"))
    assert sorted(seen, key=int) == [str(n) for n in range(1, 24)]
    assert remaining == ["18", "13", "8", "3", "0"]
    beyond = await run_query(gateway, pagesize=5, offset=40)
    assert (beyond.get("totalcount"), beyond.get("count"), beyond.get("numremaining")) == ("23", "0", "0")


@pytest.mark.parametrize(
    "pagesize, offset, ok",
    [
        (1, 0, True),
        (2000, 0, True),
        (0, 0, False),
        (2001, 0, False),
        ("ten", 0, False),
        (100, 10**6, True),
        (100, -1, False),
        (100, "x", False),
    ],
)
async def test_pagesize_and_offset_bounds(gateway, company, pagesize, offset, ok):
    answer = await gateway.call(query_xml(pagesize=pagesize, offset=offset), **as_company())
    if ok:
        assert answer.text("operation/result/status") == "success"
        assert answer.root.find("operation/result/data").get("count") == (
            "1" if pagesize == 1 else "0" if offset else "6"
        )
    else:
        [error] = answer.errors("operation/result")
        assert error["errorno"] == "XL03000009"
        assert ("pagesize" if pagesize != 100 else "offset") in error["description2"]


async def test_default_pagesize_is_100(gateway):
    gateway.state.create_company(bare_company(COMPANY))
    await create(gateway, "".join(vendor_xml(f"P{n:03}") for n in range(105)))
    data = await run_query(gateway)
    assert (data.get("count"), data.get("numremaining")) == ("100", "5")


# --- aggregates ------------------------------------------------------------------------------------------


async def test_aggregates_answer_one_row(gateway, company):
    data = await run_query(
        gateway,
        select=(
            "count:RECORDNO",
            "count:CREDITLIMIT",
            "sum:CREDITLIMIT",
            "avg:CREDITLIMIT",
            "min:NAME",
            "max:CREDITLIMIT",
        ),
    )
    assert dict(data.attrib) == {
        "listtype": "VENDOR",
        "totalcount": "1",
        "offset": "0",
        "count": "1",
        "numremaining": "0",
    }
    [row] = data
    assert row.tag == "VENDOR"
    assert [(e.tag, e.text) for e in row] == [
        ("COUNT.RECORDNO", "6"),
        ("COUNT.CREDITLIMIT", "5"),
        ("SUM.CREDITLIMIT", "1345.5"),
        ("AVG.CREDITLIMIT", "269.1"),
        ("MIN.NAME", "Acme"),
        ("MAX.CREDITLIMIT", "1000"),
    ]
    filtered = await run_query(
        gateway, select=("count:RECORDNO", "sum:CREDITLIMIT"), filter=cmp("equalto", "VENDORID", "NOPE")
    )
    assert [(e.tag, e.text or "") for e in filtered[0]] == [("COUNT.RECORDNO", "0"), ("SUM.CREDITLIMIT", "")]


async def test_aggregate_of_a_related_field(gateway, bills):
    data = await run_query(gateway, obj="APBILL", select=("sum:VENDOR.CREDITLIMIT", "sum:TOTALDUE"))
    assert [(e.tag, e.text) for e in data[0]] == [("SUM.VENDOR.CREDITLIMIT", "350.5"), ("SUM.TOTALDUE", "60.25")]


async def test_aggregates_mixed_with_fields_or_on_text_are_refused(gateway, company):
    mixed = await query_error(gateway, select=("VENDORID", "count:RECORDNO"))
    assert mixed["errorno"] == "XL03000009" and "not both" in mixed["description2"]
    text_sum = await query_error(gateway, select=("sum:NAME",))
    assert text_sum["errorno"] == "XL03000009" and "NAME" in text_sum["description2"]


# --- errors ------------------------------------------------------------------------------------------------


async def test_unknown_object_and_fields(gateway, company):
    unknown = await query_error(gateway, obj="NOPE")
    assert (unknown["errorno"], unknown["description2"]) == ("XL03000009", "Object definition NOPE not found")
    for query in (
        {"select": ("VENDORID", "NOSUCH")},
        {"filter": cmp("equalto", "NOSUCH", "x")},
        {"orderby": order("NOSUCH")},
        {"select": ("PARENT.NOSUCH",)},
        {"select": ("max:NOSUCH",)},
    ):
        error = await query_error(gateway, **query)
        assert error["errorno"] == "DL02000001" and "NOSUCH" in error["description2"], query


async def test_unknown_returnformat_is_refused(gateway, company):
    error = await query_error(gateway, options="<returnformat>yaml</returnformat>")
    assert error["errorno"] == "XL03000009" and "yaml" in error["description2"]


# --- entities --------------------------------------------------------------------------------------------


async def test_showprivate_from_the_top_level_and_entity_sessions(gateway, company):
    await create(gateway, vendor_xml("EAST"), locationid="E100")
    show = "<showprivate>true</showprivate>"
    top = await run_query(gateway, filter=cmp("like", "VENDORID", "%"))
    assert "EAST" not in ids(top) and len(top) == 6  # top-level lists: shared records only
    assert "EAST" in ids(await run_query(gateway, options=show))
    east = await run_query(gateway, login=as_company(locationid="E100"))
    assert "EAST" in ids(east) and len(east) == 7  # an entity sees shared records and its own
    for options in ("", show):  # another entity never sees E100's private records
        west = await run_query(gateway, login=as_company(locationid="E200"), options=options)
        assert "EAST" not in ids(west) and len(west) == 6


# --- returnformat ------------------------------------------------------------------------------------------


async def post_raw(gateway, functions: str):
    async with gateway.http.post(
        gateway.endpoint, data=request_xml(functions, **as_company()), headers={"Content-Type": "application/xml"}
    ) as reply:
        return reply.status, reply.headers.get("Content-Type", ""), await reply.text()


JSON_QUERY = dict(
    select=("VENDORID", "CREDITLIMIT", "DISPLAYCONTACT.PRINTAS"),
    orderby=order("VENDORID"),
    pagesize=2,
    options="<returnformat>json</returnformat>",
)


async def test_lone_json_query_answers_a_bare_json_array(gateway, company):
    status, content_type, body = await post_raw(gateway, query_xml(**JSON_QUERY))
    assert status == 200 and content_type.startswith("application/json")
    assert json.loads(body) == [
        {"VENDORID": "V1", "CREDITLIMIT": "100", "DISPLAYCONTACT.PRINTAS": "Acme"},
        {"VENDORID": "V2", "CREDITLIMIT": "250.5", "DISPLAYCONTACT.PRINTAS": "acme west"},
    ]


async def test_a_replayed_lone_json_query_answers_the_same_bare_json(gateway, company):
    """uniqueid=true with replay mode: the second answer is the first one, in the same bare form."""
    gateway.state.companies[COMPANY].uniqueid_replay = "replay"
    answers = []
    for _ in range(2):
        body = request_xml(query_xml(**JSON_QUERY), uniqueid="true", **as_company())
        async with gateway.http.post(gateway.endpoint, data=body, headers={"Content-Type": "application/xml"}) as reply:
            answers.append((reply.status, reply.headers.get("Content-Type", ""), await reply.text()))
    (status, content_type, first), again = answers
    assert status == 200 and content_type.startswith("application/json")
    assert again == answers[0]
    assert json.loads(first)[0]["VENDORID"] == "V1"


async def test_lone_csv_query_answers_bare_csv_with_a_header(gateway, company):
    status, content_type, body = await post_raw(
        gateway,
        query_xml(
            select=("VENDORID", "NAME", "VENDTYPE"),
            filter=cmp("in", "VENDORID", "V2", "V3"),
            options="<returnformat>csv</returnformat>",
        ),
    )
    assert status == 200 and content_type.startswith("text/csv")
    assert list(csv.reader(io.StringIO(body))) == [
        ["VENDORID", "NAME", "VENDTYPE"],
        ["V2", "acme west", "Supplier"],
        ["V3", "Beta", ""],
    ]
    _, _, empty = await post_raw(
        gateway, query_xml(filter=cmp("equalto", "VENDORID", "NOPE"), options="<returnformat>csv</returnformat>")
    )
    assert empty == "VENDORID\n"


async def test_json_query_keeps_the_envelope_among_other_functions_or_on_failure(gateway, company):
    answer = await gateway.call(
        query_xml(**JSON_QUERY) + function("readByQuery", "<object>VENDOR</object><query/>", "f2"), **as_company()
    )
    data = answer.root.find("operation/result/data")
    assert dict(data.attrib) == {
        "listtype": "VENDOR",
        "totalcount": "6",
        "offset": "0",
        "count": "2",
        "numremaining": "4",
    }
    assert [row["VENDORID"] for row in json.loads(data.text)] == ["V1", "V2"]
    failed = await gateway.call(query_xml(obj="NOPE", options="<returnformat>json</returnformat>"), **as_company())
    assert failed.text("operation/result/status") == "failure"


async def test_aggregate_query_as_csv_inside_the_envelope(gateway, company):
    answer = await gateway.call(
        query_xml(select=("count:RECORDNO",), options="<returnformat>csv</returnformat>")
        + function("getAPISession", "", "s"),
        **as_company(),
    )
    assert answer.text("operation/result/data") == "COUNT.RECORDNO\n6\n"


async def test_read_by_query_json_and_csv_inside_data_and_read_more_keeps_the_format(gateway, company):
    body = (
        "<object>VENDOR</object><query>STATUS = 'T'</query><fields>VENDORID,CREDITLIMIT,DISPLAYCONTACT.PRINTAS"
        "</fields><pagesize>3</pagesize><returnFormat>json</returnFormat>"
    )
    answer = await gateway.call(function("readByQuery", body), **as_company())
    data = answer.root.find("operation/result/data")
    assert (data.get("listtype"), data.get("count"), data.get("totalcount"), data.get("numremaining")) == (
        "vendor",
        "3",
        "4",
        "1",
    )
    assert json.loads(data.text) == [
        {"VENDORID": "V1", "CREDITLIMIT": "100", "DISPLAYCONTACT": {"PRINTAS": "Acme"}},
        {"VENDORID": "V2", "CREDITLIMIT": "250.5", "DISPLAYCONTACT": {"PRINTAS": "acme west"}},
        {"VENDORID": "V4", "CREDITLIMIT": "1000", "DISPLAYCONTACT": {"PRINTAS": "Gamma"}},
    ]
    more = await gateway.call(function("readMore", f"<resultId>{data.get('resultId')}</resultId>"), **as_company())
    assert json.loads(more.text("operation/result/data")) == [
        {"VENDORID": "V5", "CREDITLIMIT": "0", "DISPLAYCONTACT": {"PRINTAS": "Delta_1"}}
    ]
    as_csv = await gateway.call(function("readByQuery", body.replace(">json<", ">csv<")), **as_company())
    assert as_csv.text("operation/result/data").splitlines()[:2] == [
        "VENDORID,CREDITLIMIT,DISPLAYCONTACT.PRINTAS",
        "V1,100,Acme",
    ]
    wrong = await gateway.call(function("readByQuery", body.replace(">json<", ">html<")), **as_company())
    assert wrong.errors("operation/result")[0]["errorno"] == "XL03000009"


# --- property: the mock agrees with a reference evaluation -------------------------------------------------
#
# A condition is ("cmp", field, operator, values) or (logic, [children]) with logic and | or | not.

ALPHABET = "abAB_"
NEGATED = {
    "=": "!=",
    "!=": "=",
    "<": ">=",
    ">=": "<",
    ">": "<=",
    "<=": ">",
    "like": "notlike",
    "notlike": "like",
    "in": "notin",
    "notin": "in",
    "isnull": "isnotnull",
    "isnotnull": "isnull",
}
FILTER_TAGS = {
    "=": "equalto",
    "!=": "notequalto",
    "<": "lessthan",
    "<=": "lessthanorequalto",
    ">": "greaterthan",
    ">=": "greaterthanorequalto",
    "like": "like",
    "notlike": "notlike",
    "in": "in",
    "notin": "notin",
    "isnull": "isnull",
    "isnotnull": "isnotnull",
    "between": "between",
}

names = st.text(ALPHABET, min_size=1, max_size=3)
# Never whole: LIKE on a whole decimal sees SQLite's text '100.0', not the '100' answers show (a known gap).
credit_limits = st.builds(
    lambda whole, quarter: whole + quarter, st.integers(-10, 200), st.sampled_from([0.25, 0.5, 0.75])
)
FIELD_VALUES = {
    "NAME": names,
    "VENDTYPE": st.sampled_from(["Supplier", "supplier", "SUPPLIER", "Contractor", "a_", "ab"]),
    "STATUS": st.sampled_from(["active", "inactive"]),
    "CREDITLIMIT": st.integers(-40, 800).map(lambda n: str(n / 4)),
}
FIELD_PATTERNS = {
    "NAME": st.text(ALPHABET + "%", min_size=1, max_size=4),
    "VENDTYPE": st.sampled_from(["S%", "s%", "%er", "%PP%", "a_", "_b", "%", "Contractor"]),
    "STATUS": st.sampled_from(["act%", "ACT%", "%ive", "in%", "_ctive", "%"]),
    "CREDITLIMIT": st.text("0123456789.-%_", min_size=1, max_size=4),
}


@st.composite
def comparisons(draw):
    field = draw(st.sampled_from(sorted(FIELD_VALUES)))
    operator = draw(st.sampled_from(sorted(FILTER_TAGS)))
    if operator in ("isnull", "isnotnull"):
        values = []
    elif operator in ("like", "notlike"):
        values = [draw(FIELD_PATTERNS[field])]
    elif operator in ("in", "notin"):
        values = draw(st.lists(FIELD_VALUES[field], min_size=1, max_size=3))
    elif operator == "between":
        values = [draw(FIELD_VALUES[field]), draw(FIELD_VALUES[field])]
    else:
        values = [draw(FIELD_VALUES[field])]
    return ("cmp", field, operator, values)


conditions = st.recursive(
    comparisons(),
    lambda children: st.one_of(
        st.tuples(st.sampled_from(["and", "or"]), st.lists(children, min_size=1, max_size=3)),
        st.tuples(st.just("not"), children.map(lambda child: [child])),
    ),
    max_leaves=6,
)

vendors = st.lists(
    st.fixed_dictionaries(
        {
            "NAME": names,
            "CREDITLIMIT": st.none() | credit_limits,
            "STATUS": st.sampled_from(["active", "inactive"]),
            "VENDTYPE": st.none() | st.sampled_from(["Supplier", "supplier", "Contractor", "a_"]),
        }
    ),
    min_size=20,
    max_size=40,
)


def like(text: str, pattern: str) -> bool:
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, text, re.S) is not None


def evaluate(node, vendor: dict, insensitive: bool) -> bool | None:
    """SQL's three-valued logic: None is unknown; an empty (NULL) field makes every comparison unknown."""
    if node[0] in ("and", "or", "not"):
        results = [evaluate(child, vendor, insensitive) for child in node[1]]
        if node[0] == "not":
            return None if results[0] is None else not results[0]
        decisive = node[0] == "or"  # True decides an OR, False an AND
        if decisive in results:
            return decisive
        return None if None in results else not decisive
    _, field, operator, values = node
    value = vendor[field]
    if operator in ("isnull", "isnotnull"):
        return (value is None) == (operator == "isnull")
    if value is None:
        return None
    if operator in ("like", "notlike"):
        text, pattern = (str(value), values[0])
        if insensitive:
            text, pattern = text.lower(), pattern.lower()
        return like(text, pattern) == (operator == "like")
    if field == "CREDITLIMIT":
        operands = [float(v) for v in values]
    else:
        operands = [v.lower() for v in values] if insensitive else list(values)
        value = value.lower() if insensitive else value
    if operator == "between":
        return operands[0] <= value <= operands[1]
    if operator in ("in", "notin"):
        return (value in operands) == (operator == "in")
    first = operands[0]
    return {
        "=": value == first,
        "!=": value != first,
        "<": value < first,
        "<=": value <= first,
        ">": value > first,
        ">=": value >= first,
    }[operator]


def as_filter(node, negate: bool = False) -> str:
    """The <filter> form, which has no <not>: negations are pushed down to the comparisons (exact under
    three-valued logic, as De Morgan's laws hold there)."""
    if node[0] == "not":
        return as_filter(node[1][0], not negate)
    if node[0] in ("and", "or"):
        tag = {"and": "or", "or": "and"}[node[0]] if negate else node[0]
        return f"<{tag}>" + "".join(as_filter(child, negate) for child in node[1]) + f"</{tag}>"
    _, field, operator, values = node
    if negate and operator == "between":
        return as_filter(("or", [("cmp", field, "<", values[:1]), ("cmp", field, ">", values[1:])]))
    operator = NEGATED[operator] if negate else operator
    return cmp(FILTER_TAGS[operator], field, *values)


def as_query_string(node) -> str:
    """The readByQuery form: NOT, AND, OR, parentheses; BETWEEN as two comparisons."""
    if node[0] == "not":
        return f"NOT ({as_query_string(node[1][0])})"
    if node[0] in ("and", "or"):
        return "(" + f" {node[0].upper()} ".join(as_query_string(child) for child in node[1]) + ")"
    _, field, operator, values = node
    quoted = [("'" + v.replace("\\", "\\\\").replace("'", "\\'") + "'") for v in values]
    if operator == "between":
        return f"({field} >= {quoted[0]} AND {field} <= {quoted[1]})"
    if operator in ("in", "notin"):
        return f"{field} {'NOT ' if operator == 'notin' else ''}IN ({', '.join(quoted)})"
    words = {"like": "LIKE", "notlike": "NOT LIKE", "isnull": "IS NULL", "isnotnull": "IS NOT NULL"}
    if operator in ("isnull", "isnotnull"):
        return f"{field} {words[operator]}"
    return f"{field} {words.get(operator, operator)} {quoted[0]}"


@settings(suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(records=vendors, condition=conditions, insensitive=st.booleans())
async def test_query_and_read_by_query_agree_with_a_reference_evaluation(gateway, records, condition, insensitive):
    gateway.state.create_company(bare_company("PROPQ"))
    payload = ""
    for n, vendor in enumerate(records):
        fields = {k: str(vendor[k]) for k in ("CREDITLIMIT", "VENDTYPE") if vendor[k] is not None}
        payload += vendor_xml(f"V{n}", vendor["NAME"], STATUS=vendor["STATUS"], **fields)
    await create(gateway, payload, "PROPQ")

    options = "<caseinsensitive>true</caseinsensitive>" if insensitive else ""
    data = await run_query(gateway, "PROPQ", filter=as_filter(condition), options=options, pagesize=2000)
    expected = {f"V{n}" for n, vendor in enumerate(records) if evaluate(condition, vendor, insensitive) is True}
    assert set(ids(data)) == expected, as_filter(condition)
    assert data.get("totalcount") == str(len(expected))

    text = as_query_string(condition)
    answer = await gateway.call(
        function(
            "readByQuery",
            f"<object>VENDOR</object><query>{escape(text)}</query><fields>VENDORID</fields><pagesize>1000</pagesize>",
        ),
        **as_company("PROPQ"),
    )
    assert answer.text("operation/result/status") == "success", answer.errors("operation/result")
    expected = {f"V{n}" for n, vendor in enumerate(records) if evaluate(condition, vendor, False) is True}
    assert set(ids(answer.root.find("operation/result/data"))) == expected, text
