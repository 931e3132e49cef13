"""What only a mock can set up: sender authorization status, user permissions, faults and the clock.
Each is changed through the admin API for the test's own company; the client must see what the
real gateway answers in that situation."""

from __future__ import annotations

import pytest
from aiointacct import AuthenticationError, IntacctClient, Record, ResultError, RetryPolicy, TransportError

from .envelopes import TargetClient

pytestmark = pytest.mark.mock_only


def client_for(target, **changes) -> IntacctClient:
    async def no_wait(_: float) -> None:
        return None

    return TargetClient(
        target.credentials_with(**changes) if changes else target.credentials,
        retry=RetryPolicy(max_retries=2, jitter=False, sleep=no_wait),
    )


def test_an_inactive_sender_authorization_fails_authentication(target, run):
    target.admin.sender(target.credentials.sender_id, "inactive")
    with pytest.raises(AuthenticationError) as failure:
        run(target_call(target, lambda client: client.inspect("*")))
    assert failure.value.errorno == "XL03000006"
    assert failure.value.errors[0].description == "Invalid Web Services Authorization"


def test_a_user_without_the_permission_is_refused_before_anything_runs(target, run, unique):
    target.admin.user("mct_viewer", password="viewerpw", admin="off", grants={"*": ["list", "view"]})

    async def create_and_list(client):
        listed = await client.read_by_query("VENDOR", "", ["VENDORID"], pagesize=1)
        with pytest.raises(ResultError) as failure:
            await client.create(Record("VENDOR", {"VENDORID": unique, "NAME": unique}))
        return listed, failure.value

    listed, failure = run(target_call(target, create_and_list, user_id="mct_viewer", user_password="viewerpw"))
    assert listed.ok
    assert failure.errorno == "PL04000005"
    assert "CREATE" in failure.errors[0].description2.upper()


def test_a_forced_function_error_fails_that_function_once(target, client, run):
    target.admin.fault(
        {"type": "error", "errorno": "BL99999999", "description2": "forced"}, times=1, function="readByQuery"
    )
    with pytest.raises(ResultError) as failure:
        run(client.read_by_query("VENDOR", "", ["VENDORID"], pagesize=1))
    assert failure.value.errorno == "BL99999999"
    assert run(client.read_by_query("VENDOR", "", ["VENDORID"], pagesize=1)).ok


def test_a_503_is_retried_for_reads_and_not_for_writes(target, run, unique):
    target.admin.fault({"type": "http", "status": 503}, times=1, function="readByQuery")
    target.admin.fault({"type": "http", "status": 503}, times=1, function="create")

    async def calls(client):
        listed = await client.read_by_query("VENDOR", "", ["VENDORID"], pagesize=1)
        with pytest.raises(TransportError) as failure:
            await client.create(Record("VENDOR", {"VENDORID": unique, "NAME": unique}))
        left = await client.read_by_query("VENDOR", f"VENDORID = '{unique}'", ["VENDORID"])
        return listed, failure.value, left

    listed, failure, left = run(target_call(target, calls))
    assert listed.ok
    assert (failure.http_status, failure.attempts) == (503, 1)
    assert left.records == []  # the fault came before the request ran


def test_an_expired_session_is_renewed_once_by_the_client(target, run):
    duration = target.admin.api.call("GET", f"/__mock__/companies/{target.companyid}")["session_duration_seconds"]

    async def calls(client):
        first = await client.open_session()
        target.admin.advance_clock(int(duration) + 60)
        answer = await client.inspect("VENDOR")
        return first, client.session, answer

    first, second, answer = run(target_call(target, calls))
    assert answer.ok
    assert second.session_id != first.session_id


async def target_call(target, call, **changes):
    async with client_for(target, **changes) as client:
        return await call(client)
