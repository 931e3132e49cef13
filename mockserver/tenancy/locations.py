"""Location (entity) scoping rules of a multi-entity company, in one place.

Sign-in: an empty location ID means the top level; a user restricted to entities may sign in only
to one of them (never the top level); a company without entities accepts no location ID.
"""

from __future__ import annotations

from mockserver.gateway import errors
from mockserver.tenancy.companies import Company, User


def check_signin_location(company: Company, user: User, locationid: str) -> None:
    """Raise the authentication failure for a location this user may not sign in to."""
    if locationid:
        if not company.multi_entity:
            raise errors.company_has_no_entities(locationid, company.companyid)
        if locationid not in company.entities:
            raise errors.location_not_found(locationid, company.companyid)
        if user.entities and locationid not in user.entities:
            raise errors.location_not_permitted(user.userid, locationid)
    elif user.entities and company.multi_entity:
        raise errors.location_not_permitted(user.userid, "")


def visible_entities(locationid: str, showprivate: bool = False) -> tuple[str, ...] | None:
    """Which records a session sees, by owning entity ("" = shared top-level records).

    An entity session sees shared records and its own entity's private ones. The top level sees
    every record by key (read, update, delete); in lists (readByQuery, query, get_list) it sees
    shared records only unless the request asks for private ones with showprivate (GUESS for
    readByQuery, which has no showprivate: top-level lists show shared records).
    """
    if locationid:
        return ("", locationid)
    return None if showprivate else ("",)


def by_key_entities(locationid: str) -> tuple[str, ...] | None:
    return ("", locationid) if locationid else None


def check_can_modify(locationid: str, record_entity: str, label: str) -> None:
    """An entity session may change its own entity's records, never top-level (shared) ones."""
    if locationid and record_entity == "":
        raise errors.root_record_from_entity(label)
