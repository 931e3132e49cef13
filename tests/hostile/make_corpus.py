"""The hostile request corpus: small inputs written to this folder, large ones built at test time.

    python -m tests.hostile.make_corpus            # rewrite the small files of tests/hostile/
    python -m tests.hostile.make_corpus OUTDIR     # also write the large ones (~120 MB) to OUTDIR

Files use placeholders the test fills in: @LISTENER@ (an http://127.0.0.1:PORT listener that records
every connection) and @SECRET_FILE@ (a file:// URL of a file holding a marker that must never come
back). The file extension says how a file is posted: .xml raw (application/xml), .form
(application/x-www-form-urlencoded), .json (application/json), .bin (application/octet-stream),
.multipart (multipart/form-data). EXPECTED says what the mock must answer beyond the common
properties (no 5xx, an envelope valid against schemas/response.xsd, still serving, data unchanged).
"""

from __future__ import annotations

import gzip
import random
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import AsyncIterator, Callable
from urllib.parse import quote

from ..gateway import function, request_xml

HERE = Path(__file__).resolve().parent
CONTENT_TYPES = {".xml": "application/xml", ".form": "application/x-www-form-urlencoded",
                 ".json": "application/json", ".bin": "application/octet-stream",
                 ".multipart": "multipart/form-data; boundary=hostile"}

GET_SESSION = function("getAPISession", controlid="f-1")
VALID = request_xml(GET_SESSION)
PROLOG, BODY = VALID.split(b"?>", 1)
PROLOG += b"?>"


def with_doctype(doctype: bytes, body: bytes = BODY) -> bytes:
    return PROLOG + doctype + body


def in_controlid(text: bytes) -> bytes:
    """The valid request with `text` as its control controlid (echoed back if it ever expands)."""
    return BODY.replace(b"<controlid>req-1</controlid>", b"<controlid>" + text + b"</controlid>")


def billion_laughs() -> bytes:
    entities = b'<!ENTITY a0 "lol">' + b"".join(
        b'<!ENTITY a%d "%s">' % (i, b"&a%d;" % (i - 1) * 10) for i in range(1, 10))
    return with_doctype(b"<!DOCTYPE request [" + entities + b"]>", in_controlid(b"&a9;"))


