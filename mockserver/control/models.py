"""Declared schemas (pydantic v2) of every setting the admin API accepts: company settings, users,
sender authorizations, fault rules, journal queries and the clock (company fixture files and company
creation: fixture_models.py), and how a refusal names what was wrong.

Values have bounds, not only types, because a stored setting is read on every later request: a
bad one must be refused when it is set, never turn into a 500 or a hang afterwards. The same
models give the JSON Schemas the admin API publishes (/__mock__/openapi.json) and the schema of
the fixture format (fixtures/company.schema.json). A refusal is a `SettingsError` naming the
field, the value and what is allowed; each field's `description` is that "allowed" text.
"""

from __future__ import annotations

import typing
from functools import cache
from typing import Annotated, Any, Literal, TypeVar
from zoneinfo import available_timezones

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    ValidationError,
    WithJsonSchema,
    model_validator,
)

# Refusals (refusals.py, apart so that what only catches them needs no pydantic), named here as before.
from mockserver.control.refusals import SettingsError as SettingsError
from mockserver.control.refusals import one_of as one_of
from mockserver.objects import CATALOGUE

# JSON types as sent (no "7200" for 7200, no 1 for true), unknown keys refused, no NaN/Infinity.
STRICT = ConfigDict(strict=True, extra="forbid", allow_inf_nan=False)

MAX_SESSION_SECONDS = 7 * 24 * 3600
MAX_CONCURRENCY = 10_000
MAX_LATENCY_MS = 60_000
MAX_TIMES = 1_000_000
MAX_JOURNAL_LIMIT = 100_000
MAX_ADVANCE_SECONDS = 10 * 366 * 24 * 3600
MAX_GENERATED = 10_000_000
MAX_TEXT = 1000

MODULES = tuple(sorted({obj.module for obj in CATALOGUE.values()}))
OBJECT_NAMES = tuple(sorted(CATALOGUE))
OPERATIONS = ("list", "view", "add", "edit", "delete")  # as tenancy/permissions.py checks them
USER_TYPES = CATALOGUE["USERINFO"].field("USERTYPE").valid_values  # type: ignore[union-attr]
# Keys every fixture record may have besides its object's fields (see objects/fixtures.py).
RECORD_KEYS = ("RECORDNO", "WHENCREATED", "WHENMODIFIED")

M = TypeVar("M", bound=BaseModel)


def check(model: type[M], data: Any) -> M:
    """`data` as a `model`, or the first problem as a SettingsError."""
    try:
        return model.model_validate(data)
    except ValidationError as failure:
        raise refusal(model, failure.errors()[0]) from None


def refusal(model: type[BaseModel], problem: Any) -> SettingsError:
    path, allowed, container = walk(model, problem["loc"])
    reason = problem["msg"].removeprefix("Value error, ")
    if problem["type"] == "extra_forbidden":
        reason = "unknown key"
        allowed = one_of(known_keys(container)) if container else "no such key"
    elif problem["type"] == "missing":
        reason = "required"
    return SettingsError(path, problem.get("input"), allowed or reason, reason)


def walk(model: type[BaseModel], loc: tuple) -> tuple[str, str, type[BaseModel] | None]:
    """The printable path of a pydantic error location, the description of the deepest field on
    it (what is allowed) and the model holding the last key."""
    path = ""
    allowed = ""
    current: Any = model
    holder: type[BaseModel] | None = model
    for part in loc:
        if part == "[key]":
            continue
        if isinstance(current, dict) and part in current:  # the tag of a discriminated union
            current = holder = current[part]
            continue
        path += f"[{part}]" if isinstance(part, int) else (f".{part}" if path else str(part))
        if isinstance(current, type) and issubclass(current, BaseModel) and isinstance(part, str):
            holder = current
            info = field_info(current, part)
            if info is None:
                current = None
                continue
            allowed = info.description or allowed
            current = inner_model(info.annotation, info.discriminator)
    return path, allowed, holder


def field_info(model: type[BaseModel], key: str):
    for name, info in model.model_fields.items():
        if (info.alias or name) == key:
            return info
    return None


def known_keys(model: type[BaseModel]) -> list[str]:
    return [info.alias or name for name, info in model.model_fields.items()]


