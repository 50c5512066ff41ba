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

import io
import random
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from fasdip.models import Decision, FindingCode
from samples.hostile_files import (
    docx_bytes,
    encrypted_pdf,
    jpeg,
    jpeg_bomb_header,
    looping_pdf,
    noise,
    object_flood_pdf,
    png_bomb_header,
    text_pdf,
    winmail,
    zip_bomb,
    zip_of,
)
from samples.hostile_mail import (
    FIXABLE,
    REVIEW,
    F,
    Made,
    broken_base64,
    carrier,
    deep_nesting,
    header_flood,
    huge_line,
    malformed_mime,
    many_parts,
    missing_boundary,
    not_an_email,
    passport_bytes,
    split_head,
    with_extra,
    with_passport,
)


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


def truncated_pdf(variant: int) -> Made:
    data = passport_bytes()
    keep = (0.2, 0.35, 0.5)[variant % 3]
    return Made(
        with_passport(data[: int(len(data) * keep)]),
        (F.unreadable_file,),
        FIXABLE,
        f"passport PDF cut to {keep:.0%}",
    )


def corrupt_pdf(variant: int) -> Made:
    rng = random.Random(variant)
    data = b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(5_000)) + b"\n%%EOF\n"
    return Made(with_passport(data), (F.unreadable_file,), FIXABLE, "random bytes after %PDF")


def encrypted_pdf_aes(variant: int) -> Made:
    algorithm = ("AES-256", "AES-128")[variant % 2]
    return Made(
        with_passport(encrypted_pdf(algorithm, f"pw{variant}")),
        (F.unreadable_file,),
        FIXABLE,
        f"{algorithm} with a user password",
    )


def encrypted_pdf_rc4(variant: int) -> Made:
    algorithm = ("RC4-128", "RC4-40")[variant % 2]
    return Made(
        with_passport(encrypted_pdf(algorithm, f"pw{variant}")),
        (F.unreadable_file,),
        FIXABLE,
        f"{algorithm} with a user password",
    )


def looping_pdf_case(variant: int) -> Made:
    return Made(
        with_passport(looping_pdf(variant)),
        (F.unreadable_file,),
        FIXABLE,
        ("page tree holds itself", "page-tree nodes hold each other", "self /Length, /Prev loop")[
            variant % 3
        ],
    )


def pdf_object_flood(variant: int) -> Made:
    count = 100_000 + variant
    return Made(
        with_passport(object_flood_pdf(count)), (F.limit_exceeded,), REVIEW, f"{count} objects"
    )


def truncated_jpeg(variant: int) -> Made:
    data = jpeg((300, 400), seed=variant)
    keep = (0.3, 0.5, 0.8)[variant % 3]
    return Made(
        with_extra([(data[: int(len(data) * keep)], "image/jpeg", "Passport scan page 2.jpg")]),
        (F.unreadable_file,),
        FIXABLE,
        f"JPEG cut to {keep:.0%}",
    )


def pixel_bomb(variant: int) -> Made:
    side = 50_000 + variant
    if variant % 2 == 0:
        data, ctype, name = png_bomb_header(side, side), "image/png", "Passport.png"
    else:
        data, ctype, name = jpeg_bomb_header(side, side), "image/jpeg", "Passport.jpg"
    return Made(
        with_passport(data, ctype, name),
        (F.limit_exceeded,),
        REVIEW,
        f"{side} x {side} pixels in {len(data)} bytes",
    )


def zip_bomb_case(variant: int) -> Made:
    return Made(
        with_passport(zip_bomb(variant), "application/zip", "Passport.zip"),
        (F.archive_attachment, F.limit_exceeded),
        REVIEW,
        ("deflated zeros 1000:1", "lying sizes, overlapping entries", "5,000 entries")[variant % 3],
    )


def zip_archive(variant: int) -> Made:
    files = [("Passport.pdf", text_pdf()), ("Photo.jpg", jpeg((200, 300), seed=variant))]
    return Made(
        with_passport(zip_of(files), "application/zip", "Documents.zip"),
        (F.archive_attachment,),
        FIXABLE,
        "documents zipped",
    )


def winmail_case(variant: int) -> Made:
    files = [(f"Passport {variant}.pdf", text_pdf()), ("Photo.jpg", jpeg((200, 300)))]
    return Made(
        with_passport(winmail(files), "application/ms-tnef", "winmail.dat"),
        (F.winmail_attachment,),
        FIXABLE,
        "Outlook Rich Text winmail.dat",
    )


def wrong_carrier(variant: int) -> Made:
    if variant % 2 == 0:
        data, ctype, name = (
            docx_bytes(),
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "Passport.docx",
        )
    else:
        data, ctype, name = _png(variant), "image/png", "Passport.png"
    return Made(with_passport(data, ctype, name), (F.wrong_format,), FIXABLE, f"{name} for a PDF")


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


def evil_filename(variant: int) -> Made:
    name = _EVIL_NAMES[variant % len(_EVIL_NAMES)]
    payload = b"MZ\x90\x00" + bytes(500) if "exe" in name else b"root:x:0:0:root:/root:/bin/sh\n"
    return Made(
        with_passport(payload, "application/octet-stream", name),
        (F.wrong_format,),
        FIXABLE,
        f"file name {name!r}",
    )


def nul_in_headers(variant: int) -> Made:
    head, body = split_head(carrier())
    head = head.replace(b"Subject: ", b"Subject: \x00" * (1 + variant % 3), 1)
    head = head.replace(b"\r\nFrom: ", b"\r\nX-Null: a\x00b\r\nFrom: \x00", 1)
    return Made(head + b"\r\n\r\n" + body, (F.undecodable_part,), REVIEW, "NUL bytes in headers")


def email_too_large(variant: int) -> Made:
    filler = bytes(random.Random(variant).randrange(256) for _ in range(1 << 16)) * 480
    return Made(
        with_extra([(filler, "application/octet-stream", "scan-archive.bin")]),
        (F.limit_exceeded,),
        REVIEW,
        f"{len(filler) * 4 // 3 // 1_000_000} MB email",
    )


def attachment_too_large(variant: int) -> Made:
    data = (
        b"%PDF-1.4\n" + bytes(random.Random(variant).randrange(256) for _ in range(1 << 16)) * 400
    )
    return Made(
        with_passport(data),
        (F.limit_exceeded, F.too_large),
        REVIEW,
        f"{len(data) // 1_000_000} MB passport",
    )


def too_many_attachments(variant: int) -> Made:
    files = [(text_pdf(f"Page {i}"), "application/pdf", f"Lampiran {i}.pdf") for i in range(3)]
    files = [files[i % 3] for i in range(80 + variant)]
    return Made(with_extra(files), (F.limit_exceeded,), REVIEW, f"{len(files)} more attachments")


KINDS: dict[str, Callable[[int], Made]] = {
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
