"""Plain legacy create_X / update_X functions, from data: `translations/<OBJECT>.json` says which object a
pair writes and how its lowercase elements become that object's fields; the two handlers here serve every
pair, so a legacy function writes exactly the record the generic `create`/`update` would.

How an element becomes a field (translations/README.md has the file format):
* an element named in "elements" goes to the field given there (null: accepted, not stored); a name ending
  in "." maps the element's whole subtree by upper-casing it (contactinfo/contact -> "DISPLAYCONTACT."
  turns contactinfo/contact/mailaddress/city into DISPLAYCONTACT.MAILADDRESS.CITY);
* any other element is its field upper-cased (name -> NAME, termname -> TERMNAME), looked into when it
  has children (a path, "/"-joined, is looked up again);
* an update's key may be another field than the object's ID (an account label's ACCOUNTLABEL): the
  record holding it is found first;
* <year/><month/><day/> is a date, MM/DD/YYYY; "values" renames legacy values, of header or line
  fields (a GL line's trtype debit -> TR_TYPE 1);
* an element that maps to no field of the object is refused by name, as an unknown 3.0 field is.
Lines: "lines" names the create container and its item element, and the update container whose
items carry a line number attribute (an item without one adds a line), mapped the same way onto the
object's line fields. The answer is <key> with the "answer" field's value (the ID, or RECORDNO).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from typing import Any

from lxml import etree

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object, reject_unemulated_options
from mockserver.functions.payload import split_date
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import ObjectDef, lookup_object
from mockserver.objects.backend import LineChanges
from mockserver.objects.store import Record, column
from mockserver.objects.values import quote

Elements = dict[str, str | None]
Accepts = Callable[[str], "str | None"]  # a field name as sent -> the field's own name, None: no such field


class TranslationError(ValueError):
    """A translation file that cannot be used; the message names the file and the problem."""


@dataclass(frozen=True)
class LineTranslation:
    container: str  # create: <sotransitems>
    item: str  # <sotransitem>
    elements: Elements
    update_container: str = ""  # update: <updatesotransitems>
    update_item: str = ""  # <updatesotransitem line_num="2">
    number: str = "line_num"  # the update item's attribute naming the line it changes


@dataclass(frozen=True)
class Translation:
    object: str
    create: str = ""
    update: str = ""
    key: str = ""  # the element (or "@attribute") naming the record an update changes
    key_field: str = ""  # the field that key is (the ID field, or RECORDNO)
    answer: str = ""  # the field answered as <key>
    required: tuple[str, ...] = ()  # elements create needs beyond the object's required fields
    elements: Elements = field(default_factory=dict)
    values: dict[str, dict[str, str]] = field(default_factory=dict)
    lines: LineTranslation | None = None


TRANSLATION_KEYS = {"object", "create", "update", "key", "key_field", "answer", "required", "elements", "values",
                    "lines", "sources"}  # fmt: skip
LINE_KEYS = {"container", "item", "elements", "update_container", "update_item", "number"}


# --- reading a request ---------------------------------------------------------------------------


def field_texts(
    node: etree._Element, elements: Elements, accepts: Accepts, action: str, label: str, skip: tuple[str, ...] = ()
) -> dict[str, str]:
    """{field: text} of every element under node (but the top-level ones in skip), by the rules in the
    module docstring."""
    texts: dict[str, str] = {}

    def put(name: str, text: str | None, path: str) -> None:
        own = accepts(name)
        if own is None:
            raise errors.unknown_payload_field(action, label, path)
        if text is not None and text.strip():
            texts[own] = text.strip()

    def walk(parent: etree._Element, prefix: str, mapped: str | None) -> None:
        for child in parent:
            if not isinstance(child.tag, str) or (not prefix and child.tag in skip):
                continue
            path = prefix + child.tag
            if path in elements:  # named: the most specific rule wins
                target = elements[path]
                if target is None:
                    continue
                if target.endswith("."):
                    walk(child, path + "/", target)
                    continue
                name = target
            elif mapped is not None:  # inside a subtree mapped by upper-casing
                name = mapped + child.tag.upper()
            else:
                name = path.replace("/", ".").upper()
            date = split_date(child) if len(child) else None
            if date is not None:
                put(name, date, path)
            elif len(child):
                walk(child, path + "/", None if mapped is None else name + ".")
            else:
                put(name, child.text, path)

    walk(node, "", None)
    return texts


def renamed(translation: Translation, texts: dict[str, str]) -> dict[str, str]:
    """Legacy values the object spells otherwise (a closing type, a state)."""
    for name, spellings in translation.values.items():
        if name in texts:
            texts[name] = spellings.get(texts[name].lower(), texts[name])
    return texts


def header_field(obj: ObjectDef) -> Accepts:
    def accepts(name: str) -> str | None:
        found = obj.field(name)
        return found.name if found is not None else (name if obj.accepts(name) else None)

    return accepts


def header_texts(call: Call, obj: ObjectDef, translation: Translation, action: str) -> dict[str, str]:
    spec = translation.lines
    skip = (spec.container, spec.update_container) if spec else ()
    texts = field_texts(call.body, translation.elements, header_field(obj), action, obj.label, skip)
    return renamed(translation, texts)


def line_texts(obj: ObjectDef, translation: Translation, item: etree._Element, action: str) -> dict[str, str]:
    assert obj.lines is not None and translation.lines is not None
    names = {f.name for f in obj.lines.fields}
    texts = field_texts(item, translation.lines.elements, lambda n: n if n in names else None, action, obj.label)
    return renamed(translation, texts)


def answered_key(translation: Translation, record: Record) -> object:
    return record.recordno if translation.answer == "RECORDNO" else record.values.get(translation.answer)


def given(node: etree._Element, element: str) -> bool:
    found = node.find(element)
    return found is not None and (bool((found.text or "").strip()) or len(found) > 0)


def recordno_by(call: Call, obj: ObjectDef, name: str, key: str) -> str:
    """The RECORDNO of the record whose `name` field is key, for an object keyed by RECORDNO that legacy
    functions name by another field (an account label by its ACCOUNTLABEL)."""
    rows = call.state.store.select(call.backend.companyid, obj, f"{quote(column(obj, name))} = ?", [key], limit=1)
    record = call.backend.find(obj, str(rows[0].recordno), by_id=False) if rows else None
    if record is None:
        raise errors.update_missing(obj.name, name, key)
    return str(record.recordno)


# --- the two handlers ------------------------------------------------------------------------------


def create_record(call: Call, translation: Translation) -> str:
    obj = catalogue_object(call, translation.object)
    reject_unemulated_options(call)
    for element in translation.required:
        if not given(call.body, element):
            raise errors.required_field_missing("create", obj.label, element)
    texts = header_texts(call, obj, translation, "create")
    lines = None
    if translation.lines:
        container = call.body.find(translation.lines.container)
        items = [] if container is None else [i for i in container if i.tag == translation.lines.item]
        lines = [line_texts(obj, translation, item, "create") for item in items]
    with call.state.store.atomic():
        record = call.backend.create(obj, texts, lines)
    return answers.key(call, answered_key(translation, record))


def update_record(call: Call, translation: Translation) -> str:
    obj = catalogue_object(call, translation.object)
    reject_unemulated_options(call)
    if translation.key.startswith("@"):
        key = call.body.get(translation.key[1:], "").strip()
    else:
        key = (call.body.findtext(translation.key) or "").strip()
    if not key:
        raise errors.required_field_missing("update", obj.label, translation.key.lstrip("@"))
    texts = header_texts(call, obj, translation, "update")
    texts[translation.key_field] = key
    lookup, by_id = key, translation.key_field != "RECORDNO"
    if translation.key_field not in ("RECORDNO", obj.id_field):
        lookup = texts["RECORDNO"] = recordno_by(call, obj, translation.key_field, key)
        by_id = False
    changes = None
    spec = translation.lines
    # Lines are read only for a record that exists: a missing key is the error to report first.
    if spec and spec.update_container and call.backend.find(obj, lookup, by_id=by_id) is not None:
        container = call.body.find(spec.update_container)
        if container is not None:
            changes = LineChanges()
            for item in container:
                if item.tag == spec.update_item:
                    number = item.get(spec.number, "").strip()
                    changes.edits.append((number, line_texts(obj, translation, item, "update")))
                elif item.tag == spec.item:
                    changes.edits.append((None, line_texts(obj, translation, item, "update")))
    with call.state.store.atomic():
        record = call.backend.update(obj, texts, changes)
    return answers.key(call, answered_key(translation, record))


# --- loading the files -----------------------------------------------------------------------------


def translation_from(data: dict[str, Any], where: str) -> Translation:
    unknown = set(data) - TRANSLATION_KEYS
    if unknown:
        raise TranslationError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}")
    obj = lookup_object(data.get("object", ""))
    if obj is None:
        raise TranslationError(f"{where}: no object {data.get('object')!r} in the catalogue")
    lines = None
    if "lines" in data:
        if obj.lines is None:
            raise TranslationError(f"{where}: {obj.name} has no lines")
        if set(data["lines"]) - LINE_KEYS:
            raise TranslationError(f"{where}: unknown line key(s) {sorted(set(data['lines']) - LINE_KEYS)}")
        lines = LineTranslation(**data["lines"])
        line_fields = {f.name for f in obj.lines.fields}
        for element, target in lines.elements.items():
            if target is not None and not target.endswith(".") and target not in line_fields:
                raise TranslationError(
                    f"{where}: line element {element} maps to {target}, not a line field of {obj.name}"
                )
    translation = Translation(
        object=obj.name,
        create=data.get("create", ""),
        update=data.get("update", ""),
        key=data.get("key", ""),
        key_field=data.get("key_field", obj.id_field),
        answer=data.get("answer", obj.id_field),
        required=tuple(data.get("required", ())),
        elements=data.get("elements", {}),
        values=data.get("values", {}),
        lines=lines,
    )
    for element, target in translation.elements.items():
        if target is not None and not target.endswith(".") and not obj.accepts(target):
            raise TranslationError(f"{where}: element {element} maps to {target}, no field of {obj.name}")
    for name in (translation.key_field, translation.answer):
        if name != "RECORDNO" and obj.field(name) is None:
            raise TranslationError(f"{where}: {name} is no field of {obj.name}")
    line_names = {f.name for f in obj.lines.fields} if obj.lines else set()
    for name in translation.values:  # a rename applies to the header's or the lines' field of that name
        if obj.field(name) is None and name not in line_names:
            raise TranslationError(f"{where}: {name} is no field of {obj.name} or its lines")
    if translation.update and not translation.key:
        raise TranslationError(f"{where}: an update needs the key element that names its record")
    return translation


def load_translations() -> dict[str, Translation]:
    """Every translation file, by the function names it serves."""
    folder = resources.files("mockserver.functions.legacy") / "translations"
    served: dict[str, Translation] = {}
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.name.endswith(".json"):
            continue
        where = f"functions/legacy/translations/{entry.name}"
        try:
            translation = translation_from(json.loads(entry.read_text(encoding="utf-8")), where)
        except (ValueError, TypeError) as problem:
            raise TranslationError(
                str(problem) if isinstance(problem, TranslationError) else f"{where}: {problem}"
            ) from None
        for name in (translation.create, translation.update):
            if name in served:
                raise TranslationError(f"{where}: {name} is translated twice")
            if name:
                served[name] = translation
    return served


TRANSLATIONS = load_translations()


@gateway_function(*sorted({t.create for t in TRANSLATIONS.values() if t.create}), permission="add")
def create_translated(call: Call) -> str:
    return create_record(call, TRANSLATIONS[call.function.name])


@gateway_function(*sorted({t.update for t in TRANSLATIONS.values() if t.update}), permission="edit")
def update_translated(call: Call) -> str:
    return update_record(call, TRANSLATIONS[call.function.name])
