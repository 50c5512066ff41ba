"""readers.mrz_ink: text lines found in an ink mask, on MRZ lines drawn with the repo's
OCR-B font (samples), as small as a screenshot shows them."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw

from readers.mrz_band import find_band
from readers.mrz_ink import ink_gray, ink_mask, text_line_fits
from samples.passport_kinds import make_kind
from samples.passports import OCRB_FONT, _font

LINE = "P<KORPARK<<KYUNG<CHUL<JI<EUN<<<<<<<<<<<<<<<"


def one_line(size: int) -> Image.Image:
    """An MRZ line of ``size`` px OCR-B on white paper."""
    image = Image.new("L", (round(size * 0.62 * 46), 3 * size), 255)
    ImageDraw.Draw(image).text((size, size), LINE, fill=0, font=_font(OCRB_FONT, size))
    return image


# A page shown small in a viewer (screenshot dev seed 37: 8 px glyphs, 7 px between the
# lines, a guilloche behind): its two MRZ lines were joined into one 23 px text line, and
# no band was found. Split at the rows of little ink between them, they are two.
def test_two_close_lines_joined_by_background_ink_are_two_lines() -> None:
    gray = ink_gray(make_kind("screenshot", 37).image)
    fits = [f for f in text_line_fits(ink_mask(gray), split=True) if f.length > 300]
    assert len(fits) == 2
    assert all(f.height < 12 for f in fits)
    assert 12 < fits[1].middle - fits[0].middle < 20
    band = find_band(gray)
    assert band is not None
    assert band.count == 2
    assert band.in_lower_half


@pytest.mark.parametrize("size", [10, 14, 24])
def test_one_line_is_never_split(size: int) -> None:
    fits = text_line_fits(ink_mask(ink_gray(one_line(size))), split=True)
    assert len(fits) == 1
