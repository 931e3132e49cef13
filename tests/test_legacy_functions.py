"""Every legacy function Intacct's developer docs describe (tests/facts/legacy_functions.json), end to end
on a real socket: one success and one failure each, from its case file tests/legacy_cases/<function>.yaml
(the format is in tests/legacy_cases/README.md), or a reason in tests/legacy_cases/out_of_reach.yaml.

A success must answer success (and the <key> the case names); the record it wrote or changed must read
back with the case's field values through read, readByQuery and query alike. A failure must answer the
case's errorno, and change nothing the company holds. Each case runs in its own copy of MOCKCO on one
mock process (python -m mockserver serve), so cases never see each other's writes.
"""

from __future__ import annotations

import itertools
import json
import urllib.request
from pathlib import Path
from xml.sax.saxutils import escape

import pytest
import yaml
from lxml import etree

from .gateway import login_xml, request_xml, response_schema
from .server_process import ServerProcess

FACTS = Path(__file__).parent / "facts" / "legacy_functions.json"
CASES = Path(__file__).parent / "legacy_cases"
DOCUMENTED = sorted(json.loads(FACTS.read_text()))
CASE_KEYS = {"setup", "success", "reads_back", "failure"}
companies = itertools.count(1)


def case_of(function: str) -> dict:
    path = CASES / f"{function}.yaml"
    return (yaml.safe_load(path.read_text()) or {}) if path.exists() else {}


CASE_FILES = {name: case_of(name) for name in DOCUMENTED}
OUT_OF_REACH = {name: case["out_of_reach"] for name, case in CASE_FILES.items() if "out_of_reach" in case}


@pytest.fixture(scope="module")
def mock():
    server = ServerProcess().start()
    yield server
    server.stop()


class Company:
    """A fresh copy of MOCKCO on the mock, spoken to as MOCKCO's full-access user."""

    def __init__(self, mock: ServerProcess) -> None:
        self.mock = mock
        self.companyid = f"LEGACY{next(companies)}"
        status, body = mock.admin("POST", "/__mock__/companies", {"fixture": "MOCKCO", "companyid": self.companyid})
        assert status == 201, body

    def result(self, body: str) -> etree._Element:
        functions = f'<function controlid="c">{body}</function>'
        data = request_xml(functions, authentication=login_xml(companyid=self.companyid))
        request = urllib.request.Request(self.mock.endpoint, data=data, headers={"Content-Type": "application/xml"})
        with urllib.request.urlopen(request, timeout=30) as reply:
            assert reply.status == 200
            root = etree.fromstring(reply.read())
        schema = response_schema()
        assert schema.validate(root), schema.error_log
        assert root.findtext("control/status") == "success", etree.tostring(root).decode()
        result = root.find("operation/result")
        assert result is not None, etree.tostring(root).decode()
        return result

    def records(self) -> dict:
        status, state = self.mock.admin("GET", f"/__mock__/companies/{self.companyid}/state")
        assert status == 200
        return state["records"]


def errors_of(result: etree._Element) -> list[tuple[str | None, str | None]]:
    return [(e.findtext("errorno"), e.findtext("description2")) for e in result.iterfind("errormessage/error")]


def succeeded(result: etree._Element, what: str) -> etree._Element:
    assert result.findtext("status") == "success", f"{what}: {errors_of(result)}"
    return result


def value(record: etree._Element, dotted: str, flat: bool) -> str:
    found = record.find(dotted if flat else dotted.replace(".", "/"))
    return "" if found is None else (found.text or "")


def read_back(company: Company, spec: dict, key: str) -> None:
    """The record `where` names, through readByQuery, read and query: each shows the expected values."""
    obj, fields = spec["object"], {name: str(v) for name, v in spec["fields"].items()}
    where = spec["where"].replace("$KEY", key)
    names = ",".join(["RECORDNO", *fields])
    found = succeeded(
        company.result(
            f"<readByQuery><object>{obj}</object><fields>{names}</fields><query>{escape(where)}</query>"
            "<pagesize>2</pagesize></readByQuery>"
        ),
        "readByQuery",
    ).findall("data/*")
    assert len(found) == 1, f"{where}: {len(found)} records"
    recordno = value(found[0], "RECORDNO", flat=False)
    read = succeeded(
        company.result(f"<read><object>{obj}</object><keys>{recordno}</keys><fields>{names}</fields></read>"), "read"
    ).findall("data/*")
    select = "".join(f"<field>{name}</field>" for name in fields)
    queried = succeeded(
        company.result(
            f"<query><object>{obj}</object><select>{select}</select>"
            f"<filter><equalto><field>RECORDNO</field><value>{recordno}</value></equalto></filter></query>"
        ),
        "query",
    ).findall("data/*")
    assert len(read) == 1 and len(queried) == 1
    for how, record, flat in (("readByQuery", found[0], False), ("read", read[0], False), ("query", queried[0], True)):
        shown = {name: value(record, name, flat) for name in fields}
        assert shown == fields, f"{how} of {obj} {recordno}"


def test_every_documented_legacy_function_has_a_case_or_a_reason():
    missing = [name for name, case in CASE_FILES.items() if not case]
    assert not missing, f"legacy functions with neither a case file nor a reason: {missing}"
    extra = {path.stem for path in CASES.glob("*.yaml")} - set(DOCUMENTED)
    assert not extra, f"case files for functions the docs do not describe: {sorted(extra)}"
    for name, case in CASE_FILES.items():
        if "out_of_reach" in case:
            assert set(case) == {"out_of_reach"} and str(case["out_of_reach"]).strip(), name
        else:
            assert set(case) <= CASE_KEYS and {"success", "failure"} <= set(case), f"{name}.yaml: {sorted(case)}"


@pytest.mark.parametrize("function", [name for name, case in CASE_FILES.items() if case and name not in OUT_OF_REACH])
def test_legacy_function(mock, function):
    case = CASE_FILES[function]
    company = Company(mock)
    for body in case.get("setup", []):
        succeeded(company.result(body), f"setup {body[:60]}")
    success = succeeded(company.result(case["success"]["request"]), function)
    assert success.findtext("function") == function
    key = success.findtext("key") or ""
    if "key" in case["success"]:
        assert key == str(case["success"]["key"])
    if "reads_back" in case:
        read_back(company, case["reads_back"], key)

    before = company.records()
    failure = company.result(case["failure"]["request"].replace("$KEY", key))
    assert failure.findtext("status") == "failure", f"{function}: the failure case succeeded"
    errors = errors_of(failure)
    assert case["failure"]["errorno"] in [no for no, _ in errors], errors
    says = case["failure"].get("says")
    assert says is None or any(says in (text or "") for _, text in errors), errors
    assert company.records() == before, f"{function}: a failure changed what the company holds"
