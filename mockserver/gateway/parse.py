"""Turn an HTTP body into an lxml tree, refusing anything hostile.

The parser never expands entities, never loads a DTD or any external resource, and keeps libxml2's
default depth and size limits (no XML_PARSE_HUGE). A document that declares a DOCTYPE is refused:
the gateway has no use for one and it is the carrier of every entity attack.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qs

from lxml import etree

from mockserver.gateway import errors


def hardened_parser(recover: bool = False) -> etree.XMLParser:
    """No entity expansion, no network, no DTD loading, libxml2's size limits kept."""
    return etree.XMLParser(
        recover=recover,
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_blank_text=True,
    )


_LEVELS = {"FATAL": "Fatal Error", "ERROR": "Error", "WARNING": "Warning"}

# Characters XML 1.0 cannot carry; recovery mode keeps some (&#x1;), and an echo of them would make
# the answer itself unparseable. Spelled as the characters themselves: the same set as
# [^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff], which takes ten times as long to compile (cold start).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_from_body(body: bytes, content_type: str) -> bytes:
    """The XML document of a request: the raw body, or the `xmlrequest` form field browsers send."""
    stripped = body.lstrip()
    if content_type == "application/x-www-form-urlencoded" and not stripped.startswith(b"<"):
        fields = parse_qs(body.decode("utf-8", errors="replace"), keep_blank_values=True)
        return fields.get("xmlrequest", [""])[0].encode("utf-8")
    return body


def describe(entry) -> str:
    """One libxml2 message in the gateway's wording: 'Fatal Error 76: ... Line: 19, column: 18.'"""
    message = entry.message.strip().rstrip(".")
    return (
        f"XML Parse schema error: {_LEVELS.get(entry.level_name, 'Error')} {entry.type}: {message}. "
        f"Line: {entry.line}, column: {entry.column}."
    )


def parse_request(document: bytes) -> etree._Element:
    """Parse or raise XL03000003 carrying every parser message."""
    if not document.strip():
        raise errors.no_xml_in_request()
    parser = hardened_parser()
    try:
        root = etree.fromstring(document, parser)
    except etree.XMLSyntaxError as failure:
        messages = [describe(e) for e in parser.error_log] or [f"XML Parse schema error: Fatal Error: {failure.msg}."]
        raise errors.xml_parse_error(messages) from None
    except ValueError as failure:  # e.g. a str with an encoding declaration; never from bytes
        raise errors.xml_parse_error([f"XML Parse schema error: Fatal Error: {failure}."]) from None
    if root.getroottree().docinfo.doctype:
        raise errors.xml_parse_error(
            ["XML Parse schema error: Fatal Error: DOCTYPE declarations are not allowed. Line: 1, column: 1."]
        )
    return root


def salvage_control(document: bytes) -> dict[str, str]:
    """Best-effort control values from a document that failed to parse, so the failure can echo them
    as the gateway does. Uses libxml2's recovery mode with the same hardening."""
    parser = hardened_parser(recover=True)
    try:
        root = etree.fromstring(document, parser)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    if root is None or root.getroottree().docinfo.doctype:
        return {}
    control = root.find("control")
    if control is None:
        return {}
    echo = {}
    for child in control:
        try:
            if isinstance(child.tag, str):
                echo[child.tag] = _NOT_XML.sub("", child.text or "")
        except UnicodeDecodeError:  # recovery keeps bytes lxml cannot decode (&#xD800;, bad UTF-8)
            continue
    return echo
