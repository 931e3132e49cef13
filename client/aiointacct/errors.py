"""Exceptions, one per level at which the gateway (or the road to it) can fail.

    ControlError         the request was refused as a whole (sender, XML, HTTP 401 sign-in failure,
                         gateway errors such as GW-0011): nothing ran
    AuthenticationError  the operation's login or session was refused: nothing ran
    ResultError          a function answered `failure` (or `aborted` in a rolled-back transaction)
    TransportError       HTTP or network trouble: no usable answer (5xx, 429, dropped connection,
                         timeout, a body that is not an Intacct response)

Every exception keeps the gateway's errors in order as `ErrorDetail`s (errorno, description,
description2, correction), its `level`, and the HTTP status when there was one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .response import Result


@dataclass(frozen=True)
class ErrorDetail:
    """One <error> element, texts trimmed; a missing element is None."""

    errorno: str | None = None
    description: str | None = None
    description2: str | None = None
    correction: str | None = None

    def __str__(self) -> str:
        parts = [p for p in (self.errorno, self.description, self.description2, self.correction) if p]
        return " ".join(parts)


class IntacctError(Exception):
    """Base class of every error raised by aiointacct."""

    level: str | None = None

    def __init__(
        self,
        message: str,
        errors: list[ErrorDetail] | None = None,
        *,
        http_status: int | None = None,
        level: str | None = None,
    ) -> None:
        self.errors: list[ErrorDetail] = list(errors or [])
        self.http_status = http_status
        if level is not None:
            self.level = level
        if self.errors:
            message = f"{message}: " + " - ".join(str(e) for e in self.errors)
        super().__init__(message)

    @property
    def errorno(self) -> str | None:
        """The first error's errorno (the cause; later errors usually summarise it)."""
        return self.errors[0].errorno if self.errors else None


class ControlError(IntacctError):
    """control/status failure. A bad user, company or user password is answered by today's gateway
    with HTTP 401 and XMLGW_JPP0002 at this level (http_status == 401); older gateways answer it
    as an AuthenticationError with XL03000006."""

    level = "control"


class AuthenticationError(IntacctError):
    level = "authentication"

    @property
    def invalid_session(self) -> bool:
        """True when the gateway says the session ID is unknown or expired."""
        return any(
            (text or "").strip().lower().startswith("invalid session")
            for e in self.errors
            for text in (e.description, e.description2)
        )


class ResultError(IntacctError):
    """A function that did not succeed; `result` is the whole parsed Result."""

    level = "result"

    def __init__(self, result: Result) -> None:
        self.result = result
        self.function = result.function
        self.controlid = result.controlid
        self.status = result.status
        super().__init__(f"{result.function} (controlid {result.controlid}) {result.status}", result.errors)


class TransportError(IntacctError):
    """No usable answer: HTTP 5xx/429/other non-XML status, a network failure, a timeout, or a body
    that is not an Intacct response. `attempts` counts the HTTP requests made (1 when the request was
    not safe to repeat). Any XML errors in the body (GW-0010 on a 429) are kept."""

    level = "transport"

    def __init__(
        self,
        message: str,
        errors: list[ErrorDetail] | None = None,
        *,
        http_status: int | None = None,
        retry_after: float | None = None,
        attempts: int = 1,
    ) -> None:
        self.retry_after = retry_after
        self.attempts = attempts
        super().__init__(message, errors, http_status=http_status)
