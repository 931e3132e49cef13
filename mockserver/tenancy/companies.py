"""Companies (tenants) and what Intacct's Company > Setup screens hold for Web Services:
entities, Web Services users, sender ID authorizations and company settings; plus the global
registry of sender IDs (issued by Sage, so they belong to no company).

Everything here loads from and dumps to the fixture format (plain dicts), so a company dumped
through the admin API loads back identically. The values allowed in that format are declared (and
checked before anything is built from them) in control/models.py.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from mockserver.objects.company_objects import CompanyObjects

ACTIVE = "active"
INACTIVE = "inactive"
# Company fields held as objects of their own, loaded and dumped one by one.
PARTS = ("entities", "users", "senders", "dimensions", "custom_fields", "objects")


@dataclass
class Entity:
    locationid: str
    name: str


@dataclass
class User:
    """A Web Services user. `entities` empty means unrestricted (may sign in at top level)."""

    userid: str
    password: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    user_type: str = "business user"
    admin: str = "off"  # off | limited | full
    status: str = ACTIVE  # active | inactive | locked out
    entities: list[str] = field(default_factory=list)
    # object or module name -> operations granted (list, view, add, edit, delete); see permissions.py
    grants: dict[str, list[str]] = field(default_factory=dict)


@dataclass
class Dimension:
    """A user-defined dimension (UDD) of the company, as getDimensions lists it. In the fixture format its
    keys are the answer's camelCase names: objectName, label, termLabel (default: label), enabledInGL."""

    object_name: str
    label: str
    term_label: str = ""
    enabled_in_gl: bool = True

    @classmethod
    def from_fixture(cls, data: dict) -> Dimension:
        label = data["label"]
        return cls(data["objectName"], label, data.get("termLabel") or label, data.get("enabledInGL", True))

    def to_fixture(self) -> dict:
        return {
            "objectName": self.object_name,
            "label": self.label,
            "termLabel": self.term_label,
            "enabledInGL": self.enabled_in_gl,
        }


@dataclass
class Company:
    companyid: str
    name: str = ""
    fixture: str = ""  # the fixture it was made from; reset_company reloads it
    timezone: str = "UTC"
    session_duration_seconds: int = 7200
    web_services: bool = True
    # "gateway": bad sign-in answers HTTP 401 XMLGW_JPP0002 (current gateway); "legacy": HTTP 200,
    # authentication-level XL03000006 "Sign-in information is incorrect" (older captures).
    login_failure: str = "gateway"
    # uniqueid=true replays of a completed function controlid: "error" (GUESS of the gateway's
    # answer), "replay" (answer the first result again, without running), or "off" (run again).
    uniqueid_replay: str = "error"
    # A create or update that sets a read-only field (TOTALDUE, WHENMODIFIED): "refuse" answers BL01001973
    # naming it; "ignore" drops it silently (GUESS both: no public sample; docs/decisions.md).
    readonly_fields: str = "refuse"
    # Subscribed application modules (General Ledger, Accounts Payable, ...); None = all of them.
    modules: list[str] | None = None
    # HTTP status of a response whose function failed a permission check: 200 like the gateway,
    # or 403 (the mock's 403 mode, how some connectors such as Workato surface the failure).
    permission_http_status: int = 200
    # Requests in flight at once before 429 GW-0010; None = unlimited (2 emulates the default tier).
    concurrency_limit: int | None = None
    entities: dict[str, Entity] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    senders: dict[str, str] = field(default_factory=dict)  # sender ID -> authorization status
    dimensions: list[Dimension] = field(default_factory=list)  # user-defined ones, in the fixture's order
    # Object name -> the company's own fields of it, as the fixture declares them (name, type, label, ...).
    custom_fields: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    # What a request's <object> resolves to: the catalogue with the above; built by from_fixture.
    objects: CompanyObjects = field(default_factory=CompanyObjects, repr=False, compare=False)

    @property
    def multi_entity(self) -> bool:
        return bool(self.entities)

    def entity_stamp(self, locationid: str) -> dict[str, Any]:
        """MEGAENTITYKEY/ID/NAME of a record owned by the entity `locationid` (all empty at the top level)."""
        entity = self.entities.get(locationid)
        if entity is None:
            return {"MEGAENTITYKEY": None, "MEGAENTITYID": None, "MEGAENTITYNAME": None}
        return {
            "MEGAENTITYKEY": list(self.entities).index(locationid) + 1,
            "MEGAENTITYID": entity.locationid,
            "MEGAENTITYNAME": entity.name,
        }

    @classmethod
    def from_fixture(cls, data: dict, companyid: str | None = None) -> Company:
        settings = {f.name: data[f.name] for f in fields(cls) if f.name in data and f.name not in PARTS}
        if companyid:  # an inline fixture may leave its ID to the caller
            settings["companyid"] = companyid
        company = cls(**settings)
        company.entities = {e["locationid"]: Entity(**e) for e in data.get("entities", [])}
        company.users = {u["userid"]: User(**u) for u in data.get("users", [])}
        company.senders = dict(data.get("senders", {}))
        company.dimensions = [Dimension.from_fixture(d) for d in data.get("dimensions", [])]
        company.custom_fields = {
            name: [dict(f) for f in declared] for name, declared in data.get("custom_fields", {}).items()
        }
        company.objects = CompanyObjects(company.custom_fields, [(d.object_name, d.label) for d in company.dimensions])
        return company

    def to_fixture(self) -> dict:
        data = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in PARTS}
        data["entities"] = [asdict(e) for e in self.entities.values()]
        data["users"] = [asdict(u) for u in self.users.values()]
        data["senders"] = dict(self.senders)
        data["dimensions"] = [d.to_fixture() for d in self.dimensions]
        data["custom_fields"] = {name: [dict(f) for f in declared] for name, declared in self.custom_fields.items()}
        return data
