"""The default company MOCKCO as users' tests and syncs rely on it: records of every stored object, the IDs
and RECORDNOs it always had, references that name existing records, and a history of creation and
modification times that an incremental sync by WHENMODIFIED windows can walk."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

from mockserver.objects import CATALOGUE

from .gateway import function, session_xml

KEPT = json.loads((Path(__file__).parent / "objects" / "mockco_keys.json").read_text())
DERIVED = {"GLDETAIL", "AUDITHISTORY"}  # derived from other records, not stored from fixtures
STORED = [obj for obj in CATALOGUE.values() if obj.name not in DERIVED and obj.line_of is None]


def records(gateway, obj):
    return gateway.state.store.select("MOCKCO", obj)


def created(obj, record) -> str:
    return record.values[obj.created_stamp]


async def test_every_stored_object_has_at_least_three_records(gateway):
    few = {obj.name: len(records(gateway, obj)) for obj in STORED if len(records(gateway, obj)) < 3}
    assert few.pop("LOCATIONENTITY", None) == 2  # the company's two entities, E100 and E200
    assert not few, f"objects with fewer than 3 MOCKCO records: {few}"


async def test_the_ids_and_recordnos_mockco_always_had_are_kept(gateway):
    changed = {}
    for name, keys in KEPT.items():
        if name.startswith("_"):
            continue
        obj = CATALOGUE[name]
        now = {r.recordno: str(r.values.get(obj.id_field)) for r in records(gateway, obj)}
        lost = [(recordno, key) for recordno, key in keys if now.get(recordno) != key]
        if lost:
            changed[name] = lost[:3]
    assert not changed, changed


async def test_references_name_existing_records(gateway):
    dangling = []
    for obj in STORED:
        for field in (f for f in obj.fields if f.references):
            target = CATALOGUE[field.references]
            ids = {str(r.values.get(target.id_field)) for r in records(gateway, target)}
            dangling += [
                (obj.name, field.name, r.values[field.name])
                for r in records(gateway, obj)
                if r.values.get(field.name) is not None and str(r.values[field.name]) not in ids
            ]
    assert not dangling, dangling[:10]


async def test_records_have_a_history_over_past_months(gateway):
    stamps = []
    for obj in STORED:
        if "WHENMODIFIED" not in obj.by_name or obj.by_name["WHENMODIFIED"].type != "timestamp":
            continue
        for record in records(gateway, obj):
            stamps.append((obj.name, created(obj, record), record.values["WHENMODIFIED"]))
    assert all(modified >= made for _, made, modified in stamps), [s for s in stamps if s[2] < s[1]][:5]
    assert all(modified < "2026-12-01" for _, _, modified in stamps)
    assert not [s for s in stamps if s[1] == "2026-01-01 00:00:00"], "records still stamped with one instant"
    months = {modified[:7] for _, _, modified in stamps}
    assert len(months) >= 12, sorted(months)
    late = [s for s in stamps if (datetime.fromisoformat(s[2]) - datetime.fromisoformat(s[1])).days > 60]
    assert len(late) > len(stamps) // 5, "too few records modified long after creation"


async def test_an_incremental_sync_by_whenmodified_windows_sees_each_vendor_once(gateway):
    auth = {"authentication": session_xml(await gateway.open_session())}

    async def vendor_ids(query: str) -> list[str]:
        answer = await gateway.call(
            function(
                "readByQuery",
                f"<object>VENDOR</object><fields>VENDORID</fields><query>{query}</query><pagesize>1000</pagesize>",
            ),
            **auth,
        )
        return [e.text for e in answer.root.iterfind(".//vendor/VENDORID")]

    everyone = await vendor_ids("")
    windows = ["01/01/2020 00:00:00", "01/01/2026 00:00:00", "07/01/2026 00:00:00", "12/01/2026 00:00:00"]
    seen: list[str] = []
    for start, end in itertools.pairwise(windows):
        found = await vendor_ids(f"WHENMODIFIED &gt;= '{start}' AND WHENMODIFIED &lt; '{end}'")
        assert 0 < len(found) < len(everyone), (start, end, len(found))
        seen += found
    assert len(everyone) >= 40
    assert sorted(seen) == sorted(everyone)
