"""API sessions handed out by getAPISession: unguessable IDs ending in '..', sliding expiry."""

from __future__ import annotations

import secrets
import string
from dataclasses import dataclass

from mockserver.control.clock import Clock

_ALPHABET = string.ascii_letters + string.digits


@dataclass
class Session:
    sessionid: str
    companyid: str
    userid: str
    locationid: str  # "" = top level
    expires: float


def new_session_id() -> str:
    # 32 characters from 62 (190 bits), then '..' like every real session ID.
    return "".join(secrets.choice(_ALPHABET) for _ in range(32)) + ".."


def redact(secret: str) -> str:
    """What logs and the journal show of a session ID or password."""
    return secret[:4] + "…" if len(secret) > 8 else "…"


SWEEP_SECONDS = 60  # sessions nobody uses again are forgotten at most this often


class Sessions:
    def __init__(self, clock: Clock) -> None:
        self.clock = clock
        self.by_id: dict[str, Session] = {}
        self.next_sweep = 0.0

    def open(self, companyid: str, userid: str, locationid: str, duration: int) -> Session:
        now = self.clock.now()
        if now >= self.next_sweep:  # a client that logs in for every job would otherwise grow this forever
            self.by_id = {sid: s for sid, s in self.by_id.items() if s.expires > now}
            self.next_sweep = now + SWEEP_SECONDS
        session = Session(new_session_id(), companyid, userid, locationid, now + duration)
        self.by_id[session.sessionid] = session
        return session

    def live(self, sessionid: str) -> Session | None:
        """The session for this ID, or None if unknown or expired (expired ones are forgotten)."""
        session = self.by_id.get(sessionid)
        if session is not None and session.expires <= self.clock.now():
            del self.by_id[sessionid]
            return None
        return session

    def slide(self, session: Session, duration: int) -> None:
        """Every call before expiry moves the timeout forward, as Intacct does."""
        session.expires = self.clock.now() + duration

    def end_company(self, companyid: str) -> None:
        for sessionid in [s for s, v in self.by_id.items() if v.companyid == companyid]:
            del self.by_id[sessionid]
