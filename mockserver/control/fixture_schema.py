"""The JSON Schema of the company fixture format, generated from control/models.py's CompanyFixture.

    python -m mockserver.control.fixture_schema     # rewrites fixtures/company.schema.json

tests/test_settings_schema.py checks the committed file equals what this generates.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from mockserver.control.fixture_models import CompanyFixture
from mockserver.settings import DEFAULT_FIXTURES

SCHEMA_FILE = DEFAULT_FIXTURES / "company.schema.json"


def fixture_schema() -> dict[str, Any]:
    return {"$schema": "https://json-schema.org/draft/2020-12/schema"} | CompanyFixture.model_json_schema()


def schema_text() -> str:
    return json.dumps(fixture_schema(), indent=1, ensure_ascii=False) + "\n"


def main(target: Path = SCHEMA_FILE) -> None:
    target.write_text(schema_text(), encoding="utf-8")
    print(f"wrote {target}")


if __name__ == "__main__":
    main()
