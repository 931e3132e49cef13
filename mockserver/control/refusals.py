"""How a refused setting names what was wrong: `SettingsError` (the field's path, the value, what is allowed).

Apart from the pydantic models (control/models.py) so that whatever only catches or raises a refusal, such as
the fixture loader at start-up, needs no pydantic.
"""

from __future__ import annotations

import json
import typing
from typing import Any


def one_of(values: typing.Iterable[Any]) -> str:
    return "one of " + ", ".join(json.dumps(v) for v in values)


class SettingsError(ValueError):
    """A refused value: `field` is its path (users[0].grants.VENDR), `allowed` says what would do."""

    def __init__(self, field: str, value: Any, allowed: str, reason: str) -> None:
        self.field, self.value, self.allowed, self.reason = field, value, allowed, reason
        super().__init__(f"{field or 'body'}: {reason}; allowed: {allowed}")

    def as_json(self) -> dict[str, Any]:
        return {"error": str(self), "field": self.field, "value": shown(self.value), "allowed": self.allowed}


def shown(value: Any) -> Any:
    """The refused value as given, unless it is too big to repeat back (a whole records list)."""
    text = json.dumps(value, default=str)
    return value if len(text) <= 200 else text[:200] + "…"
