"""A small markup writer: elements written flat, or indented four spaces per level, in one pass.

The indented form is byte for byte what `etree.indent(tree, space="    ")` and `etree.tostring` give for
the flat form (with empty elements kept as <tag></tag>, the way the gateway writes them): every element
starts on its own line at its depth, a leaf keeps its text on that line, and a parent's closing tag goes
on a line of its own. Writing it directly spares parsing and re-serialising each response.

An element is written bottom up: its children are written first, with `markup.inner`, and joined into
it. Indented, each written element begins with its line break and indentation, so joining children is
plain string concatenation at every depth; the document root (depth 0) has no line break before it.

Escaping is PHP's htmlspecialchars(ENT_QUOTES), as the gateway writes: ' is &#039; (see the
authorization error), in text and attributes alike.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from lxml import etree

SPACE = "    "
MAX_DEPTH = 32


def escape(text: object) -> str:
    # Five replace() calls, & first: each is a C scan of the text, where translate() with a dict looks
    # every character up (about four times as slow for the short values of a record). Same result.
    return (
        str(text)
        .replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&quot;")
        .replace("'", "&#039;")
    )


def attributes(attrs: Mapping[str, object] | None) -> str:
    """name="value" pairs in the order given, every value escaped."""
    if not attrs:
        return ""
    return "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())


class Markup:
    """Writes elements at one depth, flat or indented; `inner` writes their children."""

    __slots__ = ("_inner", "depth", "end_pad", "pad", "pretty")

    def __init__(self, pretty: bool, depth: int) -> None:
        self.pretty, self.depth = pretty, depth
        line = "\n" + SPACE * depth if pretty else ""
        self.pad = line if depth else ""  # what starts each element (the root starts the document)
        self.end_pad = line  # what starts a parent's closing tag
        self._inner: Markup | None = None

    @property
    def inner(self) -> Markup:
        if self._inner is None:
            self._inner = markup(self.pretty, self.depth + 1)
        return self._inner

    def leaf(self, tag: str, text: object | None = None, attrs: Mapping[str, object] | None = None) -> str:
        """<tag>text</tag> on one line; no text (None or "") is <tag></tag>, never <tag/>."""
        value = "" if text is None else escape(text)
        return f"{self.pad}<{tag}{attributes(attrs)}>{value}</{tag}>"

    def parent(self, tag: str, children: Iterable[str] | str, attrs: Mapping[str, object] | None = None) -> str:
        """<tag> around children already written with `self.inner`; none at all is <tag></tag>."""
        # One join: the children (a page of records is most of an answer) are copied once.
        return "".join(self.pieces(tag, children, attrs))

    def pieces(self, tag: str, children: Iterable[str] | str, attrs: Mapping[str, object] | None = None) -> list[str]:
        """`parent` not yet joined: the envelope around a page joins its levels once, at the end."""
        parts = [children] if isinstance(children, str) else list(children)
        start = f"{self.pad}<{tag}{attributes(attrs)}>"
        if not any(parts):
            return [f"{start}</{tag}>"]
        return [start, *parts, f"{self.end_pad}</{tag}>"]

    def opening(self, tag: str, attrs: Mapping[str, object] | None = None) -> str:
        """The start of a parent written in pieces (the record renderer's segments): children follow,
        then `closing(tag)`. Only for parents known to have children."""
        return f"{self.pad}<{tag}{attributes(attrs)}>"

    def closing(self, tag: str) -> str:
        return f"{self.end_pad}</{tag}>"


_WRITERS = {(pretty, depth): Markup(pretty, depth) for pretty in (False, True) for depth in range(MAX_DEPTH)}


def markup(pretty: bool, depth: int = 0) -> Markup:
    """The writer for one depth (shared: writers hold no state but their depth)."""
    found = _WRITERS.get((pretty, depth))
    return found if found is not None else Markup(pretty, depth)


def write_tree(node: etree._Element, writer: Markup) -> str:
    """An lxml element (no mixed content) written the same way: for text that arrives as markup."""
    children = [child for child in node if isinstance(child.tag, str)]
    attrs = dict(node.attrib)
    tag = str(node.tag)
    if not children:
        return writer.leaf(tag, node.text, attrs)
    inner = writer.inner
    return writer.parent(tag, [write_tree(child, inner) for child in children], attrs)


def rewrite(fragment: str, writer: Markup) -> str:
    """Markup written in the other form (a sequence of sibling elements, flat or indented), written
    again at `writer`'s depth and form. This parses: it is for answers that were written without
    knowing the form (a handler returning flat text, an answer replayed in the other form)."""
    if not fragment.strip():
        return ""
    wrapper = etree.fromstring(f"<fragment>{fragment}</fragment>".encode())
    return "".join(write_tree(child, writer) for child in wrapper if isinstance(child.tag, str))


def is_indented(fragment: str) -> bool:
    """Whether a payload was written indented (below the root every indented element starts a line)."""
    return fragment.startswith("\n")
