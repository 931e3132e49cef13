"""Everything the mock holds: sender IDs, companies, sessions and the clock, loaded from fixtures.

`reset()` puts every company back to its fixture; `create_company()` adds a tenant from a fixture
under any company ID, so parallel CI jobs each get their own.
"""

from __future__ import annotations

import json
import logging
import sqlite3
from pathlib import Path
from typing import Any

from mockserver.configuration import ConfigurationError
from mockserver.control import fixture_check
from mockserver.control.clock import Clock
from mockserver.control.faults import ConcurrencyLimits, Faults
from mockserver.control.journal import Journal
from mockserver.control.refusals import SettingsError
from mockserver.gateway.errors import IntacctError
from mockserver.gateway.record_xml import RecordCache
from mockserver.objects.cursors import Cursors
from mockserver.objects.fixtures import generate_records, load_records
from mockserver.objects.store import Store
from mockserver.objects.templates import Templates, content_key, record_count
from mockserver.settings import Settings
from mockserver.tenancy.companies import Company
from mockserver.tenancy.sessions import Sessions

log = logging.getLogger("mock_intacct")


def read_fixture(path: Path) -> tuple[bytes, Any]:
    """The file's bytes and its JSON."""
    try:
        content = path.read_bytes()
        return content, json.loads(content)
    except OSError as failure:
        raise ConfigurationError(f"{path}: cannot be read: {failure.strerror}") from None
    except UnicodeDecodeError:
        raise ConfigurationError(f"{path}: is not UTF-8 text") from None
    except json.JSONDecodeError as failure:
        raise ConfigurationError(
            f"{path}: is not JSON: {failure.msg} at line {failure.lineno}, column {failure.colno}"
        ) from None


def fixture_error(path: Path, failure: SettingsError) -> ConfigurationError:
    where = "$" + ("" if not failure.field else ("" if failure.field.startswith("[") else ".") + failure.field)
    return ConfigurationError(
        f"{path}: {where}: {failure.reason} (value {json.dumps(failure.value)[:80]}); allowed: {failure.allowed}"
    )


