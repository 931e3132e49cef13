"""A real SQLite store holding the MOCKCO fixture, and backends signed in where a test needs them:
rules tested without HTTP."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mockserver.control.clock import Clock
from mockserver.objects.backend import Backend
from mockserver.objects.fixtures import load_records
from mockserver.objects.store import Store
from mockserver.tenancy.companies import Company

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "companies" / "MOCKCO.json"


@pytest.fixture(scope="module")
def mockco_data() -> dict:
    return json.loads(FIXTURE.read_text())


@pytest.fixture
def store(mockco_data):
    store = Store()
    load_records(store, Company.from_fixture(mockco_data), mockco_data["records"])
    yield store
    store.close()


@pytest.fixture
def company(mockco_data) -> Company:
    return Company.from_fixture(mockco_data)


@pytest.fixture
def signed_in(store, company):
    """backend(locationid="") -> the company's records as its full-admin user at that location."""

    def backend(locationid: str = "") -> Backend:
        return Backend(store, company, company.users["workato_isu"], locationid, Clock())

    return backend
