"""Location (entity) scoping rules of a multi-entity company, in one place.

Sign-in: an empty location ID means the top level; a user restricted to entities may sign in only
to one of them (never the top level); a company without entities accepts no location ID.
"""

from __future__ import annotations

from . import errors
from .companies import Company, User


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
