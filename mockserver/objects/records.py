"""Records of a company: create, update and delete with Intacct's rules and errors.

Handlers of generic and legacy functions both come here, so a vendor made by `create` and one made
by `create_vendor` follow the same checks.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC
from typing import Any

from lxml import etree

from mockserver.control.clock import Clock
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, Field, ObjectDef
from mockserver.objects.store import Record, Store
from mockserver.objects.values import BadValue, parse_whole, to_storage
from mockserver.tenancy.companies import Company, User
from mockserver.tenancy.locations import by_key_entities, check_can_modify


@dataclass
class Editor:
    """Who is writing, where and when: stamps and entity ownership come from here."""

    store: Store
    company: Company
    user: User
    locationid: str
    clock: Clock

    def timestamp(self) -> str:
        from datetime import datetime

        return datetime.fromtimestamp(int(self.clock.now()), tz=UTC).strftime("%Y-%m-%d %H:%M:%S")

    @property
    def user_key(self) -> int:
        return list(self.company.users).index(self.user.userid) + 1 if self.user.userid in self.company.users else 0


# --- payloads -------------------------------------------------------------------------------------


def leaves(node: etree._Element, prefix: str = "") -> list[tuple[str, str, bool]]:
    """(dotted path, text, has_children) of every leaf under node; empty groups are skipped."""
    found = []
    for child in node:
        if not isinstance(child.tag, str):
            continue
        path = prefix + child.tag
        if len(child):
            found.extend(leaves(child, path + "."))
        else:
            found.append((path, child.text or "", False))
    return found


def read_payload(
    obj: ObjectDef, node: etree._Element, action: str
) -> tuple[dict[str, str], list[dict[str, str]] | None]:
    """Field values and lines written in a create/update payload, by dotted name.

    Empty elements mean "no value given" (the official SDK sends <DISPLAYCONTACT/> on every update).
    """
    values: dict[str, str] = {}
    lines = None
    for child in node:
        if not isinstance(child.tag, str):
            continue
        if obj.lines and child.tag == obj.lines.container:
            lines = [read_line(obj, line, action) for line in child if isinstance(line.tag, str)]
            continue
        for path, text, _ in leaves(child, child.tag + ".") if len(child) else [(child.tag, child.text or "", False)]:
            if obj.field(path) is None:
                if not text.strip() and any(f.name.startswith(path + ".") for f in obj.fields):
                    continue  # an empty group such as <DISPLAYCONTACT/>
                raise errors.unknown_payload_field(action, obj.label, path)
            if text.strip():
                values[path] = text
    return values, lines


def read_line(obj: ObjectDef, line: etree._Element, action: str) -> dict[str, str]:
    if line.tag != obj.lines.element:
        raise errors.unknown_payload_field(action, obj.label, f"{obj.lines.container}.{line.tag}")
    names = {f.name for f in obj.lines.fields}
    values = {}
    for path, text, _ in leaves(line):
        if path not in names:
            raise errors.unknown_payload_field(action, obj.label, f"{obj.lines.element}.{path}")
        if text.strip():
            values[path] = text
    return values


def coerce(field: Field, raw: str, action: str, label: str):
    try:
        return to_storage(field, raw)
    except BadValue as problem:
        raise errors.illegal_format(action, label, field.name, str(problem)) from None


def check_references(editor: Editor, obj: ObjectDef, fields: list[Field], values: dict[str, Any], action: str) -> None:
    for field in fields:
        value = values.get(field.name)
        if field.references and value is not None:
            target = CATALOGUE[field.references]
            if editor.store.get_by_id(editor.company.companyid, target, value) is None:
                raise errors.missing_reference(action, obj.label, field.name, target.label, str(value))


def build_lines(editor: Editor, obj: ObjectDef, raw_lines: list[dict[str, str]], action: str) -> list[dict[str, Any]]:
    spec = obj.lines
    if len(raw_lines) < spec.minimum:
        raise errors.too_few_lines(action, obj.label, spec.element, spec.minimum)
    lines = []
    for raw in raw_lines:
        line = {}
        for field in spec.fields:
            if field.name in raw:
                line[field.name] = coerce(field, raw[field.name], action, obj.label)
            elif field.required:
                raise errors.required_field_missing(action, obj.label, f"{spec.element}.{field.name}")
        check_references(editor, obj, list(spec.fields), line, action)
        lines.append(line)
    return lines


def derive(obj: ObjectDef, record: Record, action: str) -> None:
    """Values Intacct computes: document totals, journal balance, batch numbers."""
    values = record.values
    if obj.name in ("APBILL", "ARINVOICE", "APADJUSTMENT", "ARADJUSTMENT"):
        total = round(sum(line.get("TRX_AMOUNT") or 0 for line in record.lines), 2)
        values["TOTALENTERED"] = total
        values["TOTALDUE"] = round(total - (values.get("TOTALPAID") or 0), 2)
    elif obj.name == "GLBATCH":
        balance = sum((line.get("TRX_AMOUNT") or 0) * int(line.get("TR_TYPE") or 1) for line in record.lines)
        if abs(balance) > 0.005:
            raise errors.unbalanced_entry(action, obj.label)
        values["BATCHNO"] = record.recordno
    elif obj.name == "APPYMT" and values.get("AMOUNTTOPAY") is None:
        values["AMOUNTTOPAY"] = round(sum(line.get("TRX_PAYMENTAMOUNT") or 0 for line in record.lines), 2)


# --- create, update, delete ---------------------------------------------------------------------


def stamp_entity(editor: Editor, values: dict[str, Any]) -> None:
    entity = editor.company.entities.get(editor.locationid)
    if entity is None:
        values.update(MEGAENTITYKEY=None, MEGAENTITYID=None, MEGAENTITYNAME=None)
    else:
        values.update(
            MEGAENTITYKEY=list(editor.company.entities).index(entity.locationid) + 1,
            MEGAENTITYID=entity.locationid,
            MEGAENTITYNAME=entity.name,
        )


def create_record(editor: Editor, obj: ObjectDef, node: etree._Element) -> Record:
    raw, raw_lines = read_payload(obj, node, "create")
    values: dict[str, Any] = {}
    # System fields are read-only; a document's own WHENCREATED (its date) is writable.
    writable = [f for f in obj.fields if not f.readonly]
    for field in writable:
        if field.name in raw:
            values[field.name] = coerce(field, raw[field.name], "create", obj.label)
        elif field.default is not None:
            values[field.name] = to_storage(field, field.default)
    for field in obj.fields:  # readonly fields with a starting value (TOTALPAID = 0)
        if field.readonly and field.default is not None:
            values[field.name] = to_storage(field, field.default)
    for field in writable:
        if values.get(field.name) is None and field.default_from:
            values[field.name] = values.get(field.default_from)
        if field.required and values.get(field.name) is None:
            raise errors.required_field_missing("create", obj.label, field.name)
    check_references(editor, obj, writable, values, "create")
    company = editor.company.companyid
    if obj.id_field != "RECORDNO" and editor.store.get_by_id(company, obj, values[obj.id_field]) is not None:
        raise errors.duplicate_id(obj.label, str(values[obj.id_field]))
    lines = build_lines(editor, obj, raw_lines or [], "create") if obj.lines else []
    now = editor.timestamp()
    record = Record(editor.store.next_recordno(company, obj), editor.locationid, values, lines)
    values.update(RECORDNO=record.recordno, WHENMODIFIED=now, CREATEDBY=editor.user_key, MODIFIEDBY=editor.user_key)
    values["AUDITWHENCREATED" if obj.field("AUDITWHENCREATED") else "WHENCREATED"] = now
    if obj.entity_aware:
        stamp_entity(editor, values)
    derive(obj, record, "create")
    editor.store.insert(company, obj, record)
    return record


def find_for_update(editor: Editor, obj: ObjectDef, raw: dict[str, str], node: etree._Element) -> Record:
    company = editor.company.companyid
    entities = by_key_entities(editor.locationid)
    recordno = (node.findtext("RECORDNO") or "").strip()
    if recordno:
        number = parse_whole(recordno)
        record = editor.store.get(company, obj, number) if number is not None else None
        key_field, key = "RECORDNO", recordno
    elif obj.id_field != "RECORDNO" and raw.get(obj.id_field):
        key_field, key = obj.id_field, raw[obj.id_field].strip()
        record = editor.store.get_by_id(company, obj, key)
    else:
        raise errors.update_missing_key(obj.name, obj.id_field)
    if record is None or (entities is not None and record.entity not in entities):
        raise errors.update_missing(obj.name, key_field, key)
    return record


def update_record(editor: Editor, obj: ObjectDef, node: etree._Element) -> Record:
    raw, raw_lines = read_payload(obj, node, "update")
    record = find_for_update(editor, obj, raw, node)
    check_can_modify(editor.locationid, record.entity, obj.label)
    changed = {}
    for name, text in raw.items():
        field = obj.field(name)
        if field.readonly:
            continue
        changed[name] = coerce(field, text, "update", obj.label)
    check_references(editor, obj, [obj.field(n) for n in changed], changed, "update")
    company = editor.company.companyid
    new_id = changed.get(obj.id_field)
    if new_id is not None and new_id != record.values.get(obj.id_field):
        if editor.store.get_by_id(company, obj, new_id) is not None:
            raise errors.duplicate_id(obj.label, str(new_id))
    record.values.update(changed)
    if raw_lines is not None and obj.lines:
        record.lines = build_lines(editor, obj, raw_lines, "update")
    record.values.update(WHENMODIFIED=editor.timestamp(), MODIFIEDBY=editor.user_key)
    record.version += 1
    derive(obj, record, "update")
    editor.store.replace(company, obj, record)
    return record


def find_by_key(editor: Editor, obj: ObjectDef, key: str, *, by_id: bool) -> Record | None:
    """A record by RECORDNO (or by its ID field), if this session may see it."""
    company = editor.company.companyid
    if by_id and obj.id_field != "RECORDNO":
        record = editor.store.get_by_id(company, obj, key)
    else:
        number = parse_whole(key)
        if number is None:
            return None
        record = editor.store.get(company, obj, number)
    entities = by_key_entities(editor.locationid)
    if record is None or (entities is not None and record.entity not in entities):
        return None
    return record


def delete_record(editor: Editor, obj: ObjectDef, key: str, *, by_id: bool = False) -> None:
    record = find_by_key(editor, obj, key.strip(), by_id=by_id)
    if record is None:
        raise errors.delete_missing(obj.label, key.strip())
    check_can_modify(editor.locationid, record.entity, obj.label)
    editor.store.delete(editor.company.companyid, obj, record.recordno)
