"""Record storage in SQLite: one table per catalogue object, rows keyed by (company, RECORDNO).

The narrow interface (insert, replace, delete, get, select, count) is what the backend and handlers use, so another
database could replace SQLite without touching them. Every write runs inside `atomic()`, a
savepoint, so a failed function or a rolled-back transaction leaves no trace.

Lines of a header whose lines are an object of their own (GLENTRY of a GLBATCH) are rows of that
object's table, written and read with their header (objects/lines.py); other lines (SUPDOC attachments)
are the header row's `_lines` JSON.

The store only stores. Whoever keeps something derived from records (the rendered-record cache in
gateway/record_xml.py) registers as a listener and hears when a record changes or is deleted, when a
company is dropped and when a savepoint rolls back.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

from mockserver.objects import CATALOGUE, ObjectDef, looked_up
from mockserver.objects import lines as line_rows
from mockserver.objects.values import quote, sql_type

# Underscored so that no Intacct field name (VENDOR has ENTITY) can clash with them.
SYSTEM_COLUMNS = ("_company", "RECORDNO", "_entity", "_version", "_lines")
# The store's tables that hold no records; no user-defined dimension may be named like them.
OWN_TABLES = ("company", "completed_function", "completed_bare", "deleted_recordno")


def column(obj: ObjectDef, name: str) -> str:
    """The column holding a field. A RECORDNO that is not a number (GLDETAIL's composite
    '3220-55186-27290--accrual') is only what the record answers: it has a column of its own, and the
    integer RECORDNO column keeps keying the row."""
    if name == "RECORDNO" and (own := obj.by_name.get(name)) is not None and own.type != "integer":
        return "_answered_recordno"
    return name


@dataclass
class Record:
    recordno: int
    entity: str  # "" = top level (shared); an entity ID = private to that entity
    values: dict[str, Any]  # field name -> stored value
    lines: list[dict[str, Any]] = field(default_factory=list)  # in order; stored by objects/lines.py
    version: int = 1


class StoreListener(Protocol):
    """Told after the fact. A new record needs no word, since its RECORDNO is new, except after a rolled-back
    insert, which `rolled_back` covers."""

    def record_changed(self, company: str, obj: str, recordno: int) -> None: ...

    def record_deleted(self, company: str, obj: str, recordno: int) -> None: ...

    def company_dropped(self, company: str) -> None: ...

    def rolled_back(self) -> None:
        """Any record may be back at an older version, with that version's content."""


