"""What the cold start leaves for later must not change what anyone sees: the fixture documents' GL detail,
derived on the company's first use, is the GL detail an eager load writes (a --state file derives it at
once); a first use that rolls back leaves the work to the next; a replaced company leaves none of its old
work behind. And the gateway's aiohttp import, made without the CA bundle, puts SSL_CERT_FILE back."""

from __future__ import annotations

import os

import pytest

from mockserver import cli
from mockserver.objects import CATALOGUE
from mockserver.settings import Settings
from mockserver.state import MockState

DETAIL = CATALOGUE["GLDETAIL"]


def loaded(state_file: str = "") -> MockState:
    mock = MockState(Settings(state=state_file))
    mock.load_fixtures()
    return mock


def gl_detail(mock: MockState, company: str = "MOCKCO") -> list[tuple]:
    return [(r.recordno, r.entity, sorted(r.values.items())) for r in mock.store.select(company, DETAIL)]


def test_the_gl_detail_derived_on_first_use_is_the_one_a_state_file_writes_at_once(tmp_path):
    lazy, eager = loaded(), loaded(str(tmp_path / "state.db"))
    assert "MOCKCO" in lazy.store.deferred and not eager.store.deferred  # left for later, in memory only
    rows = gl_detail(lazy)
    assert len(rows) > 100  # MOCKCO's posted bills, invoices, payments and journal entries
    assert rows == gl_detail(eager)
    assert "MOCKCO" not in lazy.store.deferred  # derived once
    assert gl_detail(lazy) == rows


def test_any_first_use_derives_it_first_so_later_writes_cannot_change_it():
    first, second = loaded(), loaded()
    expected = gl_detail(first)
    assert any(dict(values).get("ACCOUNTNO") == "6000" for _, _, values in expected)
    # The second store's first use is a write to an account the detail names (its ACCOUNTTITLE is copied
    # when derived): the record comes from the first store, whose detail is derived already.
    account = first.store.select("MOCKCO", CATALOGUE["GLACCOUNT"], "ACCOUNTNO = ?", ["6000"])[0]
    account.values["TITLE"] = "Renamed after the load"
    assert "MOCKCO" in second.store.deferred
    second.store.replace("MOCKCO", CATALOGUE["GLACCOUNT"], account)
    assert "MOCKCO" not in second.store.deferred
    assert gl_detail(second) == expected


def test_a_first_use_that_rolls_back_leaves_the_work_for_the_next():
    mock = loaded()
    expected = gl_detail(loaded())
    with pytest.raises(RuntimeError), mock.store.atomic():
        mock.store.count("MOCKCO", DETAIL)
        raise RuntimeError("the function failed")
    assert "MOCKCO" in mock.store.deferred
    assert gl_detail(mock) == expected


def test_a_replaced_company_leaves_none_of_its_old_work_behind():
    mock = loaded()
    expected = gl_detail(loaded())
    mock.reset_company("MOCKCO")  # replaced before its first use
    assert gl_detail(mock) == expected  # one set of rows, not two


@pytest.mark.parametrize("before", [None, "/etc/ssl/certs/ca-certificates.crt"])
def test_the_gateway_import_puts_ssl_cert_file_back(monkeypatch, before):
    if before is None:
        monkeypatch.delenv("SSL_CERT_FILE", raising=False)
    else:
        monkeypatch.setenv("SSL_CERT_FILE", before)
    web = cli.aiohttp_web()
    assert web.Application is not None
    assert os.environ.get("SSL_CERT_FILE") == before
