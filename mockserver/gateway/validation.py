"""Validate a parsed request against schemas/request.xsd (compiled once, lxml/libxml2)."""

from __future__ import annotations

from functools import cache

from lxml import etree

from mockserver.gateway import errors
from mockserver.gateway.parse import describe
from mockserver.settings import SCHEMAS


@cache
def request_schema_document() -> etree._ElementTree:
    # SCHEMAS is the installed data package mockserver.schemas (importlib.resources), not a path
    # next to the checkout: the wheel carries the schema.
    return etree.parse(str(SCHEMAS / "request.xsd"))


@cache
def request_schema() -> etree.XMLSchema:
    return etree.XMLSchema(request_schema_document())


def validate_request(root: etree._Element) -> None:
    """Raise XL03000003 with one error per validator message, in the gateway's wording."""
    schema = request_schema()
    if not schema.validate(root):
        raise errors.xml_parse_error([describe(entry) for entry in schema.error_log])
