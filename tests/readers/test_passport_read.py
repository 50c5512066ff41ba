"""Reading generated passport pages: JPEG and scanned PDFs (DCT, Flate, CCITT), turned pages."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from PIL import Image

from config.settings import OcrSettings
from ingest.pdf import page_images
from readers.mrz_text import mrz_lines
from readers.ocr import OcrEngine
from readers.passport import read_passport
from samples.passports import PassportTruth, make_passport

pytestmark = pytest.mark.slow  # Tesseract and OCR-B templates on generated passport pages

TODAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine(OcrSettings())


def assert_read(images: list[Image.Image], truth: PassportTruth, engine: OcrEngine) -> None:
    reading = read_passport(images, engine, "a1", f"sha-{truth.seed}-{id(images)}", today=TODAY)
    assert reading.accepted, (reading.doubts, reading.lines, truth.mrz)
    assert reading.document_number.value == truth.document_number
    assert reading.surname.value == truth.surname
    assert (reading.given_names.value or "") == truth.given_names
    assert reading.nationality.value == truth.nationality
    assert reading.issuing_state.value == truth.issuing_state
    assert reading.birth_date.value == truth.birth_date.isoformat()
    assert reading.expiry_date.value == truth.expiry_date.isoformat()
    assert reading.sex.value == truth.sex
    assert reading.seconds > 0


def test_a_clean_jpeg_page_is_read(engine: OcrEngine) -> None:
    sample = make_passport(3)
    image = Image.open(io.BytesIO(sample.jpeg()))
    assert_read([image], sample.truth, engine)


@pytest.mark.parametrize("kind", ["jpeg", "flate", "ccitt"])
def test_a_scanned_pdf_page_is_taken_out_and_read(kind: str, engine: OcrEngine) -> None:
    sample = make_passport(11)
    images = page_images(sample.pdf(kind))  # type: ignore[arg-type]
    assert len(images) == 1
    assert_read(images, sample.truth, engine)


@pytest.mark.parametrize("degrees", [90, 180])
def test_a_turned_page_is_read(degrees: int, engine: OcrEngine) -> None:
    sample = make_passport(21)
    assert_read([sample.image.rotate(degrees, expand=True)], sample.truth, engine)


def test_a_blank_page_is_no_mrz(engine: OcrEngine) -> None:
    reading = read_passport([Image.new("RGB", (800, 600), "white")], engine, "a1", "blank")
    assert reading.mrz_format is None
    assert not reading.accepted


def test_page_images_never_raises_on_bad_bytes() -> None:
    assert page_images(b"") == []
    assert page_images(b"%PDF-1.7\nnot really") == []
    assert page_images(bytes(range(256)) * 10) == []


LINE2 = "FK48291638NOR8503150M3101012<<<<<<<<<<<<<<04"


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # Tesseract 5.5 drops part of a long run of fillers: line 1 gets it back
        ("P<NORNORDMANN<<OLA<<<<<<<<<<<<<<\n" + LINE2, ["P<NORNORDMANN<<OLA" + "<" * 26, LINE2]),
        # a line 1 that does not end in fillers lost letters, not fillers: left short
        ("P<NORNORDMANN<<OLA<<<<<<<<<<<<<X\n" + LINE2, ["P<NORNORDMANN<<OLA<<<<<<<<<<<<<X", LINE2]),
        # whole lines are left as read
        ("P<NORNORDMANN<<OLA" + "<" * 26 + "\n" + LINE2, ["P<NORNORDMANN<<OLA" + "<" * 26, LINE2]),
    ],
)
def test_tesseract_lines_get_back_the_fillers_it_dropped(
    ocr_text: str, expected: list[str]
) -> None:
    assert mrz_lines(ocr_text) == expected


LINE1 = "P<NORNORDMANN<<OLA" + "<" * 26


@pytest.mark.parametrize(
    ("ocr_text", "expected"),
    [
        # the booklet's edge read as a lone letter before a whole line 1: dropped
        ("J " + LINE1 + "\n" + LINE2, [LINE1, LINE2]),
        # a first letter read apart from the rest of a line no longer than line 2 is its own
        ("P <NORNORDMANN<<OLA" + "<" * 26 + "\n" + LINE2, [LINE1, LINE2]),
    ],
)
def test_an_edge_read_before_line_1_is_no_letter(ocr_text: str, expected: list[str]) -> None:
    assert mrz_lines(ocr_text) == expected
