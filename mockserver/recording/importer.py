"""`mock-intacct import`: snapshot a company, through the gateway's own functions, as a mock fixture.

Read with the project's client (aiointacct): entities (readByQuery of LOCATIONENTITY), subscribed
modules (getUserPermissions), user-defined dimensions (getDimensions), then the records of every
object `inspect *` lists (or those named), all fields, 1000 a page with readMore, requests spaced
`pace` seconds apart (0.5 s by default, the contract suite's sandbox pacing: a real company has a
concurrency limit and a shared daily budget). tqdm draws a bar per object with its ETA (on a
terminal only). Objects the mock's catalogue does not know, and fields it does not have, are counted
and named in the summary, not written: the fixture must load. Line objects (APBILLITEM) become their
headers' `_lines`; GLDETAIL is left out (the mock derives it again on load).

A multi-entity company's top level lists its shared records only: each entity's session (getAPISession
with its location) then reads the entity-aware objects again, and the records not seen at the top
level are that entity's private ones (`_entity`).

Resumable: each object read is saved at once in `<out>.partial.jsonl` (no password, no session), and
a new run for the same source and company skips what it holds; it is removed when the fixture is
written. The fixture's login is the importing user with the mock's documented fake password
(mockuserpw) and the mock's sender: the real password is never written.
"""

from __future__ import annotations

import asyncio
import json
import os
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
from aiointacct import Credentials, Function, IntacctClient, IntacctError
from aiointacct import functions as fns
from lxml import etree

from mockserver.objects import CATALOGUE, ObjectDef
from mockserver.recording.anonymize import anonymized

DEFAULT_PACE = 0.5
PAGE = 1000
FAKE_PASSWORD = "mockuserpw"  # the mock's documented default user password (README), not the source's
MOCK_SENDER = "mocksender"
SKIPPED = frozenset({"GLDETAIL"})  # derived by the mock from posted documents when the fixture loads


class ImportFailure(Exception):
    """The source could not be read (exit 1), or the arguments are wrong (exit 2)."""

    def __init__(self, message: str, status: int = 1) -> None:
        super().__init__(message)
        self.status = status


@dataclass
class Summary:
    objects: dict[str, int] = field(default_factory=dict)  # object -> records written
    unknown_objects: list[str] = field(default_factory=list)
    dropped_fields: dict[str, list[str]] = field(default_factory=dict)
    failed: dict[str, str] = field(default_factory=dict)  # object -> why its records could not be read
    resumed: list[str] = field(default_factory=list)


