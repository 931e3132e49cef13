"""Small steps many contract tests share: create and register records (Created deletes them at
teardown), learn an object's ID field, list records by prefix."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from aiointacct import IntacctClient, Record, Result, RetryPolicy, functions

from .objects import ObjectDescription
from .strategies import nest

# Retries as a production client makes them (5xx, 429), but few and short: an unreachable target
# fails a test in seconds, not minutes.
RETRY = RetryPolicy(max_retries=2, base_delay=0.5, max_delay=5)


async def create(client: IntacctClient, created, obj: str, payloads: Iterable[Mapping[str, str]]) -> list[dict]:
    """One create function with every payload; registers the new records for teardown; answers the
    keys (RECORDNO and the ID field) in order."""
    payloads = list(payloads)
    result = await client.create([Record(obj, nest(p)) for p in payloads])
    return created.add_result([obj] * len(payloads), result)


def id_field_from_keys(keys: Mapping[str, str]) -> str:
    """A create answers RECORDNO and the object's ID field: the ID field is the other key, or
    RECORDNO when the object has none."""
    others = [k for k in keys if k != "RECORDNO" and not k.startswith("@")]
    return others[0] if others else "RECORDNO"


def minimal_values(obj: ObjectDescription, ids, references: Mapping[str, str]) -> dict[str, str]:
    """Only what lookup says is required, with the plainest value of each type."""
    plain = {
        "ENUM": None,
        "BOOLEAN": "false",
        "INTEGER": "1",
        "DECIMAL": "1",
        "DATE": "01/15/2024",
        "TIMESTAMP": "01/15/2024 10:00:00",
    }
    values = {}
    for field in obj.required:
        if field.references:
            values[field.name] = references[field.name]
        elif field.datatype == "ENUM" and field.valid_values:
            values[field.name] = field.valid_values[0]
        elif field.datatype in plain and plain[field.datatype] is not None:
            values[field.name] = plain[field.datatype]
        else:
            values[field.name] = ids.next(field.max_length)
    return values


async def ids_like(client: IntacctClient, obj: str, id_field: str, prefix: str) -> list[str]:
    """IDs of every record whose ID starts with prefix (readByQuery with readMore)."""
    found = []
    async for record in client.iter_read_by_query(obj, f"{id_field} LIKE '{prefix}%'", [id_field, "RECORDNO"]):
        found.append(record[id_field])
    return found


async def recordnos_like(client: IntacctClient, obj: str, id_field: str, prefix: str) -> list[str]:
    found = []
    async for record in client.iter_read_by_query(obj, f"{id_field} LIKE '{prefix}%'", ["RECORDNO"]):
        found.append(record["RECORDNO"])
    return found


class Known:
    """An object as a test uses it: its description, its ID field (learned from a create answer) and
    one record created for the test (`existing`: its payload and keys)."""

    def __init__(self, obj: ObjectDescription, id_field: str, existing: Mapping[str, str], keys: Mapping[str, str]):
        self.obj, self.id_field, self.existing, self.keys = obj, id_field, dict(existing), dict(keys)

    @property
    def name(self) -> str:
        return self.obj.name

    @property
    def recordno(self) -> str:
        return self.keys["RECORDNO"]


async def learn(client: IntacctClient, created, obj: ObjectDescription, ids) -> Known:
    """Create one record with only the required fields; its answer names the ID field."""
    values = minimal_values(obj, ids, {})
    [keys] = await create(client, created, obj.name, [values])
    return Known(obj, id_field_from_keys(keys), values, keys)


class Created:
    """(object, RECORDNO) of every record a test made, in order; deleted newest first at teardown."""

    def __init__(self) -> None:
        self.records: list[tuple[str, str]] = []

    def add(self, obj: str, recordno: str | int) -> None:
        if (obj, str(recordno)) not in self.records:
            self.records.append((obj, str(recordno)))

    def add_result(self, objects: list[str], result: Result) -> list[dict]:
        """Register the keys a create answered (one record per object, in order); return them."""
        for obj, key in zip(objects, result.records, strict=True):
            self.add(obj, key["RECORDNO"])
        return result.records

    def forget(self, obj: str, recordno: str | int) -> None:
        try:
            self.records.remove((obj, str(recordno)))
        except ValueError:
            pass

    async def delete_all(self, client: IntacctClient, batch: int = 50) -> list[str]:
        """One delete function per record, many per request, without a transaction: one that fails
        (already gone) does not keep the others. Answers what could not be deleted."""
        leftovers = []
        pending = list(reversed(self.records))
        for start in range(0, len(pending), batch):
            chunk = pending[start : start + batch]
            try:
                results = await client.execute([functions.delete(obj, recordno) for obj, recordno in chunk])
            except Exception as failure:
                leftovers += [f"{obj} {recordno}: {failure}" for obj, recordno in chunk]
                continue
            leftovers += [
                f"{obj} {recordno}: {result.errors}"
                for (obj, recordno), result in zip(chunk, results, strict=True)
                if not result.ok
            ]
        self.records.clear()
        return leftovers
