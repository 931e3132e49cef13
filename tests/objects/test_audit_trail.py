"""The backend's audit hook: one AUDITHISTORY row per write, in the write's savepoint; fixtures and
the trail itself write none."""

from __future__ import annotations

import pytest

from mockserver.gateway.errors import IntacctError
from mockserver.objects import CATALOGUE
from mockserver.objects.ar import apply_payment

VENDOR, ARINVOICE, ARPYMT, AUDIT = (CATALOGUE[n] for n in ("VENDOR", "ARINVOICE", "ARPYMT", "AUDITHISTORY"))


def trail(store, company) -> list[tuple]:
    return [
        (r.values["OBJECTTYPE"], r.values["OBJECTKEY"], r.values["OBJECTDESC"], r.values["ACCESSMODE"])
        for r in store.select(company.companyid, AUDIT)
    ]


def test_fixture_records_write_no_audit_rows(store, company):
    assert store.highest_recordno(company.companyid, VENDOR) > 0
    assert trail(store, company) == []


def test_each_write_appends_one_row_stamped_like_the_record(signed_in, store, company):
    backend = signed_in()
    vendor = backend.create(VENDOR, {"VENDORID": "VAUD", "NAME": "Audited"})
    backend.update(VENDOR, {"VENDORID": "VAUD", "NAME": "Audited again"})
    backend.delete(VENDOR, "VAUD", by_id=True)
    key = str(vendor.recordno)
    assert trail(store, company) == [
        ("VENDOR", key, "VAUD", "C"),
        ("VENDOR", key, "VAUD", "U"),
        ("VENDOR", key, "VAUD", "D"),
    ]
    first = store.get(company.companyid, AUDIT, 1)
    assert first.entity == ""  # shared: a top-level sync sees writes made at an entity
    assert first.values["ACCESSTIME"] == vendor.values["WHENCREATED"]
    assert (first.values["USERID"], first.values["SOURCE"]) == ("workato_isu", "Web Services")


def test_behaviour_that_saves_a_record_is_audited_as_an_update(signed_in, store, company):
    backend = signed_in()
    invoice = backend.create(
        ARINVOICE, {"CUSTOMERID": "C0001", "WHENCREATED": "03/01/2026"}, [{"ACCOUNTNO": "4000", "TRX_AMOUNT": "100"}]
    )
    payment = backend.create(
        ARPYMT, {"PAYMENTMETHOD": "EFT", "CUSTOMERID": "C0001", "RECEIPTDATE": "03/05/2026", "PAYMENTAMOUNT": "100"}
    )
    apply_payment(
        backend, payment, [{"RECORDKEY": invoice.recordno, "TRX_PAYMENTAMOUNT": 40.0}], 0.0, "2026-03-05", "apply"
    )
    assert [(t[0], t[3]) for t in trail(store, company)] == [("ARINVOICE", "C"), ("ARPYMT", "C"), ("ARINVOICE", "U")]
    assert trail(store, company)[2][1] == str(invoice.recordno)


def test_a_rolled_back_savepoint_takes_its_audit_rows_with_it(signed_in, store, company):
    backend = signed_in()
    with pytest.raises(IntacctError), store.atomic():
        backend.create(VENDOR, {"VENDORID": "VGONE", "NAME": "Rolled back"})
        backend.create(VENDOR, {"VENDORID": "VGONE", "NAME": "Duplicate"})
    assert trail(store, company) == []


@pytest.mark.parametrize("action", ["create", "update", "delete"])
def test_the_trail_refuses_writes_and_stays_unchanged(signed_in, store, company, action):
    backend = signed_in()
    backend.create(VENDOR, {"VENDORID": "VONE", "NAME": "One"})
    with pytest.raises(IntacctError) as refused:
        if action == "create":
            backend.create(AUDIT, {"OBJECTTYPE": "VENDOR"})
        elif action == "update":
            backend.update(AUDIT, {"RECORDNO": "1", "USERID": "someone"})
        else:
            backend.delete(AUDIT, "1")
    assert [e.errorno for e in refused.value.errors] == ["BL01001973", "BL01001973"]
    assert len(trail(store, company)) == 1 and store.get(company.companyid, AUDIT, 1).values["USERID"] == "workato_isu"
