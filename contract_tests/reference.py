"""Record filters as one tree, a reference evaluation of it, and its two wire forms.

The reference follows SQL's three-valued logic, as Intacct's database does: an empty value is NULL,
every comparison with NULL is unknown (negated or not), NOT unknown is unknown, AND/OR are Kleene's,
and only `isnull` finds an empty value. LIKE takes % (any run) and _ (one character). Text compares
case-sensitively unless the query asks for caseinsensitive.

The same tree is written as a readByQuery string (`NOT (A = 'x') AND B IS NULL`) and as a `query`
<filter>; query has no NOT, so negations are pushed down to the comparisons first (De Morgan and
operator duals hold in three-valued logic too).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from aiointacct import filters as f
from hypothesis import strategies as st

from .objects import FieldDescription

COMPARISONS = ("eq", "ne", "lt", "le", "gt", "ge")
ORDERED = ("lt", "le", "gt", "ge", "between")


@dataclass(frozen=True)
class Compare:
    operator: str  # eq ne lt le gt ge like notlike in notin between isnull isnotnull
    field: FieldDescription
    values: tuple[str, ...] = ()

    def __str__(self) -> str:
        return f"{self.field.name} {self.operator} {list(self.values)}"


@dataclass(frozen=True)
class Junction:
    operator: str  # and | or
    children: tuple


@dataclass(frozen=True)
class Not:
    child: Any


Node = Compare | Junction | Not


# --- reference evaluation ------------------------------------------------------------------------


def typed(field: FieldDescription, text: str | None, case_insensitive: bool):
    """A value as the database compares it; None for NULL (an empty answer)."""
    if text is None or text == "":
        return None
    kind = field.datatype
    if kind in ("DECIMAL", "INTEGER"):
        return Decimal(text)
    if kind == "DATE":
        return datetime.strptime(text, "%m/%d/%Y").date()
    if kind == "TIMESTAMP":
        return datetime.strptime(text, "%m/%d/%Y %H:%M:%S")
    if case_insensitive and kind in ("TEXT", "ENUM"):
        return text.lower()
    return text


def like(value: str, pattern: str) -> bool:
    regex = "".join(".*" if c == "%" else "." if c == "_" else re.escape(c) for c in pattern)
    return re.fullmatch(regex, value, re.S) is not None


def evaluate(node: Node, record: Mapping[str, str], case_insensitive: bool = False) -> bool | None:
    """True, False or None (unknown) for one record (field name -> answered text)."""
    if isinstance(node, Not):
        inner = evaluate(node.child, record, case_insensitive)
        return None if inner is None else not inner
    if isinstance(node, Junction):
        results = [evaluate(child, record, case_insensitive) for child in node.children]
        if node.operator == "and":
            return False if False in results else (None if None in results else True)
        return True if True in results else (None if None in results else False)
    field, operator = node.field, node.operator
    value = typed(field, record.get(field.name), case_insensitive)
    if operator == "isnull":
        return value is None
    if operator == "isnotnull":
        return value is not None
    if value is None:
        return None
    if operator in ("like", "notlike"):
        pattern = node.values[0].lower() if case_insensitive else node.values[0]
        return like(value, pattern) == (operator == "like")
    operands = [typed(field, v, case_insensitive) for v in node.values]
    if operator == "in":
        return value in operands
    if operator == "notin":
        return value not in operands
    if operator == "between":
        return operands[0] <= value <= operands[1]
    other = operands[0]
    return {
        "eq": value == other,
        "ne": value != other,
        "lt": value < other,
        "le": value <= other,
        "gt": value > other,
        "ge": value >= other,
    }[operator]


# --- negation pushed down (query has no NOT) -----------------------------------------------------

DUAL = {
    "eq": "ne",
    "ne": "eq",
    "lt": "ge",
    "ge": "lt",
    "le": "gt",
    "gt": "le",
    "like": "notlike",
    "notlike": "like",
    "in": "notin",
    "notin": "in",
    "isnull": "isnotnull",
    "isnotnull": "isnull",
}


def push_not(node: Node, negate: bool = False) -> Node:
    if isinstance(node, Not):
        return push_not(node.child, not negate)
    if isinstance(node, Junction):
        operator = ({"and": "or", "or": "and"}[node.operator]) if negate else node.operator
        return Junction(operator, tuple(push_not(child, negate) for child in node.children))
    if not negate:
        return node
    if node.operator == "between":
        low, high = node.values
        return Junction("or", (Compare("lt", node.field, (low,)), Compare("gt", node.field, (high,))))
    return Compare(DUAL[node.operator], node.field, node.values)


# --- wire forms ----------------------------------------------------------------------------------

QUERY_FILTERS = {
    "eq": f.eq,
    "ne": f.ne,
    "lt": f.lt,
    "le": f.le,
    "gt": f.gt,
    "ge": f.ge,
    "like": f.like,
    "notlike": f.notlike,
}


def query_filter(node: Node) -> f.Filter:
    """The `query` function's <filter> for the tree."""
    node = push_not(node)
    return _query_filter(node)


