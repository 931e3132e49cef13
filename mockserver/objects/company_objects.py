"""A company's own view of the objects: the standard catalogue, plus the custom fields its fixture declares
(VENDOR_CF_BOOL on VENDOR) and its user-defined dimensions (UDDs) as objects of their own.

Built once when the company loads (Company.from_fixture); every request resolves objects through it, so
another company never sees these fields or objects. A UDD has the field set of the catalogue's DIMENSION
definition (the recorded company's UDD named DIMENSION: id, name, createdBy, createdAt, updatedBy,
updatedAt, RECORD_URL); GUESS (docs/decisions.md): it is writable, with `name` required and `id` numbered
as the record number.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from mockserver.objects import CATALOGUE, Field, ObjectDef
from mockserver.objects.values import to_storage

if TYPE_CHECKING:
    from mockserver.objects.store import Record

UDD_TEMPLATE = CATALOGUE["DIMENSION"]
# Set by the backend and the fixture loader on every write, copied into the UDD's camelCase stamps.
STAMPS = {"updatedAt": "WHENMODIFIED", "updatedBy": "MODIFIEDBY"}
CREATION_STAMPS = {"createdAt": "WHENCREATED", "createdBy": "CREATEDBY"}
FIXTURE_TIME = "01/01/2026 00:00:00"  # objects/fixtures.py's: records a fixture gives no time


def custom_field(data: Mapping[str, Any]) -> Field:
    """A declared custom field (validated by control/fixture_models.py): name, type, label, required, values."""
    return Field(
        data["name"],
        data.get("type", "text"),
        data.get("label") or "",
        bool(data.get("required", False)),
        valid_values=tuple(data.get("values") or ()),
        custom=True,
    )


def udd_stamps(obj: ObjectDef, record: Record, action: str) -> None:
    """createdAt/createdBy on create, updatedAt/updatedBy on every write, from the system stamps."""
    values = record.values
    if values.get("id") is None:  # a fixture record without one: numbered as the backend numbers creates
        values["id"] = str(record.recordno)
    stamps = STAMPS | CREATION_STAMPS if action == "create" else STAMPS
    for name, source in stamps.items():
        if values.get(source) is not None:
            stamp = values[source]
            values[name] = stamp if name.endswith("At") else str(stamp)
        elif values.get(name) is None and name.endswith("At"):  # a fixture record that gives no time
            values[name] = to_storage(obj.by_name[name], FIXTURE_TIME)


def udd_object(name: str, label: str) -> ObjectDef:
    fields = tuple(replace(f, readonly=False, required=True) if f.name == "name" else f for f in UDD_TEMPLATE.fields)
    return replace(
        UDD_TEMPLATE,
        name=name,
        label=label,
        fields=fields,
        writable=True,
        derive=udd_stamps,
        sources=("fixture",),
        by_name={},
        by_upper={},
    )


class CompanyObjects(Mapping[str, ObjectDef]):
    """Object name (upper case) -> the company's definition of it."""

    def __init__(
        self, custom_fields: Mapping[str, Sequence[Mapping[str, Any]]] | None = None, dimensions: Sequence = ()
    ) -> None:
        self.objects = dict(CATALOGUE)
        self.own: list[ObjectDef] = []  # the definitions that differ from the catalogue's: the store's to prepare
        for name, declared in (custom_fields or {}).items():
            obj = CATALOGUE[name]
            extended = replace(obj, fields=obj.fields + tuple(map(custom_field, declared)), by_name={}, by_upper={})
            self.objects[name] = extended
            self.own.append(extended)
        for name, label in dimensions:
            udd = udd_object(name, label)
            self.objects[name.upper()] = udd
            self.own.append(udd)

    def get(self, name: str, default: Any = None) -> Any:
        """Names are case-insensitive, as in <object>."""
        return self.objects.get(name.strip().upper(), default)

    def __getitem__(self, name: str) -> ObjectDef:
        return self.objects[name.strip().upper()]

    def __iter__(self) -> Iterator[str]:
        return iter(self.objects)

    def __len__(self) -> int:
        return len(self.objects)


STANDARD = CompanyObjects()
