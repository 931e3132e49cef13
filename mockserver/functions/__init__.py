"""Gateway functions: one handler per <function> child name, registered with @gateway_function.

A handler receives a Call and returns the rendered payload of its <result> (a <data> or <key>
element, or nothing); it raises IntacctError to fail. Importing this package registers them all.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from lxml import etree

from ..authentication import Principal
from ..envelope import Control, Function
from ..state import MockState

Handler = Callable[["Call"], str]
HANDLERS: dict[str, Handler] = {}


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


def gateway_function(*names: str) -> Callable[[Handler], Handler]:
    def register(handler: Handler) -> Handler:
        for name in names:
            HANDLERS[name] = handler
        return handler
    return register


from . import session  # noqa: E402,F401  (registers handlers)
