"""Hostile and broken emails with their truth: what the triage must say about each.

Every case is raw email bytes, the finding codes the verdict must carry, and the
decisions that fit. Most cases are a real, complete airport-pass request (the sample
scenario ``new_en_foreign_complete``) with one thing broken: its passport replaced by a
truncated, corrupt, encrypted, looping or bomb-sized file, its MIME structure damaged,
its headers flooded. The broken passport leaves a request a mission can fix
(``missing_items``); what the machine cannot judge safely goes to an officer
(``officer_review``).

``cases(variants)`` yields ``variants`` cases of every kind; ``build_case(kind, n)`` one.
Everything is generated, deterministic from the kind and the variant number; nothing is
written to disk.

    python -m samples.hostile            # list the kinds and their expected findings
"""

from __future__ import annotations

import base64
import datetime as dt
import functools
import io
import random
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

from fasdip.models import Decision, FindingCode
from samples.builder import build
from samples.scenarios import CATALOGUE

F = FindingCode
REVIEW = frozenset({Decision.officer_review})
FIXABLE = frozenset({Decision.missing_items, Decision.officer_review})
CARRIER_SPEC = "new_en_foreign_complete"
PASSPORT_PREFIX = "Passport"


@dataclass(frozen=True)
class HostileCase:
    kind: str
    variant: int
    raw: bytes
    expected: tuple[FindingCode, ...]  # every one of these is in the verdict
    decisions: frozenset[Decision]  # the verdict's decision is one of these
    note: str  # what was done to the mail

    @property
    def name(self) -> str:
        return f"{self.kind}-{self.variant}"


@dataclass(frozen=True)
class _Made:
    raw: bytes
    expected: tuple[FindingCode, ...]
    decisions: frozenset[Decision]
    note: str


# --------------------------------------------------------------------------- the carrier


@functools.cache
def carrier() -> bytes:
    """A complete airport-pass request (diplomatic note, passport, stay permit, ID, CV, photo)."""
    spec = next(s for s in CATALOGUE if s.name == CARRIER_SPEC)
    raw, _ = build(spec, seed=2026)
    return raw


def _message() -> EmailMessage:
    parsed = BytesParser(policy=policy.default).parsebytes(carrier())
    assert isinstance(parsed, EmailMessage)
    return parsed


def _as_bytes(msg: EmailMessage) -> bytes:
    return msg.as_bytes(policy=policy.SMTP)


def with_passport(
    data: bytes, ctype: str = "application/pdf", filename: str | None = None
) -> bytes:
    """The carrier with its passport file replaced by ``data`` (same name unless given)."""
    msg = _message()
    for part in msg.iter_attachments():
        name = part.get_filename() or ""
        if name.startswith(PASSPORT_PREFIX):
            maintype, subtype = ctype.split("/", 1)
            part.set_content(data, maintype=maintype, subtype=subtype, filename=filename or name)
            break
    return _as_bytes(msg)


def with_extra(files: list[tuple[bytes, str, str]]) -> bytes:
    """The carrier with more attachments ``(data, content type, file name)``."""
    msg = _message()
    for data, ctype, filename in files:
        maintype, subtype = ctype.split("/", 1)
        msg.add_attachment(data, maintype=maintype, subtype=subtype, filename=filename)
    return _as_bytes(msg)


def passport_bytes() -> bytes:
    msg = _message()
    for part in msg.iter_attachments():
        if (part.get_filename() or "").startswith(PASSPORT_PREFIX):
            payload = part.get_payload(decode=True)
            assert isinstance(payload, bytes)
            return payload
    raise LookupError("the carrier has no passport")


def _split(raw: bytes) -> tuple[bytes, bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return head, body


# --------------------------------------------------------------------------- files


FIXED_TIME = dt.datetime(2026, 11, 16, 9, 15, tzinfo=dt.UTC)


def noise(size: tuple[int, int], seed: int) -> Image.Image:
    """Grey noise, the same for the same seed (Pillow's effect_noise is not seeded)."""
    pixels = random.Random(seed).randbytes(size[0] * size[1])
    return Image.frombytes("L", size, pixels).convert("RGB")


def text_pdf(text: str = "PASSPORT / PASPOR") -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 10, text=text)
    return bytes(pdf.output())