def inner_model(annotation: Any, discriminator: Any = None) -> Any:
    """The model inside list[X], dict[str, X], X | None; for a tagged union, {tag: model}."""
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    members = [inner_model(arg) for arg in typing.get_args(annotation)]
    models = [m for m in members if isinstance(m, type) and issubclass(m, BaseModel)]
    if discriminator and len(models) > 1:
        return {typing.get_args(m.model_fields[discriminator].annotation)[0]: m for m in models}
    return models[0] if models else next((m for m in members if isinstance(m, dict)), None)


# --- value types ----------------------------------------------------------------------------------


@cache
def zones() -> frozenset[str]:
    return frozenset(available_timezones() | {"UTC"})


def real_zone(name: str) -> str:
    if name != "UTC" and name not in zones():  # UTC, the fixtures' zone, without listing every zone (cold start)
        raise ValueError(f"{name!r} is not an IANA time zone")
    return name


Text = Annotated[str, Field(max_length=MAX_TEXT)]
Identifier = Annotated[str, Field(min_length=1, max_length=100, pattern=r"^[A-Za-z0-9][A-Za-z0-9_.@-]*$")]
TimeZone = Annotated[str, AfterValidator(real_zone), WithJsonSchema({"type": "string", "format": "iana-time-zone"})]
Status = Literal["active", "inactive"]
Module = Literal[MODULES]  # type: ignore[valid-type]
ObjectName = Literal[OBJECT_NAMES]  # type: ignore[valid-type]
GrantKey = Literal[(*OBJECT_NAMES, *MODULES, "*")]  # type: ignore[valid-type]
Operation = Literal[OPERATIONS]  # type: ignore[valid-type]


# --- company settings, users, senders -----------------------------------------------------------


class CompanySettings(BaseModel):
    """What PATCH /__mock__/companies/{company} may change (defaults: a new company's)."""

    model_config = STRICT

    name: Text = Field("", description="any text up to 1000 characters")
    timezone: TimeZone = Field("UTC", description="an IANA time zone name such as UTC or America/New_York")
    session_duration_seconds: int = Field(
        7200, ge=1, le=MAX_SESSION_SECONDS, description=f"a whole number of seconds from 1 to {MAX_SESSION_SECONDS}"
    )
    web_services: bool = Field(True, description="true or false")
    login_failure: Literal["gateway", "legacy"] = Field(
        "gateway", description='"gateway" (HTTP 401 XMLGW_JPP0002) or "legacy" (HTTP 200 XL03000006)'
    )
    uniqueid_replay: Literal["error", "replay", "off"] = Field("error", description=one_of(("error", "replay", "off")))
    readonly_fields: Literal["refuse", "ignore"] = Field(
        "refuse", description='"refuse" (a read-only field in a create or update fails BL01001973) or "ignore"'
    )
    modules: list[Module] | None = Field(
        None, description=f"null (every module) or a list of modules, each {one_of(MODULES)}"
    )
    permission_http_status: Literal[200, 403] = Field(200, description="200 (as the gateway) or 403")
    concurrency_limit: int | None = Field(
        None, ge=1, le=MAX_CONCURRENCY, description=f"null (unlimited) or a whole number from 1 to {MAX_CONCURRENCY}"
    )


class UserSettings(BaseModel):
    """What PUT /__mock__/companies/{company}/users/{user} may set (a new user needs a password)."""

    model_config = STRICT

    password: str | None = Field(None, min_length=1, max_length=200, description="1 to 200 characters")
    first_name: Text = Field("", description="any text up to 1000 characters")
    last_name: Text = Field("", description="any text up to 1000 characters")
    email: Text = Field("", description="any text up to 1000 characters")
    user_type: Literal[USER_TYPES] = Field("business user", description=one_of(USER_TYPES))  # type: ignore[valid-type]
    admin: Literal["off", "limited", "full"] = Field("off", description=one_of(("off", "limited", "full")))
    status: Literal["active", "inactive", "locked out"] = Field(
        "active", description=one_of(("active", "inactive", "locked out"))
    )
    entities: list[Identifier] = Field(
        [], max_length=1000, description="location IDs of the company's entities (empty: unrestricted)"
    )
    grants: dict[GrantKey, list[Operation]] = Field(
        {},
        description="object names, module names or * mapped to lists of operations, each " + one_of(OPERATIONS),
    )


class SenderAuthorization(BaseModel):
    """PUT /__mock__/companies/{company}/senders/{sender}."""

    model_config = STRICT

    status: Status = Field("active", description='"active" or "inactive"')


