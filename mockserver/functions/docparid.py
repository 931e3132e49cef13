"""<docparid> of readByQuery and query: only the documents (or lines) of one transaction definition
("Sales Order"), as Intacct filters SODOCUMENT, PODOCUMENT and INVDOCUMENT by it."""

from __future__ import annotations

from mockserver.objects import ObjectDef
from mockserver.objects.store import column
from mockserver.objects.values import quote


def of_definition(obj: ObjectDef, docparid: str, where: str, params: list) -> tuple[str, list]:
    """The condition narrowed to that definition. GUESS: an object without transaction definitions
    ignores it, as it did before they existed."""
    if not docparid or "DOCPARID" not in obj.by_name:
        return where, params
    clause = f"{quote(column(obj, 'DOCPARID'))} = ?"
    return (f"({where}) AND {clause}" if where else clause), [*params, docparid]