class Store:
    def __init__(self, path: str = "") -> None:
        # isolation_level=None: we issue BEGIN/SAVEPOINT ourselves.
        # cached_statements: every object's INSERT, SELECT and looked-up UPDATE stays prepared (133 objects).
        self.db = sqlite3.connect(
            path or ":memory:", isolation_level=None, check_same_thread=False, cached_statements=1024
        )
        self.db.execute("PRAGMA case_sensitive_like = ON")  # readByQuery compares case-sensitively
        # query's caseinsensitive folds every letter; SQLite's own lower() folds only ASCII.
        self.db.create_function(
            "fold", 1, lambda text: text.lower() if isinstance(text, str) else text, deterministic=True
        )
        if path:
            self.db.execute("PRAGMA journal_mode = WAL")
            self.db.execute("PRAGMA synchronous = FULL")  # an acknowledged write survives a crash
        self.depth = 0
        # Row counts per (company, object) and owning entity, so an unfiltered list costs the same
        # on a company of a million records as on a small one. Kept up to date by inserts; dropped
        # on delete and on rollback, and recounted on the next use.
        self.counts: dict[tuple[str, str], dict[str, int]] = {}
        self.listeners: list[StoreListener] = []
        self.looked_up_sql: dict[str, list[str]] = {}  # object -> its looked-up fields' UPDATEs
        self.layouts: dict[int, tuple[ObjectDef, list[str], list[str], str]] = {}
        self.lookups_deferred = False
        # Work a load leaves for the company's first use (its fixture documents' GL detail): a cold start
        # need not derive what no request may ask for. Changes to it inside a savepoint are undone with it.
        self.path = path
        self.deferred: dict[str, list[Callable[[], None]]] = {}
        # Tables made by create_table: every write to them goes through this class (others, such as the
        # legacy summaries' prbatch, are written by their own module).
        self.record_tables: set[str] = set()
        # Company -> the record tables written since it was copied from a fixture template (objects/templates.py):
        # a reset refreshes only those. No entry: not known, every table is reset.
        self.written: dict[str, set[str]] = {}
        self.undo: list[Callable[[], object]] = []
        self.db.execute("CREATE TABLE IF NOT EXISTS company (companyid TEXT PRIMARY KEY, settings TEXT NOT NULL)")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS completed_function (company TEXT NOT NULL, controlid TEXT NOT NULL, "
            "payload TEXT NOT NULL, PRIMARY KEY (company, controlid))"
        )
        # The bare json/csv body of a completed lone query, so its replay answers the same way.
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS completed_bare (company TEXT NOT NULL, controlid TEXT NOT NULL, "
            "body BLOB NOT NULL, content_type TEXT NOT NULL, PRIMARY KEY (company, controlid))"
        )
        # The highest RECORDNO ever deleted per object: Intacct never hands a RECORDNO out twice,
        # so deleting the newest record must not give its number to the next create.
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS deleted_recordno (company TEXT NOT NULL, object TEXT NOT NULL, "
            "highest INTEGER NOT NULL, PRIMARY KEY (company, object))"
        )
        for obj in CATALOGUE.values():
            self.create_table(obj)

    def prepare(self, obj: ObjectDef) -> None:
        """A company's own definition (a user-defined dimension, custom fields): its table and columns."""
        self.create_table(obj)
        present = {row[1] for row in self.db.execute(f"PRAGMA table_info({quote(obj.name)})")}
        for f in obj.fields:
            if f.name not in present:
                self.db.execute(f"ALTER TABLE {quote(obj.name)} ADD COLUMN {quote(f.name)} {sql_type(f)}")

    def create_table(self, obj: ObjectDef) -> None:
        columns = [
            f"{quote(column(obj, f.name))} {sql_type(f)}" for f in obj.fields if column(obj, f.name) != "RECORDNO"
        ]
        # The indexes are the table's own constraints, not CREATE INDEX statements: after each statement SQLite
        # scans its whole schema table again, so 170 tables' separate indexes cost a third of their creation.
        keys = ["PRIMARY KEY (_company, RECORDNO)"]
        self.record_tables.add(obj.name)
        if obj.id_field != "RECORDNO":
            keys.append(f"UNIQUE (_company, {quote(obj.id_field)})")
        if obj.field("WHENMODIFIED"):  # incremental syncs filter on it (unique anyway with RECORDNO last)
            keys.append("UNIQUE (_company, WHENMODIFIED, RECORDNO)")
        self.db.execute(
            f"CREATE TABLE IF NOT EXISTS {quote(obj.name)} (_company TEXT NOT NULL, RECORDNO INTEGER NOT NULL, "
            f"_entity TEXT NOT NULL DEFAULT '', _version INTEGER NOT NULL DEFAULT 1, _lines TEXT, "
            f"{', '.join(columns)}, {', '.join(keys)})"
        )

    # --- transactions ---------------------------------------------------------------------------

    @contextmanager
    def atomic(self) -> Iterator[None]:
        """All or nothing; nests (a function inside a transaction="true" operation)."""
        name = f"sp{self.depth}"
        self.db.execute(f"SAVEPOINT {name}")
        self.depth += 1
        mark = len(self.undo)
        try:
            yield
        except BaseException:
            self.db.execute(f"ROLLBACK TO {name}")
            self.db.execute(f"RELEASE {name}")
            self.counts.clear()
            for undo in reversed(self.undo[mark:]):
                undo()
            del self.undo[mark:]
            for listener in self.listeners:
                listener.rolled_back()
            raise
        finally:
            self.depth -= 1
        self.db.execute(f"RELEASE {name}")
        if self.depth == 0:
            self.undo.clear()

    # --- work deferred to a company's first use -------------------------------------------------

    def defer(self, company: str, work: Callable[[], None]) -> None:
        """Run `work` (which writes the company's records) just before the company's records are next read
        or written, so that it sees them as they are now; at once when the store is a --state file, which
        must hold everything when the process stops."""
        if self.path:
            work()
            return
        waiting = self.deferred.setdefault(company, [])
        waiting.append(work)
        self._undoable(lambda: waiting.remove(work))

    def settle(self, company: str) -> None:
        """The company's deferred work, done now (a fixture template is built from a company with all of it)."""
        self._settle(company)

    def _settle(self, company: str) -> None:
        if self.deferred and company in self.deferred:
            with self.atomic():  # all of it, or none and it waits for the next use
                self._forget_deferred(company)()

    def _forget_deferred(self, company: str) -> Callable[[], None]:
        """The company's deferred work, taken off the list (put back if the savepoint rolls back)."""
        waiting = self.deferred.pop(company, [])
        self._undoable(lambda: self.deferred.__setitem__(company, waiting))

        def run() -> None:
            for work in waiting:
                work()

        return run

    def _wrote(self, company: str, obj: ObjectDef) -> None:
        """Note a write to the object's table (and its line table) for a company copied from a template."""
        written = self.written.get(company)
        if written is not None:
            written.add(obj.name)
            if obj.lines is not None and obj.lines.object:
                written.add(obj.lines.object)

    def copied(self, company: str) -> None:
        """The company's rows are now a template's: nothing written since (forgotten if this rolls back)."""
        self.written[company] = set()
        self._undoable(lambda: self.written.pop(company, None))

    def _forget_written(self, company: str) -> None:
        written = self.written.pop(company, None)
        if written is not None:
            self._undoable(lambda: self.written.__setitem__(company, written))

    def _undoable(self, undo: Callable[[], object]) -> None:
        if self.depth:
            self.undo.append(undo)

    def on_rollback(self, undo: Callable[[], object]) -> None:
        """Run `undo` if the savepoint open now rolls back (what the caller keeps outside SQLite)."""
        self._undoable(undo)

    # --- rows -----------------------------------------------------------------------------------

    def _row_to_record(self, obj: ObjectDef, row: sqlite3.Row | tuple, names: list[str]) -> Record:
        data = dict(zip(names, row, strict=True))
        lines = json.loads(data.pop("_lines") or "[]")  # line objects' lines: attached by select()
        recordno = data["RECORDNO"]
        record = Record(recordno, data.pop("_entity"), {}, lines, data.pop("_version"))
        data.pop("_company")
        if "_answered_recordno" in data:
            data["RECORDNO"] = data.pop("_answered_recordno")
        record.values = data
        return record

    def _fields(self, obj: ObjectDef) -> list[str]:
        """The fields with a column of their own (all but the integer RECORDNO, a system column)."""
        return self._layout(obj)[1]

    def _columns(self, obj: ObjectDef) -> list[str]:
        return self._layout(obj)[2]

    def _selected(self, obj: ObjectDef) -> str:
        """The columns as a SELECT lists them (a wide object's list is long: quoted once, not per query)."""
        return self._layout(obj)[3]

    def _layout(self, obj: ObjectDef) -> tuple[ObjectDef, list[str], list[str], str]:
        """(obj, fields, columns, the columns quoted), worked out once per definition (a company's own copy
        has its own)."""
        found = self.layouts.get(id(obj))
        if found is None or found[0] is not obj:
            fields = [f.name for f in obj.fields if column(obj, f.name) != "RECORDNO"]
            columns = list(SYSTEM_COLUMNS) + [column(obj, n) for n in fields]
            found = self.layouts[id(obj)] = (obj, fields, columns, ", ".join(map(quote, columns)))
        return found

    def highest_recordno(self, company: str, obj: ObjectDef) -> int:
        """The highest RECORDNO of the object's records now (0 when none): a result set's ceiling."""
        self._settle(company)
        row = self.db.execute(f"SELECT MAX(RECORDNO) FROM {quote(obj.name)} WHERE _company = ?", (company,)).fetchone()
        return row[0] or 0

    def next_recordno(self, company: str, obj: ObjectDef) -> int:
        deleted = self.db.execute(
            "SELECT highest FROM deleted_recordno WHERE company = ? AND object = ?", (company, obj.name)
        ).fetchone()
        return max(self.highest_recordno(company, obj), deleted[0] if deleted else 0) + 1

    @staticmethod
    def _lines_json(obj: ObjectDef, record: Record) -> str | None:
        return None if obj.lines is None or obj.lines.object else json.dumps(record.lines)

    def insert(self, company: str, obj: ObjectDef, record: Record) -> None:
        self._settle(company)
        self._wrote(company, obj)
        names = self._columns(obj)
        values = [company, record.recordno, record.entity, record.version, self._lines_json(obj, record)]
        values += [record.values.get(name) for name in self._fields(obj)]
        self.db.execute(
            f"INSERT INTO {quote(obj.name)} ({self._selected(obj)}) VALUES ({', '.join('?' * len(names))})", values
        )
        self._counted(company, obj, [record.entity])
        self._looked_up(company, obj, record.recordno, record.recordno, record)
        line_rows.write(self, company, obj, [record])

    def insert_many(self, company: str, obj: ObjectDef, records: list[Record]) -> None:
        self._settle(company)
        self._wrote(company, obj)
        # Only the columns some row fills (a fixture's VENDOR sets 40 of its 269 fields): the rest are NULL.
        filled = {name for r in records for name, value in r.values.items() if value is not None}
        kept = [
            (name, col)
            for name, col in zip(self._fields(obj), self._columns(obj)[len(SYSTEM_COLUMNS) :], strict=True)
            if name in filled
        ]
        names = list(SYSTEM_COLUMNS) + [col for _, col in kept]
        fields = [name for name, _ in kept]
        rows = (
            [company, r.recordno, r.entity, r.version, self._lines_json(obj, r)]
            + [r.values.get(name) for name in fields]
            for r in records
        )
        self.db.executemany(
            f"INSERT INTO {quote(obj.name)} ({', '.join(map(quote, names))}) VALUES ({', '.join('?' * len(names))})",
            rows,
        )
        self._counted(company, obj, [r.entity for r in records])
        if records:
            self._looked_up(company, obj, min(r.recordno for r in records), max(r.recordno for r in records))
        line_rows.write(self, company, obj, records)

    def _looked_up(self, company: str, obj: ObjectDef, first: int, last: int, record: Record | None = None) -> None:
        """Fields shown from another field or record (ACCOUNTTITLE), for the rows first..last just written;
        a record written alone gets them back too, so its lines copy them (APBILLITEM VENDORNAME)."""
        if self.lookups_deferred:
            return
        sql = self.looked_up_sql.get(obj.name)
        if sql is None:
            sql = self.looked_up_sql[obj.name] = looked_up.statements(obj, CATALOGUE)
        if not sql:
            return
        looked_up.refresh(self.db, sql, company, first, last)
        if record is not None:
            names = [f.name for f in obj.fields if f.looked_up]
            row = self.db.execute(
                f"SELECT {', '.join(map(quote, names))} FROM {quote(obj.name)} WHERE _company = ? AND RECORDNO = ?",
                (company, record.recordno),
            ).fetchone()
            record.values.update(zip(names, row, strict=True))

    @contextmanager
    def looking_up_at_the_end(self, company: str) -> Iterator[None]:
        """Looked-up fields filled once, for the whole company, when the block ends (a fixture loads its
        objects in whatever order it lists them, so a record may name one that comes later)."""
        self.lookups_deferred = True
        try:
            yield
        finally:
            self.lookups_deferred = False
        for obj in CATALOGUE.values():
            self._looked_up(company, obj, 0, 2**62)

    def _counted(self, company: str, obj: ObjectDef, entities: list[str]) -> None:
        counts = self.counts.get((company, obj.name))
        if counts is not None:
            for entity in entities:
                counts[entity] = counts.get(entity, 0) + 1

    def counts_forgotten(self, company: str, tables: set[str]) -> None:
        for table in tables:
            self.counts.pop((company, table), None)

    def counted(self, company: str, counts: dict[str, dict[str, int]]) -> None:
        """Row counts known without counting (a company copied from a fixture template has the template's)."""
        for table, by_entity in counts.items():
            self.counts[(company, table)] = dict(by_entity)

    def replace(self, company: str, obj: ObjectDef, record: Record) -> None:
        """Write back a changed record (its version is bumped by the caller)."""
        self._settle(company)
        self._wrote(company, obj)
        names = [n for n in self._columns(obj) if n not in ("_company", "RECORDNO")]
        values = [record.entity, record.version, self._lines_json(obj, record)]
        values += [record.values.get(name) for name in self._fields(obj)]
        self.db.execute(
            f"UPDATE {quote(obj.name)} SET {', '.join(quote(n) + ' = ?' for n in names)} "
            f"WHERE _company = ? AND RECORDNO = ?",
            [*values, company, record.recordno],
        )
        self._looked_up(company, obj, record.recordno, record.recordno, record)
        line_rows.rewrite(self, company, obj, record)
        for listener in self.listeners:
            listener.record_changed(company, obj.name, record.recordno)

    def delete(self, company: str, obj: ObjectDef, recordno: int) -> None:
        self._settle(company)
        self._wrote(company, obj)
        self.db.execute(f"DELETE FROM {quote(obj.name)} WHERE _company = ? AND RECORDNO = ?", (company, recordno))
        line_rows.remove(self, company, obj, recordno)
        self.note_deleted(company, obj, recordno)
        self.counts.pop((company, obj.name), None)
        for listener in self.listeners:
            listener.record_deleted(company, obj.name, recordno)

    def note_deleted(self, company: str, obj: ObjectDef, recordno: int) -> None:
        self._settle(company)
        self.db.execute(
            "INSERT INTO deleted_recordno (company, object, highest) VALUES (?, ?, ?) "
            "ON CONFLICT (company, object) DO UPDATE SET highest = MAX(highest, excluded.highest)",
            (company, obj.name, recordno),
        )

    def get(self, company: str, obj: ObjectDef, recordno: int) -> Record | None:
        found = self.select(company, obj, "RECORDNO = ?", [recordno])
        return found[0] if found else None

    def get_by_id(self, company: str, obj: ObjectDef, value: Any) -> Record | None:
        found = self.select(company, obj, f"{quote(obj.id_field)} = ?", [value])
        return found[0] if found else None

    def fields_by_id(self, company: str, obj: ObjectDef, names: list[str], value: Any) -> dict[str, Any] | None:
        """A few fields of the record with this ID (not the whole wide row: GL detail names each account and
        dimension it posts to)."""
        self._settle(company)
        row = self.db.execute(
            f"SELECT {', '.join(quote(column(obj, n)) for n in names)} FROM {quote(obj.name)} "
            f"WHERE _company = ? AND {quote(obj.id_field)} = ? ORDER BY RECORDNO LIMIT 1",
            (company, value),
        ).fetchone()
        return None if row is None else dict(zip(names, row, strict=True))

    @staticmethod
    def _scope(company: str, where: str, params: list, entities: tuple[str, ...] | None) -> tuple[str, list]:
        clause = "_company = ?"
        args: list = [company]
        if entities is not None:
            clause += f" AND _entity IN ({', '.join('?' * len(entities))})"
            args += list(entities)
        if where:
            clause += f" AND ({where})"
            args += params
        return clause, args

    def select(
        self,
        company: str,
        obj: ObjectDef,
        where: str = "",
        params: list | None = None,
        *,
        entities: tuple[str, ...] | None = None,
        order_by: str = "RECORDNO",
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Record]:
        self._settle(company)
        clause, args = self._scope(company, where, params or [], entities)
        names = self._columns(obj)
        sql = f"SELECT {self._selected(obj)} FROM {quote(obj.name)} WHERE {clause} ORDER BY {order_by}"
        if limit is not None:
            sql += " LIMIT ? OFFSET ?"
            args += [limit, offset]
        records = [self._row_to_record(obj, row, names) for row in self.db.execute(sql, args)]
        line_rows.attach(self, company, obj, records)
        return records

    def versions(
        self,
        company: str,
        obj: ObjectDef,
        where: str = "",
        params: list | None = None,
        *,
        entities: tuple[str, ...] | None = None,
        limit: int | None = None,
    ) -> list[tuple[int, int]]:
        """(RECORDNO, version) of the matching records in RECORDNO order: enough to reuse rendered ones."""
        self._settle(company)
        clause, args = self._scope(company, where, params or [], entities)
        sql = f"SELECT RECORDNO, _version FROM {quote(obj.name)} WHERE {clause} ORDER BY RECORDNO"
        if limit is not None:
            sql += " LIMIT ?"
            args.append(limit)
        return self.db.execute(sql, args).fetchall()

    def recordnos(
        self,
        company: str,
        obj: ObjectDef,
        where: str = "",
        params: list | None = None,
        *,
        entities: tuple[str, ...] | None = None,
        order_by: str = "RECORDNO",
    ) -> list[int]:
        self._settle(company)
        clause, args = self._scope(company, where, params or [], entities)
        sql = f"SELECT RECORDNO FROM {quote(obj.name)} WHERE {clause} ORDER BY {order_by}"
        return [row[0] for row in self.db.execute(sql, args)]

    def get_many(self, company: str, obj: ObjectDef, recordnos: list[int]) -> list[Record]:
        """Records in the order asked for; missing ones (deleted since) are skipped."""
        if not recordnos:
            return []
        found = {
            r.recordno: r
            for r in self.select(company, obj, f"RECORDNO IN ({', '.join('?' * len(recordnos))})", list(recordnos))
        }
        return [found[n] for n in recordnos if n in found]

    def count(
        self,
        company: str,
        obj: ObjectDef,
        where: str = "",
        params: list | None = None,
        *,
        entities: tuple[str, ...] | None = None,
    ) -> int:
        self._settle(company)
        if not where:
            counts = self.counts.get((company, obj.name))
            if counts is None:
                counts = dict(
                    self.db.execute(
                        f"SELECT _entity, COUNT(*) FROM {quote(obj.name)} WHERE _company = ? GROUP BY _entity",
                        (company,),
                    ).fetchall()
                )
                self.counts[(company, obj.name)] = counts
            return sum(n for entity, n in counts.items() if entities is None or entity in entities)
        clause, args = self._scope(company, where, params or [], entities)
        return self.db.execute(f"SELECT COUNT(*) FROM {quote(obj.name)} WHERE {clause}", args).fetchone()[0]

    def aggregate(
        self,
        company: str,
        obj: ObjectDef,
        expressions: list[str],
        where: str = "",
        params: list | None = None,
        *,
        entities: tuple[str, ...] | None = None,
    ) -> tuple:
        self._settle(company)
        clause, args = self._scope(company, where, params or [], entities)
        return self.db.execute(
            f"SELECT {', '.join(expressions)} FROM {quote(obj.name)} WHERE {clause}", args
        ).fetchone()

    def drop_company(self, company: str) -> None:
        with self.atomic():
            self._forget_deferred(company)  # its records go, and what was left to do for them
            self._forget_written(company)
            # Every record table, user-defined dimensions' too (a replaced company may not declare them again).
            for (table,) in self.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall():
                if table not in OWN_TABLES:
                    self.db.execute(f"DELETE FROM {quote(table)} WHERE _company = ?", (company,))
                    self.counts.pop((company, table), None)  # a table per object: keyed by its name
            self.db.execute("DELETE FROM completed_function WHERE company = ?", (company,))
            self.db.execute("DELETE FROM completed_bare WHERE company = ?", (company,))
            self.db.execute("DELETE FROM deleted_recordno WHERE company = ?", (company,))
        self.dropped(company)

    def dropped(self, company: str) -> None:
        """Tell the listeners the company's records may all have changed."""
        for listener in self.listeners:
            listener.company_dropped(company)

    def drop_all(self, companies: list[str]) -> None:
        """Every company's rows gone at once (a whole reset): a DELETE without WHERE empties a table
        without visiting its rows, so this costs the same however many companies there are."""
        with self.atomic():
            for company in companies:
                self._forget_deferred(company)
                self._forget_written(company)
            for (table,) in self.db.execute("SELECT name FROM main.sqlite_master WHERE type = 'table'").fetchall():
                if not table.startswith("sqlite_"):
                    self.db.execute(f"DELETE FROM main.{quote(table)}")
            self.counts.clear()
        for company in companies:
            self.dropped(company)

    def completed_function(self, company: str, controlid: str) -> tuple[str, tuple[bytes, str] | None] | None:
        """The answer (payload, and bare body with its content type if it had one) of a function that
        completed under uniqueid=true, if this controlid did."""
        row = self.db.execute(
            "SELECT f.payload, b.body, b.content_type FROM completed_function f LEFT JOIN completed_bare b "
            "ON b.company = f.company AND b.controlid = f.controlid WHERE f.company = ? AND f.controlid = ?",
            (company, controlid),
        ).fetchone()
        if row is None:
            return None
        return row[0], (bytes(row[1]), row[2]) if row[1] is not None else None

    def complete_function(
        self, company: str, controlid: str, payload: str, bare: tuple[bytes, str] | None = None
    ) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO completed_function (company, controlid, payload) VALUES (?, ?, ?)",
            (company, controlid, payload),
        )
        self.db.execute("DELETE FROM completed_bare WHERE company = ? AND controlid = ?", (company, controlid))
        if bare is not None:
            self.db.execute(
                "INSERT INTO completed_bare (company, controlid, body, content_type) VALUES (?, ?, ?, ?)",
                (company, controlid, bare[0], bare[1]),
            )

    def save_company(self, companyid: str, settings: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO company (companyid, settings) VALUES (?, ?)", (companyid, settings))

    def forget_company(self, companyid: str) -> None:
        self.db.execute("DELETE FROM company WHERE companyid = ?", (companyid,))

    def saved_companies(self) -> list[str]:
        return [row[0] for row in self.db.execute("SELECT settings FROM company ORDER BY companyid")]

    def close(self) -> None:
        self.db.close()
