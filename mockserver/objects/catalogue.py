"""The catalogue: every object's definition, read from definitions/*.json at start.

Definitions are data (definitions/README.md says where each field list comes from); Python only adds
behaviour, named in a definition's "derive" and found in DERIVE_HOOKS. A broken definition stops the
server at start with the file and the problem, never later in a request.
"""

from __future__ import annotations

import dataclasses
import json
from importlib import resources
from typing import Any

from mockserver.objects.ap import payment_totals
from mockserver.objects.cash import receipt_totals
from mockserver.objects.documents import document_totals
from mockserver.objects.expenses import expense_totals, reimbursement_totals
from mockserver.objects.gl import balanced_journal
from mockserver.objects.model import DATATYPES, Derive, Field, LineItems, ObjectDef, Relation, Statistical, WriteOnly
from mockserver.objects.transactions import transaction_totals

DERIVE_HOOKS: dict[str, Derive] = {
    hook.__name__: hook
    for hook in (
        document_totals,
        balanced_journal,
        payment_totals,
        expense_totals,
        reimbursement_totals,
        receipt_totals,
        transaction_totals,
    )
}

FIELD_KEYS = {
    "name": "name",
    "type": "type",
    "label": "label",
    "required": "required",
    "readonly": "readonly",
    "maxlength": "maxlength",
    "values": "valid_values",
    "default": "default",
    "default_from": "default_from",
    "references": "references",
    "from": "looked_up",
}
OBJECT_KEYS = {
    "object", "label", "module", "id_field", "name_field", "entity_aware", "writable", "derive", "relations",
    "lines", "line_of", "write_only", "aliases", "sources", "fields", "statistical",
}  # fmt: skip


FIELD_DEFAULTS = {f.name: f.default for f in dataclasses.fields(Field) if f.default is not dataclasses.MISSING}


class DefinitionError(ValueError):
    """A definition file that cannot be used; the message names the file and the problem."""


def field_from(data: dict[str, Any], where: str) -> Field:
    # Every field of every definition passes here at start (5,000 of them): the checks are kept cheap.
    if not data.keys() <= FIELD_KEYS.keys() or "name" not in data:
        unknown = sorted(data.keys() - FIELD_KEYS.keys())
        raise DefinitionError(f"{where}: field {data.get('name')!r} has unknown keys {unknown} or no name")
    if data.get("type", "text") not in DATATYPES:
        raise DefinitionError(f"{where}: field {data['name']} has unknown type {data['type']!r}")
    rules = {FIELD_KEYS[key]: value for key, value in data.items()}
    if "valid_values" in rules:
        rules["valid_values"] = tuple(rules["valid_values"])
    if "looked_up" in rules:
        rules["looked_up"] = tuple(rules["looked_up"])
    # A frozen dataclass's __init__ sets each attribute through object.__setattr__ (~3 us a field, 15 ms
    # of every start for 6,400 fields); the same instance is made by filling its __dict__ at once.
    field = object.__new__(Field)
    field.__dict__.update(FIELD_DEFAULTS, **rules)
    return field


def object_from(data: dict[str, Any], where: str, line_objects: dict[str, ObjectDef]) -> ObjectDef:
    unknown = set(data) - OBJECT_KEYS
    if unknown:
        raise DefinitionError(f"{where}: unknown keys {sorted(unknown)}")
    fields = tuple(field_from(f, where) for f in data["fields"])
    names = {f.name for f in fields}
    if len(names) != len(fields):
        raise DefinitionError(f"{where}: a field is listed twice")
    if data["id_field"] != "RECORDNO" and data["id_field"] not in names:
        raise DefinitionError(f"{where}: id_field {data['id_field']} is not a field")
    derive = data.get("derive")
    if derive is not None and derive not in DERIVE_HOOKS:
        raise DefinitionError(f"{where}: derive {derive!r} is not one of {sorted(DERIVE_HOOKS)}")
    for old, new in data.get("aliases", {}).items():
        if not old.endswith(".") or not any(n.startswith(new) for n in names):
            raise DefinitionError(f"{where}: alias {old} -> {new} names no fields")
    for name, rule in data.get("write_only", {}).items():
        if rule.get("as") is not None and rule["as"] not in names:
            raise DefinitionError(f"{where}: write-only {name} is kept as {rule['as']}, which is not a field")
    return ObjectDef(
        data["object"],
        data["label"],
        data["module"],
        data["id_field"],
        data.get("name_field"),
        fields,
        entity_aware=data.get("entity_aware", True),
        lines=lines_from(data.get("lines"), where, line_objects),
        relations=tuple(Relation(r["path"], r["object"], r["by"]) for r in data.get("relations", ())),
        derive=DERIVE_HOOKS[derive] if derive else None,
        writable=data.get("writable", True),
        write_only={
            name: WriteOnly(rule.get("as"), rule.get("required", False))
            for name, rule in data.get("write_only", {}).items()
        },
        line_of=(data["line_of"]["object"], data["line_of"]["key"]) if "line_of" in data else None,
        from_header=dict(data["line_of"].get("from_header", {})) if "line_of" in data else {},
        sources=tuple(data.get("sources", ())),
        aliases=dict(data.get("aliases", {})),
        statistical=statistical_from(data.get("statistical"), where, names),
    )