def encrypted_pdf(algorithm: str, password: str = "rahasia") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(objects: list[bytes], root: int = 1, prev_loop: bool = False) -> bytes:
    """A hand-written PDF: ``objects[i]`` is object ``i + 1``; a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if prev_loop:
        trailer += b" /Prev %d" % xref  # the previous table is this one: a loop
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def looping_pdf(variant: int) -> bytes:
    choice = variant % 3
    if choice == 0:  # the page tree holds itself
        return raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            ]
        )
    if choice == 1:  # two page-tree nodes hold each other
        return raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
            ]
        )
    # a stream whose /Length is itself, and an xref chain that points back to itself
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
            b"<< /Length 3 0 R >>\nstream\nBT ET\nendstream",
        ],
        prev_loop=True,
    )


def object_flood_pdf(count: int) -> bytes:
    """A PDF with ``count`` objects (all but the first three empty dictionaries)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    objects += [b"<< >>"] * (count - len(objects))
    return raw_pdf(objects)


def jpeg(size: tuple[int, int] = (400, 600), seed: int = 0) -> bytes:
    out = io.BytesIO()
    noise(size, seed).save(out, format="JPEG", quality=85)
    return out.getvalue()


def png_bomb_header(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 3 * 64) * 4, 9)  # a start of the pixel data
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def jpeg_bomb_header(width: int = 50_000, height: int = 50_000) -> bytes:
    """A real small JPEG whose frame header (SOF0) is rewritten to ``width`` x ``height``."""
    data = bytearray(jpeg((64, 64)))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def zip_of(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 16, 9, 15, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def zip_bomb(variant: int) -> bytes:
    choice = variant % 3
    if choice == 0:  # real deflate of zeros: ratio about 1000:1
        return zip_of([("passport.pdf", b"\x00" * (20_000_000 + variant))])
    if choice == 1:  # a small entry whose directory claims a terabyte (lying sizes)
        data = bytearray(zip_of([("passport.pdf", b"%PDF-1.4 tiny")]))
        central = data.rfind(b"PK\x01\x02")
        struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)  # uncompressed size
        entry = bytes(data[central : central + 46 + len("passport.pdf")])
        for _ in range(300):  # the same entry listed again and again (overlapping bomb)
            data[central:central] = entry
        return _fix_end_record(bytes(data), 301)
    return zip_of([(f"scan-{i:05d}.pdf", b"%PDF") for i in range(5_000)])


def _fix_end_record(data: bytes, entries: int) -> bytes:
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    central = out.find(b"PK\x01\x02")
    struct.pack_into("<HHII", out, end + 8, entries, entries, end - central, central)
    return bytes(out)


