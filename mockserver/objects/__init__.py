"""The object model: every object the mock stores, defined once as data, with its behaviour beside it.

Definitions live in definitions/*.json (one file per object: fields in Intacct's lookup order, types,
rules, lines, relations; definitions/README.md says where each came from), read by catalogue.py. The
format is model.py. Behaviour is Python in the area modules (gl, ap, ar, documents, transactions, audit), named by
the definitions that use it.
"""

from __future__ import annotations

from mockserver.objects.catalogue import load_catalogue
from mockserver.objects.model import DATATYPES, Field, LineItems, ObjectDef, Relation, WriteOnly

__all__ = ["CATALOGUE", "DATATYPES", "Field", "LineItems", "ObjectDef", "Relation", "WriteOnly", "lookup_object"]

CATALOGUE: dict[str, ObjectDef] = load_catalogue()


def lookup_object(name: str) -> ObjectDef | None:
    """Object names are case-insensitive in <object> (readByQuery sends them either way)."""
    return CATALOGUE.get(name.strip().upper())
