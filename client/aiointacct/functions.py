"""Function builders: one `Function` per <function> element of a request.

Each builder returns a Function whose controlid is a fresh uuid4 unless one is given; give your own
(a GUID you store) when you send writes with uniqueid=True, so a retry cannot run them twice and you
can reconcile after a failure.
"""

from __future__ import annotations

import copy
import uuid
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from lxml import etree

from .filters import Filter, Order, Selection, filter_element, orderby_element, select_element
from .records import ObjectLike, object_element, objects_of, tag_name

# Functions that change nothing: a request made only of these may be sent again after a failure.
READ_ONLY = frozenset({"read", "readByName", "readByQuery", "readMore", "query", "inspect", "lookup", "getAPISession"})


@dataclass
class Function:
    """A function's element (<read>...</read>) and its controlid."""

    body: etree._Element = field(repr=False)
    controlid: str = ""
    explicit_controlid: bool = False

    def __post_init__(self) -> None:
        if self.controlid:
            self.explicit_controlid = True
        else:
            self.controlid = str(uuid.uuid4())
        if not 1 <= len(self.controlid) <= 256:
            raise ValueError("a function controlid has 1 to 256 characters")

    @property
    def name(self) -> str:
        return tag_name(self.body)

    @property
    def read_only(self) -> bool:
        return self.name in READ_ONLY

    def element(self) -> etree._Element:
        """<function controlid="...">body</function> (a copy: the same Function can be sent again)."""
        node = etree.Element("function", controlid=self.controlid)
        node.append(copy.deepcopy(self.body))
        return node

    def __repr__(self) -> str:
        return f"Function({self.name!r}, controlid={self.controlid!r})"


def _element(name: str, *children: tuple[str, Any], **attributes: str) -> etree._Element:
    node = etree.Element(name, attrib=attributes)
    for tag, value in children:
        if value is not None:
            etree.SubElement(node, tag).text = str(value)
    return node


def _join(values: str | int | Iterable[str | int] | None, default: str = "") -> str:
    """Keys and field lists: "1,2,3" from a str, an int or a list."""
    if values is None:
        return default
    if isinstance(values, (str, int)):
        return str(values)
    return ",".join(str(v) for v in values) or default


def _pagesize(pagesize: int | None, maximum: int) -> int | None:
    if pagesize is not None and not 1 <= pagesize <= maximum:
        raise ValueError(f"pagesize must be between 1 and {maximum}")
    return pagesize


def create(objects: ObjectLike | Iterable[ObjectLike], controlid: str | None = None) -> Function:
    """<create> with one or more objects (Record or (name, dict)), of one or several types."""
    node = etree.Element("create")
    for obj in objects_of(objects):
        node.append(object_element(obj))
    return Function(node, controlid or "")


def update(objects: ObjectLike | Iterable[ObjectLike], controlid: str | None = None) -> Function:
    """<update>; each object names its record by RECORDNO or its ID field."""
    node = etree.Element("update")
    for obj in objects_of(objects):
        node.append(object_element(obj))
    return Function(node, controlid or "")


def delete(object: str, keys: str | int | Iterable[str | int], controlid: str | None = None) -> Function:
    """<delete> of records by RECORDNO (a comma list)."""
    return Function(_element("delete", ("object", object), ("keys", _join(keys))), controlid or "")


def read(
    object: str,
    keys: str | int | Iterable[str | int] = (),
    fields: str | Sequence[str] = "*",
    docparid: str | None = None,
    controlid: str | None = None,
) -> Function:
    """<read> by RECORDNO; no keys reads the first records the gateway returns."""
    return Function(
        _element(
            "read",
            ("object", object),
            ("keys", _join(keys)),
            ("fields", _join(fields, "*")),
            ("returnFormat", "xml"),
            ("docparid", docparid),
        ),
        controlid or "",
    )


def read_by_name(
    object: str,
    keys: str | Iterable[str],
    fields: str | Sequence[str] = "*",
    docparid: str | None = None,
    controlid: str | None = None,
) -> Function:
    """<readByName> by the object's ID field (VENDORID, CUSTOMERID...)."""
    return Function(
        _element(
            "readByName",
            ("object", object),
            ("keys", _join(keys)),
            ("fields", _join(fields, "*")),
            ("returnFormat", "xml"),
            ("docparid", docparid),
        ),
        controlid or "",
    )


def read_by_query(
    object: str,
    query: str = "",
    fields: str | Sequence[str] = "*",
    pagesize: int | None = 1000,
    docparid: str | None = None,
    controlid: str | None = None,
) -> Function:
    """<readByQuery> with a query string (STATUS = 'T' AND NAME LIKE 'A%'); "" means every record.
    pagesize 1..1000 (the gateway's default when None is 100)."""
    return Function(
        _element(
            "readByQuery",
            ("object", object),
            ("query", query),
            ("fields", _join(fields, "*")),
            ("pagesize", _pagesize(pagesize, 1000)),
            ("returnFormat", "xml"),
            ("docparid", docparid),
        ),
        controlid or "",
    )


def read_more(result_id: str, controlid: str | None = None) -> Function:
    """<readMore> of the next page of a readByQuery."""
    if not result_id:
        raise ValueError("readMore needs a resultId")
    return Function(_element("readMore", ("resultId", result_id)), controlid or "")


def query(
    object: str,
    select: Sequence[Selection] | Selection,
    filter: Filter | Sequence[Filter] | None = None,
    orderby: Sequence[Order] | Order | None = None,
    pagesize: int | None = None,
    offset: int | None = None,
    case_insensitive: bool = False,
    show_private: bool = False,
    docparid: str | None = None,
    controlid: str | None = None,
) -> Function:
    """<query>: select fields (or aggregates: filters.count("RECORDNO")), an optional filter (a list is
    and-ed), orderby, pagesize 1..2000 (gateway default 100) and offset."""
    node = etree.Element("query")
    node.append(select_element(select))
    etree.SubElement(node, "object").text = object
    if docparid is not None:
        etree.SubElement(node, "docparid").text = docparid
    if filter is not None:
        node.append(filter_element(filter))
    if orderby:
        node.append(orderby_element(orderby))
    if case_insensitive or show_private:
        options = etree.SubElement(node, "options")
        if case_insensitive:
            etree.SubElement(options, "caseinsensitive").text = "true"
        if show_private:
            etree.SubElement(options, "showprivate").text = "true"
    if _pagesize(pagesize, 2000) is not None:
        etree.SubElement(node, "pagesize").text = str(pagesize)
    if offset is not None:
        if offset < 0:
            raise ValueError("offset must be 0 or more")
        etree.SubElement(node, "offset").text = str(offset)
    return Function(node, controlid or "")


def inspect(object: str = "*", detail: bool = False, controlid: str | None = None) -> Function:
    """<inspect>: the object's fields ("*" lists every object); detail=True adds their properties."""
    attributes = {"detail": "1"} if detail else {}
    return Function(_element("inspect", ("object", object), **attributes), controlid or "")


def lookup(object: str, docparid: str | None = None, controlid: str | None = None) -> Function:
    """<lookup>: the object's fields and relationships."""
    return Function(_element("lookup", ("object", object), ("docparid", docparid)), controlid or "")


def get_api_session(location_id: str | None = None, controlid: str | None = None) -> Function:
    """<getAPISession>, with <locationid> to open (or switch to) an entity session; "" = top level."""
    return Function(_element("getAPISession", ("locationid", location_id)), controlid or "")
