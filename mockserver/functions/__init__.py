"""Gateway functions: one handler per <function> child name, in one module per family.

A handler receives a Call (call.py) and returns the payload of its <result> (a <data> or <key> element,
or nothing), written with the builders of answers.py in the request's form (flat or indented), or an
Answer when it also has a bare json/csv form; it raises IntacctError to fail. It registers with @gateway_function (registry.py),
declaring the permission it needs; importing this package discovers and checks every handler.
"""

from mockserver.functions.registry import (
    FUNCTIONS,
    UNCHECKED,
    GatewayFunction,
    discover,
    gateway_function,
    operation_for,
)
from mockserver.gateway.validation import request_schema_document

__all__ = ["FUNCTIONS", "UNCHECKED", "GatewayFunction", "gateway_function", "operation_for"]

discover(request_schema_document())
