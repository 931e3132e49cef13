"""What every legacy family shares: legacy dates, flags, options the mock does not emulate, the object a
function writes, and the <key> answer."""

from __future__ import annotations

from collections.abc import Mapping

from lxml import etree

from mockserver.functions.call import Call
from mockserver.gateway import envelope, errors
from mockserver.objects import ObjectDef, lookup_object
from mockserver.objects.values import parse_whole


def given(texts: Mapping[str, str | None]) -> dict[str, str]:
    """Only the values given, stripped: empty legacy elements mean "not given"."""
    return {name: text.strip() for name, text in texts.items() if text is not None and text.strip()}


def legacy_date(node: etree._Element | None) -> str | None:
    """<year/><month/><day/> as MM/DD/YYYY; None when absent or empty. A bad date is left for the
    field's own check to report."""
    if node is None:
        return None
    year, month, day = ((node.findtext(part) or "").strip() for part in ("year", "month", "day"))
    if not (year or month or day):
        return None
    if parse_whole(month) is not None and parse_whole(day) is not None:
        month, day = f"{parse_whole(month):02d}", f"{parse_whole(day):02d}"
    return f"{month}/{day}/{year}"


def flag(call: Call, attribute: str) -> bool:
    """A legacy function's true/false attribute (externalkey, showprivate, ...), read as the envelope reads flags."""
    return envelope.flag(call.body.get(attribute, "false"))


def reject_unemulated_options(call: Call) -> None:
    if flag(call, "externalkey"):
        raise errors.legacy_not_emulated(call.function.name, 'externalkey="true" (a key given as external ID)')
    if flag(call, "set_nulls"):
        raise errors.legacy_not_emulated(call.function.name, 'set_nulls="true"')


def catalogue_object(call: Call, name: str) -> ObjectDef:
    """The object a legacy function writes, after the usual subscription/permission checks."""
    if lookup_object(name) is None:
        raise errors.legacy_not_emulated(call.function.name, f"the {name} object")
    return call.object(name)
