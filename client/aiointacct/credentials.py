"""Credentials: from arguments, else from the official SDKs' INTACCT_* environment variables.

Secrets (sender password, user password, session ID) never appear whole in repr() or logs.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field, replace

DEFAULT_ENDPOINT = "https://api.intacct.com/ia/xml/xmlgw.phtml"

# field name -> environment variable, as the official PHP/.NET/JS SDKs read them
ENVIRONMENT = {
    "endpoint_url": "INTACCT_ENDPOINT_URL",
    "sender_id": "INTACCT_SENDER_ID",
    "sender_password": "INTACCT_SENDER_PASSWORD",
    "company_id": "INTACCT_COMPANY_ID",
    "entity_id": "INTACCT_ENTITY_ID",
    "user_id": "INTACCT_USER_ID",
    "user_password": "INTACCT_USER_PASSWORD",
    "session_id": "INTACCT_SESSION_ID",
}
SECRETS = ("sender_password", "user_password", "session_id")


def redact(secret: str | None) -> str | None:
    """What may be shown of a session ID: the first four characters of a long one, nothing of a short
    one. Passwords are never shown at all."""
    if secret is None:
        return None
    return secret[:4] + "…" if len(secret) > 8 else "…"


class CredentialsError(ValueError):
    """Credentials are missing or incomplete."""


@dataclass(frozen=True)
class Credentials:
    """Sender credentials plus either a login (company, user, password, optional entity) or a session ID.

    `entity_id` is the location ID: None for the user's default, "" for the top level explicitly.
    Both a login and a session ID may be given: requests use the session, and the login re-opens it
    when it expires.
    """

    sender_id: str
    sender_password: str = field(repr=False)
    company_id: str | None = None
    user_id: str | None = None
    user_password: str | None = field(default=None, repr=False)
    entity_id: str | None = None
    session_id: str | None = field(default=None, repr=False)
    endpoint_url: str = DEFAULT_ENDPOINT

    def __post_init__(self) -> None:
        if not self.sender_id or not self.sender_password:
            raise CredentialsError(
                "a sender ID and sender password are required "
                "(arguments or INTACCT_SENDER_ID / INTACCT_SENDER_PASSWORD)"
            )
        if not self.has_login and not self.session_id:
            raise CredentialsError(
                "give a company ID, user ID and user password (INTACCT_COMPANY_ID, "
                "INTACCT_USER_ID, INTACCT_USER_PASSWORD) or a session ID (INTACCT_SESSION_ID)"
            )
        if not self.endpoint_url:
            raise CredentialsError("the endpoint URL is empty")

    @property
    def has_login(self) -> bool:
        return bool(self.company_id and self.user_id and self.user_password)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **arguments: str | None) -> Credentials:
        """Each field from `arguments` when given (not None), else from its INTACCT_* variable
        (empty variables count as unset), else its default."""
        env = os.environ if env is None else env
        unknown = set(arguments) - set(ENVIRONMENT)
        if unknown:
            raise TypeError(f"unknown credential fields: {', '.join(sorted(unknown))}")
        values: dict[str, str] = {}
        for name, variable in ENVIRONMENT.items():
            value = arguments.get(name)
            if value is None:
                value = env.get(variable) or None
            if value is not None:
                values[name] = value
        values.setdefault("sender_id", "")
        values.setdefault("sender_password", "")
        return cls(**values)

    def with_session(self, session_id: str | None, endpoint_url: str | None = None) -> Credentials:
        return replace(self, session_id=session_id, endpoint_url=endpoint_url or self.endpoint_url)

    def __repr__(self) -> str:
        shown = []
        for name in ENVIRONMENT:
            value = getattr(self, name)
            if value is None:
                continue
            if name == "session_id":
                value = redact(value)
            elif name in SECRETS:
                value = "***"
            shown.append(f"{name}={value!r}")
        return f"Credentials({', '.join(shown)})"
