"""Isolation and secrets: a session of one company cannot read, write or page another's records;
session IDs and resultIds are unguessable; passwords and session IDs never reach the server's log
(run as a process at --log-level DEBUG) or the journal, however the request spells them.

(The admin token is pinned by tests/test_admin.py, the non-loopback refusal by tests/test_packaging.py.)
"""

from __future__ import annotations

import json
import math
import urllib.request
import uuid
from collections import Counter

from lxml import etree

from .gateway import bare_company, function, login_xml, request_xml, session_xml, vendor_xml
from .server_process import ServerProcess


def company(companyid: str, password: str, senders: dict[str, str] | None = None) -> dict:
    data = bare_company(companyid)
    data["users"][0]["password"] = password
    if senders is not None:
        data["senders"] = senders
    return data


def vendors_in(answer) -> list[str]:
    return [
        e.findtext("VENDORID") or e.findtext("vendorid") or "" for e in answer.root.iterfind("operation/result/data/*")
    ]


async def test_a_company_cannot_read_write_or_page_another_companys_records(gateway):
    gateway.state.create_company(company("ISOA", "pw-A"))
    gateway.state.create_company(company("ISOB", "pw-B"))
    as_a = {"authentication": login_xml(companyid="ISOA", password="pw-A")}
    as_b = {"authentication": login_xml(companyid="ISOB", password="pw-B")}
    await gateway.call(function("create", "".join(vendor_xml(f"A-{i}", "mine") for i in range(3))), **as_a)
    marker = f"BNAME-{uuid.uuid4().hex}"  # only B's records carry it; A never sends it
    await gateway.call(function("create", "".join(vendor_xml(f"B-SECRET-{i}", marker) for i in range(10))), **as_b)
    _, b_before = await gateway.admin("GET", "/__mock__/companies/ISOB/state")
    session_a = await gateway.open_session(companyid="ISOA", password="pw-A")
    session_b = await gateway.open_session(companyid="ISOB", password="pw-B")
    b_cursor = await gateway.call(
        function("readByQuery", "<object>VENDOR</object><query/><pagesize>1</pagesize>"),
        authentication=session_xml(session_b),
    )
    b_result_id = b_cursor.root.find("operation/result/data").get("resultId")

    attempts: list[tuple[str, bool]] = []
    for auth_name, auth in (("login", as_a["authentication"]), ("session", session_xml(session_a))):
        for name, probe in [
            (
                "read guessed RECORDNOs",
                function("read", "<object>VENDOR</object><keys>" + ",".join(map(str, range(1, 30))) + "</keys>"),
            ),
            ("read without keys", function("read", "<object>VENDOR</object><keys/>")),
            ("readByName B's IDs", function("readByName", "<object>VENDOR</object><keys>B-SECRET-1,B-SECRET-9</keys>")),
            (
                "readByQuery B's IDs",
                function(
                    "readByQuery", "<object>VENDOR</object><query>VENDORID LIKE 'B-%' OR NAME LIKE 'BNAME-%'</query>"
                ),
            ),
            (
                "query B's IDs",
                function(
                    "query",
                    "<object>VENDOR</object><select><field>VENDORID</field></select>"
                    "<filter><like><field>VENDORID</field><value>B-%</value></like>"
                    "</filter><options><showprivate>true</showprivate></options>",
                ),
            ),
            ("get_list", function("get_list", "").replace("<get_list></get_list>", '<get_list object="vendor"/>')),
            ("readMore B's resultId", function("readMore", f"<resultId>{b_result_id}</resultId>")),
            ("readMore latest", function("readMore", "<object>VENDOR</object>")),
            (
                "update B's vendor",
                function("update", "<VENDOR><VENDORID>B-SECRET-1</VENDORID><NAME>pwned</NAME></VENDOR>"),
            ),
            ("update B-only RECORDNO", function("update", "<VENDOR><RECORDNO>9</RECORDNO><NAME>pwned</NAME></VENDOR>")),
            ("delete B-only RECORDNOs", function("delete", "<object>VENDOR</object><keys>4,5,6,7,8,9,10</keys>")),
            (
                "delete_vendor B's ID",
                function("delete_vendor", "").replace(
                    "<delete_vendor></delete_vendor>", '<delete_vendor vendorid="B-SECRET-2"/>'
                ),
            ),
        ]:
            answer = await gateway.call(probe, authentication=auth)
            listed = [e.text or "" for e in answer.root.iterfind("operation/result/data//VENDORID")]
            listed += [e.text or "" for e in answer.root.iterfind("operation/result/data//vendorid")]
            leaked = marker.encode() in etree.tostring(answer.root) or any(v.startswith("B-") for v in listed)
            attempts.append((f"{auth_name}: {name}", leaked))
    # B's session with a sender B has not authorized, and B's company with A's password
    gateway.state.create_company(company("ISOC", "pw-C", senders={"othersender": "active"}))
    answer = await gateway.call(
        function("getAPISession"),
        sender=("othersender", "othersenderpw"),
        authentication=login_xml(companyid="ISOC", password="pw-C"),
    )
    session_c = answer.text("operation/result/data/api/sessionid")
    assert session_c
    cross = [
        (
            "ISOC session with mocksender",
            await gateway.call(
                function("readByQuery", "<object>VENDOR</object><query/>"), authentication=session_xml(session_c)
            ),
        ),
        (
            "ISOB with A's password",
            await gateway.call(
                function("readByQuery", "<object>VENDOR</object><query/>"),
                authentication=login_xml(companyid="ISOB", password="pw-A"),
            ),
        ),
        (
            "session ID of B, truncated",
            await gateway.call(
                function("readByQuery", "<object>VENDOR</object><query/>"), authentication=session_xml(session_b[:-3])
            ),
        ),
    ]
    refused = sum(1 for _, a in cross if a.control_status == "failure" or a.authentication_status == "failure")
    leaks = [name for name, leaked in attempts if leaked]
    b_cursor_next = await gateway.call(
        function("readMore", f"<resultId>{b_result_id}</resultId>"), authentication=session_xml(session_b)
    )
    _, b_after = await gateway.admin("GET", "/__mock__/companies/ISOB/state")
    print(
        f"\nisolation: attempts={len(attempts) + len(cross)} leaks={len(leaks)} cross_auth_refused={refused}/"
        f"{len(cross)} b_changed={int(b_after != b_before)}"
    )
    assert leaks == []
    assert refused == len(cross)
    assert b_after == b_before
    # A's try at B's cursor neither consumed nor moved it.
    assert vendors_in(b_cursor_next) == ["B-SECRET-1"]


