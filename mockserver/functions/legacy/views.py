"""get and get_list: records in the legacy shape (lowercase elements, dates as year/month/day) for the
objects the official SDKs read this way: supdoc, bill, invoice, vendor, customer, glaccount, class,
department, location."""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from mockserver.functions import answers, arguments
from mockserver.functions.call import Call
from mockserver.functions.legacy.common import flag
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.gateway.markup import Markup
from mockserver.objects import ObjectDef
from mockserver.objects.conditions import Compare, Logical, compile_condition
from mockserver.objects.store import Record, quote
from mockserver.objects.values import to_display
from mockserver.tenancy.locations import visible_entities

PLAIN, YMD, DAY, USER, EMPTY, LINE_NUM = "", "ymd", "day", "user", "empty", "line_num"


@dataclass(frozen=True)
class View:
    """How a legacy object answers get/get_list: lowercase elements drawn from a catalogue object.
    Element names and order follow captures where one exists (supdoc, glaccount, class, invoice,
    vendor's first fields); the rest is a GUESS in the same style."""

    object: str
    by_id: bool  # get's key is the ID field (else RECORDNO)
    fields: tuple[tuple[str, str, str], ...]  # (element, catalogue field, kind)
    lines: tuple[str, str, tuple[tuple[str, str, str], ...]] | None = None  # (container, element, fields)

    def field_for(self, element_name: str) -> str | None:
        """The catalogue field a legacy element shows, for filters and sorts."""
        for tag, field, kind in self.fields:
            if tag == element_name and kind in (PLAIN, YMD, DAY):
                return field
        return None


def _document_view(obj: str, party: str, number: str, lines: str) -> View:
    return View(
        obj,
        False,
        (
            ("key", "RECORDNO", PLAIN),
            (party, party.upper(), PLAIN),
            ("datecreated", "WHENCREATED", YMD),
            ("dateposted", "WHENPOSTED", YMD),
            ("datedue", "WHENDUE", YMD),
            ("datepaid", "WHENPAID", YMD),
            ("termname", "TERMNAME", PLAIN),
            (number, "RECORDID", PLAIN),
            ("ponumber", "DOCNUMBER", PLAIN),
            ("totalamount", "TOTALENTERED", PLAIN),
            ("totalpaid", "TOTALPAID", PLAIN),
            ("totaldue", "TOTALDUE", PLAIN),
            ("description", "DESCRIPTION", PLAIN),
            ("currency", "CURRENCY", PLAIN),
            ("whenmodified", "WHENMODIFIED", PLAIN),
            ("state", "STATE", PLAIN),
        ),
        (
            lines,
            "lineitem",
            (
                ("line_num", "", LINE_NUM),
                ("accountlabel", "", EMPTY),
                ("glaccountno", "ACCOUNTNO", PLAIN),
                ("amount", "TRX_AMOUNT", PLAIN),
                ("memo", "ENTRYDESCRIPTION", PLAIN),
                ("locationid", "LOCATIONID", PLAIN),
                ("departmentid", "DEPARTMENTID", PLAIN),
                ("projectid", "PROJECTID", PLAIN),
                ("classid", "CLASSID", PLAIN),
            ),
        ),
    )


def _plain(*pairs: str) -> tuple[tuple[str, str, str], ...]:
    """'vendorid' -> VENDORID; 'glaccountno=ACCOUNTNO' when the names differ."""
    out = []
    for pair in pairs:
        tag, _, field = pair.partition("=")
        out.append((tag, field or tag.upper(), PLAIN))
    return tuple(out)


