"""Realistic VENDOR fixture records for the "readByQuery 100 VENDOR *" scenario (S8 in bench.run).

Generated companies (a fixture's "generate") fill only required, defaulted and numeric fields, so a
`*` page of them is mostly empty elements. These records fill every writable field today's VENDOR
has a sensible value for (names, contact, mail address, terms, tax ID, credit limit, flags), varied
per record, so the answer's bytes look like a real company's. Only fields the running catalogue's
VENDOR still has and can write are kept: the same seed works as the object grows (issue 16's VENDOR
of 269 fields) without knowing how many fields it has.
"""

from __future__ import annotations

from typing import Any

from mockserver.objects import CATALOGUE

COMPANIES = ("Acme Office Supply", "Northwind Traders", "Globex Logistics", "Initech Software", "Umbrella Facilities")
SUFFIXES = ("Inc.", "LLC", "Ltd", "Corp.", "GmbH")
FIRST = ("Maria", "James", "Aiko", "Oluwaseun", "Priya", "Lars", "Chen", "Sofia")
LAST = ("Garcia", "Smith", "Tanaka", "Adeyemi", "Patel", "Nilsson", "Wei", "Rossi")
CITIES = (
    ("San Jose", "CA", "95110"),
    ("Austin", "TX", "78701"),
    ("Portland", "OR", "97204"),
    ("Boston", "MA", "02110"),
)
TERMS = ("Net 30", "Net 15", "Net 60", "Due on receipt")
TYPES = ("Supplier", "Contractor", "Utility", "Services")


def vendor_values(n: int) -> dict[str, Any]:
    """Record n's values by today's VENDOR field names (dotted names are nested groups)."""
    first, last = FIRST[n % len(FIRST)], LAST[n // len(FIRST) % len(LAST)]
    city, state, zipcode = CITIES[n % len(CITIES)]
    name = f"{COMPANIES[n % len(COMPANIES)]} {n:04d} {SUFFIXES[n % len(SUFFIXES)]}"
    domain = f"vendor{n:04d}.example.com"
    return {
        "VENDORID": f"V-{n:05d}",
        "NAME": name,
        "VENDTYPE": TYPES[n % len(TYPES)],
        "TERMNAME": TERMS[n % len(TERMS)],
        "TAXID": f"{10 + n % 89:02d}-{1000000 + n * 7919 % 9000000:07d}",
        "CREDITLIMIT": round(5000 + n * 137.25 % 95000, 2),
        "ONETIME": "false",
        "ONHOLD": "true" if n % 17 == 0 else "false",
        "CURRENCY": "USD",
        "STATUS": "inactive" if n % 23 == 0 else "active",
        "DISPLAYCONTACT.PRINTAS": name,
        "DISPLAYCONTACT.COMPANYNAME": name,
        "DISPLAYCONTACT.FIRSTNAME": first,
        "DISPLAYCONTACT.LASTNAME": last,
        "DISPLAYCONTACT.PHONE1": f"+1 (555) {n % 900 + 100:03d}-{n % 10000:04d}",
        "DISPLAYCONTACT.EMAIL1": f"{first.lower()}.{last.lower()}@{domain}",
        "DISPLAYCONTACT.EMAIL2": f"ap@{domain}",
        "DISPLAYCONTACT.MAILADDRESS.ADDRESS1": f"{100 + n % 9800} Market Street",
        "DISPLAYCONTACT.MAILADDRESS.ADDRESS2": f"Suite {n % 40 + 1}00",
        "DISPLAYCONTACT.MAILADDRESS.CITY": city,
        "DISPLAYCONTACT.MAILADDRESS.STATE": state,
        "DISPLAYCONTACT.MAILADDRESS.ZIP": zipcode,
        "DISPLAYCONTACT.MAILADDRESS.COUNTRY": "United States",
    }


def writable_vendor_fields() -> set[str]:
    vendor = CATALOGUE["VENDOR"]
    return {f.name for f in vendor.fields if not f.readonly}


def vendor_records(count: int) -> list[dict[str, Any]]:
    """`count` fixture records for records.VENDOR, keeping only fields the catalogue's VENDOR can write."""
    keep = writable_vendor_fields()
    return [{k: v for k, v in vendor_values(n).items() if k in keep} for n in range(1, count + 1)]
