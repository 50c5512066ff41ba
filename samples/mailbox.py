"""A realistic mailbox for the whole-pipeline bench: many requests, half of them scanned.

``realistic_mailbox(n, seed)`` draws random valid requests from the scenario generator
(every request type, one to three applicants, complete and incomplete sets, both
languages), keeping the larger ones more often so that a request carries about six
attachments on average. In every second request the documents are scans, as a mission's
copier makes them: a passport data page with an OCR-B machine-readable zone, a KTP card,
and every other PDF but the diplomatic note as a page image (JPEG inside a PDF, no text
layer). The applicant on a passport or KTP scan is another generated person than the one
the note names, so those requests may go to an officer (``name_mismatch``): the bench
measures time, not verdicts.
"""

from __future__ import annotations

import argparse
import base64
import email
import json
import random
import sys
from dataclasses import dataclass
from email.message import Message
from email.policy import compat32
from pathlib import Path

from config.settings import IngestSettings
from fasdip.models import DocumentType
from ingest.pdf import read_pdf
from samples import ktps, passports
from samples.files import page_scan_jpeg, scanned_pdf
from samples.scenarios import FIXED_COUNT, build_scenario, variant_spec


@dataclass(frozen=True)
class BenchMail:
    name: str
    raw: bytes
    attachments: int
    scans: int


def realistic_mailbox(n: int, seed: int = 7) -> list[BenchMail]:
    rng = random.Random(f"mailbox:{seed}")
    mails: list[BenchMail] = []
    index = FIXED_COUNT
    while len(mails) < n:
        scenario = build_scenario(variant_spec(index, seed), seed)
        index += 1
        kinds = {a.filename: a.document_type for a in scenario.truth.attachments}
        if len(kinds) < 5 and rng.random() < 0.6:  # about six attachments on average
            continue
        raw, scans = scenario.eml, 0
        if len(mails) % 2 == 1:
            raw, scans = _with_scans(raw, kinds, seed * 100_003 + index)
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
        elif kind not in (None, DocumentType.diplomatic_note, DocumentType.photo):
            page = _page_scan(part, seed + number)
            if page is None:
                continue
            _replace(part, page)
        else:
            continue
        scans += 1
    return message.as_bytes(), scans


def _page_scan(part: Message, seed: int) -> bytes | None:
    """The text PDF of ``part`` as a copier's scan of its page; None if it is no text PDF."""
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes) or not payload.startswith(b"%PDF"):
        return None
    text = read_pdf(payload, IngestSettings(pdf_text_max_pages=1)).text
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        return None
    return scanned_pdf(page_scan_jpeg(lines[0], lines[1:40], seed))


def _replace(part: Message, data: bytes) -> None:
    del part["Content-Transfer-Encoding"]
    part["Content-Transfer-Encoding"] = "base64"
    part.set_payload(base64.encodebytes(data).decode("ascii"))


def write_mailbox(mails: list[BenchMail], folder: Path) -> dict[str, float]:
    """The mails as ``NNNN-name.eml`` files in ``folder``, and a summary of the mailbox."""
    folder.mkdir(parents=True, exist_ok=True)
    for number, mail in enumerate(mails):
        (folder / f"{number:04d}-{mail.name}.eml").write_bytes(mail.raw)
    return {
        "requests": len(mails),
        "attachments_mean": sum(m.attachments for m in mails) / max(len(mails), 1),
        "scanned_requests": sum(1 for m in mails if m.scans),
        "scans": sum(m.scans for m in mails),
        "megabytes": sum(len(m.raw) for m in mails) / 1e6,
    }


def main(argv: list[str] | None = None) -> int:
    """``python -m samples.mailbox OUTDIR [-n 200] [--seed 7]``: write the mailbox, print
    its summary as JSON (the pipeline bench builds it in a process of its own)."""
    parser = argparse.ArgumentParser(description=main.__doc__)
    parser.add_argument("outdir", type=Path)
    parser.add_argument("-n", type=int, default=200)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    summary = write_mailbox(realistic_mailbox(args.n, args.seed), args.outdir)
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
