"""The console endpoints' query parameters, checked like the admin API's (a bad one answers 400 naming it)
and published in its OpenAPI document."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from mockserver.control.models import MAX_TEXT

PAGE = 100


class ExchangeFilters(BaseModel):
    """GET /__mock__/console/exchanges query parameters (text, so whole numbers are parsed from it)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use, not at start-up

    company: str | None = Field(None, max_length=MAX_TEXT, description="a company ID (any case)")
    user: str | None = Field(None, max_length=MAX_TEXT, description="a user ID (any case)")
    function: str | None = Field(None, max_length=MAX_TEXT, description="a function name such as readByQuery")
    object: str | None = Field(None, max_length=MAX_TEXT, description="an object name such as VENDOR (any case)")
    status: Literal["success", "failure", "aborted"] | None = Field(
        None, description='"success", "failure" or "aborted"'
    )
    errorno: str | None = Field(None, max_length=MAX_TEXT, description="an errorno such as XL03000006")
    q: str | None = Field(None, max_length=MAX_TEXT, description="text in the company, user or redacted XML")
    before: str | None = Field(None, max_length=40, description="an exchange ID: the page after it")
    limit: int = Field(PAGE, ge=1, le=500, description="a whole number from 1 to 500")


class ExchangeId(BaseModel):
    """The exchange an endpoint is about (an ID from GET /__mock__/console/exchanges)."""

    model_config = ConfigDict(extra="forbid", defer_build=True)  # built on first use, not at start-up

    id: str = Field(min_length=1, max_length=40, description="an exchange ID from /__mock__/console/exchanges")
