"""Error contracts: each failure arrives at the level, with the errorno, the gateway documents.

bad sender password      ControlError         XL03000006 (control level, HTTP 200)
unauthorized sender      AuthenticationError  XL03000006 "Invalid Web Services Authorization"
wrong user password      ControlError         XMLGW_JPP0002 with HTTP 401
unknown object           ResultError
missing required field   ResultError          BL01001973
duplicate ID             ResultError          BL34000061, then BL01001973
"""

from __future__ import annotations

import pytest
from aiointacct import AuthenticationError, ControlError, Record, ResultError

from .envelopes import TargetClient
from .helpers import RETRY, learn
from .objects import describe
from .strategies import UniqueIds, nest

OBJECT = "VENDOR"


def errornos(failure) -> list[str]:
    return [e.errorno for e in failure.errors]


def attempt(run, credentials, call):
    """Run `call(client)` with a client of its own for these credentials."""

    async def go():
        async with TargetClient(credentials, retry=RETRY) as client:
            return await call(client)

    return run(go())


@pytest.mark.portable
def test_a_bad_sender_password_is_a_control_failure(target, run):
    credentials = target.credentials_with(sender_password=target.credentials.sender_password + "-wrong")
    with pytest.raises(ControlError) as failure:
        attempt(run, credentials, lambda client: client.inspect("*"))
    assert failure.value.level == "control"
    assert errornos(failure.value)[0] == "XL03000006"
    assert failure.value.http_status == 200


@pytest.mark.mock_only
def test_an_unauthorized_sender_fails_authentication(target, run):
    credentials = target.credentials_with(sender_id="othersender", sender_password="othersenderpw")
    with pytest.raises(AuthenticationError) as failure:
        attempt(run, credentials, lambda client: client.inspect("*"))
    [error] = failure.value.errors
    assert (error.errorno, error.description) == ("XL03000006", "Invalid Web Services Authorization")
    assert "othersender" in error.description2


@pytest.mark.portable
def test_a_wrong_user_password_is_a_401_control_failure(target, run):
    credentials = target.credentials_with(user_password=target.credentials.user_password + "-wrong")
    with pytest.raises(ControlError) as failure:
        attempt(run, credentials, lambda client: client.inspect("*"))
    assert failure.value.http_status == 401
    assert errornos(failure.value) == ["XMLGW_JPP0002"]


@pytest.mark.portable
@pytest.mark.parametrize("call", ["read", "readByQuery", "query", "create", "lookup"])
def test_an_unknown_object_fails_the_function(client, run, unique, call):
    name = f"{unique}NOSUCHOBJECT"
    calls = {
        "read": lambda: client.read(name, 1),
        "readByQuery": lambda: client.read_by_query(name),
        "query": lambda: client.query(name, ["RECORDNO"]),
        "create": lambda: client.create(Record(name, {"NAME": "x"})),
        "lookup": lambda: client.lookup(name),
    }
    with pytest.raises(ResultError) as failure:
        run(calls[call]())
    assert failure.value.status == "failure" and failure.value.errors


@pytest.mark.portable
def test_a_missing_required_field_fails_with_bl01001973(client, run, created, unique):
    obj = run(describe(client, OBJECT))
    known = run(learn(client, created, obj, UniqueIds(unique + "K")))
    ids = UniqueIds(unique)
    assert obj.required, f"lookup says no {OBJECT} field is required"
    for field in obj.required:
        values = {name: ids.next() if name == known.id_field else value for name, value in known.existing.items()}
        values.pop(field.name)
        try:
            result = run(client.create(Record(OBJECT, nest(values))))
        except ResultError as failure:
            assert "BL01001973" in errornos(failure), f"without {field.name}: {failure}"
        else:
            created.add_result([OBJECT], result)
            pytest.fail(f"{OBJECT} without its required {field.name} was created: {result.records}")


@pytest.mark.portable
def test_a_duplicate_id_fails_with_bl34000061_then_bl01001973(client, run, created, unique):
    obj = run(describe(client, OBJECT))
    known = run(learn(client, created, obj, UniqueIds(unique + "K")))
    others = UniqueIds(unique + "D")
    again = {name: value if name == known.id_field else others.next() for name, value in known.existing.items()}
    with pytest.raises(ResultError) as failure:
        result = run(client.create(Record(OBJECT, nest(again))))
        created.add_result([OBJECT], result)
    numbers = errornos(failure.value)
    assert numbers[0] == "BL34000061" and "BL01001973" in numbers[1:], numbers
    listed = run(
        client.read_by_query(OBJECT, f"{known.id_field} = '{known.existing[known.id_field]}'", [known.id_field])
    ).records
    assert len(listed) == 1
