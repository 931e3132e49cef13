"""The registry of gateway functions: each <function> child name, the handler that answers it, and what
it declares about itself (the permission it needs, whether its answer may replace the envelope).

Handlers register with @gateway_function in the module of their family; `discover()` imports every
module of this package, so adding a function is one decorated handler in one file. A declaration the
gateway could never honour (an unknown permission, a name the request schema does not accept, a name
registered twice) stops the server at start.
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from lxml import etree

from mockserver.gateway.envelope import required
from mockserver.tenancy.permissions import OPERATIONS

if TYPE_CHECKING:
    from mockserver.functions.answers import Answer
    from mockserver.functions.call import Call

# A handler answers its <result>'s payload, written in the request's form (functions/answers.py), or an
# Answer when the payload also has a bare form.
Handler = Callable[["Call"], "str | Answer"]

# Functions Intacct answers without a permission check (describe the model, open a session).
UNCHECKED = None


@dataclass(frozen=True)
class GatewayFunction:
    name: str
    handler: Handler
    permission: str | None  # operation needed on each object touched: list, view, add, edit, delete
    bare: bool = False  # a json/csv answer may be the whole HTTP body (query)


FUNCTIONS: dict[str, GatewayFunction] = {}


class RegistryError(Exception):
    """A function declaration the gateway cannot serve."""


def gateway_function(*names: str, permission: str | None, bare: bool = False) -> Callable[[Handler], Handler]:
    if permission is not UNCHECKED and permission not in OPERATIONS:
        raise RegistryError(f"{names}: permission {permission!r} is not one of {', '.join(OPERATIONS)} or UNCHECKED")

    def register(handler: Handler) -> Handler:
        for name in names:
            if name in FUNCTIONS:
                raise RegistryError(f"gateway function {name} is registered twice")
            FUNCTIONS[name] = GatewayFunction(name, handler, permission, bare)
        return handler

    return register


def operation_for(function: str) -> str | None:
    """The operation a function needs (None: Intacct does not check one)."""
    return FUNCTIONS[function].permission


def schema_function_names(schema: etree._ElementTree) -> set[str]:
    """Every element name the request schema accepts as a <function>'s child."""
    xs = "{http://www.w3.org/2001/XMLSchema}"
    root = schema.getroot()
    groups = {g.get("name"): g for g in root.iter(f"{xs}group") if g.get("name")}

    def names(choice: etree._Element) -> set[str]:
        found: set[str] = set()
        for child in choice:
            if child.tag == f"{xs}element":
                found.add(child.get("ref") or child.get("name") or "")
            elif child.tag == f"{xs}group":
                found |= names(required(groups[child.get("ref")], f"{xs}choice"))
        return found

    function = next(e for e in root.iter(f"{xs}element") if e.get("name") == "function")
    return names(required(function, f"{xs}complexType/{xs}choice"))


def discover(schema: etree._ElementTree) -> dict[str, GatewayFunction]:
    """Import every handler module of this package and check the declarations against the schema."""
    import mockserver.functions as package

    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
    unknown = sorted(set(FUNCTIONS) - schema_function_names(schema))
    if unknown:
        raise RegistryError(f"gateway functions missing from the request schema: {', '.join(unknown)}")
    return FUNCTIONS
