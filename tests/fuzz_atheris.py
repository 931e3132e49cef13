"""Coverage-guided fuzzing (atheris, libFuzzer) of the request pipeline and the readByQuery query
language. Run by hand, not by pytest (atheris is not a test dependency):

    pip install atheris
    mkdir -p /tmp/fuzz-corpus && cp tests/hostile/*.xml /tmp/fuzz-corpus/   # libFuzzer writes into it
    FUZZ_TARGET=gateway python tests/fuzz_atheris.py /tmp/fuzz-corpus -max_total_time=300
    FUZZ_TARGET=query python tests/fuzz_atheris.py -max_total_time=300

gateway: bytes -> parse -> validate -> control -> every operation (authenticate, functions against
the default fixtures) -> render, and the rendered answer must be XML valid against response.xsd.
query: text -> parse_query_string -> compile_condition -> SQLite, for VENDOR and APBILL.
Anything but an IntacctError (the gateway's own error answer) is a crash, which libFuzzer saves as
crash-<sha1> in the working directory: replay it with `python tests/fuzz_atheris.py crash-<sha1>`.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import atheris

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

with atheris.instrument_imports(include=["mockserver"]):
    from mockserver.app import check_control
    from mockserver.gateway import render
    from mockserver.gateway.envelope import Request
    from mockserver.gateway.errors import IntacctError
    from mockserver.gateway.operation import run_operation
    from mockserver.gateway.parse import parse_request, salvage_control
    from mockserver.gateway.validation import validate_request
    from mockserver.objects import CATALOGUE
    from mockserver.objects.conditions import compile_condition, parse_query_string
    from mockserver.settings import SCHEMAS, Settings
    from mockserver.state import MockState

from lxml import etree

STATE = MockState(Settings())
STATE.load_fixtures()
RESPONSE_SCHEMA = etree.XMLSchema(etree.parse(str(SCHEMAS / "response.xsd")))
ENDPOINT = "http://127.0.0.1:8080/ia/xml/xmlgw.phtml"
RUNS = 0


def answer(document: bytes) -> bytes:
    """What app.gateway answers, without HTTP and without faults."""
    try:
        root = parse_request(document)
        validate_request(root)
        request = Request.read(root)
        check_control(request.control, STATE)
        operations = [run_operation(request, i, STATE, ENDPOINT) for i in range(len(request.operations))]
        return render.response(request.control.echo, operations, request.control.includewhitespace)
    except IntacctError as failure:
        echo = salvage_control(document) if failure.errorno == "XL03000003" else {}
        return render.control_failure(echo, failure, True)


def gateway(data: bytes) -> None:
    global RUNS
    RUNS += 1
    if RUNS % 5_000 == 0:  # writes accumulate: back to the fixtures now and then
        STATE.reset()
    body = answer(data)
    root = etree.fromstring(body)
    if not RESPONSE_SCHEMA.validate(root):
        raise AssertionError(f"answer breaks response.xsd: {RESPONSE_SCHEMA.error_log}")


def query(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    obj = CATALOGUE["APBILL" if provider.ConsumeBool() else "VENDOR"]
    text = provider.ConsumeUnicodeNoSurrogates(len(data))
    try:
        where, params = compile_condition(obj, parse_query_string(obj, text))
        STATE.store.recordnos("MOCKCO", obj, where, params, entities=("",))
    except IntacctError:
        pass


def main() -> None:
    target = {"gateway": gateway, "query": query}[os.environ.get("FUZZ_TARGET", "gateway")]
    atheris.Setup(sys.argv, target)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
