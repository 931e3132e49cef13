"""`mock-intacct verify`: replay cassettes against a mock and report where its answers differ.

Each gateway request of a cassette (a POST of an XML <request>; anything else is reported as not
understood and not counted) is sent to the mock with the mock's credentials in place of the
recorded ones: the sender, the login, and each recorded session ID (a placeholder or a real one)
replaced by the mock session that the same exchange opened on the mock, or one opened for it. Keys
the recording created are mapped to those the mock created: a RECORDNO (or <key>) a create answered,
a resultId a query answered, wherever a later request uses them (<keys>, <RECORDNO>, <key>,
<resultId>, a filter's <value>, a <query>). Each answer is compared structurally (structure.py).

Parity: the share of compared exchanges whose answers have the same structure, per cassette and
overall. Requests go one at a time, in the cassette's order, with urllib (a stateful replay gains
nothing from concurrency).
"""

from __future__ import annotations

import html
import json
import re
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree

from mockserver.recording import cassette
from mockserver.recording.structure import differences, shape_of

GATEWAY_PATH = "/ia/xml/xmlgw.phtml"
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
KEY_ELEMENTS = ("RECORDNO", "recordno", "key", "resultId", "value")


class VerifyFailure(Exception):
    """Nothing to verify, or nowhere to verify it (exit 1 or 2, one line)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Target:
    """The mock to replay against and the credentials to use there."""

    url: str  # base URL, e.g. http://127.0.0.1:8080
    sender_id: str
    sender_password: str
    company_id: str
    user_id: str
    user_password: str


@dataclass
class ExchangeReport:
    index: int
    functions: list[str]
    outcome: str  # "same", "differs", "not understood"
    differences: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


@dataclass
class CassetteReport:
    path: str
    exchanges: list[ExchangeReport] = field(default_factory=list)

    @property
    def compared(self) -> int:
        return sum(1 for e in self.exchanges if e.outcome != "not understood")

    @property
    def same(self) -> int:
        return sum(1 for e in self.exchanges if e.outcome == "same")

    @property
    def parity(self) -> float:
        return 100.0 * self.same / self.compared if self.compared else 0.0


_SECRET = re.compile(rb"(<(password|sessionid)>)(.*?)(</\2>)", re.S)


def tolerant(body: bytes) -> bytes:
    """Other recorders scrub secrets with placeholders such as <PASSWORD>, which break the XML: such a
    placeholder is read as text (verify puts the mock's own secret there anyway)."""
    return _SECRET.sub(lambda m: m[1] + m[3].replace(b"<", b"&lt;").replace(b">", b"&gt;") + m[4], body)


def gateway_request(exchange: cassette.Exchange) -> etree._Element | str:
    """The parsed <request>, or why this exchange is not one."""
    if exchange.method != "POST":
        return f"{exchange.method} {urlsplit(exchange.uri).path or '/'}: not a gateway request (not a POST)"
    try:
        root = etree.fromstring(tolerant(exchange.request_body), _PARSER)
    except etree.XMLSyntaxError:
        return f"POST {urlsplit(exchange.uri).path or '/'}: the body is not XML"
    if root.tag != "request":
        return f"POST {urlsplit(exchange.uri).path or '/'}: XML whose root is <{root.tag!s}>, not <request>"
    return root


def function_names(root: etree._Element) -> list[str]:
    return [
        next((c.tag for c in f if isinstance(c.tag, str)), "?") for f in root.iterfind("operation/content/function")
    ]


def set_text(root: etree._Element, path: str, value: str) -> None:
    element = root.find(path)
    if element is not None:
        element.text = value


class Replay:
    """The state of one replay against the mock: sessions and keys mapped so far."""

    def __init__(self, target: Target) -> None:
        self.target = target
        self.sessions: dict[str, str] = {}  # recorded session ID (or placeholder) -> the mock's
        self.keys: dict[str, str] = {}  # recorded key -> the mock's

    def post(self, path: str, body: bytes) -> tuple[int, bytes]:
        request = urllib.request.Request(
            self.target.url + path, data=body, method="POST", headers={"Content-Type": "application/xml"}
        )
        try:
            with urllib.request.urlopen(request, timeout=300) as reply:
                return reply.status, reply.read()
        except urllib.error.HTTPError as failure:
            return failure.code, failure.read()
        except (urllib.error.URLError, OSError) as failure:
            reason = getattr(failure, "reason", failure)
            reason = getattr(reason, "strerror", None) or reason
            raise VerifyFailure(f"cannot reach the mock at {self.target.url}: {reason}") from None

    def login(self) -> str:
        """A mock session for a recorded session that no exchange of the cassette opened."""
        t = self.target
        body = (
            "<request><control><senderid></senderid><password></password><controlid>verify</controlid>"
            "<uniqueid>false</uniqueid><dtdversion>3.0</dtdversion></control><operation><authentication><login>"
            "<userid></userid><companyid></companyid><password></password></login></authentication><content>"
            '<function controlid="verify"><getAPISession/></function></content></operation></request>'
        )
        root = etree.fromstring(body.encode(), _PARSER)
        self.credentials(root)
        _, answer = self.post(GATEWAY_PATH, etree.tostring(root))
        match = re.search(rb"<sessionid>(.*?)</sessionid>", answer)
        if not match:
            raise VerifyFailure(
                f"the mock at {t.url} refused a session for {t.user_id}@{t.company_id} "
                "(check --company and the INTACCT_* credentials)"
            )
        return match[1].decode()

    def credentials(self, root: etree._Element) -> None:
        t = self.target
        set_text(root, "control/senderid", t.sender_id)
        set_text(root, "control/password", t.sender_password)
        login = root.find("operation/authentication/login")
        if login is not None:
            set_text(login, "userid", t.user_id)
            set_text(login, "companyid", t.company_id)
            set_text(login, "password", t.user_password)

    def prepared(self, root: etree._Element) -> bytes:
        self.credentials(root)
        session = root.find("operation/authentication/sessionid")
        if session is not None:
            recorded = (session.text or "").strip()
            if recorded not in self.sessions:
                self.sessions[recorded] = self.login()
            session.text = self.sessions[recorded]
        for element in root.iter(*KEY_ELEMENTS, "keys"):
            text = (element.text or "").strip()
            if element.tag == "keys":
                element.text = ",".join(self.keys.get(k.strip(), k.strip()) for k in text.split(","))
            elif text in self.keys:
                element.text = self.keys[text]
        for query in root.iter("query"):
            if query.text and self.keys:
                query.text = re.sub(r"\b\d+\b", lambda m: self.keys.get(m[0], m[0]), query.text)
        return etree.tostring(root, xml_declaration=True, encoding="UTF-8")

    def learn(self, recorded: bytes, replayed: bytes) -> None:
        """Sessions and keys the two answers created, paired in order."""
        try:
            a, b = etree.fromstring(recorded, _PARSER), etree.fromstring(replayed, _PARSER)
        except etree.XMLSyntaxError:
            return
        for ra, rb in zip(a.iterfind("operation/result"), b.iterfind("operation/result"), strict=False):
            function = (ra.findtext("function") or "").strip()
            if function == "getAPISession":
                s1, s2 = ra.findtext("data/api/sessionid"), rb.findtext("data/api/sessionid")
                if s1 and s2:
                    self.sessions[s1.strip()] = s2.strip()
            da, db = ra.find("data"), rb.find("data")
            if da is not None and db is not None and da.get("resultId") and db.get("resultId"):
                self.keys[da.get("resultId", "")] = db.get("resultId", "")
            created = function in ("create", "update") or function.startswith("create_")
            if created:
                for ka, kb in zip(ra.iter("RECORDNO", "key"), rb.iter("RECORDNO", "key"), strict=False):
                    if ka.text and kb.text and ka.text.strip() != kb.text.strip():
                        self.keys[ka.text.strip()] = kb.text.strip()

    def exchange(self, index: int, exchange: cassette.Exchange) -> ExchangeReport:
        root = gateway_request(exchange)
        if isinstance(root, str):
            return ExchangeReport(index, [], "not understood", notes=[root, *exchange.notes])
        names = function_names(root)
        path = urlsplit(exchange.uri).path
        status, answer = self.post(path if path.endswith(".phtml") else GATEWAY_PATH, self.prepared(root))
        self.learn(exchange.response_body, answer)
        found = differences(shape_of(exchange.status, exchange.response_body), shape_of(status, answer))
        return ExchangeReport(index, names, "differs" if found else "same", found, list(exchange.notes))


def verify_readable(path: str) -> list[cassette.Exchange]:
    """The exchanges of a cassette that has at least one gateway request; else VerifyFailure (exit 2)."""
    try:
        exchanges = cassette.load(path)
    except cassette.CassetteError as failure:
        raise VerifyFailure(str(failure), 2) from None
    if not any(not isinstance(gateway_request(e), str) for e in exchanges):
        raise VerifyFailure(
            f"{path} has no Intacct gateway requests ({len(exchanges)} interactions, none a POST of an XML <request>)",
            2,
        )
    return exchanges


def verify(paths: list[str], target: Target) -> list[CassetteReport]:
    loaded = [(path, verify_readable(path)) for path in paths]
    reports = []
    for path, exchanges in loaded:
        replay = Replay(target)
        report = CassetteReport(path)
        for i, exchange in enumerate(exchanges, 1):
            report.exchanges.append(replay.exchange(i, exchange))
        reports.append(report)
    return reports


def overall(reports: list[CassetteReport]) -> float:
    compared = sum(r.compared for r in reports)
    return 100.0 * sum(r.same for r in reports) / compared if compared else 0.0


def readable(reports: list[CassetteReport]) -> str:
    lines = []
    for report in reports:
        lines.append(f"{report.path}:")
        for e in report.exchanges:
            what = ",".join(e.functions) or "-"
            if e.outcome == "same":
                continue
            lines.append(f"  exchange {e.index} ({what}): {e.outcome}")
            lines += [f"    - {d}" for d in e.differences]
            lines += [f"    ~ {n}" for n in e.notes]
        lines.append(
            f"  parity {report.parity:.1f}% ({report.same}/{report.compared} exchanges the same"
            + (
                f", {len(report.exchanges) - report.compared} not understood"
                if report.compared < len(report.exchanges)
                else ""
            )
            + ")"
        )
    lines.append(f"overall parity {overall(reports):.1f}% over {len(reports)} cassette(s)")
    return "\n".join(lines)


def as_json(reports: list[CassetteReport]) -> dict[str, Any]:
    return {
        "overall_parity": round(overall(reports), 2),
        "cassettes": [
            {
                "path": r.path,
                "parity": round(r.parity, 2),
                "compared": r.compared,
                "same": r.same,
                "exchanges": [asdict(e) for e in r.exchanges],
            }
            for r in reports
        ],
    }


def as_html(reports: list[CassetteReport]) -> str:
    rows = []
    for r in reports:
        rows.append(
            f"<h2>{html.escape(r.path)}: {r.parity:.1f}%</h2><table><tr><th>#</th><th>functions</th>"
            "<th>outcome</th><th>differences</th></tr>"
        )
        for e in r.exchanges:
            detail = "<br>".join(html.escape(d) for d in [*e.differences, *e.notes])
            rows.append(
                f"<tr><td>{e.index}</td><td>{html.escape(','.join(e.functions))}</td>"
                f"<td>{e.outcome}</td><td>{detail}</td></tr>"
            )
        rows.append("</table>")
    return (
        "<!doctype html><meta charset=utf-8><title>mock-intacct verify</title>"
        f"<h1>overall parity {overall(reports):.1f}%</h1>" + "".join(rows)
    )


def write_report(path: str, reports: list[CassetteReport]) -> None:
    text = as_html(reports) if path.lower().endswith((".html", ".htm")) else json.dumps(as_json(reports), indent=2)
    try:
        Path(path).write_text(text + "\n", encoding="utf-8")
    except OSError as failure:
        raise VerifyFailure(f"cannot write --report {path}: {failure.strerror or failure}", 2) from None
