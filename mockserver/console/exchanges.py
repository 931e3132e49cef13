"""The journal as the console shows it: one-line summaries to list and filter (cheap: no redaction, no
parsing), and one exchange in full with its failures drawn out of the response."""

from __future__ import annotations

import re
from typing import Any

from lxml import etree

from mockserver.control.journal import Exchange, Journal, redact_xml

PAGE = 100
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


def key(exchange: Exchange) -> str:
    """An exchange's ID while it stays in the journal (the journal keeps no numbers of its own)."""
    return f"{id(exchange):x}"


def summary(exchange: Exchange) -> dict[str, Any]:
    errornos = list(exchange.errornos) + [n for f in exchange.functions for n in f.errornos]
    return {
        "id": key(exchange),
        "time": exchange.time,
        "company": exchange.company,
        "user": exchange.user,
        "http_status": exchange.http_status,
        "duration_ms": exchange.duration_ms,
        "control_status": exchange.control_status,
        "functions": [{"function": f.function, "status": f.status, "errornos": f.errornos} for f in exchange.functions],
        "errornos": list(dict.fromkeys(errornos)),
        "failed": bool(errornos) or exchange.http_status >= 400 or exchange.control_status == "failure",
    }


def _object_named(exchange: Exchange, name: str) -> bool:
    pattern = rb"<object>\s*" + re.escape(name.encode()) + rb"\s*</object>|object=[\"']" + re.escape(name.encode())
    return re.search(pattern, exchange.request, re.I) is not None


def matches(exchange: Exchange, wanted: dict[str, str]) -> bool:
    if (company := wanted.get("company")) and exchange.company.lower() != company.lower():
        return False
    if (user := wanted.get("user")) and exchange.user.lower() != user.lower():
        return False
    if (function := wanted.get("function")) and all(f.function != function for f in exchange.functions):
        return False
    if status := wanted.get("status"):
        statuses = {exchange.control_status, *(f.status for f in exchange.functions)}
        if status == "failure" and exchange.http_status >= 400:
            statuses.add("failure")
        if status not in statuses:
            return False
    errorno = wanted.get("errorno")
    if errorno and errorno not in exchange.errornos and all(errorno not in f.errornos for f in exchange.functions):
        return False
    if (name := wanted.get("object")) and not _object_named(exchange, name):
        return False
    if text := wanted.get("q"):
        return _shows(exchange, text.lower())
    return True


def _shows(exchange: Exchange, text: str) -> bool:
    """Whether what the console shows holds `text`: redacted, so a secret cannot be probed for. Redacting
    only takes text away, so the raw bytes rule most exchanges out first (redacting all is 100x slower)."""
    if text in f"{exchange.company} {exchange.user}".lower():
        return True
    needle = text.encode()
    if needle not in exchange.request.lower() and needle not in exchange.response.lower():
        return False
    shown = f"{redact_xml(exchange.request)} {redact_xml(exchange.response)}"
    return text in shown.lower()


def page(journal: Journal, wanted: dict[str, str], before: str | None = None, limit: int = PAGE) -> dict[str, Any]:
    """Newest first; `before` (an ID) continues after that exchange."""
    found: list[dict[str, Any]] = []
    skipping = before is not None
    for exchange in reversed(journal.entries):
        if skipping:
            skipping = key(exchange) != before
            continue
        if matches(exchange, wanted):
            found.append(summary(exchange))
            if len(found) > limit:
                break
    return {"exchanges": found[:limit], "more": len(found) > limit, "total": len(journal.entries)}


def find(journal: Journal, wanted: str) -> Exchange | None:
    return next((e for e in reversed(journal.entries) if key(e) == wanted), None)


def pretty(text: str) -> str:
    """Indented XML when it parses (it may be cut or malformed: then as it came)."""
    try:
        root = etree.fromstring(text.encode(), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return text
    return etree.tostring(root, pretty_print=True, encoding="unicode")


def failures(response: str) -> list[dict[str, str]]:
    """Each error of the response with where it was raised: errorno, description2 and correction on top."""
    try:
        root = etree.fromstring(response.encode(), _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return []
    found = []
    for error in root.iter("error"):
        result = next((a for a in error.iterancestors() if a.tag in ("result", "authentication", "control")), None)
        where = str(result.tag) if result is not None else ""
        found.append(
            {
                "where": where,
                "function": (result.findtext("function") or "") if result is not None else "",
                "controlid": (result.findtext("controlid") or "") if result is not None else "",
                **{
                    name: (error.findtext(name) or "").strip()
                    for name in ("errorno", "description", "description2", "correction")
                },
            }
        )
    return found


def detail(exchange: Exchange) -> dict[str, Any]:
    request, response = redact_xml(exchange.request), redact_xml(exchange.response)
    return summary(exchange) | {
        "request": pretty(request),
        "response": pretty(response),
        "failures": failures(response),
    }
