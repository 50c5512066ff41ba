"""A KTP card the reader was not written for: fieldmail's (another author's layout,
Liberation Serif labels and name, the NIK in OCR-A Bold), scanned as fieldmail scans it (a
slight turn, grain, a grey photocopy one time in three, JPEG 40-70 in a PDF). With the
truth fieldmail knows: NIK, name, birth date and sex.

``bench/ktp_accuracy.py --kinds fieldmail`` measures these with the samples' kinds.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

from fieldmail_scans import FIELDMAIL, TODAY, scanned
from PIL import Image

from fieldmail import cards
from fieldmail.identity import make_ktp, pick_people

__all__ = ["DESCRIPTION", "FIELDMAIL", "TODAY", "Card", "fieldmail_card"]

DESCRIPTION = "fieldmail's cards: another layout, a serif name, its own scanning"


@dataclass(frozen=True)
class Card:
    """A card's image, the values it shows (the fields its generator knows), whether a
    reading must be accepted or rejected, and how it was copied (for the failure list)."""

    image: Image.Image
    truth: dict[str, str]
    expect: str  # "accept" or "reject"
    note: str = ""


def fieldmail_card(seed: int) -> Card:
    """fieldmail's card of ``seed``, as the page image of its scan PDF."""
    rng = random.Random(seed)
    person = pick_people(rng, 1, local=True, today=TODAY)[0]
    truth, district = make_ktp(person, rng)
    card = cards.ktp_card(person, truth, district, rng)  # drawn first, as fieldmail does
    page, note = scanned(card, rng, seed)
    values = {
        "nik": truth.nik,
        "name": truth.name,
        "birth_date": truth.birth_date.isoformat(),
        "sex": truth.sex,
    }
    return Card(page, values, "accept", note)
