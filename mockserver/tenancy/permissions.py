"""Web Services user permissions, checked before a function reads or writes anything.

A user with admin "full" may do everything. Otherwise grants name an object (VENDOR), a module
(Accounts Payable) or "*" and list operations: list, view, add, edit, delete. A function declares the
operation it needs on each object it touches (functions/registry.py); inspect, lookup and
getAPISession need none (as in Intacct).
Before the user's grants, the company must subscribe to the object's module.
"""

from __future__ import annotations

import re

from mockserver.gateway import errors
from mockserver.objects import ObjectDef
from mockserver.tenancy.companies import Company, User

OPERATIONS = ("list", "view", "add", "edit", "delete")


def api_operation(function: str) -> str:
    """readByQuery -> READ_BY_QUERY, delete_vendor -> DELETE_VENDOR: how the error names it."""
    return re.sub(r"(?<=[a-z])(?=[A-Z])", "_", function).upper()


def granted(user: User, obj: ObjectDef) -> set[str]:
    if user.admin == "full":
        return set(OPERATIONS)
    allowed: set[str] = set()
    for key in (obj.name, obj.module, "*"):
        allowed.update(user.grants.get(key, ()))
    if user.user_type == "view only user":
        allowed &= {"list", "view"}
    return allowed


def require(
    company: Company, user: User, obj: ObjectDef, function: str, operation: str | None, forbidden_status: int = 200
) -> None:
    """Raise the gateway's failure when the company or the user may not run `function` (which needs
    `operation`, None for none) on `obj`. `forbidden_status` is the server-wide 403 mode; a company
    can also ask for 403 on its own."""
    if operation is None:
        return
    if company.modules is not None and obj.module not in company.modules:
        raise errors.module_not_subscribed(obj.module)
    if operation not in granted(user, obj):
        status = max(company.permission_http_status, forbidden_status)
        raise errors.permission_denied(api_operation(function), obj.lowercase, status)
