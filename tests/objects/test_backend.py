"""The company backend: values in, Intacct's rules applied once (keys, entities, defaults, references,
stamps, derived totals), whichever function called."""

from __future__ import annotations

import pytest

from mockserver.gateway.errors import IntacctError
from mockserver.objects import CATALOGUE
from mockserver.objects.ar import apply_payment
from mockserver.objects.backend import LineChanges

VENDOR, APBILL, GLBATCH, ARINVOICE = (CATALOGUE[n] for n in ("VENDOR", "APBILL", "GLBATCH", "ARINVOICE"))


def errornos(failure: pytest.ExceptionInfo[IntacctError]) -> list[str]:
    return [e.errorno for e in failure.value.errors]


def bill(backend, *amounts: str, vendorid: str = "V0001"):
    lines = [{"ACCOUNTNO": "6000", "TRX_AMOUNT": amount} for amount in amounts]
    return backend.create(APBILL, {"VENDORID": vendorid, "WHENCREATED": "03/01/2026"}, lines)


def test_create_applies_defaults_stamps_and_the_next_recordno(signed_in, store, company):
    backend = signed_in()
    before = store.highest_recordno(company.companyid, VENDOR)
    vendor = backend.create(VENDOR, {"VENDORID": "VNEW", "NAME": "New Vendor"})
    assert vendor.recordno == before + 1
    assert vendor.values["STATUS"] == "active"
    assert vendor.values["DISPLAYCONTACT.PRINTAS"] == "New Vendor"  # copied from NAME
    assert vendor.values["CREATEDBY"] == vendor.values["MODIFIEDBY"] == 1
    assert vendor.values["WHENCREATED"] == vendor.values["WHENMODIFIED"]
    assert store.get_by_id(company.companyid, VENDOR, "VNEW").recordno == vendor.recordno


def test_create_refuses_a_duplicate_id_and_a_missing_reference(signed_in):
    backend = signed_in()
    with pytest.raises(IntacctError) as duplicate:
        backend.create(VENDOR, {"VENDORID": "V0001", "NAME": "Again"})
    assert "BL01001973" in errornos(duplicate)
    with pytest.raises(IntacctError) as missing:
        bill(backend, "10.00", vendorid="NOSUCHVENDOR")
    assert "NOSUCHVENDOR" in str(missing.value.errors[0].description2)


def test_bill_totals_are_derived_from_its_lines_on_create_and_update(signed_in):
    backend = signed_in()
    created = bill(backend, "100.25", "50.50")
    assert created.values["TOTALENTERED"] == 150.75
    assert created.values["TOTALDUE"] == 150.75
    updated = backend.update(APBILL, {"RECORDNO": str(created.recordno)}, [{"ACCOUNTNO": "6000", "TRX_AMOUNT": "9"}])
    assert updated.values["TOTALENTERED"] == updated.values["TOTALDUE"] == 9
    assert updated.version == 2


def test_line_changes_edit_named_lines_and_add_new_ones_in_order(signed_in):
    backend = signed_in()
    created = bill(backend, "10", "20")
    changes = LineChanges([("2", {"TRX_AMOUNT": "25"}), (None, {"ACCOUNTNO": "6000", "TRX_AMOUNT": "5"})])
    updated = backend.update(APBILL, {"RECORDNO": str(created.recordno)}, changes)
    assert [line["TRX_AMOUNT"] for line in updated.lines] == [10, 25, 5]
    assert updated.values["TOTALENTERED"] == 40
    with pytest.raises(IntacctError):
        backend.update(APBILL, {"RECORDNO": str(created.recordno)}, LineChanges([("9", {"TRX_AMOUNT": "1"})]))


def test_an_unbalanced_journal_entry_is_refused_and_nothing_is_stored(signed_in, store, company):
    backend = signed_in()
    before = store.count(company.companyid, GLBATCH)
    lines = [
        {"ACCOUNTNO": "1000", "TR_TYPE": "1", "TRX_AMOUNT": "10"},
        {"ACCOUNTNO": "6000", "TR_TYPE": "-1", "TRX_AMOUNT": "9"},
    ]
    header = {"JOURNAL": "GJ", "BATCH_DATE": "03/01/2026", "BATCH_TITLE": "Off by one"}
    with pytest.raises(IntacctError), store.atomic():
        backend.create(GLBATCH, header, lines)
    assert store.count(company.companyid, GLBATCH) == before
    lines[1]["TRX_AMOUNT"] = "10"
    batch = backend.create(GLBATCH, header, lines)
    assert batch.values["BATCHNO"] == batch.recordno


def test_records_created_in_an_entity_are_private_to_it(signed_in):
    east, west, top = signed_in("E100"), signed_in("E200"), signed_in("")
    vendor = east.create(VENDOR, {"VENDORID": "VEAST", "NAME": "East only"})
    assert vendor.values["MEGAENTITYID"] == "E100"
    assert east.find(VENDOR, "VEAST", by_id=True) is not None
    assert west.find(VENDOR, "VEAST", by_id=True) is None
    assert top.find(VENDOR, str(vendor.recordno), by_id=False) is not None
    with pytest.raises(IntacctError):
        west.update(VENDOR, {"VENDORID": "VEAST", "NAME": "Renamed"})


def test_find_takes_a_recordno_or_the_id_field(signed_in):
    backend = signed_in()
    by_id = backend.find(VENDOR, "V0001", by_id=True)
    assert backend.find(VENDOR, str(by_id.recordno), by_id=False).values["VENDORID"] == "V0001"
    assert backend.find(VENDOR, "not a number", by_id=False) is None
    assert backend.find(VENDOR, "١٠", by_id=False) is None  # only ASCII digits are a RECORDNO


def test_applying_a_payment_pays_an_invoice_partly_then_fully(signed_in, store, company):
    backend = signed_in()
    invoice = backend.create(
        ARINVOICE,
        {"CUSTOMERID": "C0001", "WHENCREATED": "03/01/2026"},
        [{"ACCOUNTNO": "4000", "TRX_AMOUNT": "100"}],
    )
    payment = backend.create(
        CATALOGUE["ARPYMT"],
        {"PAYMENTMETHOD": "EFT", "CUSTOMERID": "C0001", "RECEIPTDATE": "03/05/2026", "PAYMENTAMOUNT": "100"},
    )
    line = {"RECORDKEY": invoice.recordno, "TRX_PAYMENTAMOUNT": 40.0}
    apply_payment(backend, payment, [line], 0.0, "2026-03-05", "apply")
    partly = store.get(company.companyid, ARINVOICE, invoice.recordno)
    assert (partly.values["TOTALPAID"], partly.values["TOTALDUE"], partly.values["STATE"]) == (40, 60, "Partially Paid")
    apply_payment(backend, payment, [dict(line, TRX_PAYMENTAMOUNT=60.0)], 40.0, "2026-03-06", "apply")
    paid = store.get(company.companyid, ARINVOICE, invoice.recordno)
    assert (paid.values["TOTALDUE"], paid.values["STATE"], paid.values["WHENPAID"]) == (0, "Paid", "2026-03-06")
    with pytest.raises(IntacctError):  # more than the payment's amount
        apply_payment(backend, payment, [dict(line, TRX_PAYMENTAMOUNT=1.0)], 100.0, "2026-03-07", "apply")
