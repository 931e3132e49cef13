"""Server settings: command-line flags, each with a MOCK_INTACCT_* environment variable fallback."""

from __future__ import annotations

import os
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path


def _data_folder(package: str, folder: str) -> Path:
    """The repository's fixtures/ or schemas/ folder, installed as a data package (pyproject.toml) and
    found the same way in a wheel and an editable install; a regular package on a file system, so
    files() answers a real Path. Only when mockserver is imported from a source tree that was not
    installed (an unpacked sdist, say) is the folder next to it."""
    try:
        return Path(str(resources.files(package)))
    except ModuleNotFoundError:
        return Path(__file__).resolve().parent.parent / folder


DEFAULT_FIXTURES = _data_folder("mockserver.fixtures", "fixtures")
SCHEMAS = _data_folder("mockserver.schemas", "schemas")
GATEWAY_PATH = "/ia/xml/xmlgw.phtml"


@dataclass
class Settings:
    host: str = "127.0.0.1"
    port: int = 8080
    fixtures: str = str(DEFAULT_FIXTURES)
    # The endpoint getAPISession hands back; derived from host and port when empty.
    public_url: str = ""
    # SQLite file that keeps records across restarts; in memory when empty.
    state: str = ""
    max_body_bytes: int = 4 * 1024 * 1024
    journal_size: int = 500
    journal_bytes: int = 32 * 1024 * 1024
    admin_token: str = ""
    # Allow a non-loopback bind without an admin token (the admin API is then open to the network).
    open_admin: bool = False
    # Answer HTTP 403 (instead of the gateway's 200) on permission failures, for every company.
    permission_http_status: int = 200
    log_level: str = "INFO"

    @classmethod
    def from_environment(cls, **overrides) -> Settings:
        """Defaults, then MOCK_INTACCT_<NAME> variables, then explicit (non-None) overrides."""
        values = {}
        for f in fields(cls):
            raw = os.environ.get(f"MOCK_INTACCT_{f.name.upper()}")
            if raw is not None:
                values[f.name] = _coerce(f.type, raw)
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)

    @property
    def endpoint(self) -> str:
        if self.public_url:
            return self.public_url
        host = "127.0.0.1" if self.host in ("0.0.0.0", "::", "") else self.host
        if ":" in host:
            host = f"[{host}]"
        return f"http://{host}:{self.port}{GATEWAY_PATH}"

    @property
    def loopback_only(self) -> bool:
        return self.host in ("127.0.0.1", "localhost", "::1") or self.host.startswith("127.")


def _coerce(type_name: str, raw: str):
    if type_name == "int":
        return int(raw)
    if type_name == "bool":
        return raw.strip().lower() in ("1", "true", "yes", "on")
    return raw
