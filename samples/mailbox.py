"""A realistic mailbox for the whole-pipeline bench: many requests, half of them scanned.

``realistic_mailbox(n, seed)`` draws ``n`` random valid requests from the scenario
generator (every request type, one to three applicants, complete and incomplete sets,
both languages). In every second request the passports and KTPs are replaced by scans
as a mission's copier makes them: a passport data page with an OCR-B machine-readable
zone embedded in a PDF as a JPEG, a KTP card as a JPEG inside a PDF. The applicant on
a scan is another generated person than the one the note names, so those requests may
go to an officer (``name_mismatch``): the bench measures time, not verdicts.
"""

from __future__ import annotations

import base64
import email
from dataclasses import dataclass
from email.message import Message
from email.policy import compat32

from fasdip.models import DocumentType
from samples import ktps, passports
from samples.scenarios import FIXED_COUNT, build_scenario, variant_spec


@dataclass(frozen=True)
class BenchMail:
    name: str
    raw: bytes
    attachments: int
    scans: int


def realistic_mailbox(n: int, seed: int = 7) -> list[BenchMail]:
    mails: list[BenchMail] = []
    for i in range(n):
        scenario = build_scenario(variant_spec(FIXED_COUNT + i, seed), seed)
        kinds = {a.filename: a.document_type for a in scenario.truth.attachments}
        raw, scans = scenario.eml, 0
        if i % 2 == 1:
            raw, scans = _with_scans(raw, kinds, seed * 100_003 + i)
        mails.append(BenchMail(scenario.name, raw, len(kinds), scans))
    return mails


def _with_scans(raw: bytes, kinds: dict[str, DocumentType], seed: int) -> tuple[bytes, int]:
    message = email.message_from_bytes(raw, policy=compat32)
    scans = 0
    for number, part in enumerate(message.walk()):
        kind = kinds.get(part.get_filename() or "")
        if kind is DocumentType.passport:
            _replace(part, passports.make_passport(seed + number).pdf("jpeg"))
        elif kind is DocumentType.ktp:
            _replace(part, ktps.scanned_pdf(ktps.make_ktp(seed + number)))
        else:
            continue
        scans += 1
    return message.as_bytes(), scans


def _replace(part: Message, data: bytes) -> None:
    del part["Content-Transfer-Encoding"]
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(data).decode("ascii"))
