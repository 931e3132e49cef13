"""The SQLite store alone: rows, versions, savepoints, counts and RECORDNOs that are never reused."""

from __future__ import annotations

import pytest

from mockserver.objects import CATALOGUE
from mockserver.objects.store import Record

CLASS = CATALOGUE["CLASS"]


def new_class(store, company, classid: str) -> Record:
    record = Record(store.next_recordno(company, CLASS), "", {"CLASSID": classid, "NAME": classid})
    record.values["RECORDNO"] = record.recordno
    store.insert(company, CLASS, record)
    return record


def test_a_failed_savepoint_leaves_nothing_behind(store, company):
    companyid = company.companyid
    before = store.count(companyid, CLASS)
    with pytest.raises(RuntimeError), store.atomic():
        new_class(store, companyid, "GONE")
        raise RuntimeError("the function failed")
    assert store.count(companyid, CLASS) == before
    assert store.get_by_id(companyid, CLASS, "GONE") is None


def test_nested_savepoints_roll_back_only_the_inner_one(store, company):
    companyid = company.companyid
    with store.atomic():
        new_class(store, companyid, "KEPT")
        with pytest.raises(RuntimeError), store.atomic():
            new_class(store, companyid, "INNER")
            raise RuntimeError
    assert store.get_by_id(companyid, CLASS, "KEPT") is not None
    assert store.get_by_id(companyid, CLASS, "INNER") is None


def test_replace_writes_values_and_version(store, company):
    companyid = company.companyid
    record = new_class(store, companyid, "CHANGE")
    record.values["NAME"] = "Changed"
    record.version += 1
    store.replace(companyid, CLASS, record)
    again = store.get(companyid, CLASS, record.recordno)
    assert (again.values["NAME"], again.version) == ("Changed", 2)


def test_a_deleted_newest_recordno_is_never_handed_out_again(store, company):
    companyid = company.companyid
    newest = new_class(store, companyid, "NEWEST")
    store.delete(companyid, CLASS, newest.recordno)
    assert store.next_recordno(companyid, CLASS) == newest.recordno + 1


def test_counts_follow_inserts_deletes_and_entities(store, company):
    companyid = company.companyid
    total = store.count(companyid, CLASS)
    record = new_class(store, companyid, "COUNTED")
    assert store.count(companyid, CLASS) == total + 1
    assert store.count(companyid, CLASS, entities=("E100",)) < total + 1
    store.delete(companyid, CLASS, record.recordno)
    assert store.count(companyid, CLASS) == total


def test_companies_are_separate_tenants(store, company):
    new_class(store, "OTHERCO", "SHARED")
    assert store.get_by_id("OTHERCO", CLASS, "SHARED") is not None
    assert store.get_by_id(company.companyid, CLASS, "SHARED") is None
    store.drop_company("OTHERCO")
    assert store.count("OTHERCO", CLASS) == 0
