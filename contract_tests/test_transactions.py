"""All or nothing, and at most once.

* A transaction="true" batch whose last function fails leaves no trace: nothing it created can be
  read, the record it updated reads exactly as before (WHENMODIFIED included), the failing function
  answers `failure` and every other `aborted`, all carrying XL03000009.
* With uniqueid=true a function controlid runs once: sending the same controlid again (even with
  another payload) does not create a second record.
"""

from __future__ import annotations

import uuid

import pytest
from aiointacct import Record, functions
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import ids_like, learn, recordnos_like
from .objects import describe
from .strategies import UniqueIds, changes, nest, record_values, required_values

pytestmark = pytest.mark.portable

OBJECTS = ("VENDOR", "CUSTOMER", "GLACCOUNT")
ROLLED_BACK = "XL03000009"
FAILURES = ("duplicate ID", "missing required field", "unknown object", "update of a missing record")


@pytest.fixture
def known(client, run, created, unique):
    ids = UniqueIds(unique + "K")
    return {name: run(learn(client, created, run(describe(client, name)), ids)) for name in OBJECTS}


@st.composite
def failing_batches(draw, known, ids):
    """(prefix, functions with a description of each, the objects touched): zero to three creates and
    updates of the known records, then one function that fails."""
    prefix = ids.next()
    example_ids = UniqueIds(prefix + "X")
    steps = []
    for _ in range(draw(st.integers(0, 3))):
        item = known[draw(st.sampled_from(OBJECTS))]
        if draw(st.booleans()) or not item.obj.optional:
            values = draw(record_values(item.obj, example_ids))
            steps.append((f"create {item.name}", functions.create(Record(item.name, nest(values)))))
        else:
            update = {"RECORDNO": item.recordno, **nest(draw(changes(item.obj)))}
            steps.append((f"update {item.name} {item.recordno}", functions.update(Record(item.name, update))))
    failure = draw(st.sampled_from(FAILURES))
    item = known[draw(st.sampled_from(OBJECTS))]
    values = dict(draw(required_values(item.obj, example_ids, {})))
    if failure == "duplicate ID":
        values[item.id_field] = item.existing[item.id_field]
        function = functions.create(Record(item.name, nest(values)))
    elif failure == "missing required field":
        values.pop(draw(st.sampled_from(sorted(values))))
        function = functions.create(Record(item.name, nest(values)))
    elif failure == "unknown object":
        function = functions.create(Record(f"{prefix}NOSUCHOBJECT", nest(values)))
    else:
        function = functions.update(Record(item.name, {item.id_field: example_ids.next()}))
    steps.append((f"{failure} ({item.name})", function))
    return prefix, steps


def test_a_failed_transaction_leaves_no_trace(client, run, created, unique, known):
    ids = UniqueIds(unique)

    @settings(max_examples=min(settings().max_examples, 300))
    @given(failing_batches(known, ids))
    def no_trace(batch):
        prefix, steps = batch
        before = {name: run(client.read(name, item.recordno)).records for name, item in known.items()}
        results = run(client.execute([function for _, function in steps], transaction=True))
        described = [
            f"{what}: {r.status} {[e.errorno for e in r.errors]}" for (what, _), r in zip(steps, results, strict=True)
        ]
        assert [r.status for r in results] == ["aborted"] * (len(steps) - 1) + ["failure"], described
        for result in results:
            assert ROLLED_BACK in [e.errorno for e in result.errors], described
        assert len(results[-1].errors) >= 2, f"the failing function names its own cause, then the rollback: {described}"
        for name, item in known.items():
            leaked = run(recordnos_like(client, name, item.id_field, prefix))
            for recordno in leaked:
                created.add(name, recordno)
            assert not leaked, f"{name} records of a rolled-back transaction are readable: {leaked}; {described}"
            assert run(client.read(name, item.recordno)).records == before[name], f"{name} changed; {described}"

    no_trace()


def test_a_uniqueid_controlid_runs_once(client, run, created, unique):
    vendor = run(learn(client, created, run(describe(client, "VENDOR")), UniqueIds(unique + "K")))
    ids = UniqueIds(unique)

    @settings(max_examples=min(settings().max_examples, 300))
    @given(data=st.data(), attempts=st.integers(2, 3))
    def at_most_once(data, attempts):
        prefix = ids.next()
        example_ids = UniqueIds(prefix + "X")
        controlid = f"{unique}-{uuid.uuid4()}"
        payloads = [data.draw(record_values(vendor.obj, example_ids)) for _ in range(attempts)]
        for attempt, payload in enumerate(payloads):
            function = functions.create(Record(vendor.name, nest(payload)), controlid)
            [result] = run(client.execute([function], uniqueid=True))
            if result.ok:
                created.add_result([vendor.name], result)
            if attempt == 0:
                assert result.ok, f"first send of {controlid} failed: {result.errors}"
        found = run(ids_like(client, vendor.name, vendor.id_field, prefix))
        assert found == [payloads[0][vendor.id_field]], f"controlid {controlid} sent {attempts} times created {found}"

    at_most_once()
