"""Declared schemas (pydantic v2) of company fixture files and company creation: a company's settings,
entities and users as in models.py, and its records, each object's fields checked against the object
catalogue and each value converted the way the loader stores it."""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from functools import partial
from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from mockserver.control.models import (
    MAX_GENERATED,
    MAX_TEXT,
    STRICT,
    CompanySettings,
    Identifier,
    ObjectName,
    SettingsError,
    Status,
    Text,
    UserSettings,
    check,
    one_of,
)
from mockserver.objects import CATALOGUE, DATATYPES, ObjectDef
from mockserver.objects import Field as CatalogueField
from mockserver.objects.company_objects import CompanyObjects
from mockserver.objects.fixtures import loading
from mockserver.objects.store import OWN_TABLES
from mockserver.objects.values import BadValue, parse_whole, to_storage

# --- company fixtures -----------------------------------------------------------------------------


# Records are checked against the object catalogue in one pass (the catalogue is their schema: field
# names, and each value stored as the loader stores it), not through a pydantic model per object:
# building those costs more than the rest of start-up. Their JSON Schema is written from the same
# catalogue.


def record_key_schema(field: CatalogueField) -> dict[str, Any]:
    schema: dict[str, Any] = {"type": ["string", "number", "boolean", "null"], "description": described(field)}
    if field.type in ("date", "timestamp"):
        schema["format"] = "MM/DD/YYYY" + (" HH:MM:SS" if field.type == "timestamp" else "")
    return schema


def described(field: CatalogueField) -> str:
    return f"{field.type} field {field.name}" + (f", {one_of(field.valid_values)}" if field.valid_values else "")


def record_schema(obj: ObjectDef) -> dict[str, Any]:
    properties = {f.name: record_key_schema(f) for f in obj.fields}
    properties.setdefault("RECORDNO", {"type": "integer", "minimum": 1})
    properties.setdefault("WHENCREATED", {"type": "string", "description": "MM/DD/YYYY HH:MM:SS"})
    properties["_entity"] = {"type": "string", "description": "the owning entity's location ID"}
    if obj.lines:
        line = {
            "type": "object",
            "additionalProperties": False,
            "properties": {f.name: record_key_schema(f) for f in obj.lines.fields},
        }
        properties["_lines"] = {"type": "array", "items": line, "description": f"{obj.lines.element} lines"}
    # The company's own custom fields (declared in "custom_fields", checked at load) are upper-case names.
    custom = {"^[A-Z][A-Z0-9_]*$": {"type": ["string", "number", "boolean", "null"], "description": "a custom field"}}
    return {"type": "object", "additionalProperties": False, "properties": properties, "patternProperties": custom}


def records_schema() -> dict[str, Any]:
    return {
        "type": ["object", "null"],
        "additionalProperties": False,
        "description": "object names mapped to lists of records",
        "properties": {name: {"type": "array", "items": record_schema(obj)} for name, obj in CATALOGUE.items()},
        # A user-defined dimension's records, under its objectName (checked at load).
        "patternProperties": {"^[A-Za-z][A-Za-z0-9_]*$": {"type": "array", "items": {"type": "object"}}},
    }


def declared(part: str) -> dict[str, Any]:
    """A fixture that declares something in `part` (a non-empty list or object)."""
    return {"required": [part], "properties": {part: {"minItems": 1, "minProperties": 1}}}


def company_specific_schema() -> dict[str, Any]:
    """Record keys beyond the catalogue's are the company's own (checked at load against its declarations):
    without "dimensions", only catalogue objects; without "custom_fields", only the catalogue's fields."""
    record_keys = {
        name: {"type": "array", "items": {"propertyNames": {"enum": [*record_schema(obj)["properties"]]}}}
        for name, obj in CATALOGUE.items()
    }
    return {
        "allOf": [
            {
                "if": {"not": declared("dimensions")},
                "then": {"properties": {"records": {"propertyNames": {"enum": sorted(CATALOGUE)}}}},
            },
            {
                "if": {"not": declared("custom_fields")},
                "then": {"properties": {"records": {"properties": record_keys}}},
            },
        ]
    }


def generate_schema() -> dict[str, Any]:
    count = {"type": "integer", "minimum": 0, "maximum": MAX_GENERATED}
    return {
        "type": ["object", "null"],
        "additionalProperties": False,
        "description": f"object names mapped to how many synthetic records, 0 to {MAX_GENERATED}",
        "properties": {name: count for name in CATALOGUE},
    }


