"""The mock's notion of now. Tests move it forward (admin API `POST /__mock__/clock`) to expire
sessions and cursors without sleeping."""

from __future__ import annotations

import time
from datetime import datetime, timedelta, timezone
from zoneinfo import ZoneInfo


class Clock:
    def __init__(self) -> None:
        self.offset = 0.0

    def now(self) -> float:
        return time.time() + self.offset

    def advance(self, seconds: float) -> None:
        self.offset += seconds


def iso_timestamp(epoch: float, tz_name: str) -> str:
    """ISO-8601 with the company's UTC offset, as the gateway writes sessiontimestamp: 2026-01-01T11:00:00+00:00."""
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(ZoneInfo(tz_name))
    return moment.isoformat()


def intacct_timestamp(epoch: float, tz_name: str) -> str:
    """Record timestamps in the user's format: MM/DD/YYYY HH:MM:SS."""
    moment = datetime.fromtimestamp(int(epoch), tz=timezone.utc).astimezone(ZoneInfo(tz_name))
    return moment.strftime("%m/%d/%Y %H:%M:%S")


__all__ = ["Clock", "iso_timestamp", "intacct_timestamp", "timedelta"]
