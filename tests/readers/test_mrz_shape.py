"""readers.mrz_shape: look-alikes of equal check-digit weight told by the glyph's shape,
on OCR-B glyphs drawn by the repo's own font (samples), thin and heavy."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from readers.mrz_shape import by_shape
from samples.passports import OCRB_FONT, _font


def glyph(char: str, size: int, weight: int = 0, blur: float = 0.0) -> np.ndarray:
    image = Image.new("L", (size, round(size * 1.3)), 0)
    ImageDraw.Draw(image).text((size // 6, size // 6), char, fill=255, font=_font(OCRB_FONT, size))
    if weight > 0:
        image = image.filter(ImageFilter.MaxFilter(2 * weight + 1))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur))
    return np.asarray(image, dtype=np.float64) / 255.0


@pytest.mark.parametrize(
    ("size", "weight", "blur"), [(30, 0, 0.0), (24, 0, 0.6), (20, 0, 1.0), (40, 0, 1.0)]
)
@pytest.mark.parametrize(
    ("char", "other"), [("0", "U"), ("U", "0"), ("O", "U"), ("P", "F"), ("F", "P")]
)
def test_the_shape_tells_the_pair_apart(
    char: str, other: str, size: int, weight: int, blur: float
) -> None:
    assert by_shape(glyph(char, size, weight, blur), char, other) == char
    assert by_shape(glyph(char, size, weight, blur), other, char) == char


@pytest.mark.parametrize(("char", "other"), [("0", "U"), ("U", "0"), ("P", "F"), ("F", "P")])
def test_heavy_blurred_print_is_told_right_or_left_undecided(char: str, other: str) -> None:
    assert by_shape(glyph(char, 40, 1, 0.6), char, other) in (char, None)


def test_a_blank_cell_or_another_pair_decides_nothing() -> None:
    assert by_shape(np.zeros((30, 20)), "0", "U") is None
    assert by_shape(glyph("8", 30), "8", "B") is None


@pytest.mark.parametrize(("size", "blur"), [(30, 0.0), (24, 0.6), (20, 1.0), (40, 1.0)])
@pytest.mark.parametrize("pair", ["RP", "EC", "DO", "IT", "1T", "K<", "KX"])
def test_name_letters_told_by_one_mark(pair: str, size: int, blur: float) -> None:
    harsh = size <= 20 and blur >= 1.0  # a small blurred glyph may be left undecided
    for char, other in ((pair[0], pair[1]), (pair[1], pair[0])):
        for first, second in ((char, other), (other, char)):
            told = by_shape(glyph(char, size, 0, blur), first, second)
            assert told == char or (harsh and told is None)


@pytest.mark.parametrize(("char", "other"), [("P", "F"), ("F", "P")])
def test_a_glyph_5_or_6_px_high_on_the_page_is_not_told_p_or_f(char: str, other: str) -> None:
    cell = glyph(char, 30)  # the band's cell is drawn large; the page's glyph was not
    assert by_shape(cell, char, other) == char
    assert by_shape(cell, char, other, source_height=5.5) is None
    assert by_shape(cell, other, char, source_height=12.0) == char