def replaced_by(build: Callable[[], dict[str, Any]]) -> Callable[[dict[str, Any]], None]:
    """A json_schema_extra that replaces a field's generated schema with `build()`, keeping its default and description."""

    def replace(schema: dict[str, Any]) -> None:
        kept = {key: schema[key] for key in ("default", "description") if key in schema}
        schema.clear()
        schema.update(build(), **kept)

    return replace


def check_value(path: str, key: str, field: CatalogueField, value: Any, convert: Callable[[str], Any]) -> None:
    """One value of the record at `path` (its path named only when refused: cold start checks every value),
    converted by `convert` as the loader converts it."""
    if field.type == "text" and isinstance(value, str) and not field.maxlength:
        return  # any text is a text field's value: the common case, kept cheap (cold start)
    if value is None:
        return
    if not isinstance(value, str | int | float | bool):
        raise SettingsError(f"{path}.{key}", value, described(field), "must be text, a number, true/false or null")
    if isinstance(value, float) and not math.isfinite(value):
        raise SettingsError(f"{path}.{key}", value, described(field), "must be a finite number")
    try:
        convert(str(value))
    except BadValue as failure:
        raise SettingsError(f"{path}.{key}", value, described(field), str(failure)) from None


def check_row(
    path: str,
    fields: dict[str, CatalogueField],
    free: frozenset[str],
    converters: Mapping[str, Callable[[str], Any]],
    row: Any,
    extra: tuple[str, ...],
) -> None:
    if not isinstance(row, dict):
        raise SettingsError(path, row, "an object of field names and values", "must be an object")
    for key, value in row.items():
        if key in free and (value is None or isinstance(value, str)):
            continue  # any text is a plain text field's value: most of a fixture's values, kept cheap
        field = fields.get(key)
        if field is not None:
            check_value(path, key, field, value, converters.get(key) or partial(to_storage, field))
        elif key not in extra:
            raise SettingsError(f"{path}.{key}", value, one_of(dict.fromkeys([*fields, *extra])), "unknown key")


def free_text(fields: dict[str, CatalogueField]) -> frozenset[str]:
    """The text fields without a maximum length: any text is their value."""
    return frozenset(name for name, f in fields.items() if f.type == "text" and not f.maxlength)


def check_records(records: Any, entities: list[str], objects: Mapping[str, ObjectDef] = CATALOGUE) -> None:
    """Every record of a fixture: known objects (the company's: its user-defined dimensions too), known fields
    (its custom fields too), values the loader can store, entities."""
    if records is None:
        return
    if not isinstance(records, dict):
        raise SettingsError("records", records, "object names mapped to lists of records", "must be an object")
    stamp = CatalogueField("WHENCREATED", "timestamp")
    for name, rows in records.items():
        obj = objects.get(name)
        if obj is None or obj.name != name:  # named exactly (the user-defined dimensions as declared)
            raise SettingsError(f"records.{name}", rows, one_of(objects), "unknown key")
        if obj.line_of:  # stored as its header's lines, so it can never disagree with its header
            raise SettingsError(f"records.{name}", rows, f"the _lines of {obj.line_of[0]} records", "a line object")
        if not isinstance(rows, list):
            raise SettingsError(f"records.{name}", rows, "a list of records", "must be a list")
        fields = {f.name: f for f in obj.fields}
        fields.setdefault("WHENCREATED", stamp)
        line_fields = {f.name: f for f in obj.lines.fields} if obj.lines else {}
        # The loader's own converters for the catalogue's objects, so that it finds each value converted
        # already (a company's own copy of an object, with its custom fields, converts afresh).
        how = loading(obj) if CATALOGUE.get(obj.name) is obj else None
        converters, line_converters = (how.convert, how.lines) if how else ({}, {})
        free, line_free = free_text(fields), free_text(line_fields)
        ids: set[str] = set()
        recordnos: set[int] = set()
        next_recordno = 1  # numbered as the loader numbers them (objects/fixtures.py load_records)
        for i, row in enumerate(rows):
            path = f"records.{name}[{i}]"
            extra = ("RECORDNO", "_entity", "_lines") if obj.lines else ("RECORDNO", "_entity")
            check_row(path, fields, free, converters, row, extra)
            recordno = row.get("RECORDNO")
            number = None if isinstance(recordno, bool) else parse_whole(str(recordno))
            if recordno is not None and (number is None or number < 1):
                raise SettingsError(f"{path}.RECORDNO", recordno, "a whole number >= 1", "not a whole number >= 1")
            number = number or next_recordno
            if number in recordnos:
                raise SettingsError(
                    f"{path}.RECORDNO", number, "a RECORDNO no other record has", "a duplicate RECORDNO"
                )
            recordnos.add(number)
            next_recordno = max(next_recordno, number) + 1
            if obj.id_field != "RECORDNO" and row.get(obj.id_field) is not None:
                key = str(row[obj.id_field]).strip()
                if key in ids:
                    raise SettingsError(
                        f"{path}.{obj.id_field}",
                        row[obj.id_field],
                        f"a {obj.id_field} no other record has",
                        f"a duplicate {obj.id_field}",
                    )
                ids.add(key)
            entity = row.get("_entity")
            if entity and entity not in entities:
                allowed = one_of(entities) if entities else "none: the company has no entities"
                raise SettingsError(f"{path}._entity", entity, allowed, "not an entity")
            lines = row.get("_lines", [])
            if not isinstance(lines, list):
                raise SettingsError(f"{path}._lines", lines, f"a list of {name} lines", "must be a list")
            for j, line in enumerate(lines):
                check_row(f"{path}._lines[{j}]", line_fields, line_free, line_converters, line, ())


