"""readByQuery result sets that readMore continues. A cursor walks the matching records in RECORDNO
order from where the last page stopped, up to the highest RECORDNO when the query ran: every record
comes at most once, records created later never join, deleted ones are skipped, and a page costs the
same on a company of a million records as on a small one. A cursor belongs to the company, user and
entity that made it, and expires after 30 minutes without use (GUESS: Intacct publishes no
lifetime)."""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field

from mockserver.control.clock import Clock
from mockserver.objects import Field, ObjectDef

IDLE_SECONDS = 30 * 60
SWEEP_SECONDS = 60  # expired cursors are swept at most this often, not on every query
MAX_OPEN = 10_000  # beyond this the oldest cursors are dropped (a client that never pages)


@dataclass
class Cursor:
    result_id: str
    owner: tuple[str, str, str]  # company, user, entity
    obj: ObjectDef
    where: str  # the query's condition as SQL, with its parameters
    params: list
    entities: tuple[str, ...] | None
    ceiling: int  # the highest RECORDNO when the query ran
    fields: list[Field]
    with_lines: bool
    pagesize: int
    totalcount: int
    after: int = 0  # RECORDNO of the last record delivered
    delivered: int = 0
    expires: float = 0.0
    extra: dict = field(default_factory=dict)


def new_result_id() -> str:
    # Real ones look like 7765623330WU1hh8CoA4QAAHxI6i8AAAAA5: digits, then opaque text.
    return "7765623330" + secrets.token_urlsafe(18).replace("-", "x").replace("_", "y")


class Cursors:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.by_id: dict[str, Cursor] = {}
        self.latest: dict[tuple, str] = {}  # (owner, object) -> result ID, for readMore <object>
        self.next_sweep = 0.0

    def open(self, cursor: Cursor) -> Cursor:
        now = self.clock.now()
        if now >= self.next_sweep:
            self.expire()
            self.next_sweep = now + SWEEP_SECONDS
        while len(self.by_id) >= MAX_OPEN:
            self.close(next(iter(self.by_id.values())))  # dicts keep opening order: oldest first
        cursor.result_id = new_result_id()
        cursor.expires = self.clock.now() + IDLE_SECONDS
        self.by_id[cursor.result_id] = cursor
        self.latest[(cursor.owner, cursor.obj.name)] = cursor.result_id
        return cursor

    def find(self, result_id: str, owner: tuple[str, str, str]) -> Cursor | None:
        cursor = self.by_id.get(result_id)
        if cursor is None or cursor.owner != owner or cursor.expires <= self.clock.now():
            return None
        cursor.expires = self.clock.now() + IDLE_SECONDS
        return cursor

    def find_latest(self, owner: tuple[str, str, str], object_name: str) -> Cursor | None:
        result_id = self.latest.get((owner, object_name))
        return self.find(result_id, owner) if result_id else None

    def close(self, cursor: Cursor) -> None:
        self.by_id.pop(cursor.result_id, None)
        key = (cursor.owner, cursor.obj.name)
        if self.latest.get(key) == cursor.result_id:
            del self.latest[key]

    def expire(self) -> None:
        now = self.clock.now()
        for cursor in [c for c in self.by_id.values() if c.expires <= now]:
            self.close(cursor)

    def end_company(self, companyid: str) -> None:
        for cursor in [c for c in self.by_id.values() if c.owner[0] == companyid]:
            self.close(cursor)