def winmail(files: list[tuple[str, bytes]]) -> bytes:
    """A winmail.dat (TNEF) carrying ``files``, as Outlook sends with Rich Text on."""
    signature, key = 0x223E9F78, 0x1234
    out = bytearray(struct.pack("<IH", signature, key))

    def attribute(level: int, ident: int, value: bytes) -> bytes:
        checksum = sum(value) & 0xFFFF
        return struct.pack("<BII", level, ident, len(value)) + value + struct.pack("<H", checksum)

    out += attribute(1, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += attribute(1, 0x00078008, b"IPM.Microsoft Mail.Note\x00")  # attMessageClass
    for name, data in files:
        out += attribute(2, 0x00069002, b"\x01\x00\xff\xff\xff\xff" + b"\x00" * 8)
        out += attribute(2, 0x00018010, name.encode("cp1252", "replace")[:63] + b"\x00")
        out += attribute(2, 0x0006800F, data)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        props = struct.pack("<I", 2)
        props += struct.pack("<HHI", 0x0003, 0x0E21, 1)  # PR_ATTACH_NUM
        props += struct.pack("<HH", 0x001F, 0x3707)  # PR_ATTACH_LONG_FILENAME (unicode)
        props += struct.pack("<II", 1, len(encoded)) + encoded + b"\x00" * (-len(encoded) % 4)
        out += attribute(2, 0x00069005, props)
    return bytes(out)


def docx_bytes() -> bytes:
    return zip_of(
        [
            ("[Content_Types].xml", b"<Types/>"),
            (
                "word/document.xml",
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                b'2006/main"><w:body><w:p><w:r><w:t>PASSPORT</w:t></w:r></w:p></w:body>'
                b"</w:document>",
            ),
        ]
    )


# --------------------------------------------------------------------------- MIME damage


def _mime(headers: str, body: bytes) -> bytes:
    return headers.strip("\n").replace("\n", "\r\n").encode() + b"\r\n\r\n" + body


_HEAD = """
From: "Consular Section" <consular@usembassy.example>
To: fasdip.dafis.kundak@kemlu.go.id
Subject: Application for a new airport pass
Date: Mon, 16 Nov 2026 09:15:00 +0700
Message-ID: <hostile-{n}@usembassy.example>
MIME-Version: 1.0
"""


def _pdf_part(boundary: str, name: str, data: bytes, encoded: bytes | None = None) -> bytes:
    body = encoded if encoded is not None else base64.encodebytes(data)
    return (
        f'--{boundary}\r\nContent-Type: application/pdf; name="{name}"\r\n'
        f'Content-Disposition: attachment; filename="{name}"\r\n'
        "Content-Transfer-Encoding: base64\r\n\r\n"
    ).encode() + body.replace(b"\n", b"\r\n")


def malformed_mime(variant: int) -> _Made:
    choice = variant % 3
    if choice == 0:  # RFC 2231 continuations the standard library cannot combine
        head = _HEAD.format(n=variant) + 'Content-Type: multipart/mixed; boundary="b1"\n'
        body = (
            b"--b1\r\nContent-Type: application/pdf; name*0*=utf-8''a%C3%B1; name*=\"b.pdf\"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n"
        )
        return _Made(_mime(head, body), (F.undecodable_part,), REVIEW, "RFC 2231 parameter mix")
    if choice == 1:  # a part whose charset name holds a NUL and 8-bit bytes
        head = _HEAD.format(n=variant) + 'Content-Type: multipart/mixed; boundary="b1"\n'
        body = (
            b'--b1\r\nContent-Type: text/plain; charset="utf-8\x00\xff"\r\n\r\nDengan hormat\r\n'
            + _pdf_part("b1", "Passport.pdf", text_pdf(), b"JVBERi0x!!!!LjQK$$$\n")
            + b"\r\n--b1--\r\n"
        )
        return _Made(_mime(head, body), (F.undecodable_part,), REVIEW, "NUL in a charset")
    # headers without a colon, a multipart without a boundary, a part with no headers
    head = _HEAD.format(n=variant) + "Content-Type: multipart/mixed\nThis line is no header\n"
    body = b"--\r\n\r\n--x\r\n\x00\x01\x02" + base64.b64encode(b"%PDF-1.4 broken") + b"\r\n--x"
    return _Made(_mime(head, body), (F.no_attachments,), REVIEW, "no boundary, no headers")


def broken_base64(variant: int) -> _Made:
    """The passport's base64 damaged: invalid characters, or cut off mid-quantum."""
    raw = carrier()
    head, body = _split(raw)
    start = body.find(b'filename="' + PASSPORT_PREFIX.encode())
    start = body.find(b"\r\n\r\n", start) + 4
    rng = random.Random(variant)
    damaged = bytearray(body)
    if variant % 2 == 0:
        for _ in range(20):
            damaged[start + rng.randrange(2_000)] = ord(rng.choice("!*$%&"))
    else:
        end = body.find(b"\r\n--", start)
        del damaged[end - 7 - variant % 3 : end]  # the last line loses a few characters
    return _Made(
        head + b"\r\n\r\n" + bytes(damaged),
        (F.undecodable_part,),
        REVIEW,
        "passport base64 damaged",
    )


def missing_boundary(variant: int) -> _Made:
    """The declared boundary never appears: the parts are lost to the preamble."""
    raw = carrier()
    head, body = _split(raw)
    declared = re.search(rb'boundary="([^"]+)"', head)
    assert declared is not None
    if variant % 2 == 0:
        head = head.replace(declared.group(1), b"not-the-one-used-" + b"%d" % variant, 1)
        body = body.replace(b"--" + declared.group(1), b"-- " + declared.group(1))
        return _Made(head + b"\r\n\r\n" + body, (F.no_attachments,), REVIEW, "no boundary line")
    # the mail is cut off: no closing boundary, the last part ends mid-base64
    cut = body[: len(body) * 2 // 3]
    cut = cut[: cut.rfind(b"\r\n") - 5]
    return _Made(head + b"\r\n\r\n" + cut, (F.undecodable_part,), REVIEW, "mail cut off")


def header_flood(variant: int) -> _Made:
    head, body = _split(carrier())
    count = 10_000 + variant
    lines = b"".join(b"X-Noise-%d: %s\r\n" % (i, b"v" * (20 + i % 40)) for i in range(count))
    return _Made(
        lines + head + b"\r\n\r\n" + body, (F.limit_exceeded,), REVIEW, f"{count} header lines"
    )


def huge_line(variant: int) -> _Made:
    head, body = _split(carrier())
    length = 5_000_000 + variant * 1_000
    if variant % 2 == 0:  # one header line of 5 MB
        head = b"X-Huge: " + b"A" * length + b"\r\n" + head
        return _Made(head + b"\r\n\r\n" + body, (F.limit_exceeded,), REVIEW, "5 MB header line")
    # an 8-bit text part that is one line of 5 MB
    part = (
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
        b'Content-Disposition: attachment; filename="notes.txt"\r\n\r\n' + b"B" * length
    )
    return _Made(_insert_part(carrier(), part), (F.limit_exceeded,), REVIEW, "5 MB body line")


def _insert_part(raw: bytes, part: bytes) -> bytes:
    """``raw`` with one more part (headers and body as sent) before its closing boundary."""
    head, body = _split(raw)
    declared = re.search(rb'boundary="([^"]+)"', head)
    assert declared is not None
    closing = b"--" + declared.group(1) + b"--"
    where = body.rfind(closing)
    return (
        head
        + b"\r\n\r\n"
        + body[:where]
        + b"--"
        + declared.group(1)
        + b"\r\n"
        + part
        + b"\r\n"
        + body[where:]
    )


def deep_nesting(variant: int) -> _Made:
    depth = 150 + variant if variant % 2 == 0 else 3_000 + variant
    head = _HEAD.format(n=variant) + "Content-Type: multipart/mixed; boundary=b0\n"
    nested = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (i, i + 1)
        for i in range(depth)
    )
    body = nested + _pdf_part(f"b{depth}", "Passport.pdf", text_pdf())
    return _Made(_mime(head, body), (F.limit_exceeded,), REVIEW, f"{depth} levels of multipart")


def many_parts(variant: int) -> _Made:
    count = 5_000 + variant
    head = _HEAD.format(n=variant) + "Content-Type: multipart/mixed; boundary=b\n"
    parts = b"".join(
        b"--b\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename=scan-%d.pdf\r\n\r\n%%PDF-%d\r\n" % (i, i)
        for i in range(count)
    )
    return _Made(
        _mime(head, parts + b"--b--\r\n"), (F.limit_exceeded,), REVIEW, f"{count} MIME parts"
    )


def not_an_email(variant: int) -> _Made:
    rng = random.Random(variant)
    return _Made(
        bytes(rng.randrange(256) for _ in range(2_000 + variant)),
        (F.not_an_email,),
        REVIEW,
        "random bytes",
    )


def truncated_pdf(variant: int) -> _Made:
    data = passport_bytes()
    keep = (0.2, 0.35, 0.5)[variant % 3]
    return _Made(
        with_passport(data[: int(len(data) * keep)]),
        (F.unreadable_file,),
        FIXABLE,
        f"passport PDF cut to {keep:.0%}",
    )


def corrupt_pdf(variant: int) -> _Made:
    rng = random.Random(variant)
    data = b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(5_000)) + b"\n%%EOF\n"
    return _Made(with_passport(data), (F.unreadable_file,), FIXABLE, "random bytes after %PDF")