def flattened(value: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """A read answer's nested record as fixture keys: {"DISPLAYCONTACT": {"EMAIL1": x}} -> DISPLAYCONTACT.EMAIL1."""
    out: dict[str, Any] = {}
    for key, item in value.items():
        if key.startswith("@") or key == "#text":
            continue
        if isinstance(item, dict):
            out.update(flattened(item, f"{prefix}{key}."))
        elif isinstance(item, str):
            out[f"{prefix}{key}"] = item
    return out


def fixture_row(obj: ObjectDef, record: dict[str, Any], dropped: set[str]) -> dict[str, Any]:
    row: dict[str, Any] = {}
    embedded: list[Any] = []
    if obj.lines:  # a read answer nests the lines too (APBILLITEMS/APBILLITEM): the line object has them
        record = dict(record)
        nested = record.pop(obj.lines.container, None)
        if obj.lines.object is None and isinstance(nested, dict):  # lines of no object of their own: only here
            embedded = _as_list(nested.get(obj.lines.element))
    for key, value in flattened(record).items():
        if value == "" or key.startswith("_"):
            continue
        if key in ("RECORDNO", "WHENCREATED", "WHENMODIFIED") or obj.by_name.get(key) is not None:
            row[key] = value
        else:
            dropped.add(key)
    if embedded and obj.lines:
        allowed = {f.name for f in obj.lines.fields}
        row["_lines"] = [
            {k: v for k, v in flattened(line).items() if k in allowed and v != ""}
            for line in embedded
            if isinstance(line, dict)
        ]
    entity = record.get("_entity") or row.get("MEGAENTITYID")
    if entity and obj.entity_aware and not obj.line_of:
        row["_entity"] = entity
    return row


def pacing(pace: float) -> list[aiohttp.TraceConfig]:
    """Requests started at least `pace` seconds apart (as contract_tests/envelopes.py paces a sandbox)."""
    if pace <= 0:
        return []
    config = aiohttp.TraceConfig()
    last = [0.0]

    async def wait_turn(session: Any, context: Any, params: Any) -> None:
        delay = last[0] + pace - time.monotonic()
        if delay > 0:
            await asyncio.sleep(delay)
        last[0] = time.monotonic()

    config.on_request_start.append(wait_turn)
    return [config]


def progress(name: str, total: int | None) -> Any:
    from tqdm import tqdm  # a bar per object with rate and ETA; silent when stderr is not a terminal

    return tqdm(total=total, desc=f"{name:<24}", unit="rec", disable=None, leave=True)


def raw(name: str, *children: tuple[str, str]) -> Function:
    element = etree.Element(name)
    for tag, text in children:
        etree.SubElement(element, tag).text = text
    return Function(element)


class Importer:
    def __init__(self, client: IntacctClient, state_path: Path, source: str, companyid: str) -> None:
        self.client = client
        self.state_path = state_path
        self.summary = Summary()
        self.state: dict[str, Any] = {"source": source, "company": companyid, "objects": {}}
        self.resume(source, companyid)

    # The state file is JSON lines, appended to (a rewrite per object would cost the square of its size):
    # {"source", "company"}, then {"setup": ...}, then {"object": "VENDOR@E100", "rows": [...]} per object read.
    def resume(self, source: str, companyid: str) -> None:
        try:
            lines = self.state_path.read_text(encoding="utf-8").splitlines()
            head = json.loads(lines[0]) if lines else {}
        except (OSError, ValueError):
            lines, head = [], {}
        if head != {"source": source, "company": companyid}:
            self.state_path.write_text(json.dumps({"source": source, "company": companyid}) + "\n", encoding="utf-8")
            return
        for n, line in enumerate(lines[1:], 1):
            try:
                item = json.loads(line)
            except ValueError:  # the line being written when the run was stopped: cut, so appends stay whole
                self.state_path.write_text("".join(f"{kept}\n" for kept in lines[:n]), encoding="utf-8")
                break
            if "setup" in item:
                self.state["setup"] = item["setup"]
            elif "object" in item:
                self.state["objects"][item["object"]] = item["rows"]
        self.summary.resumed = sorted(self.state["objects"])

    def save(self, item: dict[str, Any]) -> None:
        with self.state_path.open("a", encoding="utf-8") as file:
            file.write(json.dumps(item) + "\n")
            file.flush()
            os.fsync(file.fileno())

    async def call(self, function: Function) -> Any:
        return (await self.client.execute([function]))[0]

    async def entities(self) -> list[dict[str, str]]:
        found = []
        try:
            async for r in self.client.iter_read_by_query("LOCATIONENTITY", "", ["LOCATIONID", "NAME"], PAGE):
                flat = flattened(r)
                if flat.get("LOCATIONID"):
                    found.append({"locationid": flat["LOCATIONID"], "name": flat.get("NAME") or flat["LOCATIONID"]})
        except IntacctError:  # a company without entities may not have the object at all
            return []
        return found

    async def modules(self, user_id: str) -> list[str] | None:
        from mockserver.control.models import MODULES

        result = await self.call(raw("getUserPermissions", ("userId", user_id)))
        if not result.ok:
            return None  # every module: nothing better to go on
        names = []
        for record in result.records:
            for subscription in _as_list(record.get("appSubscription") if isinstance(record, dict) else None):
                name = subscription.get("applicationName") if isinstance(subscription, dict) else None
                if name in MODULES and name not in names:
                    names.append(name)
        return names or None

    async def dimensions(self) -> list[dict[str, Any]]:
        result = await self.call(raw("getDimensions"))
        found = []
        for record in result.records if result.ok else []:
            for d in _as_list(record.get("dimension") if isinstance(record, dict) else None):
                if isinstance(d, dict) and d.get("userDefinedDimension") == "true" and d.get("objectName"):
                    found.append(
                        {
                            "objectName": d["objectName"],
                            "label": d.get("objectLabel") or d["objectName"],
                            "termLabel": d.get("termLabel") or None,
                            "enabledInGL": d.get("enabledInGL") != "false",
                        }
                    )
        return found

    async def object_names(self, wanted: list[str] | None) -> list[str]:
        result = await self.call(fns.inspect("*"))
        result.raise_for_status()
        listed = []
        for record in result.records:
            # <type typename="VENDOR">Vendor</type> reads as {"@typename": ..., "#text": ...}
            if isinstance(record, dict) and record.get("@typename"):
                listed.append(record["@typename"])
        if wanted:
            missing = [name for name in wanted if name not in listed]
            if missing:
                raise ImportFailure(f"--objects: {', '.join(missing)} not listed by the source's inspect *", 2)
            listed = list(wanted)
        return listed

    async def read_all(self, label: str, name: str, query: str = "") -> list[dict[str, Any]]:
        records: list[dict[str, Any]] = []
        result = (await self.client.execute([fns.read_by_query(name, query, "*", PAGE)]))[0].raise_for_status()
        bar = progress(label, result.total_count)
        try:
            while True:
                records.extend(r for r in result.records if isinstance(r, dict))
                bar.update(len(result.records))
                if not result.num_remaining or not result.result_id:
                    return records
                result = (await self.client.execute([fns.read_more(result.result_id)]))[0].raise_for_status()
        finally:
            bar.close()

    async def run(self, wanted: list[str] | None, user_id: str) -> dict[str, Any]:
        saved = self.state.setdefault("objects", {})
        if "setup" not in self.state:
            self.state["setup"] = {
                "entities": await self.entities(),
                "modules": await self.modules(user_id),
                "dimensions": await self.dimensions(),
            }
            self.save({"setup": self.state["setup"]})
        udds = {d["objectName"] for d in self.state["setup"]["dimensions"]}
        names = []
        for name in await self.object_names(wanted):
            if name in SKIPPED:
                continue
            if name not in CATALOGUE and name not in udds:
                self.summary.unknown_objects.append(name)
                continue
            names.append(name)
        # The top level lists shared records; each entity's session adds the records private to it.
        for scope in ["", *(e["locationid"] for e in self.state["setup"]["entities"])]:
            todo = [n for n in names if f"{n}@{scope}" not in saved and (not scope or entity_aware(n))]
            if not todo:
                continue
            if scope:
                await self.client.open_session(scope)
            for name in todo:
                obj = CATALOGUE.get(name)
                # An entity's own records only, where the object says whose they are (a line does not)
                private = scope and obj is not None and not obj.line_of and obj.field("MEGAENTITYID") is not None
                query = f"MEGAENTITYID = '{scope}'" if private else ""
                try:
                    rows = await self.read_all(name if not scope else f"{name}@{scope}", name, query)
                except IntacctError as failure:
                    self.summary.failed[f"{name}@{scope}" if scope else name] = str(failure).splitlines()[0][:200]
                    continue
                if scope:
                    shared = {str(r.get("RECORDNO")) for r in saved.get(f"{name}@", [])}
                    rows = [{**r, "_entity": scope} for r in rows if str(r.get("RECORDNO")) not in shared]
                saved[f"{name}@{scope}"] = rows = [compact(r) for r in rows]
                self.save({"object": f"{name}@{scope}", "rows": rows})
        return self.state


def compact(value: Any) -> Any:
    """A read record without its empty values (most of a wide object's fields): what the state file keeps."""
    if isinstance(value, dict):
        return {k: compact(v) for k, v in value.items() if v != "" and v != {}}
    if isinstance(value, list):
        return [compact(v) for v in value]
    return value


def entity_aware(name: str) -> bool:
    obj = CATALOGUE.get(name)
    return obj is None or obj.entity_aware or bool(obj.line_of)  # a line of a private header is private too


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def fixture(state: dict[str, Any], companyid: str, user_id: str, anonymize: bool, summary: Summary) -> dict[str, Any]:
    """The company fixture from what was read: headers with their lines, rows the loader accepts."""
    setup = state["setup"]
    udds = {d["objectName"]: d for d in setup["dimensions"]}
    records: dict[str, list[dict[str, Any]]] = {}
    lines: dict[str, dict[str, list[tuple[int, dict[str, Any]]]]] = {}
    merged: dict[str, list[dict[str, Any]]] = {}
    for key, rows in state["objects"].items():  # "VENDOR@" shared, "VENDOR@E100" private to E100
        merged.setdefault(key.rpartition("@")[0], []).extend(rows)
    for rows in merged.values():
        rows.sort(key=lambda r: int(r.get("RECORDNO") or 0) if str(r.get("RECORDNO") or "").isdigit() else 0)
    for name, rows in merged.items():
        obj = CATALOGUE.get(name)
        if obj is None and name in udds:
            obj = CATALOGUE["DIMENSION"]
        if obj is None:
            continue
        dropped: set[str] = set()
        converted = [fixture_row(obj, r, dropped) for r in rows]
        if dropped:
            summary.dropped_fields[name] = sorted(dropped)
        if obj.line_of:  # grouped under the header's RECORDNO, kept in their own RECORDNO order
            header, key = obj.line_of
            header_lines = CATALOGUE[header].lines
            allowed = {f.name for f in header_lines.fields} if header_lines else set()
            for row in converted:
                if row.get(key):
                    line = {k: v for k, v in row.items() if k in allowed}
                    lines.setdefault(header, {}).setdefault(str(row[key]), []).append(
                        (int(row.get("RECORDNO") or 0), line)
                    )
            continue
        if converted:
            records[name] = converted
    for header, by_key in lines.items():
        for row in records.get(header, []):
            found = by_key.get(str(row.get("RECORDNO")), [])
            if found:
                row["_lines"] = [line for _, line in sorted(found, key=lambda pair: pair[0])]
    if anonymize:
        for name, rows in records.items():
            obj = CATALOGUE.get(name) or CATALOGUE["DIMENSION"]
            keep = {"RECORDNO", obj.id_field} | {f.name for f in obj.fields if f.references}
            if obj.lines:
                keep |= {f.name for f in obj.lines.fields if f.references}
            records[name] = [anonymized(row, keep) for row in rows]
    for name, rows in records.items():
        summary.objects[name] = len(rows)
    return {
        "companyid": companyid,
        "name": f"{companyid} (imported)",
        "modules": setup["modules"],
        "entities": setup["entities"],
        "senders": {MOCK_SENDER: "active"},
        "users": [{"userid": user_id, "password": FAKE_PASSWORD, "admin": "full", "user_type": "business user"}],
        "dimensions": setup["dimensions"],
        "records": records,
    }


async def snapshot(
    source: str,
    companyid: str,
    out: Path,
    objects: list[str] | None,
    anonymize: bool,
    pace: float,
    env: dict[str, str] | None = None,
) -> Summary:
    env = dict(os.environ if env is None else env)
    try:
        credentials = Credentials.from_env(env, endpoint_url=source)
    except ValueError as failure:
        raise ImportFailure(str(failure), 2) from None
    user_id = credentials.user_id or "imported_user"
    state_path = out.with_name(out.name + ".partial.jsonl")
    async with (
        aiohttp.ClientSession(trace_configs=pacing(pace)) as http,
        IntacctClient(credentials, http=http) as client,
    ):
        importer = Importer(client, state_path, source, credentials.company_id or "")
        try:
            await client.open_session()
            state = await importer.run(objects, user_id)
        except IntacctError as failure:
            raise ImportFailure(f"{source}: {str(failure).splitlines()[0]}") from None
    data = fixture(state, companyid, user_id, anonymize, importer.summary)
    from mockserver.control.fixture_models import check_fixture
    from mockserver.control.models import SettingsError

    try:
        check_fixture(data)
    except SettingsError as failure:  # a value the source has that the mock cannot store: say which
        raise ImportFailure(f"the snapshot does not load as a fixture: {failure}") from None
    try:
        temporary = out.with_name(out.name + ".tmp")
        temporary.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        os.replace(temporary, out)
    except OSError as failure:
        raise ImportFailure(f"cannot write {out}: {failure.strerror or failure}", 2) from None
    state_path.unlink(missing_ok=True)
    return importer.summary
