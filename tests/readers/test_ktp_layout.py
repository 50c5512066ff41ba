"""Only a page that shows an e-KTP's blue is read for KTP labels when nothing names it."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from readers.ktp_layout import find_labels, shows_a_card
from readers.ocr import OcrWord
from samples.files import page_scan_jpeg
from samples.ktps import make_ktp
from samples.passports import make_passport


@pytest.mark.parametrize("seed", range(1000, 1012))
def test_a_degraded_card_still_shows_its_blue(seed: int) -> None:
    assert shows_a_card(make_ktp(seed, degraded=True).image())


def test_a_scanned_letter_or_passport_page_shows_no_card() -> None:
    letter = Image.open(io.BytesIO(page_scan_jpeg("NOTE VERBALE", ["The Embassy"] * 20, 3)))
    assert not shows_a_card(letter)
    assert not any(shows_a_card(make_passport(seed).image) for seed in range(4))


def _words(lines: list[str]) -> list[OcrWord]:
    """Tesseract's words of a card's lines, 36 px apart, each word 12 px a letter."""
    out = []
    for row, text in enumerate(lines):
        left = 20
        for word in text.split():
            out.append(OcrWord(word, 90.0, left, 100 + 36 * row, 12 * len(word), 24, (1, 1, row)))
            left += 12 * len(word) + 10
    return out


def test_a_label_misread_beyond_matching_is_found_by_its_place() -> None:
    """fieldmail's serif labels on a JPEG scan: 'Tempat/Tgl Lahir' read "Tempav'Te! Lahr:"
    and 'Jenis Kelamin' read 'fons Kelanun' (fuzzy scores under 75): the printed birth date
    and sex were not read and 45 of 300 dev cards were refused for it."""
    lines = [
        "NIK : 3578080610010400",
        "Nama : AGUS SETIAWAN",
        "Tempav'Te! Lahr: SURABAYA, 06-10-2001",
        "fons Kelanun : LAKI-LAKI",
        "Alamat : JL. CIKINI NO. 31",
    ]
    labels = find_labels(_words(lines), 1011)
    assert [w.text for w in labels["birth"].value_words] == ["SURABAYA,", "06-10-2001"]
    assert [w.text for w in labels["sex"].value_words] == ["LAKI-LAKI"]


def test_a_colon_read_as_a_letter_mark_does_not_cut_the_label() -> None:
    labels = find_labels(
        _words(["Nama : RINI", "Tempat 'Tel 1 abir : BANDUNG, 24-08-1990", "Jenis Kelamin : X"]),
        1011,
    )
    assert [w.text for w in labels["birth"].value_words] == ["BANDUNG,", "24-08-1990"]


def test_lines_that_do_not_match_the_fields_missed_are_not_labelled() -> None:
    """Two lines where one field is missed (a line of the photo's text between), or a
    line with no colon read: which is the field's is not known, nothing is given."""
    two = ["Nama : RINI", "Tempav'Te! Lahr: BANDUNG, 24-08-1990", "BANDUNG", "Jenis Kelamin : X"]
    assert "birth" not in find_labels(_words(two), 1011)
    no_colon = ["Nama : RINI", "Tempav'Te! Lahr BANDUNG, 24-08-1990", "Jenis Kelamin : X"]
    assert "birth" not in find_labels(_words(no_colon), 1011)
