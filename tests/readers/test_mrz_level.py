"""readers.mrz_level: a band whose names line sags along it is levelled before its cells
are read (issue 14, phone photos).

A unit test on a band drawn here, then the phone_photo pages (dev seeds) that showed the
failure: real band search, real OCR-B templates.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from readers.mrz_band import MrzBand, find_band
from readers.mrz_ink import ink_gray
from readers.mrz_level import levelled
from readers.mrz_read import grid_text
from readers.passport import templates
from samples.passport_kinds import make_kind

HEIGHT = 30.0


def _band(sag: float) -> tuple[MrzBand, np.ndarray]:
    """Two lines of 40 glyph-like blocks (two stems and a bar), the first sinking
    ``sag`` px from its left end to its right; the image's values."""
    values = np.full((120, 1300), 220, dtype=np.uint8)
    for k in range(40):
        x = 40 + 30 * k
        for top in (20 + round(sag * k / 39), 70):
            values[top : top + 26, x : x + 4] = 30
            values[top : top + 26, x + 14 : x + 18] = 30
            values[top : top + 4, x : x + 18] = 30
    band = MrzBand(
        image=Image.fromarray(values, "L"),
        count=2,
        char_height=HEIGHT,
        in_lower_half=True,
        line_ys=(33.0, 83.0),
        left=40.0,
        right=40.0 + 30 * 39 + 18,
    )
    return band, values


def _top_at(values: np.ndarray, x: int) -> int:
    return int(np.flatnonzero(values[:55, x] < 128)[0])


def test_a_sagging_names_line_is_levelled_and_the_other_line_left_as_it_is() -> None:
    band, values = _band(6.0)
    out = np.asarray(levelled(band, values < 128).image.convert("L"))
    first, last = 40 + 1, 40 + 30 * 39 + 1
    assert _top_at(values, last) - _top_at(values, first) == 6
    assert abs(_top_at(out, last) - _top_at(out, first)) <= 1
    np.testing.assert_array_equal(out[60:], values[60:])  # line 2: its own rows, unmoved


def test_a_level_band_is_left_as_it_is() -> None:
    band, values = _band(1.0)
    assert levelled(band, values < 128) is band


@pytest.mark.slow
@pytest.mark.parametrize("seed", [249, 293])
def test_a_phone_photo_s_clear_fillers_at_the_sunk_end_are_read_sure(seed: int) -> None:
    # The names line's top 6 px lower at its right end than at its left: its fillers
    # there sat at their boxes' foot and were read "< or W" (name characters 37-39).
    band = find_band(ink_gray(make_kind("phone_photo", seed).image))
    assert band is not None
    read = grid_text(band, templates())
    assert read.lines[0].endswith("<" * 20)
    assert not [doubt for doubt in read.doubts if "unsure (<" in doubt]