class Entity(BaseModel):
    model_config = STRICT

    locationid: Identifier = Field(description="a location ID (letters, digits, _ . @ -)")
    name: Text = Field(description="any text up to 1000 characters")


class Dimension(BaseModel):
    """A user-defined dimension, listed by getDimensions after the standard ones, and an object of the company
    (the DIMENSION definition's fields; its records under "records" by objectName)."""

    model_config = STRICT

    # camelCase keys: the fixture names them as getDimensions answers them.
    objectName: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Za-z][A-Za-z0-9_]*$",
        description="an object name (a letter, then letters, digits, _) that is not an object of the catalogue",
    )
    label: str = Field(min_length=1, max_length=MAX_TEXT, description="1 to 1000 characters")
    termLabel: str | None = Field(
        None, min_length=1, max_length=MAX_TEXT, description="null (the label) or 1 to 1000 characters"
    )
    enabledInGL: bool = Field(True, description="true or false")


def check_dimensions(dimensions: list[Dimension]) -> None:
    """UDD names are new object names: none an object of the catalogue (but DIMENSION, the catalogue's UDD
    shape, named after the recorded company's UDD), none a table of the store, none twice (any case, as
    lookups)."""
    seen: set[str] = set()
    for i, dimension in enumerate(dimensions):
        name = dimension.objectName.upper()
        table = name.lower()  # its records' table; SQLite keeps sqlite_* names for itself
        if (name in CATALOGUE and name != "DIMENSION") or table in OWN_TABLES or table.startswith("sqlite_"):
            allowed = "a name that is not an object of the catalogue (" + ", ".join(sorted(CATALOGUE)) + ")"
            allowed += f", nor {', '.join(OWN_TABLES)}, nor sqlite_*"
            reason = "a standard object" if name in CATALOGUE else "a name the store keeps for itself"
            raise SettingsError(f"dimensions[{i}].objectName", dimension.objectName, allowed, reason)
        if name in seen:
            raise SettingsError(
                f"dimensions[{i}].objectName", dimension.objectName, "a name no other dimension has", "listed twice"
            )
        seen.add(name)


class CustomField(BaseModel):
    """A company's own field of a standard object (VENDOR_CF_BOOL on VENDOR): lookup lists it with ISCUSTOM
    true, reads answer it, creates and updates accept and check it; no other company has it."""

    model_config = STRICT

    name: str = Field(
        min_length=1,
        max_length=100,
        pattern=r"^[A-Z][A-Z0-9_]*$",
        description="an upper-case field name (a letter, then letters, digits, _) the object does not have",
    )
    type: Literal[tuple(DATATYPES)] = Field("text", description=one_of(DATATYPES))  # type: ignore[valid-type]
    label: str = Field("", max_length=MAX_TEXT, description="up to 1000 characters (empty: from the name)")
    required: bool = Field(False, description="true: required on create")
    values: list[Annotated[str, Field(min_length=1, max_length=MAX_TEXT)]] | None = Field(
        None, min_length=1, description="the valid values of an enum field (required for enum, else null)"
    )


def check_custom_fields(custom_fields: dict[str, list[CustomField]]) -> None:
    """Custom fields extend standard objects that are not line objects, with names the object does not have."""
    writable = sorted(name for name, obj in CATALOGUE.items() if obj.line_of is None)
    for name, declared in custom_fields.items():
        obj = CATALOGUE.get(name)
        if obj is None or obj.line_of is not None:
            reason = "a line object (written with its header)" if obj else "not an object of the catalogue"
            raise SettingsError(f"custom_fields.{name}", name, one_of(writable), reason)
        seen: set[str] = set()
        for i, custom in enumerate(declared):
            path = f"custom_fields.{name}[{i}]"
            if obj.field(custom.name) is not None or custom.name in seen:
                raise SettingsError(
                    f"{path}.name", custom.name, f"a name {name} does not have", "a field of the object already"
                )
            seen.add(custom.name)
            if (custom.type == "enum") != (custom.values is not None):
                reason = "an enum needs its values" if custom.type == "enum" else "only an enum has values"
                raise SettingsError(f"{path}.values", custom.values, "a list of values for an enum, else null", reason)