VIEWS: dict[str, View] = {
    "supdoc": View(
        "SUPDOC",
        True,
        (
            *_plain("recordno", "supdocid", "supdocname", "folder", "description"),
            ("creationdate", "WHENCREATED", DAY),
            ("createdby", "CREATEDBY", USER),
        ),
        ("attachments", "attachment", _plain("attachmentname", "attachmenttype", "attachmentdata")),
    ),
    "bill": _document_view("APBILL", "vendorid", "billno", "billitems"),
    "invoice": _document_view("ARINVOICE", "customerid", "invoiceno", "invoiceitems"),
    "vendor": View(
        "VENDOR",
        True,
        _plain(
            "recordno",
            "vendorid",
            "name",
            "parentid",
            "termname",
            "vendtype",
            "taxid",
            "creditlimit",
            "totaldue",
            "onhold",
            "currency",
            "status",
            "whenmodified",
        ),
    ),
    "customer": View(
        "CUSTOMER",
        True,
        _plain(
            "recordno",
            "customerid",
            "name",
            "parentid",
            "termname",
            "custtype",
            "creditlimit",
            "totaldue",
            "onhold",
            "currency",
            "status",
            "whenmodified",
        ),
    ),
    "glaccount": View(
        "GLACCOUNT",
        True,
        _plain(
            "recordno",
            "glaccountno=ACCOUNTNO",
            "title",
            "normalbalance",
            "accounttype",
            "closingtype",
            "closingaccountno",
            "whenmodified",
            "status",
            "requiredept",
            "requireloc",
            "taxable",
        ),
    ),
    "class": View("CLASS", True, _plain("key=CLASSID", "name", "description", "parentid", "whenmodified", "status")),
    "department": View(
        "DEPARTMENT", True, _plain("departmentid", "title", "parentid", "supervisorid", "whenmodified", "status")
    ),
    "location": View(
        "LOCATION", True, _plain("locationid", "name", "parentid", "supervisorid", "currency", "whenmodified", "status")
    ),
}


def view_for(call: Call) -> tuple[View, ObjectDef]:
    name = call.body.get("object", "").strip()
    view = VIEWS.get(name)
    if view is None:
        raise errors.legacy_not_emulated(call.function.name, f"object '{name}'")
    return view, call.object(view.object)


def requested_elements(call: Call, view: View, obj: ObjectDef) -> set[str] | None:
    """The top-level elements asked for in <fields> (None = all)."""
    names = [(f.text or "").strip().lower() for f in call.body.iterfind("fields/field")]
    names = [n for n in names if n]
    if not names:
        return None
    known = {tag for tag, _, _ in view.fields} | ({view.lines[0]} if view.lines else set())
    for name in names:
        if name not in known:
            raise errors.invalid_field(obj.name, name)
    return set(names)


def user_login(call: Call, key) -> str:
    users = list(call.principal.company.users)
    return users[key - 1] if isinstance(key, int) and 0 < key <= len(users) else ""


def value_xml(call: Call, m: Markup, obj_fields, tag: str, field: str, kind: str, values: dict, index: int = 0) -> str:
    """One legacy element of a record or line, written by `m` at its depth."""
    if kind == EMPTY:
        return m.leaf(tag)
    if kind == LINE_NUM:
        return m.leaf(tag, index + 1)
    stored = values.get(field)
    if kind == USER:
        return m.leaf(tag, user_login(call, stored))
    if kind == YMD:
        if stored is None:
            return m.leaf(tag)
        year, month, day = str(stored).split("-")
        return m.parent(tag, [m.inner.leaf("year", year), m.inner.leaf("month", month), m.inner.leaf("day", day)])
    text = to_display(obj_fields(field), stored, call.timezone)
    return m.leaf(tag, text[:10] if kind == DAY else text)


def record_legacy_xml(call: Call, view: View, obj: ObjectDef, tag: str, record: Record, wanted: set[str] | None) -> str:
    """A record as a row of <data>, in the legacy element names."""
    row = answers.rows(call)
    field_m = row.inner
    parts = [
        value_xml(call, field_m, obj.field, name, field, kind, record.values)
        for name, field, kind in view.fields
        if wanted is None or name in wanted
    ]
    if view.lines and obj.lines and (wanted is None or view.lines[0] in wanted):
        container, line_tag, line_fields = view.lines
        by_name = {f.name: f for f in obj.lines.fields}
        line_m = field_m.inner
        lines = [
            line_m.parent(
                line_tag,
                [
                    value_xml(call, line_m.inner, by_name.get, name, field, kind, line, index)
                    for name, field, kind in line_fields
                ],
            )
            for index, line in enumerate(record.lines)
        ]
        parts.append(field_m.parent(container, lines))
    return row.parent(tag, parts)


