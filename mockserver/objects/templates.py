"""Fixture templates: a fixture's records built once by the loader, then copied inside SQLite for every
company made from it (`INSERT INTO main.T SELECT ?, ... FROM template.T`), instead of converting and
inserting them through Python again (issue 15: a fresh company or a reset in milliseconds).

Templates live in an in-memory database ATTACHed to the store's connection as `template`, so they never
land in a `--state` file and a restart finds none. A template is keyed by the fixture's content: a named
fixture's by its name (its file is read once, at start), an inline fixture's by a hash of its records and
what stamps them (not its ID or name), so the same content gives the same template and different content
a different one. It is built the second time the same content loads (the
first load, a cold start's or a one-off inline company's, goes straight into the company as before): the
company just loaded is copied whole, with its deferred GL detail written first, so copies have it.

A template holds every row of the company: records, line rows, GL detail, the highest deleted RECORDNO
per object, and the row counts per object and entity. Its rows are copied in the order the loader wrote
them, so an unordered scan (an aggregate's sum) meets them in the same order as on a loaded company.

A reset of a company copied from a template copies again only the tables written since (the store notes
them: every write of a record goes through it) and empties the tables the store does not watch; the rest
still holds the template's rows. A company that was loaded, or whose writes are not known, is dropped and
copied whole.

A content of more records than `Settings.template_records` never gets a template (it loads each time),
and templates held in total stay within that many records: the least recently used goes first
(docs/decisions.md). 0 turns templates off.
"""

from __future__ import annotations

import hashlib
import json
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

from mockserver.objects.store import OWN_TABLES, Store
from mockserver.objects.values import quote

SCHEMA = "template"
# What the loader reads of a fixture (load_records and generate_records: the records, and the company's entities,
# custom fields and dimensions they are stamped and typed by). Nothing else (ID, name, users, senders) changes a
# record, so companies that differ only there share a template; a new input of the loader must be listed here.
RECORD_KEYS = ("records", "generate", "entities", "custom_fields", "dimensions")


def content_key(data: dict[str, Any]) -> str:
    """The fixture's content, hashed: what decides the records a load writes."""
    kept = {key: data.get(key) for key in RECORD_KEYS}
    return hashlib.sha256(json.dumps(kept, sort_keys=True, default=str).encode()).hexdigest()


def record_count(data: dict[str, Any]) -> int:
    """The records a fixture loads (its listed and generated ones; their lines and GL detail not counted)."""
    listed = sum(len(rows) for rows in (data.get("records") or {}).values() if isinstance(rows, list))
    generated = sum(n for n in (data.get("generate") or {}).values() if isinstance(n, int))
    return listed + generated


@dataclass
class Template:
    key: str  # the template rows' _company
    records: int  # record_count of its fixture
    copies: list[tuple[str, str]]  # (table, the INSERT ... SELECT that copies its rows into a company)
    counts: dict[str, dict[str, int]]  # table -> entity -> rows: the store's counts of a fresh copy
    deleted: list[tuple[str, int]]  # deleted_recordno rows: (object, highest)


