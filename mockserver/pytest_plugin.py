"""pytest plugin (entry point `pytest11`): the mock in your own test suite with one fixture name.

    def test_my_integration(intacct_company):
        client = MyIntacctClient(**intacct_company.credentials)   # a fresh company for this test
        ...

`intacct_mock` (session scope) is a MockIntacct (mockserver/inprocess.py): a server on a free loopback
port, in-process on a background thread, with the MOCK_INTACCT_* settings of the environment (its
admin helper sends MOCK_INTACCT_ADMIN_TOKEN when set). `intacct_company` is a fresh copy of the
MOCKCO fixture per test, deleted after.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from mockserver.inprocess import MockCompany, MockIntacct

# The name this class had before MockIntacct; kept for suites that import it.
MockServer = MockIntacct

__all__ = ["MockCompany", "MockIntacct", "MockServer", "intacct_company", "intacct_mock"]


@pytest.fixture(scope="session")
def intacct_mock() -> Iterator[MockIntacct]:
    """A mock-intacct server with the default fixtures (or MOCK_INTACCT_FIXTURES), for the session."""
    with MockIntacct() as mock:
        yield mock


@pytest.fixture
def intacct_company(intacct_mock: MockIntacct) -> Iterator[MockCompany]:
    """A fresh, isolated copy of the MOCKCO company for one test; deleted afterwards."""
    company = intacct_mock.new_company()
    yield company
    intacct_mock.admin.delete_company(company.companyid)