@gateway_function("get", permission="view")
def get(call: Call) -> str:
    view, obj = view_for(call)
    if flag(call, "externalkey"):
        raise errors.legacy_not_emulated("get", 'externalkey="true" (a key given as external ID)')
    wanted = requested_elements(call, view, obj)
    record = call.backend.find(obj, call.body.get("key", "").strip(), by_id=view.by_id)
    # GUESS: a key that matches nothing answers an empty <data>, like read.
    found = [record_legacy_xml(call, view, obj, call.body.get("object", ""), record, wanted)] if record else []
    return answers.data(call, found)


# Legacy filter operators (Intacct docs: = != < <= > >= like "is null"; the rest for symmetry).
OPERATORS = {
    "=": "=",
    "!=": "!=",
    "<>": "!=",
    "<": "<",
    "<=": "<=",
    ">": ">",
    ">=": ">=",
    "like": "like",
    "not like": "notlike",
    "is null": "isnull",
    "is not null": "isnotnull",
}


def legacy_condition(view: View, obj: ObjectDef, node: etree._Element):
    """A get_list <filter> child as the condition tree readByQuery and query compile."""
    if node.tag == "logical":
        return Logical(
            node.get("logical_operator", "and"),
            [legacy_condition(view, obj, child) for child in node if isinstance(child.tag, str)],
        )
    name = (node.findtext("field") or "").strip().lower()
    field = view.field_for(name)
    if field is None:
        raise errors.invalid_field(obj.name, name)
    operator = " ".join((node.findtext("operator") or "").lower().split())
    if operator not in OPERATORS:
        raise errors.query_syntax(obj.name, f"unknown operator '{operator}' in the filter on {name}")
    operator = OPERATORS[operator]
    values = [] if operator in ("isnull", "isnotnull") else [node.findtext("value") or ""]
    return Compare(field, operator, values)


GET_LIST_MAXITEMS = 100  # GUESS: the default is undocumented


@gateway_function("get_list", permission="list")
def get_list(call: Call) -> str:
    view, obj = view_for(call)
    wanted = requested_elements(call, view, obj)
    start = arguments.whole_number(call, "start", call.body.get("start", "").strip(), 0, 0)
    maxitems = arguments.whole_number(call, "maxitems", call.body.get("maxitems", "").strip(), GET_LIST_MAXITEMS, 1)
    filters = [legacy_condition(view, obj, child) for child in call.body.iterfind("filter/*")]
    tree = None if not filters else filters[0] if len(filters) == 1 else Logical("and", filters)
    where, params = compile_condition(obj, tree)
    order = []
    for sortfield in call.body.iterfind("sorts/sortfield"):
        name = (sortfield.text or "").strip().lower()
        field = view.field_for(name)
        if field is None:
            raise errors.invalid_field(obj.name, name)
        order.append(f"{quote(field)} {'DESC' if sortfield.get('order') == 'desc' else 'ASC'}")
    entities = visible_entities(call.principal.locationid, flag(call, "showprivate"))
    store, company = call.state.store, call.companyid
    recordnos = store.recordnos(
        company, obj, where, params, entities=entities, order_by=", ".join([*order, "RECORDNO"])
    )
    page = store.get_many(company, obj, recordnos[start : start + maxitems])
    tag = call.body.get("object", "")
    rows = [record_legacy_xml(call, view, obj, tag, record, wanted) for record in page]
    end = start + len(page) - 1 if page else start  # GUESS for an empty page
    listtype = answers.writer(call).leaf("listtype", tag, {"start": start, "end": end, "total": len(recordnos)})
    return listtype + answers.data(call, rows)