class Templates:
    def __init__(self, store: Store, limit: int) -> None:
        self.store = store
        self.limit = limit
        self.held: OrderedDict[str, Template] = OrderedDict()  # content key -> template, least recently used first
        self.seen: set[str] = set()  # content keys loaded once: the next load of one builds its template
        self.columns: dict[str, list[str]] = {}  # template table -> its columns
        self.origin: dict[str, str] = {}  # company -> the key of the template it was copied from
        self.numbered = 0
        store.db.execute(f"ATTACH DATABASE ':memory:' AS {SCHEMA}")

    @property
    def records(self) -> int:
        return sum(t.records for t in self.held.values())

    def find(self, key: str) -> Template | None:
        template = self.held.get(key)
        if template is not None:
            self.held.move_to_end(key)
        return template

    def loaded(self, key: str, records: int, companyid: str) -> None:
        """A company was just loaded from this content: remember it, or the second time keep it as a template."""
        if not self.limit or records > self.limit:
            return
        if key not in self.seen:
            if len(self.seen) >= 100_000:  # a long run of one-off inline companies: start counting again
                self.seen.clear()
            self.seen.add(key)
            return
        while self.held and self.records + records > self.limit:
            self.forget(next(iter(self.held)))
        self.held[key] = self.build(companyid, records)
        self.store.on_rollback(lambda: self.held.pop(key, None))

    def build(self, companyid: str, records: int) -> Template:
        store, db = self.store, self.store.db
        store.settle(companyid)  # the deferred GL detail, written now so every copy has it
        store.on_rollback(self.columns.clear)  # a rolled-back CREATE or ALTER of a template table: read them again
        self.numbered += 1
        key = f"t{self.numbered}"
        copies, counts = [], {}
        tables = [name for (name,) in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
        for table in tables:
            if table in OWN_TABLES or table.startswith("sqlite_"):
                continue
            t = quote(table)
            if db.execute(f"SELECT 1 FROM main.{t} WHERE _company = ? LIMIT 1", (companyid,)).fetchone() is None:
                continue
            columns = [row[1] for row in db.execute(f"PRAGMA main.table_info({t})")]
            self.make_table(table, columns)
            listed = ", ".join(map(quote, columns[1:]))  # all but _company, which is the first
            db.execute(
                f"INSERT INTO {SCHEMA}.{t} (_company, {listed}) SELECT ?, {listed} FROM main.{t} "
                f"WHERE _company = ? ORDER BY rowid",
                (key, companyid),
            )
            counts[table] = dict(
                db.execute(f"SELECT _entity, COUNT(*) FROM {SCHEMA}.{t} WHERE _company = ? GROUP BY _entity", (key,))
            )
            copies.append(
                (
                    table,
                    f"INSERT INTO main.{t} (_company, {listed}) SELECT ?, {listed} FROM {SCHEMA}.{t} "
                    f"WHERE _company = ? ORDER BY rowid",
                )
            )
        deleted = db.execute("SELECT object, highest FROM deleted_recordno WHERE company = ?", (companyid,)).fetchall()
        return Template(key, records, copies, counts, [tuple(row) for row in deleted])

    def make_table(self, table: str, columns: list[str]) -> None:
        """The template's table like the store's (it may have gained custom-field columns since the last build)."""
        t = quote(table)
        db = self.store.db
        present = self.columns.get(table)
        if present is None:
            present = [row[1] for row in db.execute(f"PRAGMA {SCHEMA}.table_info({t})")]
        if not present:
            db.execute(f"CREATE TABLE {SCHEMA}.{t} AS SELECT * FROM main.{t} WHERE 0")
            db.execute(f"CREATE INDEX {SCHEMA}.{quote(table + '_company')} ON {t} (_company)")
            present = [row[1] for row in db.execute(f"PRAGMA {SCHEMA}.table_info({t})")]
        self.columns[table] = present
        for name in columns:
            if name not in present:
                db.execute(f"ALTER TABLE {SCHEMA}.{t} ADD COLUMN {quote(name)}")
                present.append(name)

    def copy(self, template: Template, companyid: str) -> None:
        """The template's rows as the company's (which has none: dropped first)."""
        db = self.store.db
        for _, sql in template.copies:
            db.execute(sql, (companyid, template.key))
        if template.deleted:
            db.executemany(
                "INSERT INTO deleted_recordno (company, object, highest) VALUES (?, ?, ?)",
                [(companyid, name, highest) for name, highest in template.deleted],
            )
        self.store.counted(companyid, template.counts)
        self.store.copied(companyid)
        self.origin[companyid] = template.key

    def refresh(self, template: Template, companyid: str) -> bool:
        """Reset a company copied from this template by copying again only the tables written since (and
        emptying the tables the store does not watch); False when that is not known (then drop and copy)."""
        store, db = self.store, self.store.db
        written = store.written.get(companyid)
        if written is None or self.origin.get(companyid) != template.key:
            return False
        with store.atomic():
            tables = [name for (name,) in db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'")]
            for table in tables:
                if table.startswith("sqlite_") or (table in store.record_tables and table not in written):
                    continue  # as the copy left it
                key_column = "company" if table in OWN_TABLES else "_company"
                if table != "company":  # the company's settings row: saved again by the caller
                    db.execute(f"DELETE FROM main.{quote(table)} WHERE {key_column} = ?", (companyid,))
            for table, sql in template.copies:
                if table in written:
                    db.execute(sql, (companyid, template.key))
            if template.deleted:
                db.executemany(
                    "INSERT INTO deleted_recordno (company, object, highest) VALUES (?, ?, ?)",
                    [(companyid, name, highest) for name, highest in template.deleted],
                )
            store.counts_forgotten(companyid, written)
            store.counted(companyid, {table: template.counts[table] for table in written if table in template.counts})
            store.copied(companyid)
        store.dropped(companyid)
        return True

    def forget(self, key: str) -> None:
        """Drop a template's rows (the least recently used, to make room)."""
        template = self.held.pop(key)
        for table, _ in template.copies:
            self.store.db.execute(f"DELETE FROM {SCHEMA}.{quote(table)} WHERE _company = ?", (template.key,))
        self.store.on_rollback(lambda: self.held.__setitem__(key, template))  # its rows are back
