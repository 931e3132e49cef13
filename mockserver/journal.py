"""The request journal: the last N exchanges (oldest dropped first), secrets redacted, for tests to
assert on through GET /__mock__/journal."""

from __future__ import annotations

import re
from collections import deque
from dataclasses import asdict, dataclass, field

from .sessions import redact

_SECRET = re.compile(rb"<(password|sessionid)>([^<]*)</\1>")


def redact_xml(document: bytes) -> str:
    """The document as text with passwords and session IDs cut to a short prefix."""
    def cut(match: re.Match) -> bytes:
        tag = match.group(1)
        return b"<" + tag + b">" + redact(match.group(2).decode("utf-8", "replace")).encode() + b"</" + tag + b">"
    return _SECRET.sub(cut, document).decode("utf-8", errors="replace")


@dataclass
class FunctionOutcome:
    function: str
    controlid: str
    status: str
    errornos: list[str] = field(default_factory=list)


KEPT_BYTES = 256 * 1024  # of each request and response; a 50 MB body is not worth keeping whole


@dataclass
class Exchange:
    time: str
    http_status: int
    duration_ms: float
    company: str = ""
    user: str = ""
    control_status: str = ""
    errornos: list[str] = field(default_factory=list)  # control and authentication errors
    functions: list[FunctionOutcome] = field(default_factory=list)
    # Raw bytes, cut to KEPT_BYTES; redacted when the journal is read, not on the hot path.
    request: bytes = b""
    response: bytes = b""

    def as_json(self) -> dict:
        shown = asdict(self)
        shown["request"] = redact_xml(self.request)
        shown["response"] = redact_xml(self.response)
        return shown


class Journal:
    def __init__(self, size: int) -> None:
        self.entries: deque[Exchange] = deque(maxlen=size)

    def record(self, exchange: Exchange) -> None:
        exchange.request = exchange.request[:KEPT_BYTES]
        exchange.response = exchange.response[:KEPT_BYTES]
        self.entries.append(exchange)

    def find(self, company: str | None = None, function: str | None = None, status: str | None = None,
             limit: int | None = None) -> list[dict]:
        """Newest first. `status` matches the control status or any function's status."""
        found = []
        for exchange in reversed(self.entries):
            if company and exchange.company != company:
                continue
            if function and all(f.function != function for f in exchange.functions):
                continue
            if status and exchange.control_status != status and all(f.status != status for f in exchange.functions):
                continue
            found.append(exchange.as_json())
            if limit and len(found) >= limit:
                break
        return found

    def clear(self) -> None:
        self.entries.clear()
