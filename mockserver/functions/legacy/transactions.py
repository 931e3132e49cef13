"""create_sotransaction, create_potransaction and create_ictransaction (which may convert a document:
`createdfrom`) and delete_sotransaction, delete_potransaction and delete_ictransaction: order entry,
purchasing and inventory transactions (SODOCUMENT, PODOCUMENT, INVDOCUMENT). Their elements are read
through the object's translation (translations/SODOCUMENT.json ...), which also serves the plain
update_*transaction, create_stkittransaction and create_recursotransaction; only the conversion is here.

A transaction's key is its DOCID, the transaction definition and the document number ("Sales
Order-SO0001"): create answers it as <key>, update and delete take it in @key. `createdfrom` names the
source document (a DOCID of the same object): the new document takes the source's party and terms when
it does not give them, and the source's lines when it sends none (each copied line's SOURCELINEKEY names
its source line). The source is then Converted, or Partially Converted while some of its quantity is not
(GUESS, docs/decisions.md). Deleting a converted document puts its source back to Pending; a source that
others were created from cannot be deleted, and a Converted or Closed one cannot be converted again.
"""

from __future__ import annotations

from collections import defaultdict

from mockserver.functions import answers
from mockserver.functions.call import Call
from mockserver.functions.legacy import translate
from mockserver.functions.legacy.common import catalogue_object, given, reject_unemulated_options
from mockserver.functions.legacy.translate import TRANSLATIONS, Translation
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.objects.backend import Backend
from mockserver.objects.store import Record, column
from mockserver.objects.values import quote, to_display

# A converted document takes these from its source when it does not give them (GUESS).
INHERITED = (
    "CUSTVENDID", "PONUMBER", "TERM.NAME", "CURRENCY", "BASECURR", "SHIPVIA", "PROJECT",
    "SHIPTO.CONTACTNAME", "BILLTO.CONTACTNAME", "DELIVERTO.CONTACTNAME",
)  # fmt: skip

CONVERTED, PARTLY, PENDING = "Converted", "Partially Converted", "Pending"
FINAL = ("Converted", "Closed")

# function family -> the translation that reads its elements (the one serving its update).
FAMILIES = {"sotransaction": "update_sotransaction", "potransaction": "update_potransaction",
            "ictransaction": "update_ictransaction"}  # fmt: skip


def translation_of(call: Call) -> Translation:
    return TRANSLATIONS[FAMILIES[call.function.name.split("_", 1)[1]]]


def sent_lines(call: Call, obj: ObjectDef, translation: Translation) -> list[dict[str, str]]:
    spec = translation.lines
    assert spec is not None
    container = call.body.find(spec.container)
    items = [] if container is None else [item for item in container if item.tag == spec.item]
    return [translate.line_texts(obj, translation, item, "create") for item in items]


def find_document(call: Call, obj: ObjectDef, key: str) -> Record | None:
    """A document by its DOCID ("Sales Order-SO0001"), as this session may see it."""
    return call.backend.find(obj, key.strip(), by_id=True) if key.strip() else None


def line_rows(backend: Backend, obj: ObjectDef, field: str, values: list[int]) -> list[Record]:
    """Line rows of the object whose `field` (the header key, SOURCELINEKEY) is one of `values`."""
    assert obj.lines is not None and obj.lines.object
    line = CATALOGUE[obj.lines.object]
    if not values:
        return []
    where = f"{quote(column(line, field))} IN ({', '.join('?' * len(values))})"
    return backend.store.select(backend.companyid, line, where, list(values))


def remaining(backend: Backend, obj: ObjectDef, source: Record) -> list[tuple[Record, float]]:
    """The source's lines, each with the quantity no document converted yet."""
    assert obj.lines is not None and obj.lines.key
    rows = line_rows(backend, obj, obj.lines.key, [source.recordno])
    converted: dict[int, float] = defaultdict(float)
    for row in line_rows(backend, obj, "SOURCELINEKEY", [row.recordno for row in rows]):
        converted[row.values["SOURCELINEKEY"]] += abs(row.values.get("QUANTITY") or 0)
    return [(row, abs(row.values.get("QUANTITY") or 0) - converted[row.recordno]) for row in rows]


