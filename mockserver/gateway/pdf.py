"""A small, valid PDF of a few lines of text (PDF 1.4: one page, Helvetica, a correct cross-reference
table), for the documents the gateway prints (retrievepdf). No PDF library is a dependency of the mock;
this is the least a PDF reader needs."""

from __future__ import annotations

PAGE = (612, 792)  # US Letter, in points
LEFT, TOP, LEADING, SIZE = 72, 720, 16, 11


def text_operand(line: str) -> str:
    """A PDF literal string: backslashes and parentheses escaped, outside Latin-1 replaced."""
    safe = line.encode("latin-1", "replace").decode("latin-1")
    return "(" + safe.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ")"


def document(title: str, lines: list[str]) -> bytes:
    """A one-page PDF showing `title` and then `lines`, one under the other."""
    ops = [f"BT /F1 {SIZE + 5} Tf {LEFT} {TOP} Td {text_operand(title)} Tj", f"/F1 {SIZE} Tf 0 -{LEADING * 2} Td"]
    ops += [f"{text_operand(line)} Tj 0 -{LEADING} Td" for line in lines]
    stream = ("\n".join(ops) + "\nET").encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {PAGE[0]} {PAGE[1]}] /Contents 4 0 R "
        f"/Resources << /Font << /F1 5 0 R >> >> >>".encode(),
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        f"<< /Title {text_operand(title)} /Producer (mock-intacct) >>".encode("latin-1"),
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        len(objects),
        xref,
    )
    return bytes(out)
