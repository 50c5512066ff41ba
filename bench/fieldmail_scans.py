"""fieldmail's documents as a bench kind: pages the readers were not written for.

fieldmail (another author's generator, ``fieldmail/``) draws its own KTP card and passport
data page; this module draws one of each from a seed, as ``fieldmail/files.py`` draws
and scans them (a slight turn, grain, a grey photocopy one time in three, JPEG 40-70 in
an image-only PDF), and hands back the image as it comes out of that PDF, with the
truth fieldmail knows. ``bench/ktp_accuracy.py --kinds fieldmail`` (through
``bench/ktp_fieldmail.py``) and ``bench/passport_accuracy.py --kinds fieldmail`` read them.

Seeds: tune on dev seeds (0...); quote the held-back seeds 5000-5099 (``--base 5000``).
"""

from __future__ import annotations

import datetime as dt
import io
import random
from dataclasses import dataclass

import pypdf
from PIL import Image

from fieldmail import cards, render
from fieldmail.identity import make_mrz, passport_number, pick_people
from fieldmail.truth import MrzTruth

FIELDMAIL = "fieldmail"
TODAY = dt.date(2026, 11, 30)  # fieldmail's day: its expiry dates are drawn from it


def scanned(picture: Image.Image, rng: random.Random, seed: int) -> tuple[Image.Image, str]:
    """``picture`` scanned as fieldmail scans a paper document, as the page image of its
    scan PDF; with how it was copied ("grey copy" or "colour")."""
    grey = rng.random() < 0.3
    scan = render.degrade(picture, rng, grey=grey)
    data = render.scan_pdf([scan], rng.randint(40, 70))
    page = next(iter(pypdf.PdfReader(io.BytesIO(data)).pages[0].images)).image
    if page is None:
        raise ValueError(f"fieldmail's scan PDF of seed {seed} holds no JPEG")
    return page.convert("RGB"), "grey copy" if grey else "colour"


@dataclass(frozen=True)
class PassportScan:
    """fieldmail's passport data page of one seed, scanned, with its MRZ's truth."""

    image: Image.Image
    mrz: MrzTruth
    note: str


def fieldmail_passport(seed: int) -> PassportScan:
    """fieldmail's passport page of ``seed`` (drawn as ``fieldmail.files.papers`` draws it)."""
    rng = random.Random(seed)
    person = pick_people(rng, 1, local=False, today=TODAY)[0]
    expiry = TODAY + dt.timedelta(days=rng.randint(400, 3000))
    mrz = make_mrz(person, passport_number(rng), expiry)
    issued = expiry - dt.timedelta(days=3652)
    page = cards.passport_page(person, mrz, issued, rng)
    image, note = scanned(page, rng, seed)
    return PassportScan(image, mrz, note)


def passport_fields(mrz: MrzTruth) -> dict[str, str]:
    """The fields a passport reader reports, as fieldmail's truth has them."""
    return {
        "document_number": mrz.document_number,
        "surname": mrz.surname,
        "given_names": mrz.given_names,
        "nationality": mrz.nationality,
        "birth_date": mrz.birth_date.isoformat(),
        "sex": mrz.sex,
        "expiry_date": mrz.expiry_date.isoformat(),
        "issuing_state": mrz.line1[2:5].replace("<", ""),
    }
