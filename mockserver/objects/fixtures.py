"""Company records from fixtures and back: the format a state dump writes and a company loads.

A fixture's "generate" maps object names to a count of synthetic records (for large companies in
benchmarks: {"GLACCOUNT": 1000000}); objects whose required fields reference others cannot be
generated.

A fixture's "records" maps object names to lists of flat dicts keyed by dotted field names, with
values written as responses show them (dates MM/DD/YYYY). Optional keys: "RECORDNO" (else numbered
in order, so the same fixture always gives the same RECORDNOs), "WHENCREATED"/"WHENMODIFIED" (else
the fixture's "created" time), "_entity" (the owning entity; absent = shared top level) and
"_lines" (line items, e.g. GLENTRY lines of a GLBATCH).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from mockserver.objects import Field, ObjectDef, ledger
from mockserver.objects.store import Record, Store
from mockserver.objects.values import to_display, to_storage
from mockserver.tenancy.companies import Company

FIXTURE_TIME = "01/01/2026 00:00:00"


@dataclass(frozen=True)
class Loading:
    """What loading an object's fixture rows needs, worked out once per definition (cold start converts
    every value of every fixture record): each field's conversion, and the defaulted fields' stored defaults."""

    obj: ObjectDef
    convert: dict[str, Callable[[str], Any]]  # field name -> its text as stored
    lines: dict[str, Callable[[str], Any]]  # the same for the fields of its lines
    defaults: tuple[tuple[str, Any], ...]  # (field, stored default)
    copied: tuple[tuple[str, str], ...]  # (field, the field it is copied from)
    stamps: tuple[Field, ...]  # the creation stamp and WHENMODIFIED, when the object has them


_LOADING: dict[int, Loading] = {}


def loading(obj: ObjectDef) -> Loading:
    found = _LOADING.get(id(obj))
    if found is None or found.obj is not obj:
        found = _LOADING[id(obj)] = Loading(
            obj,
            {f.name: converter(f) for f in obj.fields},
            {f.name: converter(f) for f in obj.lines.fields} if obj.lines else {},
            tuple((f.name, to_storage(f, str(f.default))) for f in obj.fields if f.default is not None),
            tuple((f.name, f.default_from) for f in obj.fields if f.default_from),
            tuple(obj.by_name[name] for name in (obj.created_stamp, "WHENMODIFIED") if name in obj.by_name),
        )
    return found


REMEMBERED = 4096  # distinct values a field's converter keeps: a fixture repeats its states, flags, dates
_UNSEEN = object()


def converter(field: Field) -> Callable[[str], Any]:
    """to_storage for one field. Plain text (most of a fixture's values) is kept without the call; other
    values are converted once each: the start-up check (control/fixture_models.py) converts every value,
    and the load right after it finds the same values again."""
    if field.type == "text" and not field.maxlength:
        return lambda raw: raw.strip() or None
    known: dict[str, Any] = {}

    def convert(raw: str) -> Any:
        stored = known.get(raw, _UNSEEN)
        if stored is _UNSEEN:
            stored = to_storage(field, raw)  # a bad value raises BadValue, and is not kept
            if len(known) < REMEMBERED:
                known[raw] = stored
        return stored

    return convert


def record_from_fixture(obj: ObjectDef, data: dict[str, Any], recordno: int, company: Company, created: str) -> Record:
    # Only the row's own keys and the defaulted fields: most of a wide object's fields are empty.
    how = loading(obj)
    convert = how.convert
    values: dict[str, Any] = {}
    for key, raw in data.items():
        if raw is not None and key in convert:
            values[key] = convert[key](str(raw))
    for name, default in how.defaults:
        if values.get(name) is None:
            values[name] = default
    for name, source in how.copied:
        if values.get(name) is None:
            values[name] = values.get(source)
    for stamp in how.stamps:
        if values.get(stamp.name) is None:
            values[stamp.name] = to_storage(stamp, data.get(stamp.name) or created)
    values["RECORDNO"] = recordno
    values["CREATEDBY"] = values.get("CREATEDBY") or 1
    values["MODIFIEDBY"] = values.get("MODIFIEDBY") or 1
    entity_id = data.get("_entity", "")
    if obj.entity_aware and entity_id:
        values.update(company.entity_stamp(entity_id))
    lines = []
    if obj.lines:
        convert = how.lines
        lines = [
            {name: convert[name](str(line[name])) for name in convert if line.get(name) is not None}
            for line in data.get("_lines", [])
        ]
    record = Record(recordno, entity_id, values, lines)
    if obj.derive:
        obj.derive(obj, record, "create")
    return record


def load_records(store: Store, company: Company, records: dict[str, list[dict]], created: str = FIXTURE_TIME) -> int:
    """Insert a fixture's records (the company's own objects and fields prepared first), then the GL detail
    its posted documents derive; returns how many records.
    Runs in one transaction."""
    count = 0
    loaded = []
    with store.atomic():
        for obj in company.objects.own:  # its user-defined dimensions' tables, its custom fields' columns
            store.prepare(obj)
        with store.looking_up_at_the_end(company.companyid):  # a record may name one listed after it
            for name, rows in records.items():
                obj = company.objects[name]
                batch = []
                next_recordno = store.next_recordno(company.companyid, obj)
                for data in rows:
                    recordno = int(data.get("RECORDNO") or next_recordno)
                    next_recordno = max(next_recordno, recordno) + 1
                    batch.append(record_from_fixture(obj, data, recordno, company, created))
                store.insert_many(company.companyid, obj, batch)
                loaded.append((obj, batch))
                count += len(batch)
        ledger.post_loaded(store, company.companyid, loaded)
    return count


def dump_records(store: Store, company: Company) -> dict[str, list[dict]]:
    """Every record of a company in fixture form; load_records() reads it back identically."""
    dumped: dict[str, list[dict]] = {}
    for obj in company.objects.values():
        if obj is ledger.DETAIL or obj.line_of:  # derived again when the dump loads; lines as "_lines"
            continue
        rows = []
        for record in store.select(company.companyid, obj):
            data: dict[str, Any] = {
                f.name: to_display(f, record.values.get(f.name))
                for f in obj.fields
                if record.values.get(f.name) is not None
            }
            if record.entity:
                data["_entity"] = record.entity
            if obj.lines:
                data["_lines"] = [
                    {f.name: to_display(f, line[f.name]) for f in obj.lines.fields if f.name in line}
                    for line in record.lines
                ]
            rows.append(data)
        if rows:
            dumped[obj.name] = rows
    return dumped


def synthetic_value(field: Field, n: int):
    """A stored value for record n: unique for the ID field, plausible for the rest."""
    kind = field.type
    if kind == "enum":
        return field.valid_values[n % len(field.valid_values)]
    if kind == "integer":
        return n
    if kind == "decimal":
        return round((n * 37 % 100000) / 100, 2)
    if kind == "boolean":
        return "true" if n % 2 else "false"
    if kind == "date":
        return f"2026-{n % 12 + 1:02d}-{n % 28 + 1:02d}"
    if kind == "timestamp":
        return to_storage(field, FIXTURE_TIME)
    return f"{field.name.split('.')[-1].title()} {n}"[: field.maxlength or 200]


def generate_records(store: Store, company: Company, counts: dict[str, int], created: str = FIXTURE_TIME) -> int:
    """Insert synthetic records fast (one executemany per object), RECORDNOs after existing ones."""
    total = 0
    stamp = to_storage(Field("WHENCREATED", "timestamp"), created)
    with store.atomic():
        for name, count in counts.items():
            obj = company.objects[name]
            blocked = [f.name for f in obj.fields if f.required and f.references] + (
                [obj.lines.element] if obj.lines and obj.lines.minimum else []
            )
            if obj.line_of:  # a line object's rows are its header's lines
                blocked.append(f"its {obj.line_of[0]}")
            if blocked:
                raise ValueError(f"{name} cannot be generated: it needs {', '.join(blocked)}")
            # Required, defaulted and numeric fields: enough for realistic filters and aggregates.
            filled = [
                f
                for f in obj.fields
                if not f.readonly and not f.references and (f.required or f.default is not None or f.type == "decimal")
            ]
            first = store.next_recordno(company.companyid, obj)
            records = []
            for recordno in range(first, first + count):
                values = {f.name: synthetic_value(f, recordno) for f in filled}
                if obj.id_field != "RECORDNO":
                    values[obj.id_field] = f"{obj.id_field[:3]}{recordno:08d}"
                values.update(RECORDNO=recordno, WHENMODIFIED=stamp, CREATEDBY=1, MODIFIEDBY=1)
                values[obj.created_stamp] = stamp
                records.append(Record(recordno, "", values))
                if len(records) == 50_000:
                    store.insert_many(company.companyid, obj, records)
                    records = []
            store.insert_many(company.companyid, obj, records)
            total += count
    return total
