"""One <operation>: authenticate, then run its functions in order.

Each function is atomic (a savepoint). With transaction="true" the operation is: the first failure
rolls back every function already run, that function keeps its own errors plus XL03000009, and
every other function is answered `aborted` with XL03000009. With uniqueid=true (the gateway's
default) a function controlid that already completed for the company is not run again. A create or
update stopped at a save conflict keeps the objects written before it and answers failure listing
them (outside a transaction; inside one they roll back with everything else and are not listed).
"""

from __future__ import annotations

from mockserver.control.faults import function_target
from mockserver.functions import FUNCTIONS
from mockserver.functions.answers import Answer
from mockserver.functions.call import Call
from mockserver.gateway import errors, render
from mockserver.gateway.envelope import Request
from mockserver.gateway.errors import IntacctError
from mockserver.state import MockState
from mockserver.tenancy.authentication import authenticate, failure_block


class RolledBack(Exception):
    """Unwinds the transaction savepoint after a failed function."""


def execute(call: Call) -> render.Result:
    """Run one function in its own savepoint; a failure leaves nothing behind."""
    name, controlid = call.function.name, call.function.controlid
    store = call.state.store
    company = call.principal.company
    try:
        if call.control.uniqueid and company.uniqueid_replay != "off":
            completed = store.completed_function(company.companyid, controlid)
            if completed is not None:
                if company.uniqueid_replay == "replay":
                    return render.Result(name, controlid, payload=completed[0], bare=completed[1])
                raise errors.duplicate_controlid(controlid)
        faults = call.state.faults
        # The target (the function's object) is worked out only when some rule could match it.
        if faults.rules and (rule := faults.fire([function_target(company.companyid, call.function)], ("error",))):
            raise rule.forced_error
        declared = FUNCTIONS.get(name)
        if declared is None:
            raise errors.unsupported_function(name)
        with store.atomic():
            answer = declared.handler(call)
            payload, bare = (answer.payload, answer.bare) if isinstance(answer, Answer) else (answer, None)
            partial = answer.failure if isinstance(answer, Answer) else None
            if call.control.uniqueid and partial is None:
                store.complete_function(company.companyid, controlid, payload, bare)
        if partial is not None:  # its writes before the failure stay; the payload lists them
            return render.Result(name, controlid, status="failure", payload=payload, errors=list(partial.errors))
        return render.Result(name, controlid, payload=payload, bare=bare)
    except IntacctError as failure:
        return render.Result(
            name, controlid, status="failure", errors=list(failure.errors), http_status=failure.http_status
        )


def execute_transaction(calls: list[Call], state: MockState) -> list[render.Result]:
    results: list[render.Result] = []
    try:
        with state.store.atomic():
            for call in calls:
                result = execute(call)
                results.append(result)
                if result.status == "failure":
                    raise RolledBack
    except RolledBack:
        rolled_back = errors.transaction_rolled_back()
        failed = results[-1]
        failed.errors.append(rolled_back)
        failed.payload = ""  # what it had written is rolled back with the rest: no record to report
        aborted = [
            render.Result(call.function.name, call.function.controlid, status="aborted", errors=[rolled_back])
            for call in calls
        ]
        aborted[len(results) - 1] = failed
        return aborted
    return results


def run_operation(request: Request, index: int, state: MockState, endpoint: str) -> render.Operation:
    operation = request.operations[index]
    try:
        principal, authentication = authenticate(operation, request.control.senderid, state)
    except IntacctError as failure:
        if failure.level == "control":
            raise
        return render.Operation(failure_block(operation), failure=failure)
    calls = [Call(function, principal, request.control, state, endpoint) for function in operation.functions]
    if operation.transaction:
        return render.Operation(authentication, execute_transaction(calls, state))
    return render.Operation(authentication, [execute(call) for call in calls])
