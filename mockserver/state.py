"""Everything the mock holds: sender IDs, companies, sessions and the clock, loaded from fixtures.

`reset()` puts every company back to its fixture; `create_company()` adds a tenant from a fixture
under any company ID, so parallel CI jobs each get their own.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .clock import Clock
from .companies import Company
from .sessions import Sessions
from .settings import Settings

log = logging.getLogger("mock_intacct")


class MockState:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.clock = Clock()
        self.sessions = Sessions(self.clock)
        self.senders: dict[str, str] = {}  # sender ID -> sender password
        self.companies: dict[str, Company] = {}
        self.fixtures: dict[str, dict] = {}  # fixture name -> company fixture data
        self.ready = False

    # --- fixtures -------------------------------------------------------------------------------

    def load_fixtures(self) -> None:
        directory = Path(self.settings.fixtures)
        self.fixture_senders = json.loads((directory / "senders.json").read_text())
        for path in sorted((directory / "companies").glob("*.json")):
            self.fixtures[path.stem] = json.loads(path.read_text()) | {"fixture": path.stem}
        self.reset()
        self.ready = True
        log.info("loaded %d sender IDs and %d company fixtures from %s",
                 len(self.senders), len(self.fixtures), directory)

    def reset(self) -> None:
        """Everything back to the fixtures: companies made at run time and all sessions are gone."""
        self.senders = dict(self.fixture_senders)
        self.companies.clear()
        self.sessions.by_id.clear()
        for data in self.fixtures.values():
            if data.get("load_at_start", True):
                self.create_company(data)

    def create_company(self, data: dict, companyid: str | None = None) -> Company:
        company = Company.from_fixture(data, companyid)
        if not company.fixture:  # inline JSON: keep it so the company can be reset
            company.fixture = f"inline:{company.companyid}"
            self.fixtures[company.fixture] = data | {"fixture": company.fixture, "load_at_start": False}
        self.senders.update(data.get("sender_passwords", {}))
        self.sessions.end_company(company.companyid)
        self.companies[company.companyid] = company
        return company

    def delete_company(self, companyid: str) -> bool:
        self.sessions.end_company(companyid)
        return self.companies.pop(companyid, None) is not None

    def reset_company(self, companyid: str) -> Company | None:
        """Reload one company from the fixture it was made from."""
        company = self.companies.get(companyid)
        if company is None:
            return None
        return self.create_company(self.fixtures[company.fixture], companyid)
