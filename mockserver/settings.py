"""Server settings: command-line flags, each with a MOCK_INTACCT_* environment variable fallback."""

from __future__ import annotations

import os
import sqlite3
from dataclasses import dataclass, fields
from importlib import resources
from pathlib import Path
from urllib.parse import quote, urlsplit

from mockserver.configuration import ConfigurationError


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

# The default credentials of the MOCKCO fixture (fake, and documented in the README).
DEFAULT_CREDENTIALS = {
    "INTACCT_SENDER_ID": "mocksender",
    "INTACCT_SENDER_PASSWORD": "mocksenderpw",
    "INTACCT_COMPANY_ID": "MOCKCO",
    "INTACCT_USER_ID": "workato_isu",
    "INTACCT_USER_PASSWORD": "mockuserpw",
}


# Bounds of the numeric settings: (lowest, highest). A request body and the journal are held in memory.
BOUNDS = {
    "port": (0, 65535),
    "max_body_bytes": (1, 1024 * 1024 * 1024),
    "journal_size": (1, 100_000),
    "journal_bytes": (1, 1024 * 1024 * 1024),
    "template_records": (0, 100_000_000),
}
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
PERMISSION_STATUSES = (200, 403)  # the gateway's own 200, or the --permission-403 mode
TRUE_WORDS, FALSE_WORDS = ("1", "true", "yes", "on"), ("0", "false", "no", "off")
# The serve flag of each setting, to name it in an error; the others are set by variable only.
FLAGS = {
    "host": "--host",
    "port": "--port",
    "fixtures": "--fixtures",
    "public_url": "--public-url",
    "state": "--state",
    "max_body_bytes": "--max-body-bytes",
    "admin_token": "--admin-token",
    "open_admin": "--open-admin",
    "permission_http_status": "--permission-403",
    "log_level": "--log-level",
}


@dataclass
class Settings:
    """What `serve` runs with. Every value is checked when the object is made (ConfigurationError)."""

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
    # Fixture templates (objects/templates.py) hold at most this many records in all; a fixture of more
    # loads each time without one. 0: no templates.
    template_records: int = 200_000
    admin_token: str = ""
    # Allow a non-loopback bind without an admin token (the admin API is then open to the network).
    open_admin: bool = False
    # Answer HTTP 403 (instead of the gateway's 200) on permission failures, for every company.
    permission_http_status: int = 200
    log_level: str = "INFO"

    @classmethod
    def from_environment(cls, **overrides) -> Settings:
        """Defaults, then MOCK_INTACCT_<NAME> variables, then explicit (non-None) overrides.
        An empty variable counts as unset. A bad value raises ConfigurationError naming its source."""
        values = {}
        for f in fields(cls):
            variable = environment_variable(f.name)
            raw = os.environ.get(variable, "")
            if raw != "":
                values[f.name] = checked(f.name, parse_text(f.name, raw, variable), variable)
        for name, value in overrides.items():
            if value is not None:
                values[name] = checked(name, value, FLAGS.get(name, name))
        return cls(**values)

    def __post_init__(self) -> None:
        for f in fields(self):
            setattr(self, f.name, checked(f.name, getattr(self, f.name), f.name))

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


def environment_variable(name: str) -> str:
    return f"MOCK_INTACCT_{name.upper()}"


def kind(name: str) -> str:
    """The declared type of a setting: "int", "bool" or "str"."""
    return str(next(f.type for f in fields(Settings) if f.name == name))


def parse_text(name: str, raw: str, source: str):
    """A setting's value from the text of a variable or flag: whole numbers and booleans strictly."""
    if kind(name) == "int":
        try:
            return int(raw.strip(), 10)
        except ValueError:
            raise ConfigurationError(f"{source}={raw!r} is not valid: expected {allowed(name)}") from None
    if kind(name) == "bool":
        word = raw.strip().lower()
        if word in TRUE_WORDS + FALSE_WORDS:
            return word in TRUE_WORDS
        raise ConfigurationError(f"{source}={raw!r} is not valid: expected {allowed(name)}")
    return raw


def allowed(name: str) -> str:
    """What a setting accepts, in words, for its error message."""
    if name in BOUNDS:
        low, high = BOUNDS[name]
        return f"a whole number from {low} to {high}"
    if name == "log_level":
        return "one of " + ", ".join(LOG_LEVELS)
    if name == "permission_http_status":
        return " or ".join(map(str, PERMISSION_STATUSES))
    if kind(name) == "bool":
        return "one of " + ", ".join(TRUE_WORDS + FALSE_WORDS)
    if name == "public_url":
        return "an http:// or https:// URL"
    if name == "fixtures":
        return "a fixtures directory (senders.json and companies/)"
    if name == "admin_token":
        return "printable ASCII without spaces (it travels in an HTTP header)"
    return "text"


def checked(name: str, value, source: str):
    """`value` if `name` may have it (log levels upper-cased), else ConfigurationError naming `source`."""
    why = problem(name, value)
    if why is not None:
        shown = "(a secret, not shown)" if name == "admin_token" else repr(value)
        raise ConfigurationError(f"{source}={shown} is not valid: {why}")
    return value.upper() if name == "log_level" else value


def problem(name: str, value) -> str | None:
    expected = f"expected {allowed(name)}"
    declared = kind(name)
    if declared == "int":
        if isinstance(value, bool) or not isinstance(value, int):
            return expected
        if name in BOUNDS and not BOUNDS[name][0] <= value <= BOUNDS[name][1]:
            return expected
        if name == "permission_http_status" and value not in PERMISSION_STATUSES:
            return expected
        return None
    if declared == "bool":
        return None if isinstance(value, bool) else expected
    if not isinstance(value, str):
        return f"expected {allowed(name)}"
    if name == "log_level" and value.upper() not in LOG_LEVELS:
        return expected
    if name == "public_url" and value and not is_http_url(value):
        return expected
    if name == "admin_token" and not is_header_token(value):
        return expected
    try:
        if name == "fixtures":
            directory = Path(value)
            if not (directory / "senders.json").is_file() or not (directory / "companies").is_dir():
                return f"expected {allowed(name)}"
        if name == "state" and value:
            return state_file_problem(Path(value))
    except OSError as failure:  # a name too long, a directory we may not read
        return f"cannot use it: {failure.strerror or failure}"
    return None


def is_http_url(text: str) -> bool:
    try:
        parts = urlsplit(text)
        parts.port  # noqa: B018 - raises ValueError for a port out of range
    except ValueError:  # a bad port or bracket
        return False
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def is_header_token(text: str) -> bool:
    """Empty (no token), or what a client can send after "Bearer " unchanged."""
    return all("!" <= character <= "~" for character in text)


def state_file_problem(path: Path) -> str | None:
    """Why `path` cannot be a --state file: a new file is made, an existing one must be ours.
    Read only: a file that fails here is left exactly as it was."""
    if not path.exists():
        if not path.parent.is_dir():
            return f"the directory {str(path.parent)!r} does not exist"
        return None
    if not path.is_file():
        return "not a file"
    try:
        db = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True)
    except sqlite3.Error as failure:
        return f"cannot open it: {failure}"
    try:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if not tables:
            return None  # an empty database (or an empty file): the mock's tables are made in it
        columns = {row[1] for row in db.execute("PRAGMA table_info(company)")}
    except sqlite3.DatabaseError as failure:  # "file is not a database" and kin
        return f"not a SQLite database ({failure})"
    finally:
        db.close()
    if not {"companyid", "settings"} <= columns:
        return "a SQLite database, but not a mock-intacct state file (no company table)"
    return None
