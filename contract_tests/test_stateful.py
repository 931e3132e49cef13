"""A hypothesis state machine over one company: it creates, updates, deletes, reads and lists
VENDOR, CUSTOMER and GLACCOUNT records, keeps a model (model.py) and checks every answer against it,
deleted records included (a read finds nothing, an update or a delete fails).

Each run gets a fresh company on a mock (the sandbox's own company and a fresh prefix otherwise),
its own client and its own event loop: the machine is synchronous and drives the async client with
loop.run_until_complete.
"""

from __future__ import annotations

import asyncio

import pytest
from aiointacct import Record, ResultError
from aiointacct import filters as f
from hypothesis import Phase, settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, precondition, rule, run_state_machine_as_test

from .envelopes import TargetClient
from .helpers import RETRY, Created, create, learn
from .model import CompanyModel, ModelRecord
from .objects import ObjectDescription, describe
from .strategies import UniqueIds, changes, mismatches, nest, record_values, unique_prefix

pytestmark = pytest.mark.portable

OBJECTS = ("VENDOR", "CUSTOMER", "GLACCOUNT")
MAX_EXAMPLES, STEPS = 500, 30


def errornos(failure: ResultError) -> list[str]:
    return [e.errorno for e in failure.errors]


def company_machine(gateway, described: dict[str, tuple[ObjectDescription, str]]):
    """A RuleBasedStateMachine class for these objects ({name: (description, ID field)})."""

    class CompanyMachine(RuleBasedStateMachine):
        def __init__(self) -> None:
            super().__init__()
            self.loop = asyncio.new_event_loop()
            self.company = gateway.open_company()
            self.client = TargetClient(self.company.credentials, retry=RETRY)
            self.created = Created()
            self.prefix = unique_prefix()
            self.ids = UniqueIds(self.prefix)
            self.model = CompanyModel(tuple(described))

        def run(self, coroutine):
            return self.loop.run_until_complete(coroutine)

        def teardown(self) -> None:
            try:
                if not self.company.is_mock:  # a mock company is dropped whole below
                    self.run(self.created.delete_all(self.client))
                self.run(self.client.close())
            finally:
                self.loop.close()
                gateway.close_company(self.company)

        def check_record(self, obj: ObjectDescription, expected: ModelRecord, answer: list[dict], how: str) -> None:
            assert len(answer) == 1, f"{how} {obj.name} {expected.recordno}: {len(answer)} records"
            problems = mismatches(obj, expected.values, answer[0])
            assert not problems, f"{how}: " + "; ".join(problems)

    for name, (obj, id_field) in described.items():
        add_rules(CompanyMachine, Bundle(name.lower()), obj, id_field)
    return CompanyMachine


