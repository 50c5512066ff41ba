"""Passport copies as missions really send them: askew, stamped, photographed, turned.

Real Tesseract and the OCR-B templates, no mocks; pages from ``samples.passports`` with
their truth. Precision first: a reading is either exact and accepted, or not accepted.
"""

from __future__ import annotations

import datetime as dt

import pytest
from PIL import Image, ImageDraw, ImageFont

from config.settings import OcrSettings
from fasdip.models import PassportReading
from readers.mrz import parse_mrz
from readers.mrz_band import find_band
from readers.mrz_ink import ink_gray
from readers.mrz_rivals import another_reading_passes
from readers.ocr import OcrEngine
from readers.passport import read_passport
from samples.passports import (
    PassportSample,
    id_card_mrz,
    make_passport,
    photographed,
    render_id_card,
)

pytestmark = pytest.mark.slow  # Tesseract and OCR-B templates on degraded passport pages

TODAY = dt.date(2025, 6, 1)


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine(OcrSettings())


def read(sample: PassportSample, engine: OcrEngine) -> PassportReading:
    return read_passport(
        [sample.image], engine, "a1", f"deg-{sample.truth.degradations}-{sample.truth.seed}", TODAY
    )


def exact(reading: PassportReading, sample: PassportSample) -> bool:
    truth = sample.truth
    return (
        reading.document_number.value == truth.document_number
        and reading.surname.value == truth.surname
        and (reading.given_names.value or "") == truth.given_names
        and reading.nationality.value == truth.nationality
        and reading.issuing_state.value == truth.issuing_state
        and reading.birth_date.value == truth.birth_date.isoformat()
        and reading.expiry_date.value == truth.expiry_date.isoformat()
        and reading.sex.value == truth.sex
    )


def test_a_passport_photographed_12_degrees_askew_with_a_stamp_on_line_1_is_read_exactly(
    engine: OcrEngine,
) -> None:
    sample = photographed(6, skew=12, stamp_on_line=1)
    reading = read(sample, engine)
    assert reading.accepted, reading.doubts
    assert exact(reading, sample)


def test_a_booklet_photographed_at_an_angle_and_turned_a_quarter_is_read_exactly(
    engine: OcrEngine,
) -> None:
    sample = photographed(7, perspective=True, turn=90, skew=3)
    reading = read(sample, engine)
    assert reading.accepted, reading.doubts
    assert exact(reading, sample)


def test_a_page_17_degrees_askew_is_read_exactly(engine: OcrEngine) -> None:
    sample = photographed(6, skew=17)
    reading = read(sample, engine)
    assert reading.accepted, reading.doubts
    assert exact(reading, sample)


def test_an_upside_down_blurred_150_dpi_jpeg_of_quality_40_is_read_exactly(
    engine: OcrEngine,
) -> None:
    sample = photographed(6, dpi=150, blur=0.8, quality=40, turn=180)
    reading = read(sample, engine)
    assert reading.accepted, reading.doubts
    assert exact(reading, sample)


def test_the_band_comes_out_with_its_lines_level_and_the_mrz_line_count() -> None:
    sample = photographed(7, skew=-12, stamp_on_line=2, turn=270)
    band = find_band(ink_gray(sample.image))
    assert band is not None
    assert band.count == 2
    assert len(band.line_ys) == 2
    width, height = band.image.size
    assert width > 10 * height  # a long thin strip: the two lines, not the page


def test_a_blank_or_photo_only_page_has_no_band() -> None:
    page = make_passport(3).image.crop((0, 0, 500, 600))  # the photo and header only
    assert find_band(ink_gray(page)) is None


def test_a_reading_is_not_accepted_when_swapping_two_unsure_o_and_0_also_passes() -> None:
    # O (24) and 0 at weights 7 and 3: the check digits cannot tell the two apart.
    truth = [
        "P<VNMTRAN<PHAM<<NGUYEN<VAN<<<<<<<<<<<<<<<<<<",
        "C270636000VNM8407225M28021839886574001646792",
    ]
    misread = [truth[0], "C27O636O00" + truth[1][10:]]
    reading = parse_mrz(misread, today=TODAY)
    assert reading.accepted  # the check digits alone would take the misreading
    unsure = [(1, 3, "0"), (1, 7, "0")]
    assert another_reading_passes(misread, unsure, reading, TODAY)
    assert not another_reading_passes(truth, [(1, 3, "O")], parse_mrz(truth, today=TODAY), TODAY)


@pytest.mark.parametrize("seed", range(10_000, 10_012))
def test_no_degraded_copy_is_accepted_wrong(seed: int, engine: OcrEngine) -> None:
    sample = make_passport(seed, degraded=True)
    reading = read(sample, engine)
    if reading.accepted:
        assert exact(reading, sample), sample.truth.degradations


def test_an_id_card_with_a_three_line_zone_is_read_by_the_templates(engine: OcrEngine) -> None:
    lines = id_card_mrz("D23145890", "740812", "330415", "DE<VRIES<<ANNA<MARIA", "NLD")
    image = render_id_card(lines, skew=7)
    reading = read_passport([image], engine, "a1", "td1-card", TODAY)
    assert reading.mrz_format == "TD1"
    assert reading.accepted, reading.doubts
    assert reading.document_number.value == "D23145890"
    assert (reading.surname.value, reading.given_names.value) == ("DE VRIES", "ANNA MARIA")
    assert reading.nationality.value == "NLD"
    assert reading.birth_date.value == "1974-08-12"


def test_ruled_lines_or_plain_text_are_never_accepted_as_a_zone(engine: OcrEngine) -> None:
    ruled = Image.new("L", (900, 300), 255)
    draw = ImageDraw.Draw(ruled)
    for k in range(6):
        draw.line((20, 40 + k * 40, 880, 40 + k * 40), fill=0, width=6)
    text = Image.new("L", (900, 300), 255)
    font = ImageFont.truetype("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf", 28)
    for k in range(4):
        ImageDraw.Draw(text).text((20, 30 + 50 * k), "THE QUICK BROWN FOX 1234", fill=0, font=font)
    for index, image in enumerate((ruled, text, Image.new("RGB", (10, 10), "white"))):
        assert not read_passport([image], engine, "a1", f"not-mrz-{index}", TODAY).accepted
