"""getDimensions and getUserPermissions: what integrations ask before they sync (which dimensions the company
tracks, which modules are subscribed and what the integration user may do there). Neither reads records,
so neither is permission-checked (GUESS, as inspect and lookup).

Shapes from genuine gateway recordings: <dimensions><dimension> with objectName, objectLabel, termLabel,
userDefinedDimension, enabledInGL; <permissions><appSubscription><applicationName>. What the recordings do
not show is a GUESS listed in docs/decisions.md: the order after the first five dimensions, enabledInGL of
the standard ones, and the <permission> entries inside an appSubscription.
"""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.registry import UNCHECKED, gateway_function
from mockserver.gateway import errors
from mockserver.gateway.markup import Markup
from mockserver.objects import CATALOGUE
from mockserver.tenancy.permissions import OPERATIONS, granted

# The standard dimensions, in the recorded order for the first five (the rest GUESS), where the catalogue
# has the object.
STANDARD_DIMENSIONS = tuple(
    name
    for name in (
        "DEPARTMENT",
        "LOCATION",
        "PROJECT",
        "CUSTOMER",
        "VENDOR",
        "EMPLOYEE",
        "ITEM",
        "CLASS",
        "TASK",
        "WAREHOUSE",
        "CONTRACT",
    )
    if name in CATALOGUE
)
# GUESS: the dimensions a company's GL lines carry; task, warehouse and contract are not GL dimensions.
GL_DIMENSIONS = frozenset({"DEPARTMENT", "LOCATION", "CLASS", "PROJECT", "CUSTOMER", "VENDOR", "EMPLOYEE", "ITEM"})
# Every module the catalogue knows, alphabetically: the subscriptions of a company whose `modules` is None.
MODULES = tuple(sorted({obj.module for obj in CATALOGUE.values()}))


def flag(value: bool) -> str:
    return "true" if value else "false"


def dimension(m: Markup, name: str, label: str, term: str, user_defined: bool, in_gl: bool) -> str:
    leaf = m.inner.leaf
    return m.parent(
        "dimension",
        [
            leaf("objectName", name),
            leaf("objectLabel", label),
            leaf("termLabel", term),
            leaf("userDefinedDimension", flag(user_defined)),
            leaf("enabledInGL", flag(in_gl)),
        ],
    )


@gateway_function("getDimensions", permission=UNCHECKED)
def get_dimensions(call: Call) -> str:
    """The standard dimensions, then the company's user-defined ones in its fixture's order."""
    part = answers.rows(call)
    m = part.inner
    listed = [
        dimension(m, name, CATALOGUE[name].label, CATALOGUE[name].label, False, name in GL_DIMENSIONS)
        for name in STANDARD_DIMENSIONS
    ]
    listed += [
        dimension(m, d.object_name, d.label, d.term_label, True, d.enabled_in_gl)
        for d in call.principal.company.dimensions
    ]
    return answers.data(call, [part.parent("dimensions", listed)])


def rights(operations: set[str]) -> str:
    """list, view, add -> List|View|Add, always in the order of OPERATIONS."""
    return "|".join(op.capitalize() for op in OPERATIONS if op in operations)


@gateway_function("getUserPermissions", permission=UNCHECKED)
def get_user_permissions(call: Call) -> str:
    """One <appSubscription> per module the company subscribes to and the user holds a right in, each
    listing the user's rights per object of that module (the catalogue's order)."""
    userid = call.text("userId")
    company = call.principal.company
    user = company.users.get(userid)  # IDs matched exactly, as at sign-in
    if user is None:
        raise errors.login_id_not_found(userid)
    subscribed = [m for m in MODULES if company.modules is None or m in company.modules]
    part = answers.rows(call)
    app, item = part.inner, part.inner.inner
    subscriptions = []
    for module in subscribed:
        held = [(obj.name, granted(user, obj)) for obj in CATALOGUE.values() if obj.module == module]
        permissions = [
            item.parent("permission", [item.inner.leaf("policyName", name), item.inner.leaf("rights", rights(ops))])
            for name, ops in held
            if ops
        ]
        if permissions:
            subscriptions.append(app.parent("appSubscription", [item.leaf("applicationName", module), *permissions]))
    return answers.data(call, [part.parent("permissions", subscriptions)])


@gateway_function("getDimensionRelationships", permission=UNCHECKED)
def get_dimension_relationships(call: Call) -> str:
    """Each dimension of getDimensions with its relationships to other dimensions. GUESS (docs/decisions.md):
    the mock keeps no dimension relationships, so every <relationships> is empty."""
    part = answers.rows(call)
    m = part.inner
    names: list[tuple[str, str]] = [(name, CATALOGUE[name].label) for name in STANDARD_DIMENSIONS]
    names += [(d.object_name, d.label) for d in call.principal.company.dimensions]
    listed = [
        m.parent(
            "dimensionRelationship",
            [m.inner.leaf("objectName", name), m.inner.leaf("objectLabel", label), m.inner.parent("relationships", [])],
        )
        for name, label in names
    ]
    return answers.data(call, [part.parent("dimensionRelationships", listed)])
