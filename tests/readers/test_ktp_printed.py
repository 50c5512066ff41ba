"""The printed birth date and sex weighed glyph by glyph against the NIK (readers.ktp_printed).

The ink is the card's own (``samples.ktps`` draws it; its truth says what is printed),
cut where the card's drawing put the value. A digit Tesseract confuses (0/6/8/9, 3/8,
1/7) is told from the printed one by its glyph: the card agreeing with the NIK is settled
for the NIK, and a card whose printed date really differs keeps its mismatch.
"""

from __future__ import annotations

import datetime as dt
import io
import random

import numpy as np
import pytest
from PIL import Image, ImageFont

from config.settings import OcrSettings
from ingest.pdf import page_images
from readers.ktp import read_ktp
from readers.ktp_layout import ink_image
from readers.ktp_letters import CAPITALS
from readers.ktp_printed import DIGITS, settle
from readers.ocr import OcrEngine
from samples.files import scanned_pdf
from samples.ktp_kinds import KINDS, make_kind
from samples.ktps import FIELDS, SANS_BOLD, draw_card, make_ktp, make_truth

# The digits Tesseract reads for the card's bold digits (dev seeds and the lead's card 505).
CONFUSED = {"0": "6", "6": "0", "8": "9", "9": "8", "3": "8", "1": "7", "7": "1"}
CARDS = [505, *range(1, 9)]  # 505: 10-08-1999 read 16-08-1999


def _value_ink(card: Image.Image, field: str, before: str, text: str) -> np.ndarray:
    """The ink of ``text`` printed after ``before`` in ``field``'s value (``draw_card``)."""
    font = ImageFont.truetype(SANS_BOLD, 19)
    row = [attr for _, attr in FIELDS].index(field)
    top = 148 + 36 * row
    left = 248 + font.getlength(before)
    box = (int(left) - 6, top - 6, int(left + font.getlength(text)) + 8, top + 26)
    return np.asarray(ink_image(card).crop(box)) < 128


def _misread(digits: str) -> str:
    """``digits`` with its first confusable digit after the day's first changed."""
    for i, digit in enumerate(digits):
        if i and digit in CONFUSED:
            return digits[:i] + CONFUSED[digit] + digits[i + 1 :]
    raise AssertionError(f"no confusable digit in {digits}")


@pytest.mark.parametrize("seed", CARDS)
def test_a_misread_birth_date_digit_is_settled_by_its_glyph(seed: int) -> None:
    truth = make_ktp(seed).truth
    date = f"{truth.birth_date:%d-%m-%Y}"
    ink = _value_ink(make_ktp(seed).image(), "birth", f"{truth.birth_place}, ", date)
    printed = date.replace("-", "")
    misread = _misread(printed)
    # The NIK says what is printed, Tesseract read a confusable digit: the card agrees.
    assert settle(ink, printed, misread, DIGITS) == "nik"
    # The NIK says something else than what is printed: the mismatch stands.
    assert settle(ink, misread, printed, DIGITS) == "read"


def test_the_date_of_card_505_is_the_nik_s_not_the_misread_16() -> None:
    truth = make_ktp(505).truth
    ink = _value_ink(make_ktp(505).image(), "birth", f"{truth.birth_place}, ", "10-08-1999")
    assert settle(ink, "10081999", "16081999", DIGITS) == "nik"
    assert settle(ink, "10081999", "10061999", DIGITS) == "nik"


@pytest.mark.parametrize("seed", CARDS[:5])
def test_a_misread_sex_is_settled_by_its_letters(seed: int) -> None:
    truth = make_ktp(seed).truth
    other = "PEREMPUAN" if truth.sex == "LAKI-LAKI" else "LAKI-LAKI"
    ink = _value_ink(make_ktp(seed).image(), "sex", "", truth.sex)
    assert settle(ink, truth.sex, other, CAPITALS) == "nik"
    assert settle(ink, other, truth.sex, CAPITALS) == "read"


def test_glyphs_that_cannot_be_cut_decide_nothing() -> None:
    blank = np.zeros((30, 120), dtype=bool)
    assert settle(blank, "10081999", "16081999", DIGITS) is None


