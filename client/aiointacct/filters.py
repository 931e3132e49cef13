"""The `query` function's filter, select and orderby parts.

    and_(eq("STATUS", "active"), or_(gt("CREDITLIMIT", 1000), isnull("TERMNAME")))

builds

    <and><equalto><field>STATUS</field><value>active</value></equalto>
         <or><greaterthan>...</greaterthan><isnull><field>TERMNAME</field></isnull></or></and>

Values are written like record values (see records.text_of): dates as MM/DD/YYYY, bools as
true/false. `query` filters compare display values (STATUS equalto active), unlike readByQuery's
query strings (STATUS = 'T').
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from lxml import etree

from .records import text_of

MAX_IN_VALUES = 1000


@dataclass(frozen=True)
class Condition:
    """A comparison: operator element, field, and zero, one, two (between) or many (in) values."""

    operator: str
    field: str
    values: tuple[str, ...] = ()

    def element(self) -> etree._Element:
        node = etree.Element(self.operator)
        etree.SubElement(node, "field").text = self.field
        for value in self.values:
            etree.SubElement(node, "value").text = value
        return node


@dataclass(frozen=True)
class Logical:
    """and / or over two or more conditions."""

    operator: str
    conditions: tuple[Filter, ...]

    def element(self) -> etree._Element:
        node = etree.Element(self.operator)
        for condition in self.conditions:
            node.append(condition.element())
        return node


Filter = Condition | Logical


def _compare(operator: str) -> Callable[[str, Any], Condition]:
    def build(field: str, value: Any) -> Condition:
        return Condition(operator, field, (text_of(value),))

    build.__name__ = operator
    build.__doc__ = f"<{operator}><field/><value/></{operator}>"
    return build


eq = _compare("equalto")
ne = _compare("notequalto")
lt = _compare("lessthan")
le = _compare("lessthanorequalto")
gt = _compare("greaterthan")
ge = _compare("greaterthanorequalto")
like = _compare("like")
notlike = _compare("notlike")


def _values(operator: str, field: str, values: Iterable[Any]) -> Condition:
    written = tuple(text_of(v) for v in values)
    if not 1 <= len(written) <= MAX_IN_VALUES:
        raise ValueError(f"{operator} takes 1 to {MAX_IN_VALUES} values, not {len(written)}")
    return Condition(operator, field, written)


def in_(field: str, values: Iterable[Any]) -> Condition:
    return _values("in", field, values)


def notin(field: str, values: Iterable[Any]) -> Condition:
    return _values("notin", field, values)


def between(field: str, low: Any, high: Any) -> Condition:
    return Condition("between", field, (text_of(low), text_of(high)))


def isnull(field: str) -> Condition:
    return Condition("isnull", field)


def isnotnull(field: str) -> Condition:
    return Condition("isnotnull", field)


def _logical(operator: str, conditions: Sequence[Filter]) -> Logical:
    if len(conditions) < 2:
        raise ValueError(f"{operator} needs at least two conditions")
    return Logical(operator, tuple(conditions))


def and_(*conditions: Filter) -> Logical:
    return _logical("and", conditions)


def or_(*conditions: Filter) -> Logical:
    return _logical("or", conditions)


# --- select and orderby -----------------------------------------------------------------------------

AGGREGATES = ("count", "sum", "avg", "min", "max")


@dataclass(frozen=True)
class Aggregate:
    """An aggregate in <select>: count("RECORDNO") -> <count>RECORDNO</count>, answered as COUNT.RECORDNO."""

    function: str
    field: str

    def __post_init__(self) -> None:
        if self.function not in AGGREGATES:
            raise ValueError(f"aggregate must be one of {', '.join(AGGREGATES)}")


def count(field: str) -> Aggregate:
    return Aggregate("count", field)


def sum_(field: str) -> Aggregate:
    return Aggregate("sum", field)


def avg(field: str) -> Aggregate:
    return Aggregate("avg", field)


def min_(field: str) -> Aggregate:
    return Aggregate("min", field)


def max_(field: str) -> Aggregate:
    return Aggregate("max", field)


Selection = str | Aggregate
# "FIELD" (ascending), "-FIELD" (descending), or ("FIELD", "asc" | "desc"); orderby takes one or a list
Order = str | tuple[str, str]


def select_element(select: Sequence[Selection] | Selection) -> etree._Element:
    items = [select] if isinstance(select, (str, Aggregate)) else list(select)
    if not items:
        raise ValueError("select needs at least one field or aggregate")
    node = etree.Element("select")
    for item in items:
        if isinstance(item, Aggregate):
            etree.SubElement(node, item.function).text = item.field
        else:
            etree.SubElement(node, "field").text = item
    return node


def orderby_element(orderby: Sequence[Order] | Order) -> etree._Element:
    items = [orderby] if isinstance(orderby, (str, tuple)) else list(orderby)
    node = etree.Element("orderby")
    for item in items:
        if isinstance(item, tuple):
            field, direction = item
            descending = direction.lower() in ("desc", "descending")
            if not descending and direction.lower() not in ("asc", "ascending"):
                raise ValueError(f"order direction must be asc or desc, not {direction!r}")
        else:
            descending, field = item.startswith("-"), item.lstrip("-")
        order = etree.SubElement(node, "order")
        etree.SubElement(order, "field").text = field
        etree.SubElement(order, "descending" if descending else "ascending")
    return node


def filter_element(condition: Filter | Sequence[Filter]) -> etree._Element:
    """<filter> around one condition; a list of conditions is and-ed."""
    if isinstance(condition, (Condition, Logical)):
        single = condition
    else:
        items = list(condition)
        single = items[0] if len(items) == 1 else and_(*items)
    node = etree.Element("filter")
    node.append(single.element())
    return node
