"""The KTP reader on cards it was not written for: fieldmail's cards (another author's
layout, Liberation Serif labels and name, the NIK in OCR-A Bold), scanned as fieldmail
scans them (a slight turn, grain, a grey photocopy one time in three, JPEG 40-70 in a PDF).

Per card: NIK exact, name exact, accepted, accepted but wrong (a NIK or name accepted that
is not the card's: must be 0). Prints each card not accepted or not exact, then the
commonest doubts. The reader alone: the pipeline's checks against the note come after.

    .venv/bin/python bench/fieldmail_ktp.py [-n 40] [--base 100]
"""

from __future__ import annotations

import argparse
import collections
import datetime as dt
import io
import random

import pypdf

from config.settings import OcrSettings
from fieldmail import cards, render
from fieldmail.identity import make_ktp, pick_people
from readers.ktp import read_ktp
from readers.ocr_tesserocr import ocr_engine

TODAY = dt.date(2026, 11, 30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="cards")
    parser.add_argument("--base", type=int, default=100, help="first seed")
    args = parser.parse_args()
    engine = ocr_engine(OcrSettings(engine="tesserocr"))
    totals: collections.Counter[str] = collections.Counter()
    doubts: collections.Counter[str] = collections.Counter()
    for seed in range(args.base, args.base + args.n):
        rng = random.Random(seed)
        person = pick_people(rng, 1, local=True, today=TODAY)[0]
        truth, district = make_ktp(person, rng)
        card = cards.ktp_card(person, truth, district, rng)  # drawn first, as fieldmail does
        grey = rng.random() < 0.3
        scan = render.degrade(card, rng, grey=grey)
        data = render.scan_pdf([scan], rng.randint(40, 70))
        page = next(iter(pypdf.PdfReader(io.BytesIO(data)).pages[0].images)).image
        assert page is not None, "fieldmail's scan PDF holds its JPEG"
        reading = read_ktp([page.convert("RGB")], engine, "a1", f"fieldmail-ktp-{seed}")
        nik_ok, name_ok = reading.nik.value == truth.nik, reading.name.value == truth.name
        totals.update(
            cards=1,
            nik=nik_ok,
            name=name_ok,
            accepted=reading.accepted,
            accepted_wrong=reading.accepted and not (nik_ok and name_ok),
        )
        doubts.update(d.split("'")[0].strip() for d in reading.doubts)
        if not (reading.accepted and nik_ok and name_ok):
            print(
                f"  seed {seed} ({'grey' if grey else 'colour'}): name {reading.name.value!r}"
                f" (card {truth.name!r}), NIK {'right' if nik_ok else 'WRONG'},"
                f" {'ACCEPTED' if reading.accepted else 'doubt'}: {'; '.join(reading.doubts)[:160]}"
            )
    n = totals["cards"]
    print(f"fieldmail KTP cards: {n} (seeds {args.base}..{args.base + n - 1})")
    for key in ("nik", "name", "accepted"):
        print(f"  {key:<16} {totals[key]:>4}/{n}  ({100 * totals[key] / n:.1f}%)")
    print(f"  accepted, wrong  {totals['accepted_wrong']:>4}")
    for doubt, count in doubts.most_common(8):
        print(f"  {count:>4}  {doubt}")


if __name__ == "__main__":
    main()
