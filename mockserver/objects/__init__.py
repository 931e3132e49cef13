"""The object model: every object the mock stores, defined once, with its behaviour beside it.

Definitions are built in one module per Intacct area (gl, ap, ar, cash, company, projects,
inventory, contracts, audit) from the field factories in fields.py; shared document rules live in
documents.py. The format is model.py. Field names, types and modules follow Intacct's objects as
the public SDKs and captures show them.
"""

from __future__ import annotations

from mockserver.objects import ap, ar, audit, cash, company, contracts, gl, inventory, projects
from mockserver.objects.model import DATATYPES, Field, LineItems, ObjectDef, Relation

__all__ = ["CATALOGUE", "DATATYPES", "Field", "LineItems", "ObjectDef", "Relation", "lookup_object"]

AREAS = (gl, ap, ar, cash, company, projects, inventory, contracts, audit)

CATALOGUE: dict[str, ObjectDef] = {obj.name: obj for area in AREAS for obj in area.OBJECTS}


def lookup_object(name: str) -> ObjectDef | None:
    """Object names are case-insensitive in <object> (readByQuery sends them either way)."""
    return CATALOGUE.get(name.strip().upper())
