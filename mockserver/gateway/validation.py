"""Validate a parsed request against schemas/request.xsd (compiled once, lxml/libxml2)."""

from __future__ import annotations

from functools import cache
from importlib import resources

from lxml import etree

from mockserver.gateway import errors
from mockserver.gateway.parse import describe


@cache
def request_schema() -> etree.XMLSchema:
    # Read from the installed data package (see pyproject.toml), not from a path next to the checkout.
    with resources.files("mockserver.schemas").joinpath("request.xsd").open("rb") as source:
        return etree.XMLSchema(etree.parse(source))


def validate_request(root: etree._Element) -> None:
    """Raise XL03000003 with one error per validator message, in the gateway's wording."""
    schema = request_schema()
    if not schema.validate(root):
        raise errors.xml_parse_error([describe(entry) for entry in schema.error_log])
