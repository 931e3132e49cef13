"""Secrets out of an exchange before it touches disk: passwords, session IDs, and any field asked for.

Passwords (the sender's in <control>, the user's in <login>) become PASSWORD_PLACEHOLDER. A session
ID becomes SESSION-1, SESSION-2, ... the same placeholder each time the same session appears, in a
request or an answer, so a cassette still shows which requests shared a session (verify relies on
it). `--scrub-field EMAIL1` replaces the text of every <EMAIL1> element with FIELD_PLACEHOLDER.
Secret-looking headers (Authorization, Cookie) go too. Regular expressions on the text, not a
parse and re-serialisation: the rest of the body stays byte for byte as the gateway sent it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

PASSWORD_PLACEHOLDER = "SCRUBBED-PASSWORD"
FIELD_PLACEHOLDER = "SCRUBBED"
SESSION_PREFIX = "SESSION-"
SECRET_HEADERS = frozenset({"authorization", "cookie", "set-cookie", "proxy-authorization"})

_PASSWORD = re.compile(rb"(<password>)(.*?)(</password>)", re.S | re.I)
_SESSION = re.compile(rb"(<sessionid>)(.*?)(</sessionid>)", re.S | re.I)


def is_placeholder(value: str) -> bool:
    return value in (PASSWORD_PLACEHOLDER, FIELD_PLACEHOLDER) or bool(re.fullmatch(r"SESSION-\d+", value))


class Scrubber:
    """One per recording: it remembers which session got which placeholder."""

    def __init__(self, fields: Iterable[str] = ()) -> None:
        self.sessions: dict[bytes, bytes] = {}
        names = [re.escape(name.encode()) for name in fields if name]
        self._fields = re.compile(rb"(<(" + b"|".join(names) + rb")>)(.*?)(</\2>)", re.S) if names else None

    def placeholder(self, session: bytes) -> bytes:
        if not session.strip() or session.startswith(SESSION_PREFIX.encode()):
            return session
        if session not in self.sessions:
            self.sessions[session] = f"{SESSION_PREFIX}{len(self.sessions) + 1}".encode()
        return self.sessions[session]

    def body(self, body: bytes) -> bytes:
        body = _PASSWORD.sub(lambda m: m[1] + PASSWORD_PLACEHOLDER.encode() + m[3], body)
        body = _SESSION.sub(lambda m: m[1] + self.placeholder(m[2]) + m[3], body)
        if self._fields is not None:
            # an empty value hides nothing: it stays empty (verify compares empty with empty)
            body = self._fields.sub(
                lambda m: m[1] + (FIELD_PLACEHOLDER.encode() if m[3].strip() else m[3]) + m[4], body
            )
        return body

    @staticmethod
    def headers(headers: dict[str, list[str]]) -> dict[str, list[str]]:
        return {k: [FIELD_PLACEHOLDER] if k.lower() in SECRET_HEADERS else v for k, v in headers.items()}
