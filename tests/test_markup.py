"""The markup writer and the envelope renderer without HTTP: the indented form is what lxml's
etree.indent + tostring gave (the compatibility claim of writing it directly), and flat and indented
carry the same document."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from mockserver.gateway import render
from mockserver.gateway.errors import ErrorDetail, IntacctError
from mockserver.gateway.markup import Markup, escape, markup, rewrite


def lxml_indented(flat: bytes) -> bytes:
    """What render.finish did before: parse the flat document, indent it, keep empty elements open."""
    tree = etree.fromstring(flat)
    etree.indent(tree, space="    ")
    for leaf in tree.iter():
        if leaf.text is None and len(leaf) == 0:
            leaf.text = ""
    return etree.tostring(tree, encoding="utf-8")


def infoset(document: bytes) -> bytes:
    """The document without whitespace-only text, in canonical form."""
    parser = etree.XMLParser(remove_blank_text=True)
    return etree.tostring(etree.fromstring(document, parser), method="c14n")


# A tree as (tag, attributes, text or children), written by the writer at any depth.
TAGS = st.sampled_from(["data", "vendor", "VENDORID", "DISPLAYCONTACT", "EMAIL1", "a", "B-2", "x.y"])
# No ' or ": lxml re-serialised those as themselves, the writer as &#039; / &quot; (one escaping for both).
TEXT = st.text(st.characters(codec="utf-8", exclude_characters="'\"\r", exclude_categories=("Cs", "Cc")), max_size=12)
ATTRS = st.dictionaries(st.sampled_from(["listtype", "count", "resultId"]), TEXT, max_size=2)
TREES = st.recursive(
    st.tuples(TAGS, ATTRS, TEXT),
    lambda children: st.tuples(TAGS, ATTRS, st.lists(children, min_size=1, max_size=4)),
    max_leaves=20,
)


def write(tree, writer: Markup) -> str:
    tag, attrs, content = tree
    if isinstance(content, str):
        return writer.leaf(tag, content, attrs)
    return writer.parent(tag, [write(child, writer.inner) for child in content], attrs)


@settings(max_examples=100, deadline=None)
@given(TREES)
def test_indented_output_is_what_etree_indent_gives_for_any_tree(tree):
    flat = write(tree, markup(False)).encode()
    indented = write(tree, markup(True)).encode()
    assert indented == lxml_indented(flat)
    assert infoset(indented) == infoset(flat)


def sample_operations() -> list[render.Operation]:
    rows = markup(False, render.PAYLOAD_DEPTH + 1)
    payload = markup(False, render.PAYLOAD_DEPTH).parent(
        "data",
        [
            rows.parent(
                "vendor",
                [
                    rows.inner.leaf("RECORDNO", 1),
                    rows.inner.leaf("NAME", "Acme & Sons <east>"),
                    rows.inner.leaf("EMPTY"),
                    rows.inner.parent("DISPLAYCONTACT", [rows.inner.inner.leaf("EMAIL1", "a@example.com")]),
                ],
            )
        ],
        {"listtype": "vendor", "count": 1, "resultId": "7765623330abc"},
    )
    auth = render.Authentication(
        "success", "workato_isu", "MOCKCO", "", "2026-12-01T07:00:00+00:00", "2026-12-01T08:00:00+00:00"
    )
    failed = render.Result(
        "readByQuery", "f-2", status="failure", errors=[ErrorDetail("BL01001973", "Bad", None, "Fix it")]
    )
    return [
        render.Operation(auth, [render.Result("readByQuery", "f-1", payload=payload), failed]),
        render.Operation(
            render.Authentication("failure", "nobody", "MOCKCO"),
            failure=IntacctError([ErrorDetail("XL03000006", "Sign-in information is incorrect", "", "")]),
        ),
    ]


ECHO = {"senderid": "mocksender", "controlid": "req-1", "uniqueid": "false", "dtdversion": "3.0"}


def test_indented_envelope_is_byte_for_byte_what_etree_indent_gave():
    flat = render.response(ECHO, sample_operations(), pretty=False)
    indented = render.response(ECHO, sample_operations(), pretty=True)
    assert flat.startswith(render.PROLOG) and indented.startswith(render.PROLOG)
    assert indented == render.PROLOG + lxml_indented(flat[len(render.PROLOG) :])
    assert infoset(indented) == infoset(flat)
    assert b'\n            <data listtype="vendor"' in indented  # the payload at its depth
    assert b"<EMPTY></EMPTY>" in indented and b"<locationid></locationid>" in indented


def test_control_failure_is_indented_the_same_way():
    failure = IntacctError([ErrorDetail("XL03000006", "", "Incorrect Intacct XML Partner ID or password.", "")])
    flat = render.control_failure(ECHO, failure, pretty=False)
    indented = render.control_failure(ECHO, failure, pretty=True)
    assert indented == render.PROLOG + lxml_indented(flat[len(render.PROLOG) :])


def test_quotes_are_escaped_as_the_gateway_does_in_both_forms():
    for pretty in (False, True):
        written = markup(pretty, 1).leaf("description", 'it\'s "quoted"', {"note": "'"})
        assert "it&#039;s &quot;quoted&quot;" in written and 'note="&#039;"' in written
    assert escape("a&b<c>") == "a&amp;b&lt;c&gt;"


def test_a_payload_written_in_the_other_form_is_rewritten_at_its_depth():
    """Handlers that return flat text (and replays of answers first given in the other form) come
    out exactly as if they had been written in the form the request asked for."""
    [operation, _] = sample_operations()
    flat_payload = operation.results[0].payload
    indented_payload = rewrite(flat_payload, render.payload_markup(True))
    assert indented_payload.startswith("\n            <data")
    assert rewrite(indented_payload, render.payload_markup(False)) == flat_payload
    given_flat = render.response(ECHO, [operation], pretty=True), render.response(ECHO, [operation], pretty=False)
    operation.results[0].payload = indented_payload
    given_indented = render.response(ECHO, [operation], pretty=True), render.response(ECHO, [operation], pretty=False)
    assert given_flat == given_indented


def test_empty_parent_is_written_open_and_closed():
    for pretty in (False, True):
        assert markup(pretty, 2).parent("data", []).endswith("<data></data>")