class MockState:
    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.clock = Clock()
        self.sessions = Sessions(self.clock)
        self.cursors = Cursors(self.clock)
        self.faults = Faults()
        self.limits = ConcurrencyLimits()
        self.journal = Journal(settings.journal_size, settings.journal_bytes)
        self.senders: dict[str, str] = {}  # sender ID -> sender password
        self.companies: dict[str, Company] = {}
        self.fixtures: dict[str, dict] = {}  # fixture name -> company fixture data
        self.store = Store(settings.state)
        self.templates = Templates(self.store, settings.template_records)
        self.content_keys: dict[str, tuple[dict, str]] = {}  # fixture name -> (its data, content_key of it)
        self.rendered = RecordCache(self.store)  # records' markup, forgotten when the store says so
        self.ready = False

    # --- fixtures -------------------------------------------------------------------------------

    def load_fixtures(self) -> None:
        """senders.json and companies/*.json, each checked in full before anything loads (but for the default
        fixtures as the tests checked them): a bad file is a ConfigurationError naming the file, the JSON path of
        the bad item and why."""
        directory = Path(self.settings.fixtures)
        content, senders = read_fixture(directory / "senders.json")
        try:  # the default fixtures, as the tests checked them, are not checked again (control/fixture_check.py)
            if not fixture_check.already_checked(content):
                fixture_check.check_senders(senders)
        except SettingsError as failure:
            raise fixture_error(directory / "senders.json", failure) from None
        fixtures = {}
        for path in sorted((directory / "companies").glob("*.json")):
            content, data = read_fixture(path)
            try:
                if not fixture_check.already_checked(content):
                    fixture_check.check_company(data)
            except SettingsError as failure:
                raise fixture_error(path, failure) from None
            fixtures[path.stem] = data | {"fixture": path.stem}
        self.fixture_senders = senders
        self.fixtures.update(fixtures)
        if self.restore():
            log.info(
                "restored companies %s from the state file %s; the fixtures in %s load on reset, not now",
                ", ".join(sorted(self.companies)),
                self.settings.state,
                directory,
            )
        else:
            try:
                self.reset()
            except (
                KeyError,
                TypeError,
                ValueError,
                IntacctError,
                sqlite3.IntegrityError,
            ) as failure:  # a check the models cannot make
                raise ConfigurationError(f"{directory / 'companies'}: a fixture does not load: {failure}") from None
            log.info(
                "loaded %d sender IDs and %d company fixtures from %s", len(self.senders), len(self.fixtures), directory
            )
        if not self.companies:
            log.warning("no companies loaded: %s has no company fixture that loads at start", directory / "companies")
        self.ready = True

    def reset(self) -> None:
        """Everything back to the fixtures: companies made at run time and all sessions are gone."""
        self.senders = dict(self.fixture_senders)
        for companyid in self.companies:
            self.sessions.end_company(companyid)
            self.cursors.end_company(companyid)
        if self.companies:  # none at start: nothing to empty
            self.store.drop_all(list(self.companies))
        self.companies.clear()
        self.sessions.by_id.clear()
        for data in self.fixtures.values():
            if data.get("load_at_start", True):
                self.create_company(data)

    def create_company(self, data: dict, companyid: str | None = None) -> Company:
        """A company (new, or replacing one with the same ID) with the fixture's records."""
        company = Company.from_fixture(data, companyid)
        inline = not company.fixture
        if inline:  # inline JSON: kept so the company can be reset
            company.fixture = f"inline:{company.companyid}"
        key = self.content_key(data)
        with self.store.atomic():
            template = self.templates.find(key)
            if template is None:
                self.forget_rows(company.companyid)
                load_records(self.store, company, data.get("records", {}))
                generate_records(self.store, company, data.get("generate", {}))
                self.templates.loaded(key, record_count(data), company.companyid)
            # copied from this template before: refresh copies again only the tables written since
            elif not self.templates.refresh(template, company.companyid):
                self.forget_rows(company.companyid)
                for obj in company.objects.own:  # its user-defined dimensions' tables, its custom fields' columns
                    self.store.prepare(obj)
                self.templates.copy(template, company.companyid)
            # Loaded: only now does the new company replace the old one, its sessions and cursors.
            if inline:
                kept = self.fixtures[company.fixture] = data | {"fixture": company.fixture, "load_at_start": False}
                self.content_keys[company.fixture] = (kept, key)
            self.senders.update(data.get("sender_passwords", {}))
            self.sessions.end_company(company.companyid)
            self.cursors.end_company(company.companyid)
            self.companies[company.companyid] = company
            self.save_company(company)
        return company

    def forget_rows(self, companyid: str) -> None:
        """The rows of the company this one replaces. A new ID has none (a company's rows are written and dropped
        in the same savepoint as its entry in `companies`, restored ones included), so its create skips the
        DELETE on every table (about 3 ms, and two of them at start)."""
        if companyid in self.companies:
            self.store.drop_company(companyid)

    def content_key(self, data: dict) -> str:
        """The fixture's template key. A named fixture's data is read once, at start: its name is its content (no
        hash of MOCKCO's 1 MB at cold start). Inline content is hashed once per fixture the mock holds."""
        name = data.get("fixture", "")
        if name and not name.startswith("inline:") and self.fixtures.get(name) is data:
            return f"fixture:{name}"
        known = self.content_keys.get(name)
        if known is not None and known[0] is data:
            return known[1]
        key = content_key(data)
        if name and self.fixtures.get(name) is data:
            self.content_keys[name] = (data, key)
        return key

    def delete_company(self, companyid: str) -> bool:
        self.sessions.end_company(companyid)
        self.cursors.end_company(companyid)
        with self.store.atomic():
            self.store.drop_company(companyid)
            self.store.forget_company(companyid)
        return self.companies.pop(companyid, None) is not None

    # --- persistence (--state FILE) --------------------------------------------------------------

    def save_company(self, company: Company) -> None:
        """Keep a company's settings in the store so a restart with --state finds it again, with
        the passwords of the sender IDs it authorizes and, if it came from inline JSON, that JSON
        (so the restored company can still be reset)."""
        saved = company.to_fixture()
        saved["sender_passwords"] = {
            sender: self.senders[sender] for sender in company.senders if sender in self.senders
        }
        if company.fixture.startswith("inline:"):
            saved["inline_fixture"] = self.fixtures[company.fixture]
        self.store.save_company(company.companyid, json.dumps(saved))

    def restore(self) -> bool:
        """Companies saved in a --state file, if any; their records are already in the store."""
        saved = [json.loads(text) for text in self.store.saved_companies()]
        if saved:
            self.senders = dict(self.fixture_senders)
        for data in saved:
            try:  # a state file written by an older mock may hold a setting this one refuses
                fixture_check.check_company({key: value for key, value in data.items() if key != "inline_fixture"})
            except SettingsError as failure:
                raise ConfigurationError(
                    f"--state {self.settings.state}: company {data.get('companyid')}: {failure}"
                ) from None
            company = Company.from_fixture(data)
            for obj in company.objects.own:
                self.store.prepare(obj)
            self.senders.update(data.get("sender_passwords", {}))
            if "inline_fixture" in data:
                self.fixtures[company.fixture] = data["inline_fixture"]
            self.companies[company.companyid] = company
        return bool(saved)

    def reset_company(self, companyid: str) -> Company | None:
        """Reload one company from the fixture it was made from."""
        company = self.companies.get(companyid)
        if company is None:
            return None
        return self.create_company(self.fixtures[company.fixture], companyid)
