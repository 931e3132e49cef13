"""Record conditions: the readByQuery query string and the query function's <filter>, parsed into
one tree and compiled to SQL against an object's definition.

readByQuery: `VENDORID = 'V1' AND (STATUS = 'T' OR NOT NAME LIKE 'A%')`, with = != <> < > <= >=,
[NOT] LIKE, [NOT] IN (...), IS [NOT] NULL, AND, OR, NOT and parentheses; strings in single quotes
with \\' for a quote; comparisons are case-sensitive.
query: <filter><and><equalto><field/><value/></equalto>...</and></filter>, optionally
case-insensitive, and with dotted fields of related objects (VENDOR.CREDITLIMIT).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, Field, ObjectDef
from mockserver.objects.store import column, quote
from mockserver.objects.values import BadValue, to_storage

# --- the tree -----------------------------------------------------------------------------------


@dataclass
class Compare:
    field: str
    operator: str  # = != < > <= >= like notlike in notin isnull isnotnull between
    values: list[str]


@dataclass
class Logical:
    operator: str  # and | or | not
    children: list


# --- readByQuery strings ------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    \s*(?:
      (?P<string>'(?:\\.|[^'\\])*')
    | (?P<op><=|>=|!=|<>|=|<|>)
    | (?P<paren>[(),])
    | (?P<word>[A-Za-z_][A-Za-z0-9_.]*)
    | (?P<number>-?\d+(?:\.\d+)?)
    )""",
    re.X,
)

_KEYWORDS = {"AND", "OR", "NOT", "LIKE", "IN", "IS", "NULL"}

# Bounds that keep a hostile query a query error, not a crash (GUESS: Intacct publishes none).
MAX_NESTING = 100  # NOTs and parentheses: the parser recurses once per level
MAX_LOGICAL_DEPTH = 12  # nested AND/OR/NOT: SQLite's parser stack (100 entries) overflows near 16
CHAIN = 50  # terms of one flat AND/OR run in SQL (see balanced)
MAX_VALUES = 30_000  # bound values: SQLite refuses more than its variable limit (32766 by default)
MAX_LIKE_PATTERN = 50_000  # bytes: SQLite's LIKE pattern limit