def statistical_from(data: dict[str, Any] | None, where: str, names: set[str]) -> Statistical | None:
    """{"when": {"JOURNAL": ["STAT"]}, "references": {"ACCOUNTNO": "STATACCOUNT"}, "minimum": 1}"""
    if data is None:
        return None
    if set(data) - {"when", "references", "minimum"} or len(data.get("when", {})) != 1:
        raise DefinitionError(f"{where}: statistical needs one field in when, references and minimum only")
    [(name, values)] = data["when"].items()
    if name not in names:
        raise DefinitionError(f"{where}: statistical when {name} is not a field")
    return Statistical(name, frozenset(values), dict(data.get("references", {})), data.get("minimum", 1))


def lines_from(data: dict[str, Any] | None, where: str, line_objects: dict[str, ObjectDef]) -> LineItems | None:
    """A header's lines: those of a line object take the line object's writable fields (one definition)."""
    if data is None:
        return None
    if "object" in data:
        line = line_objects.get(data["object"])
        if line is None:
            raise DefinitionError(f"{where}: line object {data['object']} has no definition")
        key = data["key"]
        fields = tuple(f for f in line.fields if not f.readonly and f.name != key)
        return LineItems(data["container"], line.name, fields, data.get("minimum", 1), line.name, key)
    fields = tuple(field_from(f, where) for f in data["fields"])
    return LineItems(data["container"], data["element"], fields, data.get("minimum", 1))


def load_catalogue() -> dict[str, ObjectDef]:
    """Every definition, in name order; line objects are built before the headers that use them."""
    folder = resources.files("mockserver.objects") / "definitions"
    raw = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if entry.name.endswith(".json"):
            try:
                raw[entry.name] = json.loads(entry.read_text(encoding="utf-8"))
            except ValueError as problem:
                raise DefinitionError(f"definitions/{entry.name}: {problem}") from None
    line_objects: dict[str, ObjectDef] = {}
    for name, data in raw.items():
        if "line_of" in data:
            line_objects[data["object"]] = object_from(data, f"definitions/{name}", {})
    catalogue = {}
    for name, data in raw.items():
        obj = line_objects.get(data["object"]) or object_from(data, f"definitions/{name}", line_objects)
        catalogue[obj.name] = obj
    for line in line_objects.values():
        check_from_header(line, catalogue)
    for obj in catalogue.values():
        check_looked_up(obj, catalogue)
        check_statistical(obj, catalogue)
    return catalogue


def check_statistical(obj: ObjectDef, catalogue: dict[str, ObjectDef]) -> None:
    """A statistical header's references name fields of its lines and objects of the catalogue."""
    if obj.statistical is None:
        return
    line_fields = {f.name for f in obj.lines.fields} if obj.lines else set()
    for name, target in obj.statistical.references.items():
        if name not in line_fields or target not in catalogue:
            raise DefinitionError(
                f"definitions/{obj.name}.json: statistical {name} -> {target} names no line field or object"
            )


def check_looked_up(obj: ObjectDef, catalogue: dict[str, ObjectDef]) -> None:
    """A "from" names an own field, and for a lookup an object and a field of it."""
    for field in obj.fields:
        if not field.looked_up:
            continue
        own, *through = field.looked_up
        target = catalogue.get(through[0]) if len(through) == 2 else None
        if (
            own not in obj.by_name
            or len(through) not in (0, 2)
            or (through and (target is None or through[1] not in target.by_name))
        ):
            raise DefinitionError(
                f"definitions/{obj.name}.json: {field.name} from {list(field.looked_up)} names no field"
            )


def check_from_header(line: ObjectDef, catalogue: dict[str, ObjectDef]) -> None:
    """A line shows read-only fields of its own from fields of its header, or the definition is broken."""
    assert line.line_of is not None
    header = catalogue.get(line.line_of[0])
    where = f"definitions/{line.name}.json"
    if header is None or header.lines is None or header.lines.object != line.name:
        raise DefinitionError(f"{where}: line_of {line.line_of[0]} does not name {line.name} as its lines")
    for target, source in line.from_header.items():
        shown = line.by_name.get(target)
        if shown is None or not shown.readonly or source not in header.by_name:
            raise DefinitionError(
                f"{where}: from_header {target} <- {source} needs a read-only line field and a field of {header.name}"
            )
