"""delete_supdocfolder: an attachment folder (SUPDOCFOLDER) goes, unless attachments or other folders are
filed in it (GUESS, docs/decisions.md: the mock refuses rather than orphan them). create_supdocfolder and
update_supdocfolder are plain writes: translations/SUPDOCFOLDER.json."""

from __future__ import annotations

from mockserver.functions.call import Call
from mockserver.functions.legacy.common import catalogue_object
from mockserver.functions.registry import gateway_function
from mockserver.gateway import errors
from mockserver.objects import CATALOGUE
from mockserver.objects.values import quote

# What may be filed in a folder: object -> the field naming its folder.
FILED_IN = {"SUPDOC": "FOLDER", "SUPDOCFOLDER": "PARENTFOLDERNAME"}


@gateway_function("delete_supdocfolder", permission="delete")
def delete_supdocfolder(call: Call) -> str:
    obj = catalogue_object(call, "SUPDOCFOLDER")
    name = call.body.get("key", "").strip()
    store = call.state.store
    with store.atomic():
        for object_name, field in FILED_IN.items():
            inside = CATALOGUE[object_name]
            if store.select(call.companyid, inside, f"{quote(field)} = ?", [name], limit=1):
                raise errors.refused(
                    "delete",
                    obj.label,
                    f"Attachment folder '{name}' is not empty: {inside.label.lower()}s are filed in it.",
                    "Move or delete what is filed in the folder first.",
                )
        call.backend.delete(obj, name, by_id=True)
    return ""