@pytest.mark.slow
def test_card_505_scanned_in_a_pdf_is_accepted_with_its_printed_date() -> None:
    sample = make_ktp(505)
    image = page_images(scanned_pdf(sample.jpeg))[0]
    reading = read_ktp([image], OcrEngine(OcrSettings()), "a1", "pdf-505")
    assert reading.accepted and not reading.nik_problems
    assert reading.birth_date.value == sample.truth.birth_date.isoformat() == "1999-08-10"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("kind", "seed"),
    [
        ("clean", 8),  # sex read "LAKI-LAK! GOL.DARAH :A": not compared, the card not accepted
        ("flat_300", 10),  # birth year 2007 read 2607: the NIK's date "in the future"
    ],
)
def test_dev_cards_whose_printed_date_or_sex_was_misread_are_accepted_right(
    kind: str, seed: int
) -> None:
    sample = make_kind(kind, seed)
    reading = read_ktp([sample.image()], OcrEngine(OcrSettings()), "a1", f"{kind}-{seed}")
    assert reading.accepted and not reading.nik_problems
    assert reading.nik.value == sample.truth.nik
    assert reading.birth_date.value == sample.truth.birth_date.isoformat()
    assert reading.sex.value == sample.truth.sex


@pytest.mark.slow
def test_a_misread_date_the_glyphs_cannot_settle_is_a_doubt_not_a_nik_problem() -> None:
    sample = make_kind("photocopy", 0)  # 1986 read 1966; the grey copy's 8 and 6 unclear
    reading = read_ktp([sample.image()], OcrEngine(OcrSettings()), "a1", "photocopy-0")
    assert not reading.accepted
    assert reading.nik_problems == []  # not "birth date 2971-05-24 is in the future"
    assert reading.birth_date.doubt and "do not settle" in reading.birth_date.doubt


@pytest.mark.slow
@pytest.mark.parametrize("seed", [87, 88])
def test_a_grey_copys_date_whose_digits_the_toner_joined_is_settled_on_its_grey_ink(
    seed: int,
) -> None:
    """05-25 read 08-25, 12-01 read 12-02: the black-and-white ink of the
    copy's bold digits is one piece (``01``) and cannot be cut; its grey ink, cut darker,
    parts them and each is the NIK's digit."""
    sample = make_kind("photocopy", seed)
    reading = read_ktp([sample.image()], OcrEngine(OcrSettings()), "a1", f"joined-{seed}")
    assert reading.birth_date.value == sample.truth.birth_date.isoformat()
    assert reading.birth_date.doubt is None
    assert reading.accepted


def _misprinted_copy(seed: int, printed: dt.date) -> Image.Image:
    """A photocopy (dev seed ``seed``) of a card whose printed birth date is ``printed``,
    not the date its NIK says."""
    truth = make_truth(seed)
    card = draw_card(truth.model_copy(update={"birth_date": printed}))
    copy = KINDS["photocopy"][1](card, random.Random(f"ktp:photocopy:{seed}"), {})
    out = io.BytesIO()
    copy.image.save(out, "JPEG", quality=copy.quality)
    return Image.open(io.BytesIO(out.getvalue()))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("seed", "printed"),
    [
        (125, dt.date(1991, 12, 8)),  # a cut alone read 08 as the NIK's 06
        (156, dt.date(1984, 4, 6)),  # 1984 as 1964
        (158, dt.date(1976, 11, 16)),  # 16 as 15
        (171, dt.date(1981, 11, 6)),  # read 06-12-1984: the misread 4 is the NIK's too
    ],
)
def test_a_grey_copy_printed_with_another_date_than_its_nik_never_says_the_nik_s(
    seed: int, printed: dt.date
) -> None:
    image = _misprinted_copy(seed, printed)
    reading = read_ktp([image], OcrEngine(OcrSettings()), "a1", f"misprinted-{seed}")
    nik_date = make_truth(seed).birth_date.isoformat()
    assert reading.birth_date.value != nik_date or reading.birth_date.doubt is not None