def add_rules(machine: type, records: Bundle, obj: ObjectDescription, id_field: str) -> None:
    """The rules of one object; `records` holds the RECORDNOs of its live records."""
    name = obj.name
    lower = name.lower()

    def create_record(self, data):
        values = data.draw(record_values(obj, self.ids), label=f"new {name}")
        [keys] = self.run(create(self.client, self.created, name, [values]))
        assert keys.get(id_field, keys["RECORDNO"]) == values.get(id_field, keys["RECORDNO"])
        self.model.add(ModelRecord(name, keys["RECORDNO"], values.get(id_field, keys["RECORDNO"]), values))
        return keys["RECORDNO"]

    def create_duplicate(self, recordno, data):
        existing = self.model.get(name, recordno)
        values = dict(data.draw(record_values(obj, self.ids), label=f"duplicate {name}"))
        values[id_field] = existing.id
        try:
            result = self.run(self.client.create(Record(name, nest(values))))
        except ResultError as failure:
            assert errornos(failure)[0] == "BL34000061", failure
        else:
            self.created.add_result([name], result)
            raise AssertionError(f"a second {name} {existing.id} was created: {result.records}")

    def update_record(self, recordno, data):
        change = data.draw(changes(obj), label=f"{name} changes")
        result = self.run(self.client.update(Record(name, {"RECORDNO": recordno, **nest(change)})))
        assert [r["RECORDNO"] for r in result.records] == [recordno]
        self.model.update(name, recordno, change)

    def delete_record(self, recordno):
        self.run(self.client.delete(name, recordno))
        self.model.delete(name, recordno)
        self.created.forget(name, recordno)

    def read_record(self, recordno):
        expected = self.model.get(name, recordno)
        self.check_record(obj, expected, self.run(self.client.read(name, recordno)).records, "read")

    def read_by_name(self, recordno):
        expected = self.model.get(name, recordno)
        answer = self.run(self.client.read_by_name(name, expected.id)).records
        self.check_record(obj, expected, answer, "readByName")

    def list_records(self):
        expected = self.model.by_id(name)

        async def listing():
            return [
                r
                async for r in self.client.iter_read_by_query(
                    name, f"{id_field} LIKE '{self.prefix}%'", "*", pagesize=7
                )
            ]

        answered = self.run(listing())
        assert sorted(r[id_field] for r in answered) == sorted(expected), "readByQuery listing"
        for record in answered:
            problems = mismatches(obj, expected[record[id_field]].values, record)
            assert not problems, "readByQuery: " + "; ".join(problems)

    def query_records(self):
        rows = self.run(
            self.client.query(
                name, [id_field, "RECORDNO"], f.like(id_field, self.prefix + "%"), orderby=id_field, pagesize=2000
            )
        ).records
        assert [(r[id_field], r["RECORDNO"]) for r in rows] == sorted(
            (r.id, r.recordno) for r in self.model.live[name].values()
        ), "query listing"

    def use_after_delete(self, data):
        gone = data.draw(st.sampled_from(self.model.deleted[name]), label=f"deleted {name}")
        assert self.run(self.client.read(name, gone.recordno)).records == [], "read of a deleted record"
        assert self.run(self.client.read_by_name(name, gone.id)).records == [], "readByName of a deleted record"
        for attempt in (
            lambda: self.client.update(
                Record(name, {"RECORDNO": gone.recordno, **nest(data.draw(changes(obj), label="changes"))})
            ),
            lambda: self.client.delete(name, gone.recordno),
        ):
            with pytest.raises(ResultError):
                self.run(attempt())

    rules = {
        "create": rule(target=records, data=st.data())(create_record),
        "create_duplicate": rule(recordno=records, data=st.data())(create_duplicate),
        "update": rule(recordno=records, data=st.data())(update_record),
        "delete": rule(recordno=consumes(records))(delete_record),
        "read": rule(recordno=records)(read_record),
        "read_by_name": rule(recordno=records)(read_by_name),
        "list": rule()(list_records),
        "query": rule()(query_records),
        "use_after_delete": precondition(lambda self: self.model.has_deleted(name))(
            rule(data=st.data())(use_after_delete)
        ),
    }
    for rule_name, function in rules.items():
        function.__name__ = f"{rule_name}_{lower}"
        setattr(machine, f"{rule_name}_{lower}", function)


def test_a_company_behaves_like_its_model(intacct_gateway, client, run, created, unique):
    described = {}
    for name in OBJECTS:
        obj = run(describe(client, name))
        described[name] = (obj, run(learn(client, created, obj, UniqueIds(unique))).id_field)
    machine = company_machine(intacct_gateway, described)
    # No shrinking: each attempt replays a whole machine (a new company and its steps) against the
    # target, and shrinking one failure takes minutes. The failing program is printed as it ran.
    run_state_machine_as_test(
        machine,
        settings=settings(
            max_examples=min(settings().max_examples, MAX_EXAMPLES),
            stateful_step_count=STEPS,
            phases=[phase for phase in settings().phases if phase is not Phase.shrink],
        ),
    )
