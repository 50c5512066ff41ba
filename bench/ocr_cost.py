"""What OCR costs per request, by document type: each scan of a corpus read the way the
triage reads it (page text for typing, MRZ for passports, fields for KTPs), on one core.

Every mail is triaged once (its verdict says what each scan is, and which OCR the triage
ran on it); then each scan is read again, alone and with empty caches, by the reader the
triage used for it, and its seconds are booked under its document type.

    .venv/bin/python bench/ocr_cost.py [--count 60] [--seed 7] [--corpus]

By default the mails are the pipeline bench's mailbox (``samples.mailbox``: half the
requests with scanned passports and KTPs, as missions send them); ``--corpus`` takes
the triage corpus instead, whose documents are mostly typed PDFs (few scans to read).
"""

from __future__ import annotations

import argparse
import datetime as dt
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from functools import partial
from pathlib import Path

import ingest
from config.settings import load_settings
from fasdip.identity import page_images
from fasdip.models import DocumentType, Verdict
from fasdip.pipeline import Triage
from readers.cache import ReadingCache
from readers.identity import IdentityReader, is_scan
from readers.ocr_tesserocr import ocr_engine
from readers.page_text import PageTextReader
from samples.scenarios import build_corpus


def _mails(count: int, seed: int, corpus: bool) -> list[tuple[bytes, dt.date | None]]:
    """The mails to cost, each with the day to judge it on (None: the day it arrived)."""
    if corpus:
        return [(s.eml, s.truth.today) for s in build_corpus(count=count, seed=seed)]
    with tempfile.TemporaryDirectory(prefix="fasdip-ocr-cost-") as tmp:
        command = [sys.executable, "-m", "samples.mailbox", tmp, "-n", str(count)]
        subprocess.run([*command, "--seed", str(seed)], capture_output=True, check=True)
        return [(path.read_bytes(), None) for path in sorted(Path(tmp).rglob("*.eml"))]


def verdict_day(verdict: Verdict, given: dt.date | None) -> dt.date:
    """The day the triage judged on: the one given, or the verdict's."""
    return given or verdict.today


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", action="store_true", help="the triage corpus's mails")
    args = parser.parse_args()

    settings = load_settings()
    pictures = partial(
        page_images, limits=settings.limits, max_pages=settings.ocr.page_text_max_pages
    )
    triage = Triage.load(settings)
    seconds: dict[str, float] = defaultdict(float)
    reads: dict[str, int] = defaultdict(int)
    mails = _mails(args.count, args.seed, args.corpus)
    for raw, given_day in mails:
        verdict = triage.run(raw, today=given_day)
        today = verdict_day(verdict, given_day)
        # read as the triage reads it: the same limits, so every attachment's content is read
        parsed = ingest.parse(raw, settings.ingest, triage.catalog, limits=settings.limits)
        email = ingest.inspect(parsed, settings.ingest, limits=settings.limits)
        kinds = {a.id: a.document_type for a in verdict.attachments}
        read_text = triage.scans.evidence(email, triage.classifiers.documents, today).page_texts
        for att in email.attachments:
            if not is_scan(att):
                continue
            kind = kinds.get(att.id, DocumentType.other)
            engine = ocr_engine(settings.ocr)  # the engine ocr.engine names, model loaded
            cache = ReadingCache(0)
            started = time.perf_counter()
            reader = IdentityReader(engine, pictures, cache)
            if kind == DocumentType.passport:
                reader.passport(att, today.isoformat())
            elif kind == DocumentType.ktp:
                reader.ktp(att)
            elif att.id in read_text:
                images = page_images(att, settings.limits, settings.ocr.page_text_max_pages)
                PageTextReader(engine, cache, settings.ocr.page_text_width).read(att, images)
            else:
                continue
            seconds[kind.value] += time.perf_counter() - started
            reads[kind.value] += 1
    print(f"{len(mails)} requests (seed {args.seed}); OCR seconds on one core")
    total = sum(seconds.values())
    for name in sorted(seconds, key=lambda k: -seconds[k]):
        print(
            f"  {name:<22} {reads[name]:>4} read(s)  {seconds[name] / reads[name]:6.2f} s each"
            f"  {seconds[name] / len(mails):6.2f} s per request"
        )
    print(
        f"  {'all':<22} {sum(reads.values()):>4} read(s)  {total / len(mails):6.2f} s per request"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
