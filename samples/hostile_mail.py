"""The carrier of ``samples.hostile`` (a complete airport-pass request whose passport a case
replaces) and the cases that damage the mail itself: MIME structure, encodings, headers."""

from __future__ import annotations

import base64
import functools
import random
import re
from dataclasses import dataclass
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser

from fasdip.models import Decision, FindingCode
from samples.builder import build
from samples.hostile_files import text_pdf
from samples.scenarios import CATALOGUE

F = FindingCode
REVIEW = frozenset({Decision.officer_review})
FIXABLE = frozenset({Decision.missing_items, Decision.officer_review})
CARRIER_SPEC = "new_en_foreign_complete"
PASSPORT_PREFIX = "Passport"


@dataclass(frozen=True)
class Made:
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


def split_head(raw: bytes) -> tuple[bytes, bytes]:
    head, _, body = raw.partition(b"\r\n\r\n")
    return head, body


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


def malformed_mime(variant: int) -> Made:
    choice = variant % 3
    if choice == 0:  # RFC 2231 continuations the standard library cannot combine
        head = _HEAD.format(n=variant) + 'Content-Type: multipart/mixed; boundary="b1"\n'
        body = (
            b"--b1\r\nContent-Type: application/pdf; name*0*=utf-8''a%C3%B1; name*=\"b.pdf\"\r\n"
            b"Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b1--\r\n"
        )
        return Made(_mime(head, body), (F.undecodable_part,), REVIEW, "RFC 2231 parameter mix")
    if choice == 1:  # a part whose charset name holds a NUL and 8-bit bytes
        head = _HEAD.format(n=variant) + 'Content-Type: multipart/mixed; boundary="b1"\n'
        body = (
            b'--b1\r\nContent-Type: text/plain; charset="utf-8\x00\xff"\r\n\r\nDengan hormat\r\n'
            + _pdf_part("b1", "Passport.pdf", text_pdf(), b"JVBERi0x!!!!LjQK$$$\n")
            + b"\r\n--b1--\r\n"
        )
        return Made(_mime(head, body), (F.undecodable_part,), REVIEW, "NUL in a charset")
    # headers without a colon, a multipart without a boundary, a part with no headers
    head = _HEAD.format(n=variant) + "Content-Type: multipart/mixed\nThis line is no header\n"
    body = b"--\r\n\r\n--x\r\n\x00\x01\x02" + base64.b64encode(b"%PDF-1.4 broken") + b"\r\n--x"
    return Made(_mime(head, body), (F.no_attachments,), REVIEW, "no boundary, no headers")


def broken_base64(variant: int) -> Made:
    """The passport's base64 damaged: invalid characters, or cut off mid-quantum."""
    raw = carrier()
    head, body = split_head(raw)
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
    return Made(
        head + b"\r\n\r\n" + bytes(damaged),
        (F.undecodable_part,),
        REVIEW,
        "passport base64 damaged",
    )


def missing_boundary(variant: int) -> Made:
    """The declared boundary never appears: the parts are lost to the preamble."""
    raw = carrier()
    head, body = split_head(raw)
    declared = re.search(rb'boundary="([^"]+)"', head)
    assert declared is not None
    if variant % 2 == 0:
        head = head.replace(declared.group(1), b"not-the-one-used-" + b"%d" % variant, 1)
        body = body.replace(b"--" + declared.group(1), b"-- " + declared.group(1))
        return Made(head + b"\r\n\r\n" + body, (F.no_attachments,), REVIEW, "no boundary line")
    # the mail is cut off: no closing boundary, the last part ends mid-base64
    cut = body[: len(body) * 2 // 3]
    cut = cut[: cut.rfind(b"\r\n") - 5]
    return Made(head + b"\r\n\r\n" + cut, (F.undecodable_part,), REVIEW, "mail cut off")


def header_flood(variant: int) -> Made:
    head, body = split_head(carrier())
    count = 10_000 + variant
    lines = b"".join(b"X-Noise-%d: %s\r\n" % (i, b"v" * (20 + i % 40)) for i in range(count))
    return Made(
        lines + head + b"\r\n\r\n" + body, (F.limit_exceeded,), REVIEW, f"{count} header lines"
    )


def huge_line(variant: int) -> Made:
    head, body = split_head(carrier())
    length = 5_000_000 + variant * 1_000
    if variant % 2 == 0:  # one header line of 5 MB
        head = b"X-Huge: " + b"A" * length + b"\r\n" + head
        return Made(head + b"\r\n\r\n" + body, (F.limit_exceeded,), REVIEW, "5 MB header line")
    # an 8-bit text part that is one line of 5 MB
    part = (
        b"Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n"
        b'Content-Disposition: attachment; filename="notes.txt"\r\n\r\n' + b"B" * length
    )
    return Made(_insert_part(carrier(), part), (F.limit_exceeded,), REVIEW, "5 MB body line")


def _insert_part(raw: bytes, part: bytes) -> bytes:
    """``raw`` with one more part (headers and body as sent) before its closing boundary."""
    head, body = split_head(raw)
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


def deep_nesting(variant: int) -> Made:
    depth = 150 + variant if variant % 2 == 0 else 3_000 + variant
    head = _HEAD.format(n=variant) + "Content-Type: multipart/mixed; boundary=b0\n"
    nested = b"".join(
        b"--b%d\r\nContent-Type: multipart/mixed; boundary=b%d\r\n\r\n" % (i, i + 1)
        for i in range(depth)
    )
    body = nested + _pdf_part(f"b{depth}", "Passport.pdf", text_pdf())
    return Made(_mime(head, body), (F.limit_exceeded,), REVIEW, f"{depth} levels of multipart")


def many_parts(variant: int) -> Made:
    count = 5_000 + variant
    head = _HEAD.format(n=variant) + "Content-Type: multipart/mixed; boundary=b\n"
    parts = b"".join(
        b"--b\r\nContent-Type: application/octet-stream\r\n"
        b"Content-Disposition: attachment; filename=scan-%d.pdf\r\n\r\n%%PDF-%d\r\n" % (i, i)
        for i in range(count)
    )
    return Made(
        _mime(head, parts + b"--b--\r\n"), (F.limit_exceeded,), REVIEW, f"{count} MIME parts"
    )


def not_an_email(variant: int) -> Made:
    rng = random.Random(variant)
    return Made(
        bytes(rng.randrange(256) for _ in range(2_000 + variant)),
        (F.not_an_email,),
        REVIEW,
        "random bytes",
    )
