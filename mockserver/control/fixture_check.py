"""Checking a fixture file (senders.json, companies/*.json) before anything loads, or knowing it was checked.

The check is control/fixture_models.py's (pydantic, every record against the catalogue): about a fifth of
a cold start with the import. The project's own default fixtures are checked by its tests, byte for byte:
fixtures/checked.json lists their SHA-256 digests, and tests/test_fixture_check.py fails unless it lists
exactly the files as they are and each passes the check. A file whose bytes have one of those digests (in
any directory) is loaded without checking it again; any other file, a default one edited by a user among
them, is checked in full and refused with the same error. Nothing is written at run time.

    python -m mockserver.control.fixture_check   # checks the default fixtures, then rewrites checked.json
"""

from __future__ import annotations

import hashlib
import json
from functools import cache
from pathlib import Path
from typing import Any

from mockserver.settings import DEFAULT_FIXTURES

CHECKED_FILE = DEFAULT_FIXTURES / "checked.json"
COMMENT = "SHA-256 of the default fixture files, each checked by tests/test_fixture_check.py; written by "
COMMENT += "python -m mockserver.control.fixture_check (do not edit)"


def digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


@cache
def checked_digests() -> frozenset[str]:
    listed = json.loads(CHECKED_FILE.read_bytes())
    return frozenset(value for key, value in listed.items() if not key.startswith("$"))


def already_checked(content: bytes) -> bool:
    """The bytes of one of the default fixture files, as the tests checked them."""
    return digest(content) in checked_digests()


def check_senders(data: Any) -> None:
    """senders.json: sender IDs mapped to passwords (a SettingsError names what is wrong)."""
    from mockserver.control import fixture_models  # pydantic: only for a file not checked already

    fixture_models.check(fixture_models.SenderPasswords, data)


def check_company(data: Any) -> None:
    """A company fixture with its companyid (a SettingsError names what is wrong)."""
    from mockserver.control import fixture_models

    fixture_models.check_fixture(data, needs_id=True)


def default_files() -> list[Path]:
    return [DEFAULT_FIXTURES / "senders.json", *sorted((DEFAULT_FIXTURES / "companies").glob("*.json"))]


def listing() -> dict[str, str]:
    """checked.json's content for the default fixture files as they are now (each one checked first)."""
    listed = {"$comment": COMMENT}
    for path in default_files():
        content = path.read_bytes()
        data = json.loads(content)
        if path.name == "senders.json":
            check_senders(data)
        else:
            check_company(data)
        listed[path.relative_to(DEFAULT_FIXTURES).as_posix()] = digest(content)
    return listed


def main() -> None:
    CHECKED_FILE.write_text(json.dumps(listing(), indent=1) + "\n", encoding="utf-8")
    print(f"wrote {CHECKED_FILE}")


if __name__ == "__main__":
    main()
