"""inspect and lookup: object definitions from the catalogue (no permission check, as in Intacct).

Both answers are derived from the catalogue alone. Shapes: inspect from craibuc/PsIntacct
`Tests/Fixtures/Platform Services/Objects/Get-Object.*.xml` and jfcote87/intacct `objects_test.go`;
lookup from developer.intacct.com/web-services/queries/ and /api/platform-services/objects/.
Line items are owned objects, which lookup documents as not described; inspect follows (GUESS).
"""

from __future__ import annotations

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.registry import UNCHECKED, gateway_function
from mockserver.gateway import errors
from mockserver.gateway.markup import Markup
from mockserver.objects import CATALOGUE, DATATYPES, Field, ObjectDef
from mockserver.objects.company_objects import CompanyObjects

# inspect detail=1 type names. Capture: integer -> Pt_FieldInt / integer; externalDataName values
# from the ones Workato's connector maps (string, integer, date, datetime, boolean, number). Rest GUESS.
DATA_NAMES = {
    "text": "Pt_FieldString",
    "enum": "Pt_FieldPickList",
    "integer": "Pt_FieldInt",
    "decimal": "Pt_FieldDecimal",
    "boolean": "Pt_FieldBoolean",
    "date": "Pt_FieldDate",
    "timestamp": "Pt_FieldDateTime",
}
EXTERNAL_NAMES = {
    "text": "string",
    "enum": "string",
    "integer": "integer",
    "decimal": "number",
    "boolean": "boolean",
    "date": "date",
    "timestamp": "datetime",
}
# maxLength when the catalogue sets none: 8 for integers (capture), the rest GUESS.
MAX_LENGTHS = {"text": 100, "integer": 8, "decimal": 14, "boolean": 5, "date": 10, "timestamp": 19}
POSITIONS = {name: n for n, name in enumerate(CATALOGUE, start=1)}


def boolean(value: bool) -> str:
    return "true" if value else "false"


def description(field: Field) -> str:
    # Captures pair DisplayLabel "Record number" with Description "Record Number".
    return " ".join(word[:1].upper() + word[1:] for word in field.display_label.split())


def max_length(field: Field) -> int:
    if field.maxlength is not None:
        return field.maxlength
    if field.valid_values:
        return max(len(v) for v in field.valid_values)
    return MAX_LENGTHS[field.type]


def plural(label: str) -> str:  # GUESS: English plural of the singular label
    if label.endswith("y") and label[-2:-1] not in "aeiou":
        return label[:-1] + "ies"
    return label + ("es" if label.endswith(("s", "x", "ch", "sh")) else "s")


def field_detail(obj: ObjectDef, position: int, field: Field, m: Markup) -> str:
    group = field.name.rpartition(".")[0]  # GUESS: the nesting group of dotted fields
    field_id = 999_500_000_000_000 + POSITIONS.get(obj.name, 0) * 1_000_000 + position  # GUESS: stable 15 digits
    leaf = m.inner.leaf
    return m.parent(
        "Field",
        [
            leaf("Name", field.name),
            leaf("GroupName", group),
            leaf("dataName", DATA_NAMES[field.type]),
            leaf("externalDataName", EXTERNAL_NAMES[field.type]),
            leaf("isRequired", boolean(field.required)),
            leaf("isReadOnly", boolean(field.readonly)),
            leaf("maxLength", max_length(field)),
            leaf("DisplayLabel", field.display_label),
            leaf("Description", description(field)),
            leaf("id", field_id),
        ],
    )


def inspect_type(obj: ObjectDef, detailed: bool, m: Markup) -> str:
    """<Type Name="..."> (written by `m`): field names, or with detail=1 each field described."""
    part, item = m.inner, m.inner.inner
    children = []
    if detailed:
        leaf = item.leaf
        attributes = [leaf("SingularName", obj.label), leaf("PluralName", plural(obj.label)), leaf("Description", "")]
        children.append(part.parent("Attributes", attributes))
        fields = [field_detail(obj, n, f, item) for n, f in enumerate(obj.fields, start=1)]
    else:
        fields = [item.leaf("Field", f.name) for f in obj.fields]
    children.append(part.parent("Fields", fields))
    return m.parent("Type", children, {"Name": obj.name})


