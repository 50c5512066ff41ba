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
from ingest.pdf import page_images
from readers.ocr import OcrEngine
from readers.passport import read_passport

pytestmark = pytest.mark.slow  # OCR-B templates (and Tesseract) on generated scans

TODAY = dt.date(2026, 11, 30)


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine(OcrSettings())


@pytest.mark.parametrize("seed", [11, 12])
def test_a_data_page_in_the_upper_half_of_an_a4_scan_is_read_the_right_way_up(
    engine: OcrEngine, seed: int
) -> None:
    """The MRZ lies in the page's upper half, so it is read upside down first: there two
    check digits passed by chance (seed 11), and the right way up was never tried."""
    rng = random.Random(seed)
    person = pick_people(rng, 1, local=False, today=TODAY)[0]
    expiry = TODAY + dt.timedelta(days=rng.randint(400, 3000))
    mrz = make_mrz(person, passport_number(rng), expiry)
    page = cards.passport_page(person, mrz, expiry - dt.timedelta(days=3652), rng)
    scan = render.degrade(page, rng, grey=rng.random() < 0.3)  # fieldmail's own draws
    pdf = render.scan_pdf([scan], rng.randint(40, 70))
    reading = read_passport(page_images(pdf), engine, "a1", f"fieldmail-p-{seed}", TODAY)
    assert reading.accepted, reading.doubts
    assert reading.lines == [mrz.line1, mrz.line2]
    assert reading.document_number.value == mrz.document_number