def encrypted_pdf_aes(variant: int) -> _Made:
    algorithm = ("AES-256", "AES-128")[variant % 2]
    return _Made(
        with_passport(encrypted_pdf(algorithm, f"pw{variant}")),
        (F.unreadable_file,),
        FIXABLE,
        f"{algorithm} with a user password",
    )


def encrypted_pdf_rc4(variant: int) -> _Made:
    algorithm = ("RC4-128", "RC4-40")[variant % 2]
    return _Made(
        with_passport(encrypted_pdf(algorithm, f"pw{variant}")),
        (F.unreadable_file,),
        FIXABLE,
        f"{algorithm} with a user password",
    )


def looping_pdf_case(variant: int) -> _Made:
    return _Made(
        with_passport(looping_pdf(variant)),
        (F.unreadable_file,),
        FIXABLE,
        ("page tree holds itself", "page-tree nodes hold each other", "self /Length, /Prev loop")[
            variant % 3
        ],
    )


def pdf_object_flood(variant: int) -> _Made:
    count = 100_000 + variant
    return _Made(
        with_passport(object_flood_pdf(count)), (F.limit_exceeded,), REVIEW, f"{count} objects"
    )


def truncated_jpeg(variant: int) -> _Made:
    data = jpeg((300, 400), seed=variant)
    keep = (0.3, 0.5, 0.8)[variant % 3]
    return _Made(
        with_extra([(data[: int(len(data) * keep)], "image/jpeg", "Passport scan page 2.jpg")]),
        (F.unreadable_file,),
        FIXABLE,
        f"JPEG cut to {keep:.0%}",
    )


