"""readers.mrz_shape: look-alikes of equal check-digit weight told by the glyph's shape,
on OCR-B glyphs drawn by the repo's own font (samples), thin and heavy."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter

from readers.mrz_shape import by_shape, i_foot_shown
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


def small(char: str, blur: float = 0.5, scale: int = 5) -> np.ndarray:
    """A glyph 5-6 px high on the page (an 8 px font, blurred) as the band's cell holds it:
    drawn again ``scale`` times larger, smoothly."""
    cell = glyph(char, 8, 0, blur)
    big = Image.fromarray(np.uint8(cell * 255)).resize(
        (cell.shape[1] * scale, cell.shape[0] * scale), Image.Resampling.BILINEAR
    )
    return np.asarray(big, dtype=np.float64) / 255.0


@pytest.mark.parametrize("char", ["H", "N"])
def test_h_and_n_are_told_by_the_diagonal_even_5_px_high(char: str) -> None:
    other = "N" if char == "H" else "H"
    for cell, height in (
        (glyph(char, 30), 0.0),
        (glyph(char, 20, 0, 1.0), 0.0),
        (small(char), 5.5),
    ):
        assert by_shape(cell, char, other, height) == char
        assert by_shape(cell, other, char, height) == char


def test_two_stems_with_nothing_between_are_not_told_h() -> None:
    # An N whose diagonal faded, or an H whose bar did: no lean and no bar decide nothing.
    stems = glyph("H", 30)
    box = np.flatnonzero(stems.any(axis=1))
    middle = slice(box[0] + round(0.3 * box.size), box[0] + round(0.7 * box.size))
    stems[middle, 8:20] = 0.0
    assert by_shape(stems, "H", "N") is None
    assert by_shape(stems, "N", "H") is None


@pytest.mark.parametrize(("cell", "height"), [(glyph("E", 30), 0.0), (small("E"), 5.5)])
def test_an_e_is_told_from_f_by_its_lower_bar(cell: np.ndarray, height: float) -> None:
    assert by_shape(cell, "F", "E", height) == "E"
    assert by_shape(cell, "E", "F", height) == "E"


def test_an_f_is_never_told_by_a_missing_bar() -> None:
    # A faded E lost its lower bar just as an F has none: the shape says nothing.
    for cell in (glyph("F", 30), small("F")):
        assert by_shape(cell, "E", "F") is None
        assert by_shape(cell, "F", "E") is None


@pytest.mark.parametrize(("char", "other"), [("U", "O"), ("O", "U"), ("U", "0")])
def test_a_glyph_5_px_high_is_told_open_or_closed_at_the_top(char: str, other: str) -> None:
    # Blur greys a small U's open top (up to 0.4 of its darkest): still open.
    assert by_shape(small(char, 0.7), char, other, source_height=5.5) == char


@pytest.mark.parametrize(("size", "blur"), [(30, 0.0), (24, 0.6), (40, 1.0)])
@pytest.mark.parametrize(("char", "foot"), [("I", True), ("L", False), ("E", False), ("J", False)])
def test_an_i_s_foot_is_told_from_a_washed_out_l_e_or_j(
    char: str, foot: bool, size: int, blur: float
) -> None:
    # Washed out, an L's foot, an E's bars and a J's hook are lighter than the stem:
    # the glyph reads I, but its foot runs on one side only.
    cell = glyph(char, size, 0, blur)
    rows = np.arange(cell.shape[0])[:, None] > 0.75 * size
    washed = np.where(rows, 0.45 * cell, cell)  # the lower strokes at under half the stem's
    assert i_foot_shown(washed, 0.6 * size) is foot
    assert i_foot_shown(0.3 * cell, 0.6 * size) is foot  # the whole glyph faint alike


def test_an_empty_cell_shows_no_foot() -> None:
    assert i_foot_shown(np.zeros((30, 18)), 18.0) is None
