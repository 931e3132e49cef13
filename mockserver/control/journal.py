"""The request journal: the last N exchanges (oldest dropped first), secrets redacted, for tests to
assert on through GET /__mock__/journal."""

from __future__ import annotations

import codecs
import re
from collections import deque
from dataclasses import asdict, dataclass, field

from mockserver.tenancy.sessions import redact

# Everything between <password> (any case, prefix or attributes) and its end tag, or the end of a
# malformed document: a secret may hide in CDATA or around comments and still authenticate.
_SECRET = re.compile(r"<((?:[\w.-]+:)?(?:password|sessionid))(?:\s[^<>]*)?(?<!/)>(.*?)(?:</\1\s*>|\Z)", re.S | re.I)
# UTF-16 and UTF-32 documents (the parser accepts them) are redacted as text, not as bytes.
_WIDE = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
    (b"<\0\0\0", "utf-32-le"),
    (b"\0\0\0<", "utf-32-be"),
    (b"<\0", "utf-16-le"),
    (b"\0<", "utf-16-be"),
)


def redact_xml(document: bytes) -> str:
    """The document as text with passwords and session IDs cut to a short prefix."""

    def cut(match: re.Match) -> str:
        tag, secret = match.group(1), match.group(2).strip()
        shown = "…" if "<" in secret else redact(secret)  # CDATA or comments: show nothing
        return f"<{tag}>{shown}</{tag}>"

    return _SECRET.sub(cut, xml_text(document))


def xml_text(document: bytes) -> str:
    for start, codec in _WIDE:
        if document.startswith(start):
            text = document.decode(codec, errors="replace")
            if text.lstrip("\ufeff \t\r\n").startswith("<"):  # else not really UTF-16: bytes as UTF-8
                return text
            break
    return document.decode("utf-8", errors="replace")


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
    """At most `size` exchanges and `max_bytes` of kept XML, oldest dropped first: with pages of
    100 records the count alone would let the journal hold hundreds of megabytes."""

    def __init__(self, size: int, max_bytes: int = 32 * 1024 * 1024) -> None:
        self.size = size
        self.max_bytes = max_bytes
        self.entries: deque[Exchange] = deque()
        self.kept_bytes = 0

    def record(self, exchange: Exchange) -> None:
        if self.size <= 0:
            return
        exchange.request = exchange.request[:KEPT_BYTES]
        exchange.response = exchange.response[:KEPT_BYTES]
        self.entries.append(exchange)
        self.kept_bytes += len(exchange.request) + len(exchange.response)
        while len(self.entries) > self.size or (self.kept_bytes > self.max_bytes and len(self.entries) > 1):
            dropped = self.entries.popleft()
            self.kept_bytes -= len(dropped.request) + len(dropped.response)

    def find(
        self,
        company: str | None = None,
        function: str | None = None,
        status: str | None = None,
        limit: int | None = None,
    ) -> list[dict]:
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
        self.kept_bytes = 0
