"""Only a page that shows an e-KTP's blue is read for KTP labels when nothing names it."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from readers.ktp_layout import shows_a_card
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
