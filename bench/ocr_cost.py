"""What OCR costs per request, by document type: the CPU seconds of every OCR look the
triage takes at a scan while it judges a mail, booked to the scan's final type.

Each mail is triaged once, alone, on one core, with empty readings caches (as a worker
judges a mail it has not seen; the models loaded, as in a started worker). Every look at a scan is timed in CPU seconds
(``time.process_time``: Tesseract runs in this process, so what other work on the
machine does to the wall clock does not count): its page text, a look for the blue of
a KTP card, a KTP's fields, a passport's MRZ. Looks that find nothing count too (an
MRZ looked for on a stay permit is paid for by the stay permit). The time is booked
under the type the verdict gives the scan, and under the kind of look.

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
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from unittest.mock import patch

import fasdip.pipeline
from config.settings import OcrSettings, Settings, load_settings
from fasdip.models import Attachment, DocumentType
from fasdip.pipeline import Triage
from readers.cache import ReadingCache
from readers.identity import IdentityReader
from readers.ocr import OcrEngine
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


class Ledger:
    """CPU seconds of each kind of OCR look, per attachment id, for the mail being judged."""

    def __init__(self) -> None:
        self.seconds: dict[tuple[str, str], float] = defaultdict(float)

    def timed(self, look: str, method: Callable[..., Any]) -> Callable[..., Any]:
        """``method`` (its first argument after self is the attachment) with its CPU booked."""

        def booked(reader: object, att: Attachment, *args: Any, **kwargs: Any) -> Any:
            started = time.process_time()
            try:
                return method(reader, att, *args, **kwargs)
            finally:
                self.seconds[(att.id, look)] += time.process_time() - started

        return booked


@contextmanager
def booking(ledger: Ledger) -> Iterator[None]:
    """The readers' looks booked to ``ledger`` while inside (the bench's own process)."""
    looks: list[tuple[type, str, str]] = [
        (PageTextReader, "read", "page text"),
        (IdentityReader, "shows_a_card", "card glance"),
        (IdentityReader, "ktp", "KTP fields"),
        (IdentityReader, "passport", "passport MRZ"),
    ]
    originals = [(owner, name, getattr(owner, name)) for owner, name, _ in looks]
    try:
        for owner, name, look in looks:
            setattr(owner, name, ledger.timed(look, getattr(owner, name)))
        yield
    finally:
        for owner, name, method in originals:
            setattr(owner, name, method)


def _triage_with_empty_caches(settings: Settings) -> tuple[Triage, Callable[[], None]]:
    """The triage, and a function that empties its OCR engine's and readings' caches."""
    engines: list[OcrEngine] = []
    caches: list[ReadingCache] = []

    def engine(ocr: OcrSettings) -> OcrEngine:
        engines.append(ocr_engine(ocr))
        return engines[-1]

    def cache(*args: Any, **kwargs: Any) -> ReadingCache:
        caches.append(ReadingCache(*args, **kwargs))
        return caches[-1]

    with (
        patch.object(fasdip.pipeline, "ocr_engine", engine),
        patch.object(fasdip.pipeline, "ReadingCache", cache),
    ):
        triage = Triage.load(settings)

    def forget() -> None:
        for made in engines:
            made.clear_cache()
        for kept in caches:
            kept.clear_memory()

    return triage, forget


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=60)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--corpus", action="store_true", help="the triage corpus's mails")
    args = parser.parse_args()

    settings = load_settings()
    by_type: dict[str, float] = defaultdict(float)
    reads: dict[str, int] = defaultdict(int)
    by_look: dict[str, float] = defaultdict(float)
    mails = _mails(args.count, args.seed, args.corpus)
    triage, forget = _triage_with_empty_caches(settings)
    triage.run(mails[0][0], today=mails[0][1])  # the models loaded, as in a started worker
    all_cpu = 0.0
    for raw, given_day in mails:
        forget()  # no mail benefits from another's readings
        ledger = Ledger()
        started = time.process_time()
        with booking(ledger):
            verdict = triage.run(raw, today=given_day)
        all_cpu += time.process_time() - started
        kinds = {a.id: a.document_type.value for a in verdict.attachments}
        for att_id in {att_id for att_id, _ in ledger.seconds}:
            reads[kinds.get(att_id, DocumentType.other.value)] += 1
        for (att_id, look), seconds in ledger.seconds.items():
            by_type[kinds.get(att_id, DocumentType.other.value)] += seconds
            by_look[look] += seconds
    count = len(mails)
    print(f"{count} requests (seed {args.seed}); OCR CPU seconds, one core, empty caches")
    for name in sorted(by_type, key=lambda k: -by_type[k]):
        print(
            f"  {name:<22} {reads[name]:>4} scan(s)  {by_type[name] / reads[name]:6.2f} s each"
            f"  {by_type[name] / count:6.3f} s per request"
        )
    total = sum(by_type.values())
    print(f"  {'all':<22} {sum(reads.values()):>4} scan(s)  {total / count:13.3f} s per request")
    print("  by kind of look: " + ", ".join(f"{k} {v / count:.3f}" for k, v in by_look.items()))
    print(f"  the whole triage: {all_cpu / count:.3f} CPU-s per request (OCR included)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
