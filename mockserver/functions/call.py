"""One function call as its handler sees it: the <function> element, who signed in, the request's
control block, the mock's state, and the objects the call may touch."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from lxml import etree

from mockserver.functions.registry import FUNCTIONS
from mockserver.gateway import errors
from mockserver.gateway.envelope import Control, Function, children
from mockserver.objects import ObjectDef
from mockserver.objects.backend import Backend
from mockserver.state import MockState
from mockserver.tenancy.authentication import Principal
from mockserver.tenancy.permissions import require


@dataclass
class Call:
    function: Function
    principal: Principal
    control: Control
    state: MockState
    endpoint: str  # this gateway's URL as the client reached it

    @property
    def body(self) -> etree._Element:
        return self.function.body

    @cached_property
    def children(self) -> dict[object, etree._Element]:
        """The function element's children by tag (envelope.children)."""
        return children(self.body)

    def text(self, tag: str, default: str = "") -> str:
        """The stripped text of the child `tag` (or the path `a/b`), "" when it is empty; `default` when absent."""
        if "/" in tag:
            value = self.body.findtext(tag)
        else:
            child = self.children.get(tag)
            value = None if child is None else child.text or ""
        return default if value is None else value.strip()

    @property
    def backend(self) -> Backend:
        """The company's records as this session reads and writes them."""
        principal = self.principal
        return Backend(self.state.store, principal.company, principal.user, principal.locationid, self.state.clock)

    @property
    def companyid(self) -> str:
        return self.principal.company.companyid

    @property
    def timezone(self) -> str:
        return self.principal.company.timezone

    def object(self, name: str | None = None, not_found=errors.object_not_found) -> ObjectDef:
        """The company's object named in <object> (or `name`): the catalogue's, with the company's custom
        fields, or one of its user-defined dimensions; once the company's subscriptions and the user's
        permissions allow this function on it; else the gateway's error."""
        name = self.text("object") if name is None else name
        obj = self.principal.company.objects.get(name)
        if obj is None:
            raise not_found(name)
        principal = self.principal
        require(
            principal.company,
            principal.user,
            obj,
            self.function.name,
            FUNCTIONS[self.function.name].permission,
            self.state.settings.permission_http_status,
        )
        return obj
