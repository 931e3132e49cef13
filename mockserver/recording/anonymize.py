"""`import --anonymize`: personal values replaced, deterministically, references and totals kept.

Names of people and companies, emails, phone numbers, street addresses and tax IDs are replaced by
values derived from a keyed hash of the original: the same input always gives the same output, in
every record and every run, so a vendor's NAME and the VENDORNAME a bill copies from it stay equal.
Keys (each object's ID field, RECORDNO, and any field that references another record by ID) and
amounts are never touched, so references and totals stay consistent. Formats survive: a phone number
keeps its punctuation, a tax ID its dashes, an email its shape (on example.com, a reserved domain).
Hand-written: a faker would need seeding per value to stay deterministic and brings far more than this.
"""

from __future__ import annotations

import hashlib
import re
from typing import Any

KEY = b"mock-intacct anonymize v1"  # fixed: the output must not depend on the run

ADJECTIVES = (
    "Amber",
    "Birch",
    "Cedar",
    "Delta",
    "Ember",
    "Falcon",
    "Granite",
    "Harbor",
    "Indigo",
    "Juniper",
    "Keystone",
    "Linden",
    "Maple",
    "Northwind",
    "Orchard",
    "Pioneer",
    "Quarry",
    "Riverside",
    "Summit",
    "Timber",
    "Upland",
    "Valley",
    "Willow",
    "Yarrow",
)
NOUNS = (
    "Supply",
    "Works",
    "Partners",
    "Trading",
    "Systems",
    "Logistics",
    "Services",
    "Holdings",
    "Labs",
    "Foods",
    "Goods",
    "Design",
    "Freight",
    "Media",
    "Outfitters",
    "Studio",
)
FIRST = (
    "Alex",
    "Blake",
    "Casey",
    "Dana",
    "Elliot",
    "Frankie",
    "Gray",
    "Harper",
    "Jamie",
    "Kendall",
    "Logan",
    "Morgan",
    "Noel",
    "Parker",
    "Quinn",
    "Reese",
    "Sage",
    "Taylor",
)
LAST = (
    "Abbott",
    "Brooks",
    "Carver",
    "Dalton",
    "Ellis",
    "Fisher",
    "Garrett",
    "Hayes",
    "Irving",
    "Jensen",
    "Keller",
    "Lowe",
    "Mercer",
    "Nolan",
    "Osborne",
    "Porter",
    "Reed",
    "Sutton",
)
STREETS = ("Oak", "Pine", "Elm", "Lake", "Hill", "Park", "Mill", "Spring", "Ridge", "Forest")

# By the last part of a field's name (DISPLAYCONTACT.MAILADDRESS.ADDRESS1 -> ADDRESS1).
PERSON = frozenset({"FIRSTNAME", "LASTNAME", "CONTACTNAME", "MI", "INITIAL"})
COMPANY = frozenset(
    {
        "NAME",
        "COMPANYNAME",
        "PRINTAS",
        "NAME1099",
        "TAXCOMPANYNAME",
        "VENDORNAME",
        "CUSTOMERNAME",
        "EMPLOYEENAME",
        "LEGALNAME",
        "CHECKPRINTNAME",
    }
)
EMAIL = re.compile(r"EMAIL\d*|.*_EMAIL|EMAILADDRESS")
PHONE = re.compile(r"PHONE\d*|CELLPHONE|PAGER|FAX|.*PHONE")
ADDRESS = frozenset({"ADDRESS1", "ADDRESS2", "ADDRESS3", "TAXADDRESS"})
TAX_ID = frozenset({"TAXID", "SSN", "VATID", "TAXIDNUMBER", "FEDERALID", "SIRET"})


def digest(kind: str, value: str) -> bytes:
    return hashlib.blake2b(value.encode(), key=KEY, person=kind.encode()[:16], digest_size=16).digest()


def pick(options: tuple[str, ...], seed: bytes, at: int) -> str:
    return options[seed[at] % len(options)]


def digits_replaced(value: str, seed: bytes) -> str:
    """The same characters, each digit replaced: (617) 555-0107 -> (284) 913-5520."""
    out, n = [], 0
    for ch in value:
        if ch.isdigit():
            out.append(str(seed[n % len(seed)] % 10))
            n += 1
        else:
            out.append(ch)
    return "".join(out)


def replacement(field: str, value: str) -> str | None:
    """The anonymous value of `field` = `value`, or None when the field is not personal."""
    last = field.rsplit(".", 1)[-1].upper()
    if last in PERSON:
        seed = digest("person", value)
        if last in ("MI", "INITIAL"):
            return pick(FIRST, seed, 0)[0]
        if last == "FIRSTNAME":
            return pick(FIRST, seed, 0)
        if last == "LASTNAME":
            return pick(LAST, seed, 1)
        return f"{pick(FIRST, seed, 0)} {pick(LAST, seed, 1)}"
    if last in COMPANY:
        seed = digest("name", value)
        return f"{pick(ADJECTIVES, seed, 0)} {pick(NOUNS, seed, 1)} {seed[2:4].hex()}"
    if EMAIL.fullmatch(last):
        return f"user-{digest('email', value)[:5].hex()}@example.com" if "@" in value else None
    if PHONE.fullmatch(last):
        return digits_replaced(value, digest("phone", value))
    if last in ADDRESS:
        seed = digest("address", value)
        return f"{int.from_bytes(seed[:2], 'big') % 9000 + 100} {pick(STREETS, seed, 2)} Street"
    if last in TAX_ID:
        return digits_replaced(value, digest("tax", value))
    return None


def anonymized(record: dict[str, Any], keep: set[str]) -> dict[str, Any]:
    """A copy of `record` (flat, dotted keys) with its personal values replaced; `keep`: key fields."""
    out: dict[str, Any] = {}
    for name, value in record.items():
        if name == "_lines" and isinstance(value, list):
            out[name] = [anonymized(line, keep) for line in value]
            continue
        new = None
        if isinstance(value, str) and value.strip() and name not in keep and not name.startswith("_"):
            new = replacement(name, value)
        out[name] = value if new is None else new
    return out