def bits_per_character(values: list[str]) -> float:
    counts = Counter("".join(values))
    total = sum(counts.values())
    return -sum(n / total * math.log2(n / total) for n in counts.values())


async def test_session_ids_and_result_ids_are_unguessable(gateway):
    many = 2_000
    sessions = await gateway.call("".join(function("getAPISession", controlid=f"s{i}") for i in range(many)))
    session_ids = [r.findtext("data/api/sessionid") for r in sessions.results()]
    listings = await gateway.call(
        "".join(
            function("readByQuery", "<object>VENDOR</object><query/><pagesize>1</pagesize>", f"r{i}")
            for i in range(many)
        )
    )
    result_ids = [r.find("data").get("resultId") for r in listings.results()]
    random_parts = [r.removeprefix("7765623330") for r in result_ids]
    session_bits = bits_per_character([s.removesuffix("..") for s in session_ids])
    result_bits = bits_per_character(random_parts)
    session_strength = min(len(s) - 2 for s in session_ids) * session_bits
    result_strength = min(len(r) for r in random_parts) * result_bits
    print(
        f"\nsecrets: session_ids={len(session_ids)} unique={len(set(session_ids))} length={len(session_ids[0])} "
        f"bits/char={session_bits:.2f} ~bits={session_strength:.0f}; result_ids={len(result_ids)} "
        f"unique={len(set(result_ids))} random_chars={len(random_parts[0])} bits/char={result_bits:.2f} "
        f"~bits={result_strength:.0f}"
    )
    assert len(set(session_ids)) == many and len(set(result_ids)) == many
    assert all(s.endswith("..") for s in session_ids)
    # No shared 8-character prefix (62^8 values: a collision among 2,000 would betray a sequence).
    assert len({s[:8] for s in session_ids}) == many and len({r[:8] for r in random_parts}) == many
    assert session_bits > 5.8 and result_bits > 5.8  # 62 and 64 symbols: log2 = 5.95 and 6.0
    assert session_strength >= 128 and result_strength >= 128
    # Every position varies (no counter or timestamp inside).
    for values in (session_ids, random_parts):
        width = min(map(len, values))
        assert all(len({v[i] for v in values}) > 30 for i in range(width - 2))


