"""Arguments of gateway functions read one strict way, without HTTP: numbers are ASCII digits only,
and a bad argument is the gateway's error naming it."""

from __future__ import annotations

import pytest
from lxml import etree

from mockserver.functions.arguments import flag, keys, offset, page_size, return_format
from mockserver.functions.call import Call
from mockserver.gateway.envelope import Function
from mockserver.gateway.errors import IntacctError

LIMITS = (1, 1000, 100)


def call(body: str, name: str = "readByQuery") -> Call:
    function = Function("f-1", name, etree.fromstring(f"<{name}>{body}</{name}>"))
    return Call(function, principal=None, control=None, state=None, endpoint="")


def description2(problem: pytest.ExceptionInfo) -> str:
    return problem.value.errors[0].description2


@pytest.mark.parametrize("text", ["١٠٠", "²", "1e2", "-5", "0", "1001", "10.0", "9" * 30])
def test_page_size_refuses_anything_but_a_whole_number_in_range(text):
    with pytest.raises(IntacctError) as problem:
        page_size(call(f"<pagesize>{text}</pagesize>"), LIMITS)
    assert f"pagesize must be a whole number from 1 to 1000, not '{text}'" in description2(problem)


def test_page_size_default_and_bounds():
    assert page_size(call(""), LIMITS) == 100
    assert page_size(call("<pagesize> </pagesize>"), LIMITS) == 100
    assert page_size(call("<pagesize> 1000 </pagesize>"), LIMITS) == 1000


def test_offset_is_strict_too():
    assert offset(call("<offset>25</offset>", "query")) == 25
    with pytest.raises(IntacctError) as problem:
        offset(call("<offset>٣</offset>", "query"))
    assert "offset must be a whole number" in description2(problem)


def test_return_format_flags_and_keys():
    assert return_format(call("<returnFormat>JSON</returnFormat>"), "returnFormat") == "json"
    assert return_format(call(""), "returnFormat") == "xml"
    with pytest.raises(IntacctError) as problem:
        return_format(call("<returnFormat>yaml</returnFormat>"), "returnFormat")
    assert "not 'yaml'" in description2(problem)
    assert flag(call("<options><caseinsensitive> True </caseinsensitive></options>"), "options/caseinsensitive")
    assert not flag(call("<options><caseinsensitive>yes</caseinsensitive></options>"), "options/caseinsensitive")
    assert keys(call("<keys> 1, ,2 ,3,</keys>", "read")) == ["1", "2", "3"]
