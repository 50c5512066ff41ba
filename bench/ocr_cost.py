"""What OCR costs per request, by document type: each scan of a corpus read the way the
triage reads it (page text for typing, MRZ for passports, fields for KTPs), on one core.

Every mail is triaged once (its verdict says what each scan is, and which OCR the triage
ran on it); then each scan is read again, alone and with empty caches, by the reader the
triage used for it, and its seconds are booked under its document type.

    .venv/bin/python bench/ocr_cost.py [--count 60] [--seed 7]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from functools import partial

import ingest
from config.settings import load_settings
from fasdip.identity import page_images
from fasdip.models import DocumentType
from fasdip.pipeline import Triage
from readers.cache import ReadingCache
from readers.identity import IdentityReader, is_scan
from readers.ocr import OcrEngine
from readers.page_text import PageTextReader
from samples.scenarios import build_corpus


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()

    settings = load_settings()
    pictures = partial(
        page_images, limits=settings.limits, max_pages=settings.ocr.page_text_max_pages
    )
    triage = Triage.load(settings)
    seconds: dict[str, float] = defaultdict(float)
    reads: dict[str, int] = defaultdict(int)
    corpus = build_corpus(count=args.count, seed=args.seed)
    for scenario in corpus:
        today = scenario.truth.today
        verdict = triage.run(scenario.eml, today=today)
        email = ingest.inspect(
            ingest.parse(scenario.eml, settings.ingest, triage.catalog), settings.ingest
        )
        kinds = {a.id: a.document_type for a in verdict.attachments}
        read_text = triage.scans.evidence(email, triage.classifiers.documents, today).page_texts
        for att in email.attachments:
            if not is_scan(att):
                continue
            kind = kinds.get(att.id, DocumentType.other)
            engine = OcrEngine(settings.ocr)
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
    print(f"corpus: {len(corpus)} requests (seed {args.seed}); OCR seconds on one core")
    total = sum(seconds.values())
    for name in sorted(seconds, key=lambda k: -seconds[k]):
        print(
            f"  {name:<22} {reads[name]:>4} read(s)  {seconds[name] / reads[name]:6.2f} s each"
            f"  {seconds[name] / len(corpus):6.2f} s per request"
        )
    print(
        f"  {'all':<22} {sum(reads.values()):>4} read(s)  {total / len(corpus):6.2f} s per request"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