def source_state(backend: Backend, obj: ObjectDef, source: Record) -> str:
    """Converted when no quantity is left, Partially Converted while some is, else Pending (GUESS)."""
    left = remaining(backend, obj, source)
    if all(quantity <= 0 for _, quantity in left):
        return CONVERTED
    return PARTLY if any(quantity < abs(row.values.get("QUANTITY") or 0) for row, quantity in left) else PENDING


def copied_lines(backend: Backend, obj: ObjectDef, source: Record) -> list[dict[str, str]]:
    """The source's lines as a converted document's: what is left of each, naming its source line."""
    assert obj.lines is not None
    line = CATALOGUE[str(obj.lines.object)]
    copied = []
    for row, quantity in remaining(backend, obj, source):
        if quantity <= 0:
            continue
        texts = {f.name: to_display(line.by_name[f.name], row.values[f.name]) for f in obj.lines.fields}
        texts.update(SOURCELINEKEY=str(row.recordno), QUANTITY=to_display(line.by_name["QUANTITY"], quantity))
        copied.append(given(texts))
    return copied


def convert_from(call: Call, obj: ObjectDef, texts: dict[str, str], lines: list[dict[str, str]]) -> Record | None:
    """createdfrom: the source (its party and terms filled in `texts`, its lines in `lines` when none
    were sent); None without one."""
    key = texts.get("CREATEDFROM")
    if not key:
        return None
    source = find_document(call, obj, key)
    if source is None:
        raise errors.missing_reference("create", obj.label, "CREATEDFROM", obj.label, key)
    if source.values.get("STATE") in FINAL:
        raise errors.refused(
            "create",
            obj.label,
            f"{key} is {source.values['STATE']} and cannot be converted again.",
            "Convert a document that is not Converted or Closed.",
        )
    for name in INHERITED:
        value = source.values.get(name)
        if name not in texts and value is not None and obj.field(name) is not None:
            texts[name] = to_display(obj.by_name[name], value)
    if not lines:
        lines.extend(copied_lines(call.backend, obj, source))
    return source


def move_state(backend: Backend, obj: ObjectDef, record: Record, state: str) -> None:
    if record.values.get("STATE") != state:
        record.values["STATE"] = state
        backend.save(obj, record)


@gateway_function(*(f"create_{name}" for name in FAMILIES), permission="add")
def create_transaction(call: Call) -> str:
    translation = translation_of(call)
    obj = catalogue_object(call, translation.object)
    reject_unemulated_options(call)
    texts = translate.header_texts(call, obj, translation, "create")
    lines = sent_lines(call, obj, translation)
    backend = call.backend
    with call.state.store.atomic():
        source = convert_from(call, obj, texts, lines)
        record = backend.create(obj, texts, lines)
        state = source_state(backend, obj, source) if source is not None else PENDING
        if source is not None and state != PENDING:  # a document that converts nothing leaves its source be
            move_state(backend, obj, source, state)
    return answers.key(call, record.values.get(obj.id_field))


@gateway_function("delete_sotransaction", "delete_potransaction", "delete_ictransaction", permission="delete")
def delete_transaction(call: Call) -> str:
    obj = catalogue_object(call, translation_of(call).object)
    reject_unemulated_options(call)
    key = call.body.get("key", "").strip()
    backend = call.backend
    record = find_document(call, obj, key)
    if record is None:
        raise errors.delete_missing(obj.label, key)
    docid = quote(column(obj, "CREATEDFROM"))
    if backend.store.count(backend.companyid, obj, f"{docid} = ?", [key]):
        raise errors.refused(
            "delete", obj.label, f"{key} has documents converted from it.", "Delete the converted documents first."
        )
    with call.state.store.atomic():
        backend.delete(obj, str(record.recordno))
        source = find_document(call, obj, str(record.values.get("CREATEDFROM") or ""))
        if source is not None and source.values.get("STATE") in (CONVERTED, PARTLY):  # its own again
            move_state(backend, obj, source, source_state(backend, obj, source))
    return ""