def tokenize(text: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = _TOKEN.match(text, position)
        if not match or match.end() == position:
            raise SyntaxError(f"unexpected text at position {position + 1}: {text[position : position + 20]!r}")
        position = match.end()
        kind = match.lastgroup or ""
        value = match.group(kind)
        if kind == "string":
            value = re.sub(r"\\(.)", r"\1", value[1:-1])
        elif kind == "word" and value.upper() in _KEYWORDS:
            kind, value = "keyword", value.upper()
        tokens.append((kind, value))
    return tokens


class QueryParser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.position = 0
        self.depth = 0

    def peek(self, kind: str | None = None, value: str | None = None) -> bool:
        if self.position >= len(self.tokens):
            return False
        token_kind, token_value = self.tokens[self.position]
        return (kind is None or token_kind == kind) and (value is None or token_value == value)

    def take(self, kind: str, value: str | None = None) -> str:
        if not self.peek(kind, value):
            found = self.tokens[self.position][1] if self.position < len(self.tokens) else "end of query"
            raise SyntaxError(f"expected {value or kind} but found {found!r}")
        self.position += 1
        return self.tokens[self.position - 1][1]

    def parse(self):
        tree = self.disjunction()
        if self.position != len(self.tokens):
            raise SyntaxError(f"unexpected {self.tokens[self.position][1]!r}")
        return tree

    def disjunction(self):
        children = [self.conjunction()]
        while self.peek("keyword", "OR"):
            self.position += 1
            children.append(self.conjunction())
        return children[0] if len(children) == 1 else Logical("or", children)

    def conjunction(self):
        children = [self.negation()]
        while self.peek("keyword", "AND"):
            self.position += 1
            children.append(self.negation())
        return children[0] if len(children) == 1 else Logical("and", children)

    def negation(self):
        if self.peek("keyword", "NOT"):
            self.position += 1
            return Logical("not", [self.nested(self.negation)])
        if self.peek("paren", "("):
            self.position += 1
            inner = self.nested(self.disjunction)
            self.take("paren", ")")
            return inner
        return self.condition()

    def nested(self, parse):
        self.depth += 1
        try:
            if self.depth > MAX_NESTING:
                raise SyntaxError(f"the query nests NOT and parentheses more than {MAX_NESTING} levels deep")
            return parse()
        finally:
            self.depth -= 1

    def literal(self) -> str:
        if self.peek("string") or self.peek("number"):
            return self.take(self.tokens[self.position][0])
        raise SyntaxError("expected a quoted value")

    def condition(self) -> Compare:
        field = self.take("word").upper()
        if self.peek("op"):
            operator = self.take("op")
            return Compare(field, {"<>": "!="}.get(operator, operator), [self.literal()])
        negate = False
        if self.peek("keyword", "NOT"):
            self.position += 1
            negate = True
        if self.peek("keyword", "LIKE"):
            self.position += 1
            return Compare(field, "notlike" if negate else "like", [self.literal()])
        if self.peek("keyword", "IN"):
            self.position += 1
            self.take("paren", "(")
            values = [self.literal()]
            while self.peek("paren", ","):
                self.position += 1
                values.append(self.literal())
            self.take("paren", ")")
            return Compare(field, "notin" if negate else "in", values)
        if not negate and self.peek("keyword", "IS"):
            self.position += 1
            is_not = self.peek("keyword", "NOT")
            if is_not:
                self.position += 1
            self.take("keyword", "NULL")
            return Compare(field, "isnotnull" if is_not else "isnull", [])
        raise SyntaxError(f"expected an operator after {field}")


def parse_query_string(obj: ObjectDef, text: str):
    """The tree of a readByQuery query; None for an empty query (every record)."""
    if not text.strip():
        return None
    try:
        return QueryParser(text).parse()
    except SyntaxError as problem:
        raise errors.query_syntax(obj.name, str(problem)) from None


# --- query <filter> -----------------------------------------------------------------------------

_FILTER_OPERATORS = {
    "equalto": "=",
    "notequalto": "!=",
    "lessthan": "<",
    "lessthanorequalto": "<=",
    "greaterthan": ">",
    "greaterthanorequalto": ">=",
    "like": "like",
    "notlike": "notlike",
    "in": "in",
    "notin": "notin",
    "isnull": "isnull",
    "isnotnull": "isnotnull",
    "between": "between",
}


def parse_filter(node: etree._Element):
    """The tree of a query function's <filter> child (already checked by the request schema)."""
    tag = str(node.tag)
    if tag in ("and", "or"):
        return Logical(tag, [parse_filter(child) for child in node if isinstance(child.tag, str)])
    field = (node.findtext("field") or "").strip().upper()
    return Compare(field, _FILTER_OPERATORS[tag], [(v.text or "") for v in node.iterfind("value")])


# --- SQL ----------------------------------------------------------------------------------------

_SQL_OPERATORS = {"=": "=", "!=": "!=", "<": "<", ">": ">", "<=": "<=", ">=": ">="}


class Compiler:
    """Compiles a tree to a WHERE clause with parameters, checking fields and coercing values."""

    def __init__(self, obj: ObjectDef, *, case_insensitive: bool = False, related: bool = False) -> None:
        self.obj = obj
        self.case_insensitive = case_insensitive
        self.related = related  # query allows VENDOR.CREDITLIMIT; readByQuery does not
        self.params: list = []
        self.depth = 0

    def column(self, name: str) -> tuple[str, Field]:
        """SQL for a field: a column, or a subquery on a related object."""
        field = self.obj.field(name)
        if field is not None:
            return f"{quote(self.obj.name)}.{quote(column(self.obj, field.name))}", field
        prefix, _, rest = name.partition(".")
        relation = self.obj.relation(prefix) if self.related and rest else None
        target = CATALOGUE.get(relation.object) if relation else None
        target_field = target.field(rest) if target else None
        if relation is None or target is None or target_field is None:
            raise errors.invalid_field(self.obj.name, name)
        sql = (
            f"(SELECT r.{quote(rest)} FROM {quote(target.name)} r WHERE r._company = {quote(self.obj.name)}._company "
            f"AND r.{quote(target.id_field)} = {quote(self.obj.name)}.{quote(relation.local_field)})"
        )
        return sql, target_field

    def value(self, field: Field, raw: str):
        if field.name == "STATUS" and raw in ("T", "F"):  # readByQuery uses the database codes
            raw = "active" if raw == "T" else "inactive"
        try:
            value = to_storage(field, raw)
        except BadValue as problem:
            raise errors.query_syntax(self.obj.name, f"{field.name}: {problem}") from None
        return value

    def fold(self, sql: str, field: Field) -> str:
        return f"fold({sql})" if self.case_insensitive and field.type in ("text", "enum") else sql

    def param(self, field: Field, value) -> str:
        if self.case_insensitive and isinstance(value, str) and field.type in ("text", "enum"):
            value = value.lower()
        return self.bind(value)

    def bind(self, value) -> str:
        if len(self.params) >= MAX_VALUES:
            raise errors.query_syntax(self.obj.name, f"the query has more than {MAX_VALUES} values")
        self.params.append(value)
        return "?"

    def compile(self, node) -> str:
        if isinstance(node, Logical):
            self.depth += 1
            try:
                if self.depth > MAX_LOGICAL_DEPTH:
                    raise errors.query_syntax(
                        self.obj.name, f"AND, OR and NOT nest more than {MAX_LOGICAL_DEPTH} levels deep"
                    )
                if node.operator == "not":
                    return f"NOT ({self.compile(node.children[0])})"
                joiner = " AND " if node.operator == "and" else " OR "
                return balanced(joiner, [self.compile(child) for child in node.children])
            finally:
                self.depth -= 1
        sql, field = self.column(node.field)
        folded = self.fold(sql, field)
        operator = node.operator
        # SQL's three-valued logic, as Intacct's database applies it: an empty value (NULL) matches
        # no comparison, negated or not; only IS NULL finds it.
        if operator == "isnull":
            return f"{sql} IS NULL"
        if operator == "isnotnull":
            return f"{sql} IS NOT NULL"
        if operator in ("like", "notlike"):
            pattern = node.values[0]
            if len(pattern.encode()) > MAX_LIKE_PATTERN:
                raise errors.query_syntax(self.obj.name, f"a LIKE pattern is longer than {MAX_LIKE_PATTERN} bytes")
            self.bind(pattern.lower() if self.case_insensitive else pattern)
            negate = "NOT " if operator == "notlike" else ""
            return f"{self.fold(display_sql(sql, field), field)} {negate}LIKE ?"
        if operator in ("in", "notin"):
            marks = ", ".join(self.param(field, self.value(field, v)) for v in node.values)
            return f"{folded} {'NOT ' if operator == 'notin' else ''}IN ({marks})"
        if operator == "between":
            low, high = (self.param(field, self.value(field, v)) for v in node.values)
            return f"{folded} BETWEEN {low} AND {high}"
        mark = self.param(field, self.value(field, node.values[0]))
        return f"{folded} {_SQL_OPERATORS[operator]} {mark}"


def balanced(joiner: str, parts: list[str]) -> str:
    """Parts joined in flat runs of at most CHAIN inside parentheses, runs of runs likewise: a long
    AND/OR stays shallow in SQLite's expression tree (limit 1000) and parser stack (~100)."""
    while len(parts) > CHAIN:
        parts = ["(" + joiner.join(parts[i : i + CHAIN]) + ")" for i in range(0, len(parts), CHAIN)]
    return "(" + joiner.join(parts) + ")"


def display_sql(sql: str, field: Field) -> str:
    """The value as responses show it, for LIKE: 100 not 100.0, dates as MM/DD/YYYY."""
    if field.type == "decimal":
        return (
            f"(CASE WHEN {sql} = CAST({sql} AS INTEGER) THEN CAST(CAST({sql} AS INTEGER) AS TEXT) "
            f"ELSE CAST({sql} AS TEXT) END)"
        )
    if field.type == "date":
        return f"(substr({sql}, 6, 2) || '/' || substr({sql}, 9, 2) || '/' || substr({sql}, 1, 4))"
    if field.type == "timestamp":
        return f"(substr({sql}, 6, 2) || '/' || substr({sql}, 9, 2) || '/' || substr({sql}, 1, 4) || substr({sql}, 11))"
    return f"CAST({sql} AS TEXT)"


def compile_condition(obj: ObjectDef, tree, **options) -> tuple[str, list]:
    if tree is None:
        return "", []
    compiler = Compiler(obj, **options)
    return compiler.compile(tree), compiler.params