def _query_filter(node: Node) -> f.Filter:
    if isinstance(node, Junction):
        children = [_query_filter(child) for child in node.children]
        return f.and_(*children) if node.operator == "and" else f.or_(*children)
    name, values = node.field.name, node.values
    if node.operator in QUERY_FILTERS:
        return QUERY_FILTERS[node.operator](name, values[0])
    if node.operator == "in":
        return f.in_(name, values)
    if node.operator == "notin":
        return f.notin(name, values)
    if node.operator == "between":
        return f.between(name, *values)
    return f.isnull(name) if node.operator == "isnull" else f.isnotnull(name)


def quoted(value: str) -> str:
    return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'"


def query_string(node: Node) -> str:
    """The readByQuery query string for the tree."""
    if isinstance(node, Not):
        return f"NOT ({query_string(node.child)})"
    if isinstance(node, Junction):
        return "(" + f" {node.operator.upper()} ".join(query_string(c) for c in node.children) + ")"
    name, operator, values = node.field.name, node.operator, node.values
    if operator == "ne":
        return f"NOT ({name} = {quoted(values[0])})"
    if operator in ("eq", "lt", "le", "gt", "ge"):
        symbol = {"eq": "=", "lt": "<", "le": "<=", "gt": ">", "ge": ">="}[operator]
        return f"{name} {symbol} {quoted(values[0])}"
    if operator in ("like", "notlike"):
        return f"{name} {'NOT ' if operator == 'notlike' else ''}LIKE {quoted(values[0])}"
    if operator in ("in", "notin"):
        listed = ", ".join(quoted(v) for v in values)
        return f"{name} {'NOT ' if operator == 'notin' else ''}IN ({listed})"
    if operator == "between":
        return f"({name} >= {quoted(values[0])} AND {name} <= {quoted(values[1])})"
    return f"{name} IS {'NOT ' if operator == 'isnotnull' else ''}NULL"


# --- strategies ----------------------------------------------------------------------------------

# Small pools, so that comparisons hit: values and LIKE patterns per DATATYPE. Text has upper and
# lower case, accented letters (case folding is not only ASCII's) and numbers that sort differently
# as text; dates straddle a year end so that a string comparison of MM/DD/YYYY gives the wrong order.
POOLS = {
    "TEXT": ("a", "A", "b", "ab", "Ab", "a b", "b%", "10", "9", "é", "É"),
    "DECIMAL": ("-5", "0", "1.5", "1.50", "100", "250.25", "99.99"),
    "INTEGER": ("-3", "0", "7", "42", "100"),
    "DATE": ("12/31/2023", "01/15/2024", "02/29/2024", "03/01/2025", "11/30/2024"),
    "BOOLEAN": ("true", "false"),
}
PATTERNS = ("a%", "A%", "%b", "_", "a_", "%a%", "%", "_b%", "%B%", "1%", "b_", "é%")


def value_pool(field: FieldDescription) -> tuple[str, ...]:
    if field.datatype == "ENUM" and field.valid_values:
        return field.valid_values
    pool = POOLS.get(field.datatype, POOLS["TEXT"])
    if field.max_length:
        pool = tuple(v for v in pool if len(v) <= field.max_length)
    return pool


def filterable(field: FieldDescription, for_read_by_query: bool) -> bool:
    """Fields the filter test writes and compares: writable, optional, not nested, not references.
    readByQuery writes enums and booleans as database codes (STATUS = 'T'), so it gets only text,
    numbers and dates; query compares display values and gets enums and booleans too."""
    if field.readonly or field.required or field.references or field.nested:
        return False
    kinds = ("TEXT", "DECIMAL", "INTEGER", "DATE") + (() if for_read_by_query else ("ENUM", "BOOLEAN"))
    return field.datatype in kinds and bool(value_pool(field))


def comparison(field: FieldDescription) -> st.SearchStrategy[Compare]:
    pool = st.sampled_from(value_pool(field))
    kinds = ["eq", "ne", "in", "notin", "isnull", "isnotnull"]
    # Enums and booleans are stored as codes (STATUS 'T'/'F'), so only equality is portable for them.
    if field.datatype not in ("BOOLEAN", "ENUM"):
        kinds += ["lt", "le", "gt", "ge", "between"]
    if field.datatype == "TEXT":
        kinds += ["like", "notlike"]

    def build(operator: str) -> st.SearchStrategy[Compare]:
        if operator in ("isnull", "isnotnull"):
            return st.just(Compare(operator, field))
        if operator in ("like", "notlike"):
            patterns = st.sampled_from(PATTERNS + value_pool(field))
            return patterns.map(lambda p: Compare(operator, field, (p,)))
        if operator in ("in", "notin"):
            return st.lists(pool, min_size=1, max_size=3, unique=True).map(
                lambda vs: Compare(operator, field, tuple(vs))
            )
        if operator == "between":
            return st.tuples(pool, pool).map(lambda lh: Compare(operator, field, lh))
        return pool.map(lambda v: Compare(operator, field, (v,)))

    return st.sampled_from(kinds).flatmap(build)


def filter_trees(fields: list[FieldDescription], with_not: bool = True) -> st.SearchStrategy[Node]:
    leaves = st.sampled_from(fields).flatmap(comparison)

    def extend(children: st.SearchStrategy[Node]) -> st.SearchStrategy[Node]:
        junction = st.builds(
            Junction, st.sampled_from(["and", "or"]), st.lists(children, min_size=2, max_size=3).map(tuple)
        )
        return st.one_of(junction, children.map(Not)) if with_not else junction

    return st.recursive(leaves, extend, max_leaves=5)