def post(endpoint: str, body: bytes) -> bytes:
    request = urllib.request.Request(endpoint, data=body, headers={"Content-Type": "application/xml"})
    try:
        with urllib.request.urlopen(request, timeout=30) as reply:
            return reply.read()
    except urllib.error.HTTPError as failure:  # 401 for a wrong password
        return failure.read()


def test_passwords_and_session_ids_never_reach_the_log_or_the_journal():
    secret = f"Pw-{uuid.uuid4().hex}"
    wrong = f"Wrong-{uuid.uuid4().hex}"
    odd = f"P&w<{uuid.uuid4().hex[:12]}>'\""
    with ServerProcess(log_level="DEBUG") as server:
        data = company("SECCO", secret)
        data["users"].append({"userid": "odd_isu", "password": odd, "admin": "full"})
        assert server.admin("POST", "/__mock__/companies", {"company": data})[0] == 201
        login = login_xml(companyid="SECCO", password=secret)
        answer = etree.fromstring(post(server.endpoint, request_xml(function("getAPISession"), authentication=login)))
        session_id = answer.findtext("operation/result/data/api/sessionid")
        assert session_id
        as_utf16 = (
            request_xml(function("getAPISession"), authentication=login)
            .decode()
            .replace('encoding="UTF-8"', 'encoding="UTF-16"')
            .encode("utf-16")
        )
        bodies = [
            request_xml(
                function("readByQuery", "<object>VENDOR</object><query/>"), authentication=session_xml(session_id)
            ),
            request_xml(function("getAPISession"), authentication=login_xml(companyid="SECCO", password=wrong)),
            request_xml(function("getAPISession"), authentication=login_xml("odd_isu", "SECCO", odd)),
            request_xml(function("getAPISession"), authentication=login).replace(
                f"<password>{secret}".encode(), f"<password><![CDATA[{secret}]]>".encode()
            ),
            request_xml(function("getAPISession"), authentication=login).replace(
                f"<password>{secret}".encode(), f"<password >{secret[:10]}<!-- -->{secret[10:]}".encode()
            ),
            request_xml(function("getAPISession"), authentication=login).replace(
                b"<password>" + secret.encode(), b'<password kind="x">' + secret.encode()
            ),  # schema error
            request_xml(function("getAPISession"), authentication=login).replace(b"</request>", b""),  # parse error
            as_utf16,
            request_xml(
                function("readByQuery", "<object>VENDOR</object><query/>"),
                authentication=f"<sessionid><![CDATA[{session_id}]]></sessionid>",
            ),
        ]
        answers = [post(server.endpoint, body) for body in bodies]
        assert b"<status>success</status>" in answers[0] and b"<status>success</status>" in answers[3]
        status, journal = server.admin("GET", "/__mock__/journal")
        journal_text = json.dumps(journal, ensure_ascii=False)
        assert status == 200 and len(journal["exchanges"]) == len(bodies) + 1
    log = server.output()
    secrets_ = {
        "user password": secret,
        "wrong password": wrong,
        "odd password": odd,
        "escaped odd password": odd.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;"),
        "sender password": "mocksenderpw",
        "session ID": session_id,
        "session ID body": session_id[:-2],
    }

    def found(text: str) -> list[str]:
        """Secrets whole or by their last 8 characters (redaction shows only the first 4), NULs
        dropped so a UTF-16 request cannot hide one."""
        text = text.replace("\0", "")
        return [name for name, value in secrets_.items() if value in text or value[-8:] in text]

    in_log, in_journal = found(log), found(journal_text)
    print(
        f"\nsecrets in output: log_lines={len(log.splitlines())} requests={len(bodies) + 1} "
        f"in_log={in_log} in_journal={in_journal}"
    )
    assert "DEBUG" in log or "INFO" in log  # the log really was written at DEBUG
    assert in_log == [] and in_journal == []
