"""query: the structured query function (select, filter, orderby, options, offset paging).

    <query><object>APBILL</object>
      <select><field>RECORDNO</field><field>VENDOR.CREDITLIMIT</field></select>
      <filter><greaterthan><field>TOTALDUE</field><value>100</value></greaterthan></filter>
      <orderby><order><field>WHENCREATED</field><descending/></order></orderby>
      <options><caseinsensitive>true</caseinsensitive><showprivate>true</showprivate></options>
      <pagesize>100</pagesize><offset>0</offset></query>

answers `<data listtype="APBILL" totalcount offset count numremaining><APBILL>...` with uppercase
elements and only the selected fields, in select order. There is no cursor: "each call with a
different offset is a new query". With returnformat json or csv the rows are that text; when the
query is the request's only function, that text is the whole HTTP answer (the answer's bare form:
"CSV and JSON responses do not include any surrounding XML elements").
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from mockserver.functions import answers
from mockserver.functions.answers import Answer
from mockserver.functions.arguments import flag, offset, page_size, return_format
from mockserver.functions.call import Call
from mockserver.functions.docparid import of_definition
from mockserver.functions.lists import as_csv
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.gateway.envelope import required
from mockserver.objects import CATALOGUE, Field, ObjectDef
from mockserver.objects.conditions import Compiler, parse_filter
from mockserver.objects.store import Record, quote
from mockserver.objects.values import format_decimal, to_display
from mockserver.tenancy.locations import visible_entities

QUERY_PAGE = (1, 2000, 100)  # minimum, maximum, default
AGGREGATES = ("count", "sum", "avg", "min", "max")
NUMERIC = ("integer", "decimal")
BARE_CONTENT_TYPES = {"json": "application/json", "csv": "text/csv"}


@dataclass
class Column:
    """One <select> entry: a field (own, nested or related) or an aggregate function of one."""

    function: str  # "field" or one of AGGREGATES
    name: str  # VENDORID, DISPLAYCONTACT.EMAIL1, VENDOR.CREDITLIMIT
    sql: str
    field: Field

    @property
    def label(self) -> str:
        """The element name in the answer. Related fields keep their dot (<VENDOR.CREDITLIMIT>), as the
        docs show; nested catalogue fields are written the same flat way (<DISPLAYCONTACT.EMAIL1>),
        not as the nested groups read answers use (GUESS: no public sample of a nested field)."""
        return self.name if self.function == "field" else f"{self.function.upper()}.{self.name}"


def tag(name: str) -> str:
    """An answer's element name for a selected field: the gateway drops `#` (DEPT# -> <DEPT>)."""
    return name.replace("#", "")


def read_select(call: Call, compiler: Compiler) -> list[Column]:
    columns: list[Column] = []
    for node in required(call.body, "select"):
        if not isinstance(node.tag, str):
            continue
        name = (node.text or "").strip().upper()
        sql, field = compiler.column(name)  # unknown fields: invalid_field
        if field.name.upper() == name:  # an own field answers under its own spelling (createdAt)
            name = field.name
        if node.tag in ("sum", "avg") and field.type not in NUMERIC:
            raise errors.bad_argument("query", f"{node.tag} needs a number field; {name} is {field.type}")
        column = Column(node.tag, name, sql, field)
        if all(c.label != column.label for c in columns):  # a field asked twice is answered once
            columns.append(column)
    aggregates = [c for c in columns if c.function != "field"]
    if aggregates and len(aggregates) != len(columns):
        raise errors.bad_argument(
            "query",
            "select either fields or aggregate functions (count, sum, avg, min, "
            "max), not both: grouping is not supported",
        )
    return columns


def read_order(call: Call, compiler: Compiler) -> str:
    """ORDER BY for <orderby>, always ending in RECORDNO so that offset pages never overlap.

    Without <orderby> the real order is undefined; the mock answers in RECORDNO order. NULLs sort
    last ascending and first descending, as Oracle (Intacct's database) sorts them by default.
    """
    terms = []
    for order in call.body.iterfind("orderby/order"):
        sql, _ = compiler.column((order.findtext("field") or "").strip().upper())
        if order.find("descending") is not None:
            terms.append(f"{sql} DESC NULLS FIRST")
        else:
            terms.append(f"{sql} ASC NULLS LAST")
    terms.append(f"{quote(compiler.obj.name)}.RECORDNO")
    return ", ".join(terms)


