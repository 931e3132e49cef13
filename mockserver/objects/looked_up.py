"""Fields a record shows from another field (a definition's "from"), kept up to date by the store.

    {"name": "ACCOUNTTITLE", "readonly": true, "from": ["ACCOUNTNO", "GLACCOUNT", "TITLE"]}
    {"name": "AMOUNT", "readonly": true, "from": ["TRX_AMOUNT"]}

The store runs one set-based UPDATE per object after every insert and replace, over the rows just
written (while a fixture loads, once for the whole company at the end), so the values are stored (queries filter and sort on them) and come from one place. GUESS: a
looked-up value is the referenced record's at write time (docs/decisions.md).
"""

from __future__ import annotations

import sqlite3

from mockserver.objects.model import ObjectDef
from mockserver.objects.values import quote


def statements(obj: ObjectDef, catalogue: dict[str, ObjectDef]) -> list[str]:
    """The UPDATE for the object's looked-up fields (none when it has none); it takes (company, first, last
    RECORDNO). A field whose own field is empty becomes empty too."""
    table = quote(obj.name)
    assignments = []
    for field in obj.fields:
        if not field.looked_up:
            continue
        own, *through = field.looked_up
        if through:
            target = catalogue[through[0]]
            value = (
                f"(SELECT t.{quote(through[1])} FROM {quote(target.name)} t WHERE t._company = {table}._company "
                f"AND t.{quote(target.id_field)} = {table}.{quote(own)})"
            )
        else:
            value = quote(own)
        assignments.append(f"{quote(field.name)} = {value}")
    if not assignments:
        return []
    return [f"UPDATE {table} SET {', '.join(assignments)} WHERE _company = ? AND RECORDNO BETWEEN ? AND ?"]


def refresh(db: sqlite3.Connection, sql: list[str], company: str, first: int, last: int) -> None:
    for statement in sql:
        db.execute(statement, (company, first, last))
