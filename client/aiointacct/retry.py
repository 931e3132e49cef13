"""When and how long to wait before sending a request again.

Retried: HTTP 5xx (524 included), HTTP 429, connection failures, timeouts and truncated answers,
but only when repeating the request cannot do anything twice: every function is read-only, or the
request has uniqueid=true and every write carries a controlid the caller chose (the gateway then
refuses to run a completed function again, and the caller can reconcile by that controlid; a
function that did run before the failure comes back as a failure naming its duplicate controlid).
Anything else raises TransportError at once.

Waits: base_delay * 2**n (n = 0, 1, 2...) capped at max_delay, halved at random when `jitter`; a
429's Retry-After (seconds or an HTTP date) replaces that wait, capped at max_retry_after.
"""

from __future__ import annotations

import asyncio
import random
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

from .functions import Function


@dataclass
class RetryPolicy:
    max_retries: int = 5  # extra attempts after the first
    base_delay: float = 1.0
    max_delay: float = 30.0
    max_retry_after: float = 120.0
    jitter: bool = True
    # how to wait; tests pass a recorder so no time passes
    sleep: Callable[[float], Awaitable[None]] = field(default=asyncio.sleep, repr=False)

    def delay(self, retry: int, retry_after: float | None = None) -> float:
        """Seconds to wait before retry number `retry` (0-based)."""
        if retry_after is not None:
            return max(0.0, min(retry_after, self.max_retry_after))
        wait = min(self.max_delay, self.base_delay * 2.0**retry)
        return wait * random.uniform(0.5, 1.0) if self.jitter else wait


def retryable_status(status: int) -> bool:
    return status == 429 or 500 <= status <= 599


def safe_to_repeat(functions: Sequence[Function], uniqueid: bool) -> bool:
    """Read-only functions only; or uniqueid=true and every write with a controlid the caller chose."""
    writes = [f for f in functions if not f.read_only]
    return not writes or (uniqueid and all(f.explicit_controlid for f in writes))


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After as seconds from now: a number of seconds, or an HTTP date."""
    if not value:
        return None
    value = value.strip()
    try:
        return max(0.0, float(value))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0.0, (when - datetime.now(UTC)).total_seconds())
