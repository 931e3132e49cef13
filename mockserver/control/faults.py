"""Faults on demand (POST /__mock__/faults): the failures a client must survive, when a test wants them.

A rule matches a request by any subset of company, function, object and controlid, and acts:
  latency     {"type": "latency", "ms": 300} or {"type": "latency", "min_ms": 100, "max_ms": 900}
  http        {"type": "http", "status": 502, "body": false}   (500, 502, 503, 504, 524 ...)
  rate_limit  {"type": "rate_limit"}                            (429 with GW-0010, Retry-After)
  error       {"type": "error", "errorno": "...", "description": "...", "description2": "...",
               "correction": "..."}                             (the matching functions fail)
  drop        {"type": "drop"}                                  (connection closed, no answer)
  truncate    {"type": "truncate"}                              (half the answer, then closed)
applied `times` times (default: until cleared) and with `probability` (default 1). http, drop and
truncate happen before the request runs unless "after": true (the request then ran). The bounds of
every value (latency at most 60 s, status 400-599, ...) are declared in control/models.py.
"""

from __future__ import annotations

import random
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from mockserver.gateway import errors
from mockserver.gateway.envelope import Function
from mockserver.gateway.errors import ErrorDetail, IntacctError
from mockserver.tenancy.companies import Company

if TYPE_CHECKING:  # the checked request (pydantic) is imported on the first POST /__mock__/faults
    from mockserver.control.models import FaultRuleRequest


@dataclass
class Target:
    """What a rule can match on, for one function of a request."""

    company: str
    function: str
    object: str
    controlid: str


@dataclass
class FaultRule:
    action: dict
    match: dict = field(default_factory=dict)
    times: int | None = None
    probability: float = 1.0
    id: str = field(default_factory=lambda: secrets.token_hex(4))
    hits: int = 0

    @classmethod
    def from_model(cls, rule: FaultRuleRequest) -> FaultRule:
        """A rule from its checked request (control/models.py holds the bounds of every value)."""
        action = rule.action.model_dump(exclude_unset=True, exclude_none=True) | {"type": rule.action.type}
        return cls(action, rule.match.model_dump(exclude_none=True), rule.times, rule.probability)

    def matches(self, target: Target) -> bool:
        return all(getattr(target, key).upper() == value.upper() for key, value in self.match.items())

    @property
    def forced_error(self) -> IntacctError:
        a = self.action
        return IntacctError(
            [
                ErrorDetail(
                    a.get("errorno", "XL03000009"),
                    a.get("description", ""),
                    a.get("description2", "Fault injected by mock-intacct"),
                    a.get("correction", ""),
                )
            ]
        )

    def to_json(self) -> dict:
        return asdict(self)


class Faults:
    def __init__(self, seed: int | None = None) -> None:
        self.rules: list[FaultRule] = []
        self.random = random.Random(seed)

    def add(self, rule: FaultRule) -> FaultRule:
        self.rules.append(rule)
        return rule

    def clear(self) -> None:
        self.rules.clear()

    def remove(self, rule_id: str) -> bool:
        """Remove one rule by its id; False when no rule has it."""
        kept = [r for r in self.rules if r.id != rule_id]
        removed = len(kept) != len(self.rules)
        self.rules[:] = kept
        return removed

    def fire(self, targets: list[Target], kinds: tuple[str, ...], after: bool = False) -> FaultRule | None:
        """The first rule of these kinds matching any target that fires now (counted and spent).
        `after` picks the rules that act once the request has run."""
        for rule in list(self.rules):
            if (
                rule.action["type"] in kinds
                and bool(rule.action.get("after")) == after
                and any(rule.matches(t) for t in targets)
                and self.random.random() < rule.probability
            ):
                self.spend(rule)
                return rule
        return None

    def spend(self, rule: FaultRule) -> None:
        rule.hits += 1
        if rule.times is not None:
            rule.times -= 1
            if rule.times <= 0:
                self.rules.remove(rule)


def function_target(companyid: str, function: Function) -> Target:
    """The object a function works on: <object>, else the first payload element (create, update)."""
    body = function.body
    obj = body.findtext("object") or next((c.tag for c in body if isinstance(c.tag, str)), "")
    return Target(companyid, function.name, obj.strip(), function.controlid)


class ConcurrencyLimits:
    """Per-company cap on requests in flight (Intacct's default tier allows very few); None = off."""

    def __init__(self) -> None:
        self.in_flight: dict[str, int] = {}

    @contextmanager
    def slot(self, company: Company | None) -> Iterator[None]:
        limit = company.concurrency_limit if company else None
        if company is None or limit is None:
            yield
            return
        key = company.companyid
        if self.in_flight.get(key, 0) >= limit:
            raise errors.rate_limited()
        self.in_flight[key] = self.in_flight.get(key, 0) + 1
        try:
            yield
        finally:
            self.in_flight[key] -= 1
