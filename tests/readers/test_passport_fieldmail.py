"""Passport pages the reader was not written for: fieldmail's (another layout, heavier
OCR-B at its own pitch), a data page in the upper part of an A4 scan, as fieldmail draws
and scans it (an image-only PDF, taken out as the pipeline does)."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from config.settings import OcrSettings
from fieldmail import cards, render
from fieldmail.identity import make_mrz, passport_number, pick_people
from fieldmail.truth import MrzTruth
from ingest.pdf import page_images
from readers.ocr import OcrEngine
from readers.passport import read_passport

pytestmark = pytest.mark.slow  # OCR-B templates (and Tesseract) on generated scans

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine(OcrSettings())


def fieldmail_scan(seed: int) -> tuple[bytes, MrzTruth]:
    """fieldmail's passport page of ``seed`` as its scan PDF, with the MRZ's truth."""
    rng = random.Random(seed)
    person = pick_people(rng, 1, local=False, today=TODAY)[0]
    expiry = TODAY + dt.timedelta(days=rng.randint(400, 3000))
    mrz = make_mrz(person, passport_number(rng), expiry)
    page = cards.passport_page(person, mrz, expiry - dt.timedelta(days=3652), rng)
    scan = render.degrade(page, rng, grey=rng.random() < 0.3)  # fieldmail's own draws
    return render.scan_pdf([scan], rng.randint(40, 70)), mrz


def test_the_sex_no_check_digit_covers_is_not_taken_from_a_close_match(
    engine: OcrEngine,
) -> None:
    """On a grey copy of fieldmail's heavier MRZ the templates matched an M as F, close,
    and the page was accepted with the wrong sex (seed 1000052): a close M/F is a doubt,
    which sends the band to the MRZ model, which reads M."""
    pdf, mrz = fieldmail_scan(1_000_052)
    reading = read_passport(page_images(pdf), engine, "a1", "fieldmail-sex", TODAY)
    assert mrz.sex == "M"
    assert reading.accepted, reading.doubts
    assert reading.sex.value == "M"


@pytest.mark.parametrize("seed", [11, 12])
def test_a_data_page_in_the_upper_half_of_an_a4_scan_is_read_the_right_way_up(
    engine: OcrEngine, seed: int
) -> None:
    """The MRZ lies in the page's upper half, so it is read upside down first: there two
    check digits passed by chance (seed 11), and the right way up was never tried."""
    pdf, mrz = fieldmail_scan(seed)
    reading = read_passport(page_images(pdf), engine, "a1", f"fieldmail-p-{seed}", TODAY)
    assert reading.accepted, reading.doubts
    assert reading.lines == [mrz.line1, mrz.line2]
    assert reading.document_number.value == mrz.document_number
