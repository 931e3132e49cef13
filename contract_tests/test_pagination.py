"""Paging yields every record exactly once: readByQuery + readMore (resultId) and query (offset).

25 vendors are created under the test's prefix; hypothesis draws small page sizes (and for query an
order on a unique field). Every page's count is the number of records it holds, totalcount is 25,
numremaining counts down to 0, and the client's iterators yield the same records.
"""

from __future__ import annotations

import pytest
from aiointacct import filters as f
from hypothesis import given, settings
from hypothesis import strategies as st

from .helpers import create, id_field_from_keys, minimal_values
from .objects import describe
from .strategies import UniqueIds

pytestmark = pytest.mark.portable

OBJECT = "VENDOR"
RECORDS = 25
MAX_EXAMPLES = 200


@pytest.fixture
def vendors(client, run, created, unique):
    """(ID field, prefix, IDs of the 25 vendors in ascending order)."""
    obj = run(describe(client, OBJECT))
    ids = UniqueIds(unique)
    keys = run(create(client, created, OBJECT, [minimal_values(obj, ids, {}) for _ in range(RECORDS)]))
    id_field = id_field_from_keys(keys[0])
    return id_field, unique, sorted(k[id_field] for k in keys)


def test_read_by_query_and_read_more_yield_every_record_once(client, run, vendors):
    id_field, prefix, ids = vendors
    query = f"{id_field} LIKE '{prefix}%'"

    @settings(max_examples=min(settings().max_examples, MAX_EXAMPLES))
    @given(pagesize=st.integers(1, RECORDS + 5))
    def pages_cover_every_record(pagesize):
        seen, remaining = [], []
        result = run(client.read_by_query(OBJECT, query, [id_field, "RECORDNO"], pagesize=pagesize))
        while True:
            assert result.count == len(result.records), f"count={result.count} but {len(result.records)} records"
            assert len(result.records) == min(pagesize, RECORDS - len(seen)), "page size"
            assert result.total_count == RECORDS
            seen += [r[id_field] for r in result.records]
            remaining.append(result.num_remaining)
            assert result.num_remaining == RECORDS - len(seen), f"numremaining {remaining} after {len(seen)}"
            if result.num_remaining == 0:
                break
            assert result.result_id, "a page with more to come has a resultId"
            result = run(client.read_more(result.result_id))
            assert result.function == "readMore"
        assert sorted(seen) == ids and len(set(seen)) == len(seen), f"seen {seen}"

        async def iterate():
            return [r[id_field] async for r in client.iter_read_by_query(OBJECT, query, [id_field], pagesize)]

        assert sorted(run(iterate())) == ids

    pages_cover_every_record()


def test_query_offset_pages_yield_every_record_once(client, run, vendors):
    id_field, prefix, ids = vendors
    mine = f.like(id_field, prefix + "%")
    orders = {
        id_field: ids,
        "-" + id_field: ids[::-1],
        "RECORDNO": None,
        "-RECORDNO": None,
    }  # by RECORDNO: checked against the RECORDNOs below

    @settings(max_examples=min(settings().max_examples, MAX_EXAMPLES))
    @given(pagesize=st.integers(1, RECORDS + 5), orderby=st.sampled_from(sorted(orders)))
    def offsets_cover_every_record(pagesize, orderby):
        seen, numbers = [], []
        offset = 0
        while True:
            result = run(
                client.query(OBJECT, [id_field, "RECORDNO"], mine, orderby=orderby, pagesize=pagesize, offset=offset)
            )
            assert result.count == len(result.records), f"count={result.count} but {len(result.records)} records"
            assert len(result.records) == min(pagesize, RECORDS - offset), "page size"
            assert (result.total_count, result.offset) == (RECORDS, offset)
            seen += [r[id_field] for r in result.records]
            numbers += [int(r["RECORDNO"]) for r in result.records]
            assert result.num_remaining == RECORDS - len(seen), f"numremaining after {len(seen)}"
            if result.num_remaining == 0:
                break
            offset += len(result.records)
        assert len(set(seen)) == len(seen) and sorted(seen) == ids, f"seen {seen}"
        if orders[orderby] is not None:
            assert seen == orders[orderby], f"order by {orderby}"
        else:
            assert numbers == sorted(numbers, reverse=orderby.startswith("-")), f"order by {orderby}"

        async def iterate():
            return [
                r[id_field]
                async for r in client.iter_query(OBJECT, [id_field], mine, orderby=orderby, pagesize=pagesize)
            ]

        assert run(iterate()) == seen

    offsets_cover_every_record()