def pixel_bomb(variant: int) -> _Made:
    side = 50_000 + variant
    if variant % 2 == 0:
        data, ctype, name = png_bomb_header(side, side), "image/png", "Passport.png"
    else:
        data, ctype, name = jpeg_bomb_header(side, side), "image/jpeg", "Passport.jpg"
    return _Made(
        with_passport(data, ctype, name),
        (F.limit_exceeded,),
        REVIEW,
        f"{side} x {side} pixels in {len(data)} bytes",
    )


def zip_bomb_case(variant: int) -> _Made:
    return _Made(
        with_passport(zip_bomb(variant), "application/zip", "Passport.zip"),
        (F.archive_attachment, F.limit_exceeded),
        REVIEW,
        ("deflated zeros 1000:1", "lying sizes, overlapping entries", "5,000 entries")[variant % 3],
    )


def zip_archive(variant: int) -> _Made:
    files = [("Passport.pdf", text_pdf()), ("Photo.jpg", jpeg((200, 300), seed=variant))]
    return _Made(
        with_passport(zip_of(files), "application/zip", "Documents.zip"),
        (F.archive_attachment,),
        FIXABLE,
        "documents zipped",
    )


def winmail_case(variant: int) -> _Made:
    files = [(f"Passport {variant}.pdf", text_pdf()), ("Photo.jpg", jpeg((200, 300)))]
    return _Made(
        with_passport(winmail(files), "application/ms-tnef", "winmail.dat"),
        (F.winmail_attachment,),
        FIXABLE,
        "Outlook Rich Text winmail.dat",
    )


def wrong_carrier(variant: int) -> _Made:
    if variant % 2 == 0:
        data, ctype, name = (
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Passport.docx",
        )
    else:
        data, ctype, name = _png(variant), "image/png", "Passport.png"
    return _Made(with_passport(data, ctype, name), (F.wrong_format,), FIXABLE, f"{name} for a PDF")


def _png(variant: int) -> bytes:
    out = io.BytesIO()
    noise((300, 400), variant).save(out, format="PNG")
    return out.getvalue()


_EVIL_NAMES = (
    "../../etc/passwd",
    "..\\..\\windows\\system32\\config\\sam",
    "/etc/shadow",
    "Passport\u202efdp.exe",
    "Pass\x00port\r\n\x07.pdf",
    "\u2066Passport\u2069.pdf.exe",
)


def evil_filename(variant: int) -> _Made:
    name = _EVIL_NAMES[variant % len(_EVIL_NAMES)]
    payload = b"MZ\x90\x00" + bytes(500) if "exe" in name else b"root:x:0:0:root:/root:/bin/sh\n"
    return _Made(
        with_passport(payload, "application/octet-stream", name),
        (F.wrong_format,),
        FIXABLE,
        f"file name {name!r}",
    )


