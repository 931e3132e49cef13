"""Facts about one gateway exchange for faults and the journal: who asked, which functions on which
objects, and what the answer said."""

from __future__ import annotations

from mockserver.control.faults import Target, function_target
from mockserver.control.journal import Exchange, FunctionOutcome
from mockserver.gateway import render
from mockserver.gateway.envelope import Request
from mockserver.gateway.errors import IntacctError
from mockserver.state import MockState


def requester(request: Request, state: MockState) -> tuple[str, str]:
    """Company and user of the first operation, from its login or its (live) session."""
    operation = request.operations[0]
    if operation.login is not None:
        return operation.login.companyid, operation.login.userid
    session = state.sessions.live(operation.sessionid or "")
    return (session.companyid, session.userid) if session else ("", "")


def request_targets(request: Request, state: MockState) -> list[Target]:
    """What fault rules match against; nothing to work out while no rule is set."""
    if not state.faults.rules:
        return []
    companyid, _ = requester(request, state)
    targets = [function_target(companyid, f) for op in request.operations for f in op.functions]
    return targets or [Target(companyid, "", "", "")]


def note_operations(exchange: Exchange, operations: list[render.Operation]) -> None:
    exchange.control_status = "success"
    for operation in operations:
        if operation.failure is not None:
            exchange.errornos += [e.errorno for e in operation.failure.errors]
        exchange.functions += [
            FunctionOutcome(r.function, r.controlid, r.status, [e.errorno for e in r.errors]) for r in operation.results
        ]


def note_failure(exchange: Exchange, failure: IntacctError) -> None:
    exchange.control_status = "failure"
    exchange.errornos = [e.errorno for e in failure.errors]
