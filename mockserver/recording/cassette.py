"""Cassettes in vcrpy's YAML format (version 1), so a recording plays back in any vcrpy suite.

vcrpy's own layout: {"version": 1, "interactions": [{"request": {method, uri, body, headers},
"response": {status: {code, message}, headers, body: {string}}}]}, headers as name -> [values], a body
as text when it is UTF-8 and as bytes (YAML !!binary) when not. PyYAML writes and reads it (the
library vcrpy itself uses); vcrpy is not needed at run time.

The writer appends each exchange as it ends (a stopped recorder loses nothing), so `version` comes
first in the file: a mapping's order means nothing to YAML or vcrpy.
"""

from __future__ import annotations

import gzip
import os
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

try:  # libyaml when present: a large cassette loads several times faster
    from yaml import CSafeDumper as Dumper
    from yaml import CSafeLoader as Loader
except ImportError:  # pragma: no cover - PyYAML built without libyaml
    from yaml import SafeDumper as Dumper  # type: ignore[assignment]
    from yaml import SafeLoader as Loader  # type: ignore[assignment]


class CassetteError(Exception):
    """The file is not a cassette this tool can read (missing, not YAML, not vcrpy's layout)."""


@dataclass
class Exchange:
    """One interaction: a request and the answer it got, bodies as bytes (decoded from any gzip)."""

    method: str
    uri: str
    request_headers: dict[str, list[str]]
    request_body: bytes
    status: int
    reason: str
    response_headers: dict[str, list[str]]
    response_body: bytes
    notes: list[str] = field(default_factory=list)  # what could not be read as it came (an unknown encoding)

    def header(self, name: str, response: bool = True) -> str:
        headers = self.response_headers if response else self.request_headers
        for key, values in headers.items():
            if key.lower() == name.lower() and values:
                return str(values[0])
        return ""


def as_text(body: bytes) -> str | bytes:
    """vcrpy's convention: text when the body is UTF-8, else the bytes themselves (!!binary)."""
    try:
        return body.decode("utf-8")
    except UnicodeDecodeError:
        return body


def as_bytes(value: Any) -> bytes:
    if value is None:
        return b""
    if isinstance(value, bytes):
        return value
    if isinstance(value, str):
        return value.encode("utf-8")
    raise TypeError(f"a body of {type(value).__name__}")


def headers_of(value: Any) -> dict[str, list[str]]:
    if not isinstance(value, dict):
        return {}
    return {str(k): [str(v) for v in (vs if isinstance(vs, list) else [vs])] for k, vs in value.items()}


def decoded(body: bytes, encoding: str, notes: list[str]) -> bytes:
    """A response body as the client saw it: vcrpy keeps a gzip or deflate body as it came."""
    encoding = encoding.strip().lower()
    if not encoding or encoding == "identity" or not body:
        return body
    try:
        if encoding in ("gzip", "x-gzip"):
            return gzip.decompress(body)
        if encoding == "deflate":
            try:
                return zlib.decompress(body)
            except zlib.error:
                return zlib.decompress(body, -zlib.MAX_WBITS)  # raw deflate, as some servers send it
    except (OSError, EOFError, zlib.error) as failure:
        notes.append(f"response body not decodable as {encoding}: {failure}")
        return body
    notes.append(f"response Content-Encoding {encoding!r} not understood; body read as it came")
    return body


def exchange_from(item: Any, index: int) -> Exchange:
    if not isinstance(item, dict) or not isinstance(item.get("request"), dict):
        raise CassetteError(f"interaction {index + 1} has no request")
    request, response = item["request"], item.get("response") or {}
    if not isinstance(response, dict):
        raise CassetteError(f"interaction {index + 1} has no response")
    notes: list[str] = []
    try:
        body = request.get("body")
        if isinstance(body, dict):  # some recorders nest it as vcrpy does a response's
            body = body.get("string")
        request_body = as_bytes(body)
        status = response.get("status") or {}
        code = int(status.get("code", 0)) if isinstance(status, dict) else int(status)
        reason = str(status.get("message", "")) if isinstance(status, dict) else ""
        response_headers = headers_of(response.get("headers"))
        raw = response.get("body")
        response_body = as_bytes(raw.get("string") if isinstance(raw, dict) else raw)
    except (TypeError, ValueError) as failure:
        raise CassetteError(f"interaction {index + 1}: {failure}") from None
    exchange = Exchange(
        str(request.get("method", "")).upper(),
        str(request.get("uri", "")),
        headers_of(request.get("headers")),
        request_body,
        code,
        reason,
        response_headers,
        response_body,
        notes,
    )
    exchange.response_body = decoded(response_body, exchange.header("Content-Encoding"), notes)
    return exchange


def load(path: str | os.PathLike[str]) -> list[Exchange]:
    """The exchanges of a vcrpy cassette; CassetteError naming what is wrong."""
    try:
        text = Path(path).read_bytes()
    except OSError as failure:
        raise CassetteError(f"cannot read {path}: {failure.strerror or failure}") from None
    try:
        data = yaml.load(text, Loader=Loader)
    except yaml.YAMLError as failure:
        where = getattr(failure, "problem_mark", None)
        at = f" (line {where.line + 1})" if where is not None else ""
        raise CassetteError(f"{path} is not a YAML file{at}: not a vcrpy cassette") from None
    if not isinstance(data, dict) or not isinstance(data.get("interactions"), list):
        raise CassetteError(f"{path} is not a vcrpy cassette (no 'interactions' list)")
    return [exchange_from(item, i) for i, item in enumerate(data["interactions"])]


def interaction(exchange: Exchange) -> dict[str, Any]:
    """The vcrpy dict of one exchange."""
    return {
        "request": {
            "body": as_text(exchange.request_body),
            "headers": exchange.request_headers,
            "method": exchange.method,
            "uri": exchange.uri,
        },
        "response": {
            "body": {"string": as_text(exchange.response_body)},
            "headers": exchange.response_headers,
            "status": {"code": exchange.status, "message": exchange.reason},
        },
    }


class CassetteWriter:
    """Appends exchanges to a new cassette file, each flushed to disk as it is written."""

    def __init__(self, path: str | os.PathLike[str]) -> None:
        self.path = Path(path)
        self.count = 0
        try:
            self.file = self.path.open("w", encoding="utf-8")
        except OSError as failure:
            raise CassetteError(f"cannot write {path}: {failure.strerror or failure}") from None
        self.file.write("version: 1\ninteractions:\n")
        self.file.flush()

    def write(self, exchange: Exchange) -> None:
        # A one-item block sequence at column 0 continues the `interactions:` list.
        self.file.write(yaml.dump([interaction(exchange)], Dumper=Dumper, allow_unicode=True, width=1 << 30))
        self.file.flush()
        self.count += 1

    def close(self) -> None:
        if self.file.closed:
            return
        if not self.count:  # `interactions:` alone reads as null; vcrpy wants a list
            self.file.seek(0)
            self.file.truncate()
            self.file.write("version: 1\ninteractions: []\n")
        self.file.close()