def by_printable_name(objects: CompanyObjects, name: str) -> ObjectDef | None:
    """<name> gives the object's printable name ("Journal Entry"); the integration name also works (GUESS)."""
    wanted = name.strip().lower()
    return next((o for o in objects.values() if o.label.lower() == wanted), None) or objects.get(name)


@gateway_function("inspect", permission=UNCHECKED)
def inspect(call: Call) -> str:
    by_name = call.body.find("name") is not None
    name = call.text("name" if by_name else "object")
    row = answers.rows(call)
    objects = call.principal.company.objects
    if name == "*":
        types = [
            row.leaf("type", o.label, {"typename": o.name}) for o in sorted(objects.values(), key=lambda o: o.name)
        ]
    else:
        obj = by_printable_name(objects, name) if by_name else objects.get(name)
        if obj is None:
            raise errors.inspect_object_not_found(name)
        types = [inspect_type(obj, call.body.get("detail", "0").strip() == "1", row)]
    return answers.data(call, types, listtype="All", count=1)


def lookup_field(field: Field, m: Markup) -> str:
    leaf = m.inner.leaf
    children = [
        leaf("ID", field.name),
        leaf("LABEL", field.display_label),
        leaf("DESCRIPTION", description(field)),
        leaf("REQUIRED", boolean(field.required)),
        leaf("READONLY", boolean(field.readonly)),
        leaf("DATATYPE", DATATYPES[field.type]),
    ]
    if field.valid_values:
        values = m.inner.inner
        children.append(m.inner.parent("VALIDVALUES", [values.leaf("VALIDVALUE", v) for v in field.valid_values]))
    children.append(leaf("ISCUSTOM", boolean(field.custom)))
    return m.parent("Field", children)


def relationships(obj: ObjectDef) -> list[tuple[str, str, str, str, str]]:
    """(OBJECTPATH, OBJECTNAME, LABEL, RELATIONSHIPTYPE, RELATEDBY): the queryable relations, then every
    other reference field, named by itself with an empty label as the docs' JOURNAL and ACCOUNTLABEL
    examples are, then the header's line object. GUESS (docs/decisions.md): lines are ONE2MANY, by the
    container they are written in (APBILLITEMS), related by the line object's key field (RECORDKEY)."""
    found = [(r.name, r.object, r.name.replace("_", " ").title(), "MANY2ONE", r.local_field) for r in obj.relations]
    covered = {r.local_field for r in obj.relations}
    found += [
        (f.name, f.references, "", "MANY2ONE", f.name) for f in obj.fields if f.references and f.name not in covered
    ]
    spec = obj.lines
    if spec is not None and spec.object and spec.key:
        found.append((spec.container, spec.object, CATALOGUE[spec.object].label, "ONE2MANY", spec.key))
    return found


@gateway_function("lookup", permission=UNCHECKED)
def lookup(call: Call) -> str:
    name = call.text("object")
    obj = call.principal.company.objects.get(name)
    if obj is None:
        raise errors.object_not_found(name)  # GUESS: the generic functions' error
    row = answers.rows(call)
    part, item = row.inner, row.inner.inner
    fields = [lookup_field(f, item) for f in obj.fields]
    leaf = item.inner.leaf
    related = [
        item.parent(
            "Relationship",
            [
                leaf("OBJECTPATH", path),
                leaf("OBJECTNAME", target),
                leaf("LABEL", label),
                leaf("RELATIONSHIPTYPE", kind),
                leaf("RELATEDBY", by),
            ],
        )
        for path, target, label, kind, by in relationships(obj)
    ]
    document_type = call.text("docparid")  # GUESS: the transaction definition asked for, else ""
    described = row.parent(
        "Type",
        [part.parent("Fields", fields), part.parent("Relationships", related)],
        {"Name": obj.name, "DocumentType": document_type},
    )
    return answers.data(call, [described], listtype="All", count=1)
