"""Declared schemas (pydantic v2) of company fixture files and company creation: a company's settings,
entities and users as in models.py, and its records, each object's fields checked against the object
catalogue and each value converted the way the loader stores it."""

from __future__ import annotations

import math
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, create_model

from mockserver.control.models import (
    MAX_GENERATED,
    MAX_TEXT,
    STRICT,
    CompanySettings,
    Identifier,
    SettingsError,
    Status,
    Text,
    UserSettings,
    check,
    one_of,
)
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects import Field as CatalogueField
from mockserver.objects.values import BadValue, to_storage

# --- company fixtures -----------------------------------------------------------------------------


def scalar(value: Any) -> Any:
    if value is not None and not isinstance(value, str | int | float | bool):
        raise ValueError("must be text, a number, true/false or null")
    if isinstance(value, float) and not math.isfinite(value):
        raise ValueError("must be a finite number")
    return value


def storable(field: CatalogueField):
    """A validator that stores the value as the gateway would (an enum value, a date MM/DD/YYYY...)."""

    def check_value(value: Any) -> Any:
        try:
            to_storage(field, None if value is None else str(value))
        except BadValue as failure:
            raise ValueError(str(failure)) from None
        return value

    return check_value


SCALAR_SCHEMA = {"type": ["string", "number", "boolean", "null"]}


def value_type(field: CatalogueField) -> Any:
    schema: dict[str, Any] = dict(SCALAR_SCHEMA)
    if field.valid_values:
        schema["description"] = one_of(field.valid_values)
    elif field.type in ("date", "timestamp"):
        schema["description"] = "MM/DD/YYYY" + (" HH:MM:SS" if field.type == "timestamp" else "")
    return Annotated[Any, AfterValidator(scalar), AfterValidator(storable(field)), WithJsonSchema(schema)]


def described(field: CatalogueField) -> str:
    return f"{field.type} field {field.name}" + (f", {one_of(field.valid_values)}" if field.valid_values else "")


def fields_model(name: str, fields: tuple[CatalogueField, ...], extra: dict[str, Any]) -> type[BaseModel]:
    """A record model whose keys are the catalogue's field names (dotted names kept as aliases)."""
    spec: dict[str, Any] = {
        f"f{i}": (value_type(f), Field(None, alias=f.name, description=described(f))) for i, f in enumerate(fields)
    }
    taken = {f.name for f in fields}
    spec.update({key: value for key, value in extra.items() if value[1].alias not in taken})
    return create_model(name, __config__=ConfigDict(extra="forbid", allow_inf_nan=False), **spec)


def record_model(obj: ObjectDef) -> type[BaseModel]:
    stamp = CatalogueField("WHENCREATED", "timestamp")
    extra: dict[str, Any] = {
        "recordno": (int | None, Field(None, ge=1, alias="RECORDNO", description="a whole number >= 1")),
        "whencreated": (value_type(stamp), Field(None, alias="WHENCREATED", description="MM/DD/YYYY HH:MM:SS")),
        "entity": (Identifier | None, Field(None, alias="_entity", description="the owning entity's location ID")),
    }
    if obj.lines:
        line = fields_model(f"{obj.name}Line", obj.lines.fields, {})
        extra["lines"] = (list[line] | None, Field(None, alias="_lines", description=f"{obj.lines.element} lines"))  # type: ignore[valid-type]
    return fields_model(f"{obj.name}Record", obj.fields, extra)


def objects_model(name: str, item: Any, description: str) -> type[BaseModel]:
    spec: dict[str, Any] = {obj.name: (item(obj), Field(None, description=description)) for obj in CATALOGUE.values()}
    return create_model(name, __config__=ConfigDict(extra="forbid"), **spec)


Records = objects_model("Records", lambda obj: list[record_model(obj)] | None, "records of this object")  # type: ignore[misc]
Generate = objects_model(
    "Generate",
    lambda obj: Annotated[int | None, Field(ge=0, le=MAX_GENERATED)],
    f"how many synthetic records, 0 to {MAX_GENERATED}",
)


class Entity(BaseModel):
    model_config = STRICT

    locationid: Identifier = Field(description="a location ID (letters, digits, _ . @ -)")
    name: Text = Field(description="any text up to 1000 characters")


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
        json_schema_extra={"$comment": "generated by python -m mockserver.control.fixture_schema; do not edit"},
    )

    companyid: Identifier | None = Field(None, description="the company ID (letters, digits, _ . @ -)")
    fixture: Text = Field("", description="the fixture the company was made from (written by state dumps)")
    load_at_start: bool = Field(True, description="true: created when the server starts and on reset")
    entities: list[Entity] = Field([], description="a list of entities (locationid, name) of a multi-entity company")
    users: list[FixtureUser] = Field([], description="a list of Web Services users (userid, password, ...)")
    senders: dict[str, Status] = Field({}, description='sender IDs mapped to "active" or "inactive"')
    sender_passwords: dict[str, str] = Field({}, description="passwords of sender IDs this fixture adds")
    records: Records = Field(None, description="object names mapped to lists of records")  # type: ignore[valid-type]
    generate: Generate = Field(None, description="object names mapped to a count of synthetic records")  # type: ignore[valid-type]


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
    for name, rows in (data.get("records") or {}).items():
        for i, row in enumerate(rows):
            if row.get("_entity") and row["_entity"] not in entities:
                raise SettingsError(f"records.{name}[{i}]._entity", row["_entity"], allowed, "not an entity")
    return fixture


class SenderPasswords(BaseModel):
    """fixtures/senders.json: sender IDs (issued by Sage) mapped to their passwords."""

    model_config = ConfigDict(strict=True, extra="allow")
    __pydantic_extra__: dict[str, Annotated[str, Field(min_length=1, max_length=200)]]
