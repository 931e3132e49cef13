"""readByQuery query strings and query filters select exactly what a reference evaluation selects.

Each example creates a few vendors under its own prefix with drawn values (empty included) in
fields chosen from VENDOR's description, reads them back by RECORDNO (the full listing), draws a
filter over those fields, and compares the IDs the target answers with the IDs the reference
(reference.py: SQL three-valued logic, LIKE, case sensitivity) selects from the listing. Both
filters are AND-ed with `ID LIKE 'prefix%'`, so only the example's own records count.
"""

from __future__ import annotations

import pytest
from aiointacct import filters as f
from hypothesis import example, given
from hypothesis import strategies as st

from .helpers import create, id_field_from_keys, minimal_values
from .objects import describe
from .reference import Compare, Not, evaluate, filter_trees, filterable, query_filter, query_string, value_pool
from .strategies import UniqueIds, displayed, required_values

pytestmark = pytest.mark.portable

OBJECT = "VENDOR"
TREES = 4  # filters tried on each example's records


@st.composite
def scenarios(draw, obj, rbq_fields, query_fields, ids):
    """(prefix, field list, records to create, filter trees, for readByQuery too). query runs each
    tree both case-sensitively and with caseinsensitive."""
    for_read_by_query = bool(rbq_fields) and draw(st.booleans())
    pool = rbq_fields if for_read_by_query else query_fields
    fields = draw(st.lists(st.sampled_from(pool), min_size=1, max_size=3, unique_by=lambda x: x.name))
    prefix = ids.next()
    example_ids = UniqueIds(prefix + "X")
    records = []
    for _ in range(draw(st.integers(2, 7))):
        values = dict(draw(required_values(obj, example_ids, {})))
        for field in fields:
            value = draw(st.one_of(st.none(), st.sampled_from(value_pool(field))))
            if value is not None:
                values[field.name] = value
        records.append(values)
    trees = draw(st.lists(filter_trees(fields, with_not=True), min_size=1, max_size=TREES))
    return prefix, fields, records, trees, for_read_by_query


def edge_case(obj, rbq_fields, ids):
    """An explicit example on the first text field, run in every profile: empty values against
    negated comparisons, case folding of accented letters, LIKE with both wildcards."""
    text = next((x for x in rbq_fields if x.datatype == "TEXT"), None)
    if text is None:
        return None
    prefix = ids.next()
    example_ids = UniqueIds(prefix + "X")
    records = []
    for value in ("É", "é", "ab", "Ab", None):
        values = minimal_values(obj, example_ids, {})
        if value is not None:
            values[text.name] = value
        records.append(values)
    trees = [
        Compare("eq", text, ("é",)),
        Compare("like", text, ("_b%",)),
        Not(Compare("eq", text, ("ab",))),
        Compare("isnull", text),
        Compare("in", text, ("É", "AB")),
    ]
    return prefix, [text], records, trees, True


def test_filters_agree_with_a_reference_evaluation_over_the_listing(client, run, created, unique):
    obj = run(describe(client, OBJECT))
    ids = UniqueIds(unique)
    [probe] = run(create(client, created, OBJECT, [minimal_values(obj, ids, {})]))
    id_field = id_field_from_keys(probe)
    rbq_fields = [x for x in obj.fields if filterable(x, for_read_by_query=True)]
    query_fields = [x for x in obj.fields if filterable(x, for_read_by_query=False)]
    assert query_fields, f"{OBJECT} describes no field the filter test can use"

    def filters_agree(scenario):
        prefix, fields, records, trees, for_read_by_query = scenario
        keys = run(create(client, created, OBJECT, records))
        names = [id_field] + [x.name for x in fields]
        listing = run(client.read(OBJECT, [k["RECORDNO"] for k in keys], names)).records
        assert sorted(r[id_field] for r in listing) == sorted(r[id_field] for r in records), "listing"
        by_id = {r[id_field]: r for r in listing}
        for written in records:
            for field in fields:
                if field.name in written:
                    assert by_id[written[id_field]][field.name] == displayed(field, written[field.name])
        mine = f.like(id_field, prefix + "%")
        for tree in trees:
            for case_insensitive in (False, True):
                expected = sorted(i for i, r in by_id.items() if evaluate(tree, r, case_insensitive) is True)
                rows = run(
                    client.query(
                        OBJECT,
                        [id_field],
                        f.and_(mine, query_filter(tree)),
                        orderby=id_field,
                        pagesize=100,
                        case_insensitive=case_insensitive,
                    )
                ).records
                assert [r[id_field] for r in rows] == expected, (
                    f"query filter {query_string(tree)} (caseinsensitive={case_insensitive}) over {listing}"
                )
            if for_read_by_query:
                expected = sorted(i for i, r in by_id.items() if evaluate(tree, r) is True)
                text = f"{id_field} LIKE '{prefix}%' AND {query_string(tree)}"
                answer = run(client.read_by_query(OBJECT, text, [id_field], pagesize=100)).records
                assert sorted(r[id_field] for r in answer) == expected, f"readByQuery {text!r} over {listing}"

    check = given(scenarios(obj, rbq_fields, query_fields, ids))(filters_agree)
    explicit = edge_case(obj, rbq_fields, ids)
    if explicit is not None:
        check = example(explicit)(check)
    check()