class FixtureUser(UserSettings):
    userid: Identifier = Field(description="a user ID (letters, digits, _ . @ -)")
    password: str = Field(min_length=1, max_length=200, description="1 to 200 characters")


class CompanyFixture(CompanySettings):
    """A company fixture (fixtures/companies/*.json, an inline company, a state dump)."""

    model_config = ConfigDict(
        strict=True,
        extra="forbid",
        allow_inf_nan=False,
        title="mock-intacct company fixture",
        # Built from the catalogue only when a schema is asked for (not at start).
        json_schema_extra=lambda schema: schema.update(
            {"$comment": "generated by python -m mockserver.control.fixture_schema; do not edit"},
            **company_specific_schema(),
        ),
    )

    companyid: Identifier | None = Field(None, description="the company ID (letters, digits, _ . @ -)")
    fixture: Text = Field("", description="the fixture the company was made from (written by state dumps)")
    load_at_start: bool = Field(True, description="true: created when the server starts and on reset")
    entities: list[Entity] = Field([], description="a list of entities (locationid, name) of a multi-entity company")
    users: list[FixtureUser] = Field([], description="a list of Web Services users (userid, password, ...)")
    senders: dict[str, Status] = Field({}, description='sender IDs mapped to "active" or "inactive"')
    sender_passwords: dict[str, str] = Field({}, description="passwords of sender IDs this fixture adds")
    dimensions: list[Dimension] = Field(
        [], description="a list of user-defined dimensions (objectName, label, termLabel, enabledInGL)"
    )
    custom_fields: dict[str, list[CustomField]] = Field(
        {}, description="object names mapped to the company's own fields of them (name, type, label, required)"
    )
    # Checked by check_records against the catalogue; the JSON Schema is written from it too.
    # Their JSON Schemas are built from the catalogue only when a schema is asked for (not at start).
    records: dict[str, Any] | None = Field(
        None, description="object names mapped to lists of records", json_schema_extra=replaced_by(records_schema)
    )
    generate: dict[ObjectName, Annotated[int, Field(ge=0, le=MAX_GENERATED)]] | None = Field(
        None,
        description="object names mapped to a count of synthetic records",
        json_schema_extra=replaced_by(generate_schema),
    )


class CreateCompany(BaseModel):
    """POST /__mock__/companies: {"fixture": name} or {"company": {...}}; optional companyid, replace."""

    model_config = STRICT

    fixture: str | None = Field(None, max_length=MAX_TEXT, description="the name of a loaded fixture")
    company: CompanyFixture | None = Field(None, description="an inline company fixture")
    companyid: Identifier | None = Field(None, description="the new company's ID (letters, digits, _ . @ -)")
    replace: bool = Field(False, description="true: replace a company with the same ID")


def check_fixture(data: Any, *, needs_id: bool = False) -> CompanyFixture:
    """A whole company fixture, with the references between its parts (user and record entities)."""
    fixture = check(CompanyFixture, data)
    if needs_id and fixture.companyid is None:
        raise SettingsError("companyid", None, "a company ID (letters, digits, _ . @ -)", "required")
    entities = [e.locationid for e in fixture.entities]
    allowed = one_of(entities) if entities else "none: the company has no entities"
    for i, user in enumerate(fixture.users):
        for j, locationid in enumerate(user.entities):
            if locationid not in entities:
                raise SettingsError(f"users[{i}].entities[{j}]", locationid, allowed, "not an entity of the company")
    check_dimensions(fixture.dimensions)
    check_custom_fields(fixture.custom_fields)
    objects = CompanyObjects(
        {name: [f.model_dump(exclude_none=True) for f in declared] for name, declared in fixture.custom_fields.items()},
        [(d.objectName, d.label) for d in fixture.dimensions],
    )
    check_records(fixture.records, entities, objects)
    return fixture


class SenderPasswords(BaseModel):
    """fixtures/senders.json: sender IDs (issued by Sage) mapped to their passwords."""

    model_config = ConfigDict(strict=True, extra="allow")
    __pydantic_extra__: dict[str, Annotated[str, Field(min_length=1, max_length=200)]]
