"""The records of one company as one signed-in user reads and writes them, with Intacct's rules.

Every gateway function, generic or legacy, comes here with plain values (`{field: text}` and lines
as a list of such dicts, texts written as requests write them: dates MM/DD/YYYY), never XML. The
backend owns, each in one place: key lookup (RECORDNO or the ID field), entity scoping, defaults,
references, stamps and the values the object derives. The store only stores.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Any

from mockserver.control.clock import Clock
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, Field, ObjectDef, ledger
from mockserver.objects.audit import CREATED, DELETED, UPDATED, WEB_SERVICES
from mockserver.objects.store import Record, Store, column
from mockserver.objects.values import BadValue, parse_whole, quote, to_storage
from mockserver.tenancy.companies import Company, User
from mockserver.tenancy.locations import by_key_entities, check_can_modify

Texts = Mapping[str, str]

AUDIT = CATALOGUE["AUDITHISTORY"]


@dataclass
class LineChanges:
    """Edits to a record's existing lines, in order (legacy update_*): (line number as sent, field
    texts) changes that line; (None, field texts) adds a line."""

    edits: list[tuple[str | None, dict[str, str]]] = field(default_factory=list)


def coerce(field: Field, raw: str, action: str, label: str) -> Any:
    """A field's text as the store keeps it, or the gateway's illegal-format error."""
    try:
        return to_storage(field, raw)
    except BadValue as problem:
        raise errors.illegal_format(action, label, field.name, str(problem)) from None


@dataclass
class Backend:
    """One company's records, as seen by one user signed in at one location."""

    store: Store
    company: Company
    user: User
    locationid: str
    clock: Clock

    @property
    def companyid(self) -> str:
        return self.company.companyid

    # --- who and when -------------------------------------------------------------------------

    def timestamp(self) -> str:
        return datetime.fromtimestamp(int(self.clock.now()), tz=UTC).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def user_key(self) -> int:
        users = list(self.company.users)
        return users.index(self.user.userid) + 1 if self.user.userid in users else 0

    # --- reads --------------------------------------------------------------------------------

    def find(self, obj: ObjectDef, key: str, *, by_id: bool) -> Record | None:
        """A record by RECORDNO (or by its ID field), if this session may see it."""
        if by_id and obj.id_field != "RECORDNO":
            record = self.store.get_by_id(self.companyid, obj, key)
        elif column(obj, "RECORDNO") != "RECORDNO":  # a composite RECORDNO (GLDETAIL) is its own column
            found = self.store.select(self.companyid, obj, f"{quote(column(obj, 'RECORDNO'))} = ?", [key])
            record = found[0] if found else None
        else:
            number = parse_whole(key)
            record = self.store.get(self.companyid, obj, number) if number is not None else None
        entities = by_key_entities(self.locationid)
        if record is None or (entities is not None and record.entity not in entities):
            return None
        return record

    # --- writes -------------------------------------------------------------------------------

    def create(
        self, obj: ObjectDef, texts: Texts, lines: list[dict[str, str]] | None = None, *, by_gateway: bool = False
    ) -> Record:
        """`by_gateway`: a record the gateway itself makes (runDdsJob's DDS job) of an object clients only read."""
        if not by_gateway:
            self.check_writable(obj, "create")
        self.check_readonly(obj, texts, "create")
        values: dict[str, Any] = {}
        # System fields are read-only; a document's own WHENCREATED (its date) is writable.
        writable = [f for f in obj.fields if not f.readonly]
        for f in writable:
            if f.name in texts:
                values[f.name] = coerce(f, texts[f.name], "create", obj.label)
            elif f.default is not None:
                values[f.name] = to_storage(f, f.default)
        for f in obj.fields:  # readonly fields with a starting value (TOTALPAID = 0)
            if f.readonly and f.default is not None:
                values[f.name] = to_storage(f, f.default)
        values.update(self.write_only_values(obj, texts, "create"))
        for f in writable:
            if values.get(f.name) is None and f.default_from:
                values[f.name] = values.get(f.default_from)
            if f.required and values.get(f.name) is None:
                raise errors.required_field_missing("create", obj.label, f.name)
        self.check_references(obj, writable, values, "create")
        given_id = values.get(obj.id_field)
        taken = given_id is not None and self.store.get_by_id(self.companyid, obj, given_id) is not None
        if obj.id_field != "RECORDNO" and taken:
            raise errors.duplicate_id(obj.label, str(given_id))
        checked_lines = self.build_lines(obj, lines or [], "create", values) if obj.lines else []
        now = self.timestamp()
        record = Record(self.store.next_recordno(self.companyid, obj), self.locationid, values, checked_lines)
        if obj.id_field != "RECORDNO" and given_id is None:
            # An ID the definition does not require is numbered by Intacct (TASK without TASKID).
            # GUESS: the record number, as text (docs/decisions.md).
            values[obj.id_field] = to_storage(obj.by_name[obj.id_field], str(record.recordno))
        values.update(RECORDNO=record.recordno, WHENMODIFIED=now, CREATEDBY=self.user_key, MODIFIEDBY=self.user_key)
        values[obj.created_stamp] = now
        if obj.entity_aware:
            values.update(self.company.entity_stamp(self.locationid))
        if obj.derive:
            obj.derive(obj, record, "create")
            self.check_derived_id(obj, record)
        self.store.insert(self.companyid, obj, record)
        self.written(obj, record, CREATED, now)
        return record

    def update(self, obj: ObjectDef, texts: Texts, lines: list[dict[str, str]] | LineChanges | None = None) -> Record:
        """Change the record named by RECORDNO (or the ID field) in `texts`; `lines` replaces all its
        lines, or changes some of them; None leaves them as they are."""
        self.check_writable(obj, "update")
        self.check_readonly(obj, texts, "update")
        record = self.find_for_update(obj, texts)
        check_can_modify(self.locationid, record.entity, obj.label)
        changed = {}
        for name, text in texts.items():
            f = obj.field(name)
            if f is None or f.readonly:
                continue
            changed[name] = coerce(f, text, "update", obj.label)
        changed.update(self.write_only_values(obj, texts, "update"))
        self.check_references(obj, [obj.by_name[n] for n in changed], changed, "update")
        new_id = changed.get(obj.id_field)
        if (
            new_id is not None
            and new_id != record.values.get(obj.id_field)
            and self.store.get_by_id(self.companyid, obj, new_id) is not None
        ):
            raise errors.duplicate_id(obj.label, str(new_id))
        record.values.update(changed)
        if isinstance(lines, LineChanges) and obj.lines:
            record.lines = self.changed_lines(obj, record, lines)
        elif isinstance(lines, list) and obj.lines:
            record.lines = self.build_lines(obj, lines, "update", record.values)
        self.save(obj, record, "update")
        return record

    def save(self, obj: ObjectDef, record: Record, action: str = "update") -> None:
        """Write back a changed record: derived values again, stamped as modified, a new version. A function's
        own behaviour (`action` not "update") may change an object the generic functions only read
        (update_revrecschedule: a schedule's entries)."""
        if action == "update":
            self.check_writable(obj, "update")
        now = self.timestamp()
        record.values.update(WHENMODIFIED=now, MODIFIEDBY=self.user_key)
        record.version += 1
        if obj.derive:
            obj.derive(obj, record, action)
            self.check_derived_id(obj, record)
        self.store.replace(self.companyid, obj, record)
        self.written(obj, record, UPDATED, now)

    def delete(self, obj: ObjectDef, key: str, *, by_id: bool = False) -> None:
        self.check_writable(obj, "delete")
        record = self.find(obj, key.strip(), by_id=by_id)
        if record is None:
            raise errors.delete_missing(obj.label, key.strip())
        check_can_modify(self.locationid, record.entity, obj.label)
        self.store.delete(self.companyid, obj, record.recordno)
        self.written(obj, record, DELETED, self.timestamp())

    def written(self, obj: ObjectDef, record: Record, mode: str, when: str) -> None:
        """What follows every create, update and delete, in the write's savepoint: a posted document's general
        ledger detail (ledger.py) and the audit row."""
        ledger.post(self.store, self.companyid, obj, record, mode)
        self.audit(obj, record, mode, when)

    def audit(self, obj: ObjectDef, record: Record, mode: str, when: str) -> None:
        """One AUDITHISTORY row for a write (a rollback takes it too). Stored shared (entity ""), so a
        top-level audit sync sees writes made at an entity."""
        if obj is AUDIT:  # the trail does not audit itself
            return
        if obj.id_field != "RECORDNO":
            desc = record.values.get(obj.id_field)
        else:
            desc = record.values.get(obj.name_field) if obj.name_field else None
        # Audit rows are never deleted (writes to the trail are refused): the highest RECORDNO is enough,
        # one indexed SELECT instead of next_recordno's two.
        recordno = self.store.highest_recordno(self.companyid, AUDIT) + 1
        values = {
            "RECORDNO": recordno,
            "OBJECTTYPE": obj.name,
            "OBJECTKEY": str(record.recordno),
            "OBJECTDESC": None if desc is None else str(desc),
            "ACCESSMODE": mode,
            "ACCESSTIME": when,
            "USERID": self.user.userid,
            "SOURCE": WEB_SERVICES,
            "WHENCREATED": when,
            "WHENMODIFIED": when,
            "CREATEDBY": self.user_key,
            "MODIFIEDBY": self.user_key,
        }
        self.store.insert(self.companyid, AUDIT, Record(recordno, "", values))

    # --- the rules, each once -----------------------------------------------------------------

    def check_writable(self, obj: ObjectDef, action: str) -> None:
        if not obj.writable:
            raise errors.operation_not_allowed(action, obj.label)

    def check_readonly(self, obj: ObjectDef, texts: Texts, action: str) -> None:
        """A read-only field sent is refused (or dropped, per the company's readonly_fields). RECORDNO and the
        ID field name the record an update changes (a UDD's read-only id): keys there, not values."""
        if self.company.readonly_fields != "refuse":
            return
        keys = ("RECORDNO", obj.id_field) if action == "update" else ()
        for name in texts:
            field = obj.by_name.get(name)
            if field is not None and field.readonly and name not in keys:
                raise errors.readonly_field(action, obj.label, name)

    def check_derived_id(self, obj: ObjectDef, record: Record) -> None:
        """An ID field the object derives (a transaction's DOCID, from its DOCNO) is as unique as a given one."""
        if obj.id_field == "RECORDNO":
            return
        value = record.values.get(obj.id_field)
        other = self.store.get_by_id(self.companyid, obj, value) if value is not None else None
        if other is not None and other.recordno != record.recordno:
            raise errors.duplicate_id(obj.label, str(value))

    def write_only_values(self, obj: ObjectDef, texts: Texts, action: str) -> dict[str, Any]:
        """Parameters that are not fields (APPYMT PAYMENTDATE), kept under their field (WHENPAID)."""
        values = {}
        for name, rule in obj.write_only.items():
            if name in texts and rule.stored_as:
                values[rule.stored_as] = coerce(obj.by_name[rule.stored_as], texts[name], action, obj.label)
            elif rule.required and action == "create" and name not in texts:
                raise errors.required_field_missing(action, obj.label, name)
        return values

    def find_for_update(self, obj: ObjectDef, texts: Texts) -> Record:
        recordno = (texts.get("RECORDNO") or "").strip()
        if recordno:
            key_field, key, by_id = "RECORDNO", recordno, False
        elif obj.id_field != "RECORDNO" and (texts.get(obj.id_field) or "").strip():
            key_field, key, by_id = obj.id_field, texts[obj.id_field].strip(), True
        else:
            raise errors.update_missing_key(obj.name, obj.id_field)
        record = self.find(obj, key, by_id=by_id)
        if record is None:
            raise errors.update_missing(obj.name, key_field, key)
        return record

    def check_references(self, obj: ObjectDef, fields: list[Field], values: dict[str, Any], action: str) -> None:
        for f in fields:
            value = values.get(f.name)
            if f.references and value is not None:
                target = CATALOGUE[f.references]
                if self.store.get_by_id(self.companyid, target, value) is None:
                    raise errors.missing_reference(action, obj.label, f.name, target.label, str(value))

    def build_lines(
        self, obj: ObjectDef, raw_lines: list[dict[str, str]], action: str, header: Mapping[str, Any] | None = None
    ) -> list[dict[str, Any]]:
        """Lines from their texts, checked: how many, required fields, formats, references."""
        spec = obj.lines
        assert spec is not None, f"{obj.name} has no lines"
        fields, minimum = line_rules(obj, header)
        if len(raw_lines) < minimum:
            raise errors.too_few_lines(action, obj.label, spec.element, minimum)
        return [self.build_line(obj, raw, action, fields) for raw in raw_lines]

    def build_line(
        self, obj: ObjectDef, raw: Texts, action: str, fields: list[Field], *, partial: bool = False
    ) -> dict[str, Any]:
        """One line from its texts; `partial` (a change to an existing line) skips required fields."""
        spec = obj.lines
        assert spec is not None, f"{obj.name} has no lines"
        line = {}
        for f in fields:
            if f.name in raw:
                line[f.name] = coerce(f, raw[f.name], action, obj.label)
            elif f.required and not partial:
                raise errors.required_field_missing(action, obj.label, f"{spec.element}.{f.name}")
        self.check_references(obj, fields, line, action)
        return line

    def changed_lines(self, obj: ObjectDef, record: Record, changes: LineChanges) -> list[dict[str, Any]]:
        """The record's lines after the edits (GUESS: lines not named stay as they are), every line then
        checked again as on create: one whose department was deleted since fails the update."""
        spec = obj.lines
        assert spec is not None, f"{obj.name} has no lines"
        lines = [dict(line) for line in record.lines]
        fields, minimum = line_rules(obj, record.values)
        for number, texts in changes.edits:
            if number is None:
                lines.append(self.build_line(obj, texts, "update", fields))
                continue
            index = (parse_whole(number) or 0) - 1
            if not 0 <= index < len(lines):
                raise errors.line_not_found(obj.label, number)
            lines[index].update(self.build_line(obj, texts, "update", fields, partial=True))
        if len(lines) < minimum:
            raise errors.too_few_lines("update", obj.label, spec.element, minimum)
        for line in lines:
            for f in fields:
                if f.required and line.get(f.name) is None:
                    raise errors.required_field_missing("update", obj.label, f"{spec.element}.{f.name}")
            self.check_references(obj, fields, line, "update")
        return lines


def line_rules(obj: ObjectDef, header: Mapping[str, Any] | None) -> tuple[list[Field], int]:
    """The fields and the fewest lines a header's lines take: a statistical header's lines reference
    other objects (GLBATCH in a statistical journal: ACCOUNTNO -> STATACCOUNT) and one may do."""
    spec = obj.lines
    assert spec is not None, f"{obj.name} has no lines"
    rule = obj.statistical
    if rule is None or header is None or not rule.applies(header):
        return list(spec.fields), spec.minimum
    fields = [replace(f, references=rule.references.get(f.name, f.references)) for f in spec.fields]
    return fields, rule.minimum
