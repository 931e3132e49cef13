"""What verify compares of an answer: its structure, never the values a gateway generates.

An answer becomes a Shape: HTTP status; control, authentication and result statuses; each result's
function; errors (errorno and description texts, digits masked) at their level (control,
authentication, result); the attribute names of <data>; the element names and order of each record;
and each value's format (empty, integer, decimal, date, timestamp, boolean, text). Two shapes differ
where a check differs; IDs, timestamps, session IDs and text are never compared as values, and a
text value's format is compared only with an empty one (an ID such as 100 may look like a number).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from mockserver.recording.scrub import is_placeholder

_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True, remove_blank_text=True)

FORMATS = (
    ("boolean", re.compile(r"true|false", re.I)),
    ("integer", re.compile(r"-?\d+")),
    ("decimal", re.compile(r"-?\d*\.\d+")),
    ("date", re.compile(r"\d{2}/\d{2}/\d{4}|\d{4}-\d{2}-\d{2}")),
    ("timestamp", re.compile(r"\d{2}/\d{2}/\d{4} \d{2}:\d{2}:\d{2}|\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\S*")),
)


def value_format(text: str | None) -> str:
    text = (text or "").strip()
    if not text:
        return "empty"
    for name, pattern in FORMATS:
        if pattern.fullmatch(text):
            return name
    return "text"


def masked(text: str | None) -> str:
    """An error text with its generated parts (numbers: record numbers, IDs, counts) masked."""
    return re.sub(r"\d+", "#", " ".join((text or "").split()))


@dataclass
class ResultShape:
    function: str
    status: str
    errors: list[tuple[str, str, str]]
    data_attributes: list[str]
    records: list[tuple[str, list[tuple[str, str]]]]  # (element, [(path, format)])


@dataclass
class Shape:
    http_status: int
    xml: bool
    control_status: str = ""
    control_errors: list[tuple[str, str, str]] = field(default_factory=list)
    authentication_status: str = ""
    authentication_errors: list[tuple[str, str, str]] = field(default_factory=list)
    results: list[ResultShape] = field(default_factory=list)


def errors_of(parent: etree._Element | None) -> list[tuple[str, str, str]]:
    if parent is None:
        return []
    found = []
    for error in parent.iterfind("errormessage/error"):
        found.append(
            (
                (error.findtext("errorno") or "").strip(),
                masked(error.findtext("description")),
                masked(error.findtext("description2")),
            )
        )
    return found


def leaves(element: etree._Element, prefix: str = "") -> list[tuple[str, str]]:
    """(path, format) of every value in a record, in document order."""
    found = []
    for child in element:
        if not isinstance(child.tag, str):
            continue
        path = f"{prefix}{child.tag}"
        if len(child):
            found.extend(leaves(child, path + "/"))
        else:
            found.append(
                (path, "placeholder" if is_placeholder((child.text or "").strip()) else value_format(child.text))
            )
    return found


def shape_of(status: int, body: bytes) -> Shape:
    try:
        root = etree.fromstring(body, _PARSER) if body.strip() else None
    except etree.XMLSyntaxError:
        root = None
    if root is None or root.tag != "response":
        return Shape(status, xml=False)
    shape = Shape(
        status,
        xml=True,
        control_status=(root.findtext("control/status") or "").strip(),
        control_errors=errors_of(root),
    )
    authentication = root.find("operation/authentication")
    if authentication is not None:
        shape.authentication_status = (authentication.findtext("status") or "").strip()
        shape.authentication_errors = errors_of(authentication)
    for result in root.iterfind("operation/result"):
        data = result.find("data")
        records = [] if data is None else [(r.tag, leaves(r)) for r in data if isinstance(r.tag, str)]
        shape.results.append(
            ResultShape(
                (result.findtext("function") or "").strip(),
                (result.findtext("status") or "").strip(),
                errors_of(result),
                [] if data is None else sorted(data.attrib),
                records,
            )
        )
    return shape


def comparable(recorded: str, replayed: str) -> bool:
    if "placeholder" in (recorded, replayed):
        return False
    if "text" in (recorded, replayed):
        return "empty" in (recorded, replayed)
    return True


def error_differences(where: str, recorded: list, replayed: list) -> list[str]:
    out = []
    if [e[0] for e in recorded] != [e[0] for e in replayed]:
        out.append(f"{where} errornos: recorded {[e[0] for e in recorded]}, mock {[e[0] for e in replayed]}")
        return out
    for (no, d1, d2), (_, m1, m2) in zip(recorded, replayed, strict=True):
        if d1 != m1:
            out.append(f"{where} error {no} description: recorded {d1!r}, mock {m1!r}")
        if d2 != m2:
            out.append(f"{where} error {no} description2: recorded {d2!r}, mock {m2!r}")
    return out


def record_differences(where: str, recorded: list, replayed: list) -> list[str]:
    out = []
    if [r[0] for r in recorded] != [r[0] for r in replayed]:
        out.append(
            f"{where} records: recorded {len(recorded)} <{recorded[0][0] if recorded else '-'}>, "
            f"mock {len(replayed)} <{replayed[0][0] if replayed else '-'}>"
        )
    for n, ((tag, a), (_, b)) in enumerate(zip(recorded, replayed, strict=False), 1):
        paths_a, paths_b = [p for p, _ in a], [p for p, _ in b]
        if paths_a != paths_b:
            missing = [p for p in paths_a if p not in paths_b]
            extra = [p for p in paths_b if p not in paths_a]
            detail = []
            if missing:
                detail.append("missing " + ", ".join(missing[:10]) + (" ..." if len(missing) > 10 else ""))
            if extra:
                detail.append("extra " + ", ".join(extra[:10]) + (" ..." if len(extra) > 10 else ""))
            if not detail:
                detail.append("same elements in another order")
            out.append(f"{where} <{tag}> {n}: " + "; ".join(detail))
            continue
        for (path, fa), (_, fb) in zip(a, b, strict=True):
            if fa != fb and comparable(fa, fb):
                out.append(f"{where} <{tag}> {n} {path}: recorded {fa}, mock {fb}")
    return out


def differences(recorded: Shape, replayed: Shape) -> list[str]:
    """What differs, one line each; [] when the two answers have the same structure."""
    out = []
    if recorded.http_status != replayed.http_status:
        out.append(f"HTTP status: recorded {recorded.http_status}, mock {replayed.http_status}")
    if recorded.xml != replayed.xml:
        out.append(
            f"body: recorded {'XML' if recorded.xml else 'not XML'}, mock {'XML' if replayed.xml else 'not XML'}"
        )
    if not (recorded.xml and replayed.xml):
        return out
    if recorded.control_status != replayed.control_status:
        out.append(f"control status: recorded {recorded.control_status!r}, mock {replayed.control_status!r}")
    out += error_differences("control", recorded.control_errors, replayed.control_errors)
    if recorded.authentication_status != replayed.authentication_status:
        out.append(
            f"authentication status: recorded {recorded.authentication_status!r}, "
            f"mock {replayed.authentication_status!r}"
        )
    out += error_differences("authentication", recorded.authentication_errors, replayed.authentication_errors)
    if len(recorded.results) != len(replayed.results):
        out.append(f"results: recorded {len(recorded.results)}, mock {len(replayed.results)}")
    for i, (a, b) in enumerate(zip(recorded.results, replayed.results, strict=False), 1):
        where = f"result {i} ({a.function or '?'})"
        if a.function != b.function:
            out.append(f"{where} function: mock {b.function!r}")
        if a.status != b.status:
            out.append(f"{where} status: recorded {a.status!r}, mock {b.status!r}")
        out += error_differences(where, a.errors, b.errors)
        if a.data_attributes != b.data_attributes:
            out.append(f"{where} <data> attributes: recorded {a.data_attributes}, mock {b.data_attributes}")
        out += record_differences(where, a.records, b.records)
    return out
