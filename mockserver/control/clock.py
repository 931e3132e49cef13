"""The mock's notion of now. Tests move it forward (admin API `POST /__mock__/clock`) to expire
sessions and cursors without sleeping."""

from __future__ import annotations

import time
from datetime import UTC, datetime
from functools import cache
from zoneinfo import ZoneInfo


@cache
def zone(tz_name: str):
    return UTC if tz_name == "UTC" else ZoneInfo(tz_name)


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def iso_timestamp(epoch: float, tz_name: str) -> str:
    """ISO-8601 with the company's UTC offset, as the gateway writes sessiontimestamp: 2026-01-01T11:00:00+00:00."""
    return datetime.fromtimestamp(int(epoch), tz=zone(tz_name)).isoformat()


__all__ = ["Clock", "iso_timestamp"]