class RelatedValues:
    """Values of related fields (VENDOR.CREDITLIMIT) for rows of one page, each related record read once."""

    def __init__(self, call: Call, obj: ObjectDef) -> None:
        self.call, self.obj = call, obj
        self.found: dict[tuple[str, object], Record | None] = {}

    def get(self, record: Record, name: str):
        prefix, _, rest = name.partition(".")
        relation = self.obj.relation(prefix)
        assert relation is not None, f"{name} was compiled as a related field"
        key = record.values.get(relation.local_field)
        if key is None:
            return None
        if (prefix, key) not in self.found:
            target = CATALOGUE[relation.object]
            self.found[(prefix, key)] = self.call.state.store.get_by_id(self.call.companyid, target, key)
        related = self.found[(prefix, key)]
        return related.values.get(rest) if related else None


def field_rows(call: Call, obj: ObjectDef, columns: list[Column], records: list[Record]) -> list[list[str]]:
    related = RelatedValues(call, obj)
    rows = []
    for record in records:
        row = []
        for column in columns:
            if obj.field(column.name) is not None:
                value = record.values.get(column.field.name)
            else:
                value = related.get(record, column.name)
            row.append(to_display(column.field, value, call.timezone))
        rows.append(row)
    return rows


def aggregate_row(call: Call, obj: ObjectDef, columns: list[Column], where: str, params: list, entities) -> list[str]:
    """The one row of an aggregate-only select; SUM/AVG/MIN/MAX of no rows are empty, COUNT is 0."""
    values = call.state.store.aggregate(
        call.companyid, obj, [f"{c.function.upper()}({c.sql})" for c in columns], where, params, entities=entities
    )
    row = []
    for column, value in zip(columns, values, strict=True):
        if value is None or column.function == "count":
            row.append("" if value is None else str(value))
        elif column.function in ("sum", "avg"):
            row.append(format_decimal(value))
        else:
            row.append(to_display(column.field, value, call.timezone))
    return row


def rows_text(call: Call, obj: ObjectDef, labels: list[str], rows: list[list[str]], fmt: str, **attrs) -> Answer:
    """<data> with the rows as elements, or as json/csv text (then also the answer's bare form)."""
    if fmt in BARE_CONTENT_TYPES:
        if fmt == "json":  # GUESS: every value as its display text, the same text the XML carries
            text = json.dumps([dict(zip(labels, row, strict=True)) for row in rows])
        else:
            text = as_csv(labels, rows)
        return Answer(answers.data_text(call, text, **attrs), (text.encode("utf-8"), BARE_CONTENT_TYPES[fmt]))
    row, field = answers.rows(call), answers.rows(call).inner
    elements = [
        row.parent(obj.name, [field.leaf(tag(label), value) for label, value in zip(labels, values, strict=True)])
        for values in rows
    ]
    return Answer(answers.data(call, elements, **attrs))


@gateway_function("query", permission="list", bare=True)
def query(call: Call) -> Answer:
    obj = call.object()
    fmt = return_format(call, "options/returnformat")
    pagesize = page_size(call, QUERY_PAGE)
    skip = offset(call)
    compiler = Compiler(obj, case_insensitive=flag(call, "options/caseinsensitive"), related=True)
    columns = read_select(call, compiler)
    order_by = read_order(call, compiler)
    condition = call.body.find("filter")
    conditions = [child for child in condition if isinstance(child.tag, str)] if condition is not None else []
    where = compiler.compile(parse_filter(conditions[0])) if conditions else ""
    where, params = of_definition(obj, call.text("docparid"), where, compiler.params)
    entities = visible_entities(call.principal.locationid, flag(call, "options/showprivate"))
    store = call.state.store
    if columns[0].function != "field":
        totalcount = 1  # no GROUP BY: always exactly one row, paged like any other
        rows = [aggregate_row(call, obj, columns, where, params, entities)][skip : skip + pagesize]
    else:
        totalcount = store.count(call.companyid, obj, where, params, entities=entities)
        records = store.select(
            call.companyid, obj, where, params, entities=entities, order_by=order_by, limit=pagesize, offset=skip
        )
        rows = field_rows(call, obj, columns, records)
    remaining = max(0, totalcount - skip - len(rows))
    return rows_text(
        call,
        obj,
        [c.label for c in columns],
        rows,
        fmt,
        listtype=obj.name,
        totalcount=totalcount,
        offset=skip,
        count=len(rows),
        numremaining=remaining,
    )