def small_inputs() -> dict[str, bytes]:
    """Name (with extension) -> body: the files of this folder."""
    xxe_file = with_doctype(b'<!DOCTYPE request [<!ENTITY x SYSTEM "@SECRET_FILE@">]>', in_controlid(b"&x;"))
    secret_attr = BODY.replace(b'controlid="f-1"', b'controlid="&x;"')
    rng = random.Random(20240601)
    inputs = {
        # external entities and every other way a parser could be asked to fetch something
        "xxe-file-entity.xml": xxe_file,
        "xxe-url-entity.xml": with_doctype(b'<!DOCTYPE request [<!ENTITY x SYSTEM "@LISTENER@/general-entity">]>',
                                           in_controlid(b"&x;")),
        "xxe-entity-in-attribute.xml": with_doctype(b'<!DOCTYPE request [<!ENTITY x SYSTEM "@SECRET_FILE@">]>',
                                                    secret_attr),
        "xxe-parameter-entity.xml": with_doctype(
            b'<!DOCTYPE request [<!ENTITY % p SYSTEM "@LISTENER@/parameter-entity"> %p;]>', in_controlid(b"&x;")),
        "xxe-external-dtd.xml": with_doctype(b'<!DOCTYPE request SYSTEM "@LISTENER@/external.dtd">'),
        "xxe-public-dtd.xml": with_doctype(b'<!DOCTYPE request PUBLIC "-//EVIL//DTD//EN" "@SECRET_FILE@">'),
        "xxe-utf16.xml": xxe_file.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16"),
        "xxe-form.form": b"xmlrequest=" + quote(xxe_file, safe="@").encode(),
        "xinclude-file.xml": PROLOG + in_controlid(
            b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="@SECRET_FILE@" parse="text"/>'),
        "xinclude-url.xml": PROLOG + in_controlid(
            b'<xi:include xmlns:xi="http://www.w3.org/2001/XInclude" href="@LISTENER@/xinclude" parse="text"/>'),
        "schema-location.xml": PROLOG + BODY.replace(
            b"<request>", b'<request xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
                          b'xsi:noNamespaceSchemaLocation="@LISTENER@/request.xsd">', 1),
        "xml-stylesheet.xml": PROLOG + b'<?xml-stylesheet type="text/xsl" href="@LISTENER@/style.xsl"?>' + BODY,
        # entity expansion bombs (refused: any DOCTYPE is)
        "billion-laughs.xml": billion_laughs(),
        "quadratic-blowup.xml": with_doctype(b'<!DOCTYPE request [<!ENTITY a "' + b"a" * 50_000 + b'">]>',
                                             in_controlid(b"&a;" * 2_000)),
        "undefined-entity.xml": PROLOG + in_controlid(b"&nope;"),
        # encodings
        "invalid-utf8.xml": PROLOG + in_controlid(b"bad \xc3\x28 overlong \xc0\xaf surrogate \xed\xa0\x80 \xff"),
        "invalid-utf8-in-password.xml": PROLOG + BODY.replace(b"mockuserpw", b"mock\xffuserpw"),
        "utf16-bom.xml": VALID.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16"),
        "utf16-be-no-bom.xml": VALID.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16-be"),
        "utf16-bom-declared-utf8.xml": VALID.decode().encode("utf-16"),
        "utf16-odd-length.xml": VALID.replace(b'encoding="UTF-8"', b'encoding="UTF-16"').decode().encode("utf-16")[:-1],
        "utf32.xml": VALID.replace(b'encoding="UTF-8"', b'encoding="UTF-32"').decode().encode("utf-32"),
        "utf8-bom.xml": b"\xef\xbb\xbf" + VALID,
        "bom-only.xml": b"\xff\xfe",
        "declared-unknown-encoding.xml": VALID.replace(b'encoding="UTF-8"', b'encoding="X-EVIL-42"'),
        "declared-latin1.xml": VALID.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"').replace(
            b"req-1", b"caf\xe9"),
        "char-refs-invalid.xml": PROLOG + in_controlid(b"&#0;&#x1;&#xD800;&#x110000;"),
        "char-ref-control-char.xml": PROLOG + in_controlid(b"a&#x1;b&#0;c"),  # echoed back after recovery
        "nul-bytes.bin": b"\0" * 4096,
        "binary-garbage.bin": bytes(rng.randrange(256) for _ in range(65_536)),
        # not XML at all
        "empty.xml": b"",
        "whitespace-only.xml": b" \t\r\n" * 100,
        "json-body.json": b'{"request": {"control": {"senderid": "mocksender", "password": "mocksenderpw"}, '
                          b'"operation": {"content": {"function": {"getAPISession": {}}}}}}',
        "json-in-form.form": b'xmlrequest={"request": {}}',
        "form-bad-percent.form": b"xmlrequest=%ZZ%G1%" + quote(VALID).encode()[:200],
        "form-invalid-utf8.form": b"xmlrequest=%FF%FE%FA" + quote(BODY).encode(),
        "form-two-fields.form": b"xmlrequest=" + quote(VALID).encode() + b"&xmlrequest=" + quote(xxe_file).encode(),
        "form-no-field.form": b"password=mocksenderpw&other=1",
        "multipart-garbage.multipart": b"--hostile\r\nContent-Disposition: form-data; name=\"xmlrequest\"\r\n\r\n"
                                       + VALID + b"\r\n--hostile--\r\n",
        "html.xml": b"<!doctype html><html><body><form>xmlrequest</form></body></html>",
        "comment-only.xml": PROLOG + b"<!-- nothing here -->",
        "processing-instruction-only.xml": PROLOG + b"<?php system('id'); ?>",
        # well-formed XML the schema refuses
        "wrong-root.xml": PROLOG + BODY.replace(b"<request>", b"<response>").replace(b"</request>", b"</response>"),
        "namespaced-root.xml": PROLOG + BODY.replace(b"<request>", b'<request xmlns="urn:evil">'),
        "prefixed-function.xml": PROLOG + BODY.replace(
            b"<getAPISession></getAPISession>", b'<e:getAPISession xmlns:e="urn:evil"/>'),
        "unknown-function.xml": request_xml(function("dropAllTables") + GET_SESSION),
        "element-name-60k.xml": PROLOG + in_controlid(b"<" + b"n" * 60_000 + b"/>"),
        "duplicate-attribute.xml": PROLOG + BODY.replace(b'controlid="f-1"', b'controlid="f-1" controlid="f-2"'),
        "attributes-5000.xml": PROLOG + BODY.replace(
            b'controlid="f-1"', b'controlid="f-1" ' + b" ".join(b'a%d="1"' % i for i in range(5_000))),
        "nesting-300-levels.xml": PROLOG + in_controlid(b"<a>" * 300 + b"</a>" * 300),
        "cdata-password.xml": PROLOG + BODY.replace(b"<password>mockuserpw", b"<password><![CDATA[mockuserpw]]>"),
        "truncated.xml": VALID[: len(VALID) // 2],
        "two-roots.xml": VALID + BODY,
    }
    return inputs


# What each small input must get, beyond the common properties: "parse-error" (control failure
# XL03000003), "success" (control success), "control-failure" (any control-level failure).
EXPECTED = {name: "parse-error" for name in small_inputs()} | {
    "utf16-bom.xml": "success", "utf16-be-no-bom.xml": "success", "utf32.xml": "success",
    "utf8-bom.xml": "success", "declared-latin1.xml": "success", "cdata-password.xml": "success",
    "xml-stylesheet.xml": "success", "unknown-function.xml": "parse-error",
    "multipart-garbage.multipart": "parse-error", "form-two-fields.form": "success",
    "schema-location.xml": "any", "utf16-bom-declared-utf8.xml": "any",
}


@dataclass
class LargeInput:
    name: str
    body: bytes | Callable[[], AsyncIterator[bytes]]  # a callable streams the body chunked
    expect: str  # "413", "parse-error", "success"
    headers: dict[str, str] = field(default_factory=dict)
    check: Callable | None = None  # extra check of the parsed answer (an lxml root)


def chunked_50_mb() -> AsyncIterator[bytes]:
    async def chunks():
        for _ in range(50):
            yield b"<" * 1_000_000
    return chunks()


def count_results(status: str, expected: int):
    def check(root) -> None:
        found = [r.findtext("status") for r in root.iterfind("operation/result")]
        assert len(found) == expected and set(found) == {status}, (len(found), set(found))
    return check


def large_inputs(limit: int) -> list[LargeInput]:
    """Inputs too big to commit; `limit` is the server's --max-body-bytes."""
    under = limit - len(VALID) - 1_000
    readers = "".join(function("readByQuery", "<object>VENDOR</object><query/><pagesize>1</pagesize>", f"r{i}")
                      for i in range(10_000))
    sessions = "".join(function("getAPISession", controlid=f"s{i}") for i in range(10_000))
    return [
        LargeInput("body-50mb", request_xml(GET_SESSION).replace(b"req-1", b"x" * 50_000_000), "413"),
        LargeInput("body-50mb-chunked", chunked_50_mb, "413"),
        LargeInput("gzip-bomb-100mb", gzip.compress(b"<" * 100_000_000), "413", {"Content-Encoding": "gzip"}),
        LargeInput("nesting-100k-in-content", PROLOG + BODY.replace(
            b"<content>", b"<content>" + b"<a>" * 100_000 + b"</a>" * 100_000), "parse-error"),
        LargeInput("nesting-100k-in-query", request_xml(function(
            "readByQuery", "<object>VENDOR</object><query>" + "(" * 100_000 + "VENDORID = 'V1'" + ")" * 100_000
            + "</query>")), "success", check=count_results("failure", 1)),
        LargeInput("huge-attribute", PROLOG + BODY.replace(b'controlid="f-1"', b'controlid="' + b"y" * under + b'"'),
                   "parse-error"),
        LargeInput("huge-text", PROLOG + in_controlid(b"t" * under), "parse-error"),
        LargeInput("huge-password", PROLOG + BODY.replace(b"mockuserpw", b"p" * under), "any"),
        LargeInput("functions-10k-readByQuery", request_xml(readers), "success",
                   check=count_results("success", 10_000)),
        LargeInput("functions-10k-getAPISession", request_xml(sessions), "success",
                   check=count_results("success", 10_000)),
        LargeInput("elements-500k-in-control", PROLOG + BODY.replace(b"<control>", b"<control>" + b"<x/>" * 500_000),
                   "parse-error"),
    ]


def write_small(directory: Path = HERE) -> list[Path]:
    written = []
    for name, body in small_inputs().items():
        path = directory / name
        path.write_bytes(body)
        written.append(path)
    return written


def main(argv: list[str]) -> int:
    paths = write_small()
    print(f"wrote {len(paths)} small inputs to {HERE}")
    if argv:
        out = Path(argv[0])
        out.mkdir(parents=True, exist_ok=True)
        for item in large_inputs(4 * 1024 * 1024):
            if isinstance(item.body, bytes):
                (out / f"{item.name}.xml").write_bytes(item.body)
        print(f"wrote the large inputs to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