def nul_in_headers(variant: int) -> _Made:
    head, body = _split(carrier())
    head = head.replace(b"Subject: ", b"Subject: \x00" * (1 + variant % 3), 1)
    head = head.replace(b"\r\nFrom: ", b"\r\nX-Null: a\x00b\r\nFrom: \x00", 1)
    return _Made(head + b"\r\n\r\n" + body, (F.undecodable_part,), REVIEW, "NUL bytes in headers")


def email_too_large(variant: int) -> _Made:
    filler = bytes(random.Random(variant).randrange(256) for _ in range(1 << 16)) * 480
    return _Made(
        with_extra([(filler, "application/octet-stream", "scan-archive.bin")]),
        (F.limit_exceeded,),
        REVIEW,
        f"{len(filler) * 4 // 3 // 1_000_000} MB email",
    )


def attachment_too_large(variant: int) -> _Made:
    data = (
        b"%PDF-1.4\n" + bytes(random.Random(variant).randrange(256) for _ in range(1 << 16)) * 400
    )
    return _Made(
        with_passport(data),
        (F.limit_exceeded, F.too_large),
        REVIEW,
        f"{len(data) // 1_000_000} MB passport",
    )


def too_many_attachments(variant: int) -> _Made:
    files = [(text_pdf(f"Page {i}"), "application/pdf", f"Lampiran {i}.pdf") for i in range(3)]
    files = [files[i % 3] for i in range(80 + variant)]
    return _Made(with_extra(files), (F.limit_exceeded,), REVIEW, f"{len(files)} more attachments")


KINDS: dict[str, Callable[[int], _Made]] = {
    "malformed_mime": malformed_mime,
    "broken_base64": broken_base64,
    "missing_boundary": missing_boundary,
    "header_flood": header_flood,
    "huge_line": huge_line,
    "deep_nesting": deep_nesting,
    "many_parts": many_parts,
    "not_an_email": not_an_email,
    "truncated_pdf": truncated_pdf,
    "corrupt_pdf": corrupt_pdf,
    "encrypted_pdf_aes": encrypted_pdf_aes,
    "encrypted_pdf_rc4": encrypted_pdf_rc4,
    "looping_pdf": looping_pdf_case,
    "pdf_object_flood": pdf_object_flood,
    "truncated_jpeg": truncated_jpeg,
    "pixel_bomb": pixel_bomb,
    "zip_bomb": zip_bomb_case,
    "zip_archive": zip_archive,
    "winmail": winmail_case,
    "wrong_carrier": wrong_carrier,
    "evil_filename": evil_filename,
    "nul_in_headers": nul_in_headers,
    "email_too_large": email_too_large,
    "attachment_too_large": attachment_too_large,
    "too_many_attachments": too_many_attachments,
}


def build_case(kind: str, variant: int = 0) -> HostileCase:
    made = KINDS[kind](variant)
    raw = _stamp(made.raw, f"{kind}-{variant}")
    return HostileCase(kind, variant, raw, made.expected, made.decisions, made.note)


def _stamp(raw: bytes, name: str) -> bytes:
    """Each case its own Message-ID (the carrier's would make them one mail to a store)."""
    end = raw.find(b"\r\n\r\n")
    head = raw[: end if end >= 0 else 0]
    stamped, count = re.subn(
        rb"(?im)^Message-ID:[^\r\n]*",
        b"Message-ID: <%s@hostile.example>" % name.encode(),
        head,
        count=1,
    )
    return stamped + raw[len(head) :] if count else raw


def cases(variants: int = 1, kinds: list[str] | None = None) -> Iterator[HostileCase]:
    """``variants`` cases of each kind (all kinds unless ``kinds`` is given)."""
    for kind in kinds or list(KINDS):
        for variant in range(variants):
            yield build_case(kind, variant)


def main() -> None:
    for case in cases(1):
        codes = ", ".join(code.value for code in case.expected)
        print(f"{case.kind:22} {len(case.raw):>10} bytes  {codes:40} {case.note}")


if __name__ == "__main__":
    main()
