"""readers.mrz_band: a band cut from a negative is turned back, a band of grey paper in a
photo's shadow is not (issue 14, phone photos).

Unit tests on pages drawn here, then the phone_photo pages (dev seeds) that showed the
failure: real band search.
"""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from readers.mrz_band import _cut, find_band
from readers.mrz_ink import ink_gray
from readers.mrz_read import grid_text
from readers.passport import templates
from samples.passport_kinds import make_kind

IDENTITY = [1.0, 0.0, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0]


def _lines(paper: int, print_: int) -> Image.Image:
    """Two lines of glyph-like blocks, ``print_`` on ``paper``."""
    values = np.full((120, 600), paper, dtype=np.uint8)
    for k in range(20):
        x = 20 + 28 * k
        for top in (20, 70):
            values[top : top + 26, x : x + 4] = print_
            values[top : top + 26, x + 14 : x + 18] = print_
            values[top : top + 4, x : x + 18] = print_
    return Image.fromarray(values, "L")


def test_grey_paper_in_shadow_under_dark_print_is_kept_as_it_is() -> None:
    # Its median under 128, yet nearer its darkest than its lightest: not a negative.
    band = np.asarray(_cut(_lines(110, 25), (600, 120), IDENTITY))
    assert band[5, 5] > band[30, 22]  # paper lighter than print


def test_a_negative_band_is_turned_back() -> None:
    band = np.asarray(_cut(_lines(30, 220), (600, 120), IDENTITY))
    assert band[5, 5] > band[30, 22]


@pytest.mark.slow
@pytest.mark.parametrize(("seed", "first"), [(214, "P<D<<KAVANAGH<<SILE"), (238, "P<GBRHUGHES")])
def test_a_phone_photo_s_band_in_shadow_is_cut_dark_on_light(seed: int, first: str) -> None:
    # The booklet lay in the photo's shadow on a dark desk: the band's paper grey (its
    # median 124), its print darker. Taken for a negative, it was cut white on grey and
    # every field read wrong.
    band = find_band(ink_gray(make_kind("phone_photo", seed).image))
    assert band is not None
    values = np.asarray(band.image.convert("L"))
    assert np.median(values) > np.percentile(values, 5) + 20  # paper above its print
    assert grid_text(band, templates()).lines[0].startswith(first)
