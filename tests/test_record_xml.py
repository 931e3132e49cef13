"""The record renderer and its cache without HTTP, on a real SQLite store: records written flat and
indented (nested groups and lines) as etree.indent would, and the cache forgetting a record whenever
the store says its content may have changed."""

from __future__ import annotations

import pytest
from lxml import etree

from mockserver.gateway.markup import markup
from mockserver.gateway.record_xml import RecordCache, RecordRenderer
from mockserver.objects import CATALOGUE
from mockserver.objects.store import Record, Store

from .test_markup import infoset, lxml_indented

VENDOR, BILL = CATALOGUE["VENDOR"], CATALOGUE["APBILL"]
COMPANY = "RXCO"


@pytest.fixture
def store():
    store = Store()
    yield store
    store.close()


@pytest.fixture
def cache(store):
    return RecordCache(store)


def vendor(recordno: int = 1, name: str = "Acme", version: int = 1) -> Record:
    values = {"VENDORID": f"V{recordno}", "NAME": name, "DISPLAYCONTACT.EMAIL1": "ap@acme.example", "CREDITLIMIT": 10.5}
    return Record(recordno, "", values, version=version)


def renderer(cache, obj=VENDOR, pretty: bool = False, fields=None, with_lines: bool = False) -> RecordRenderer:
    """Records as rows of <data>: depth 1 below a <data> root in these tests."""
    chosen = list(obj.fields) if fields is None else fields
    return RecordRenderer(cache, COMPANY, obj, chosen, with_lines, "UTC", obj.lowercase, markup(pretty, 1))


def as_data(rows: list[str], pretty: bool) -> bytes:
    return markup(pretty, 0).parent("data", rows).encode()


def name_of(xml: str) -> str:
    return etree.fromstring(xml.encode()).findtext("NAME")


def test_records_with_groups_and_lines_indent_as_etree_indent_did(store, cache):
    bill = Record(
        7,
        "",
        {"VENDORID": "V1", "WHENCREATED": "2026-01-02", "RECORDID": "B-7", "TOTALENTERED": 30.0},
        [{"ACCOUNTNO": "6000", "TRX_AMOUNT": 10.0}, {"ACCOUNTNO": "6100", "TRX_AMOUNT": 20.0}],
    )
    for obj, record, with_lines in ((VENDOR, vendor(), False), (BILL, bill, True), (BILL, bill, False)):
        flat = as_data([renderer(cache, obj, False, with_lines=with_lines)(record)], False)
        indented = as_data([renderer(cache, obj, True, with_lines=with_lines)(record)], True)
        assert indented == lxml_indented(flat)
        assert infoset(indented) == infoset(flat)
    contact = etree.fromstring(as_data([renderer(cache, VENDOR, True)(vendor())], True)).find("vendor/DISPLAYCONTACT")
    assert contact.findtext("EMAIL1") == "ap@acme.example"
    lines = etree.fromstring(as_data([renderer(cache, BILL, True, with_lines=True)(bill)], True)).find(
        "apbill/APBILLITEMS"
    )
    assert [line.findtext("TRX_AMOUNT") for line in lines] == ["10", "20"]


def test_the_cache_keeps_flat_and_indented_apart(store, cache):
    record = vendor()
    flat, indented = renderer(cache, pretty=False)(record), renderer(cache, pretty=True)(record)
    assert renderer(cache, pretty=False).cached(1, 1) == flat
    assert renderer(cache, pretty=True).cached(1, 1) == indented != flat


def test_the_cache_forgets_a_record_after_an_update(store, cache):
    store.insert(COMPANY, VENDOR, vendor(name="Old"))
    render = renderer(cache)
    assert name_of(render(store.get(COMPANY, VENDOR, 1))) == "Old"
    changed = vendor(name="New", version=2)
    store.replace(COMPANY, VENDOR, changed)
    assert render.cached(1, 1) is None
    assert name_of(render(store.get(COMPANY, VENDOR, 1))) == "New"


def test_the_cache_forgets_a_record_after_a_delete(store, cache):
    store.insert(COMPANY, VENDOR, vendor())
    render = renderer(cache)
    render(store.get(COMPANY, VENDOR, 1))
    assert render.cached(1, 1) is not None
    store.delete(COMPANY, VENDOR, 1)
    assert render.cached(1, 1) is None


def test_the_cache_forgets_a_record_whose_insert_was_rolled_back(store, cache):
    """A rolled-back insert hands its RECORDNO out again at version 1, with other content: only the
    rollback notice can tell the cache (no later replace or delete of that record happens)."""
    render = renderer(cache)
    with pytest.raises(RuntimeError), store.atomic():
        store.insert(COMPANY, VENDOR, vendor(name="Rolled back"))
        assert name_of(render(store.get(COMPANY, VENDOR, 1))) == "Rolled back"  # cached at version 1
        raise RuntimeError("the function failed")
    assert store.get(COMPANY, VENDOR, 1) is None
    store.insert(COMPANY, VENDOR, vendor(name="Second"))  # RECORDNO 1, version 1 again
    assert name_of(render(store.get(COMPANY, VENDOR, 1))) == "Second"


def test_the_cache_forgets_a_company_that_is_reset(store, cache):
    store.insert(COMPANY, VENDOR, vendor(name="Before reset"))
    store.insert("OTHERCO", VENDOR, vendor(name="Other company"))
    render, other = (
        renderer(cache),
        RecordRenderer(cache, "OTHERCO", VENDOR, list(VENDOR.fields), False, "UTC", "vendor", markup(False, 1)),
    )
    render(store.get(COMPANY, VENDOR, 1))
    other(store.get("OTHERCO", VENDOR, 1))
    store.drop_company(COMPANY)
    store.insert(COMPANY, VENDOR, vendor(name="After reset"))  # RECORDNO 1 at version 1 again
    assert name_of(render(store.get(COMPANY, VENDOR, 1))) == "After reset"
    assert other.cached(1, 1) is not None  # another company's markup stays
