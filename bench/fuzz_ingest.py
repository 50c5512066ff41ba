"""A fuzz target for ``ingest.parse`` + ``ingest.inspect`` that runs for a set time.

The corpus is the hostile-input generator's mails (``samples.hostile``, those under 3 MB)
and sample requests (``samples.build_corpus``). Each run takes one of them and either
mutates the mail's bytes (bit flips, inserted/deleted bytes, splices of MIME tokens and
of other corpus pieces) or mutates one file (a PDF, JPEG, PNG, ZIP, winmail.dat…) and
sends it as an attachment, so that the file parsers see damage base64 would hide.

A crash is any exception leaving ``parse`` or ``inspect`` (they promise never to raise);
a hang is a run over ``--hang-seconds`` (interrupted by an alarm). Both are saved under
``--out`` (default ``var/fuzz/``) as ``crash-<sha>.eml`` with a ``.txt`` traceback.
Prints runs, crashes, hangs, the slowest input and the peak RSS; asserts nothing.

    .venv/bin/python bench/fuzz_ingest.py --seconds 60 [--seed 1] [--out var/fuzz]
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import logging
import random
import resource
import signal
import sys
import time
import traceback
from collections import Counter
from pathlib import Path
from types import FrameType

from config.catalog import FindingCatalog
from config.office import load_office
from config.settings import Settings
from ingest import inspect, parse
from samples import hostile, hostile_files
from samples.scenarios import build_corpus

_SPLICES = [
    b"\r\n--",
    b"=?utf-8?b?",
    b"\r\n\r\n",
    b"; boundary=x",
    b"filename*0*=",
    b'"',
    b"\x00",
    b"Content-Type: multipart/mixed; boundary=",
    b"Content-Transfer-Encoding: base64\r\n",
    b"message/rfc822",
    b"obj\n<< /Length 99999999 >>\nstream\n",
    b"endobj",
    b"xref\n0 9999999\n",
    b"trailer << /Root 1 0 R /Prev 0 >>",
    b"\xff\xd8\xff\xc0\x00\x11\x08\xff\xff\xff\xff",
    b"IHDR",
    b"PK\x01\x02",
    b"PK\x05\x06",
    b"\x78\x9f\x3e\x22",
]
_MAX_CORPUS_BYTES = 3_000_000


class Hang(Exception):
    """Raised by the alarm inside a run that takes too long (a harness signal, not a result)."""


def _alarm(signum: int, frame: FrameType | None) -> None:
    raise Hang


def corpus() -> tuple[list[tuple[str, bytes]], list[tuple[str, bytes]]]:
    """(mails, files): named seeds for whole-mail and single-file mutation."""
    mails = [
        (case.name, case.raw) for case in hostile.cases(1) if len(case.raw) <= _MAX_CORPUS_BYTES
    ]
    mails += [(scenario.name, scenario.eml) for scenario in build_corpus(6, seed=11)]
    files = [
        ("pdf", hostile_files.text_pdf("PASSPORT")),
        ("pdf-aes", hostile_files.encrypted_pdf("AES-128")),
        ("pdf-rc4", hostile_files.encrypted_pdf("RC4-128")),
        ("pdf-loop", hostile_files.looping_pdf(0)),
        ("pdf-prev-loop", hostile_files.looping_pdf(2)),
        ("jpeg", hostile_files.jpeg((64, 48))),
        ("png-bomb", hostile_files.png_bomb_header()),
        ("jpeg-bomb", hostile_files.jpeg_bomb_header()),
        ("zip", hostile_files.zip_of([("a.pdf", b"%PDF-1.4"), ("b.jpg", b"\xff\xd8")])),
        ("zip-lying", hostile_files.zip_bomb(1)),
        ("docx", hostile_files.docx_bytes()),
        ("winmail", hostile_files.winmail([("a.pdf", b"%PDF-1.4"), ("Foto.jpg", b"\xff\xd8")])),
    ]
    return mails, files


def mutate(data: bytes, rng: random.Random, donors: list[bytes]) -> bytes:
    out = bytearray(data)
    for _ in range(rng.randint(1, 12)):
        where = rng.randrange(len(out) + 1)
        choice = rng.random()
        if choice < 0.35 and out:
            index = min(where, len(out) - 1)
            out[index] ^= 1 << rng.randrange(8)
        elif choice < 0.5:
            out[where:where] = rng.randbytes(rng.randint(1, 8))
        elif choice < 0.65 and out:
            del out[where : where + rng.randint(1, 256)]
        elif choice < 0.85:
            out[where:where] = rng.choice(_SPLICES)
        else:
            donor = rng.choice(donors)
            start = rng.randrange(max(len(donor), 1))
            out[where:where] = donor[start : start + rng.randint(1, 2_000)]
    return bytes(out)


def wrap(name: str, data: bytes, rng: random.Random) -> bytes:
    """``data`` as the one attachment of a plain request mail."""
    ctype = rng.choice(["application/pdf", "application/octet-stream", "image/jpeg"])
    body = base64.encodebytes(data).replace(b"\n", b"\r\n")
    return (
        b"From: consular@usembassy.example\r\nTo: fasdip.dafis.kundak@kemlu.go.id\r\n"
        b"Subject: Application for a new airport pass\r\nMIME-Version: 1.0\r\n"
        b'Content-Type: multipart/mixed; boundary="b"\r\n\r\n--b\r\n'
        b"Content-Type: text/plain\r\n\r\nPlease find the passport attached.\r\n--b\r\n"
        + f'Content-Type: {ctype}\r\nContent-Disposition: attachment; filename="{name}"\r\n'.encode()
        + b"Content-Transfer-Encoding: base64\r\n\r\n"
        + body
        + b"--b--\r\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=Path("var/fuzz"))
    parser.add_argument("--hang-seconds", type=float, default=30.0)
    args = parser.parse_args()
    logging.disable(logging.WARNING)  # pypdf's rate-limited warnings: not the point here

    settings = Settings()
    office = load_office(settings)
    catalog = FindingCatalog(office.messages, office.requirements)
    mails, files = corpus()
    donors = [raw for _, raw in mails] + [data for _, data in files]
    rng = random.Random(args.seed)
    signal.signal(signal.SIGALRM, _alarm)

    runs = crashes = hangs = 0
    errors: Counter[str] = Counter()
    slowest = (0.0, "")
    started = time.monotonic()
    while time.monotonic() - started < args.seconds:
        if rng.random() < 0.5:
            seed_name, seed = rng.choice(mails)
            raw = mutate(seed, rng, donors)
        else:
            seed_name, data = rng.choice(files)
            raw = wrap(f"{seed_name}.bin", mutate(data, rng, donors), rng)
        begin = time.monotonic()
        signal.setitimer(signal.ITIMER_REAL, args.hang_seconds)
        try:
            email = parse(raw, settings.ingest, catalog, limits=settings.limits)
            inspect(email, settings.ingest, limits=settings.limits)
        except Hang:
            hangs += 1
            save(args.out, "hang", raw, f"over {args.hang_seconds} s (seed {seed_name})")
        except Exception as exc:  # the harness counts whatever escapes: that is the bug
            crashes += 1
            errors[f"{type(exc).__name__}"] += 1
            save(args.out, "crash", raw, f"seed {seed_name}\n" + traceback.format_exc())
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        runs += 1
        elapsed = time.monotonic() - begin
        if elapsed > slowest[0]:
            slowest = (elapsed, f"{seed_name} mutated, {len(raw)} bytes")

    total = time.monotonic() - started
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"fuzz ingest.parse + ingest.inspect for {total:.0f} s (seed {args.seed})")
    print(f"  corpus      {len(mails)} mails, {len(files)} files")
    print(f"  runs        {runs} ({runs / total:.1f}/s)")
    print(f"  crashes     {crashes} {dict(errors) if errors else ''}".rstrip())
    print(f"  hangs       {hangs} (over {args.hang_seconds:.0f} s)")
    print(f"  slowest     {slowest[0]:.2f} s: {slowest[1]}")
    print(f"  peak RSS    {peak:.0f} MB")
    if crashes or hangs:
        print(f"  saved under {args.out}/")
    sys.exit(0)


def save(out: Path, label: str, raw: bytes, detail: str) -> None:
    out.mkdir(parents=True, exist_ok=True)
    digest = hashlib.sha256(raw).hexdigest()[:16]
    (out / f"{label}-{digest}.eml").write_bytes(raw)
    (out / f"{label}-{digest}.txt").write_text(detail, encoding="utf-8")


if __name__ == "__main__":
    main()