# --- faults ---------------------------------------------------------------------------------------

Milliseconds = Annotated[float, Field(ge=0, le=MAX_LATENCY_MS)]
LATENCY = f"milliseconds from 0 to {MAX_LATENCY_MS}"


class Latency(BaseModel):
    model_config = STRICT

    type: Literal["latency"]
    ms: Milliseconds | None = Field(None, description=LATENCY)
    min_ms: Milliseconds | None = Field(None, description=LATENCY)
    max_ms: Milliseconds | None = Field(None, description=LATENCY)

    @model_validator(mode="after")
    def ordered(self) -> Latency:
        low = self.min_ms if self.min_ms is not None else (self.ms or 0)
        high = self.max_ms if self.max_ms is not None else (self.ms or 0)
        if low > high:
            raise ValueError("min_ms must not exceed max_ms")
        return self


class HttpFailure(BaseModel):
    model_config = STRICT

    type: Literal["http"]
    # 4xx and 5xx only: a 1xx-3xx "fault" is no failure, and aiohttp cannot answer 1xx at all.
    status: int = Field(ge=400, le=599, description="an HTTP status from 400 to 599")
    body: bool = Field(False, description="true: an XML GW-0011 error body; false: empty")
    after: bool = Field(False, description="true: the request runs first")


class RateLimit(BaseModel):
    model_config = STRICT

    type: Literal["rate_limit"]


class ForcedError(BaseModel):
    model_config = STRICT

    type: Literal["error"]
    errorno: str = Field("XL03000009", min_length=1, max_length=40, description="1 to 40 characters")
    description: Text = Field("", description="any text up to 1000 characters")
    description2: Text = Field("Fault injected by mock-intacct", description="any text up to 1000 characters")
    correction: Text = Field("", description="any text up to 1000 characters")


class Drop(BaseModel):
    model_config = STRICT

    type: Literal["drop"]
    after: bool = Field(False, description="true: the request runs first")


class Truncate(BaseModel):
    model_config = STRICT

    type: Literal["truncate"]
    after: bool = Field(False, description="true: the request runs first")


class FaultMatch(BaseModel):
    model_config = STRICT

    company: Text | None = Field(None, description="a company ID (any case)")
    function: Text | None = Field(None, description="a function name such as readByQuery")
    object: Text | None = Field(None, description="an object name such as VENDOR")
    controlid: Text | None = Field(None, description="a function controlid")


Action = Annotated[Latency | HttpFailure | RateLimit | ForcedError | Drop | Truncate, Field(discriminator="type")]


class FaultRuleRequest(BaseModel):
    """POST /__mock__/faults."""

    model_config = STRICT

    action: Action = Field(
        description="an object whose type is " + one_of(("latency", "http", "rate_limit", "error", "drop", "truncate"))
    )
    match: FaultMatch = Field(FaultMatch(), description="any of company, function, object, controlid")
    times: int | None = Field(
        None, ge=1, le=MAX_TIMES, description=f"null (until cleared) or a whole number from 1 to {MAX_TIMES}"
    )
    probability: float = Field(1.0, gt=0, le=1, description="a number greater than 0 and at most 1")


# --- journal, clock -------------------------------------------------------------------------------


class JournalQuery(BaseModel):
    """GET /__mock__/journal query parameters (text, so whole numbers are parsed from it)."""

    model_config = ConfigDict(extra="forbid")

    company: str | None = Field(None, max_length=MAX_TEXT, description="a company ID")
    function: str | None = Field(None, max_length=MAX_TEXT, description="a function name")
    status: Literal["success", "failure", "aborted"] | None = Field(
        None, description=one_of(("success", "failure", "aborted"))
    )
    limit: int | None = Field(
        None, ge=1, le=MAX_JOURNAL_LIMIT, description=f"a whole number from 1 to {MAX_JOURNAL_LIMIT}"
    )


class ClockAdvance(BaseModel):
    """POST /__mock__/clock."""

    model_config = STRICT

    advance_seconds: float = Field(
        ge=0, le=MAX_ADVANCE_SECONDS, description=f"a number of seconds from 0 to {MAX_ADVANCE_SECONDS}"
    )


def settings_help(model: type[BaseModel]) -> str:
    """key: allowed values, one line each, for the CLI's --help."""
    return "\n".join(f"  {info.alias or name}: {info.description}" for name, info in model.model_fields.items())
