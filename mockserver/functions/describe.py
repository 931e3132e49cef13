"""inspect and lookup: object definitions from the catalogue (no permission check, as in Intacct).

Both answers are derived from the catalogue alone. Shapes: inspect from craibuc/PsIntacct
`Tests/Fixtures/Platform Services/Objects/Get-Object.*.xml` and jfcote87/intacct `objects_test.go`;
lookup from developer.intacct.com/web-services/queries/ and /api/platform-services/objects/.
Line items are owned objects, which lookup documents as not described; inspect follows (GUESS).
"""

from __future__ import annotations

from mockserver.functions.call import Call
from mockserver.functions.registry import UNCHECKED, gateway_function
from mockserver.gateway import errors
from mockserver.gateway.render import element, escape
from mockserver.objects import CATALOGUE, DATATYPES, Field, ObjectDef, lookup_object

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


def field_detail(obj: ObjectDef, position: int, field: Field) -> str:
    group = field.name.rpartition(".")[0]  # GUESS: the nesting group of dotted fields
    field_id = 999_500_000_000_000 + POSITIONS[obj.name] * 1_000_000 + position  # GUESS: stable 15 digits
    return (
        "<Field>"
        + element("Name", field.name)
        + element("GroupName", group)
        + element("dataName", DATA_NAMES[field.type])
        + element("externalDataName", EXTERNAL_NAMES[field.type])
        + element("isRequired", boolean(field.required))
        + element("isReadOnly", boolean(field.readonly))
        + element("maxLength", max_length(field))
        + element("DisplayLabel", field.display_label)
        + element("Description", description(field))
        + element("id", field_id)
        + "</Field>"
    )


def inspect_type(obj: ObjectDef, detailed: bool) -> str:
    if detailed:
        attributes = (
            "<Attributes>"
            + element("SingularName", obj.label)
            + element("PluralName", plural(obj.label))
            + element("Description", "")
            + "</Attributes>"
        )
        fields = "".join(field_detail(obj, n, f) for n, f in enumerate(obj.fields, start=1))
    else:
        attributes, fields = "", "".join(element("Field", f.name) for f in obj.fields)
    return f'<Type Name="{escape(obj.name)}">{attributes}<Fields>{fields}</Fields></Type>'


def by_printable_name(name: str) -> ObjectDef | None:
    """<name> gives the object's printable name ("Journal Entry"); the integration name also works (GUESS)."""
    wanted = name.strip().lower()
    return next((o for o in CATALOGUE.values() if o.label.lower() == wanted), None) or lookup_object(name)


@gateway_function("inspect", permission=UNCHECKED)
def inspect(call: Call) -> str:
    by_name = call.body.find("name") is not None
    name = call.text("name" if by_name else "object")
    if name == "*":
        types = "".join(
            f'<type typename="{escape(o.name)}">{escape(o.label)}</type>'
            for o in sorted(CATALOGUE.values(), key=lambda o: o.name)
        )
    else:
        obj = by_printable_name(name) if by_name else lookup_object(name)
        if obj is None:
            raise errors.inspect_object_not_found(name)
        types = inspect_type(obj, call.body.get("detail", "0").strip() == "1")
    return f'<data listtype="All" count="1">{types}</data>'


def lookup_field(field: Field) -> str:
    values = "".join(element("VALIDVALUE", v) for v in field.valid_values)
    return (
        "<Field>"
        + element("ID", field.name)
        + element("LABEL", field.display_label)
        + element("DESCRIPTION", description(field))
        + element("REQUIRED", boolean(field.required))
        + element("READONLY", boolean(field.readonly))
        + element("DATATYPE", DATATYPES[field.type])
        + (f"<VALIDVALUES>{values}</VALIDVALUES>" if values else "")
        + element("ISCUSTOM", "false")
        + "</Field>"
    )


def relationships(obj: ObjectDef) -> list[tuple[str, str, str, str]]:
    """(OBJECTPATH, OBJECTNAME, LABEL, RELATEDBY): the queryable relations, then every other reference
    field, named by itself with an empty label as the docs' JOURNAL and ACCOUNTLABEL examples are."""
    found = [(r.name, r.object, r.name.replace("_", " ").title(), r.local_field) for r in obj.relations]
    covered = {r.local_field for r in obj.relations}
    found += [(f.name, f.references, "", f.name) for f in obj.fields if f.references and f.name not in covered]
    return found


@gateway_function("lookup", permission=UNCHECKED)
def lookup(call: Call) -> str:
    name = call.text("object")
    obj = lookup_object(name)
    if obj is None:
        raise errors.object_not_found(name)  # GUESS: the generic functions' error
    fields = "".join(lookup_field(f) for f in obj.fields)
    related = "".join(
        "<Relationship>"
        + element("OBJECTPATH", path)
        + element("OBJECTNAME", target)
        + element("LABEL", label)
        + element("RELATIONSHIPTYPE", "MANY2ONE")
        + element("RELATEDBY", by)
        + "</Relationship>"
        for path, target, label, by in relationships(obj)
    )
    document_type = escape(call.text("docparid"))  # GUESS: the transaction definition asked for, else ""
    return (
        f'<data listtype="All" count="1"><Type Name="{escape(obj.name)}" DocumentType="{document_type}">'
        f"<Fields>{fields}</Fields><Relationships>{related}</Relationships></Type></data>"
    )
