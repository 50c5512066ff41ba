"""The lean of a cut MRZ band's glyphs (readers.mrz_lean): a band cut from one line's end
found off leans, and is cut again upright (readers.mrz_band). Real bands, no mocks."""

from __future__ import annotations

import math

import pytest
from PIL import Image

from readers.mrz_band import MrzBand, find_band
from readers.mrz_ink import ink_gray
from readers.mrz_lean import band_lean
from samples.passport_kinds import make_kind


def _band(kind: str, seed: int) -> MrzBand:
    band = find_band(ink_gray(make_kind(kind, seed).image))
    assert band is not None
    return band


def _sheared(band: MrzBand, degrees: float) -> Image.Image:
    """The band's image with its glyphs' tops leaning right by ``degrees``."""
    shear = math.tan(math.radians(degrees))
    middle = (band.line_ys[0] + band.line_ys[-1]) / 2
    return band.image.transform(
        band.image.size,
        Image.Transform.AFFINE,
        (1.0, shear, -shear * middle, 0.0, 1.0, 0.0),
        resample=Image.Resampling.BICUBIC,
        fillcolor=255,
    )


def _lean(band: MrzBand, image: Image.Image) -> tuple[float, float]:
    found = band_lean(image, list(band.line_ys), (band.left, band.right), band.char_height)
    return math.degrees(math.atan(found[0])), math.degrees(math.atan(found[1]))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_an_upright_band_does_not_lean(seed: int) -> None:
    band = _band("clean", seed)
    assert _lean(band, band.image) == (0.0, 0.0)


@pytest.mark.parametrize("degrees", [-30.0, -12.0, 12.0, 30.0])
def test_a_leaning_band_gives_back_its_lean_at_both_ends(degrees: float) -> None:
    band = _band("clean", 0)
    left, right = _lean(band, _sheared(band, degrees))
    assert left == pytest.approx(degrees, abs=3.0)
    assert right == pytest.approx(degrees, abs=3.0)


# A band whose lines end in fillers, one arm of each dimmed (phone_photo dev seed 25:
# glare above the band): each lone arm stands upright sheared some 50 degrees, a slope to
# the range's end with no peak. It is no lean: the band was upright and read right.
def test_fillers_with_one_dark_arm_are_no_lean() -> None:
    band = _band("phone_photo", 25)
    assert _lean(band, band.image)[1] == 0.0


# One line's fit ran on into the booklet's edge: the band was cut sheared, its glyphs
# leaning some 30 degrees, and every field was read wrong (phone_photo dev seeds 8, 45).
# Cut again upright, the end there is the glyphs' own.
@pytest.mark.parametrize("seed", [8, 45, 48])
def test_a_band_cut_leaning_is_cut_again_upright(seed: int) -> None:
    band = _band("phone_photo", seed)
    assert all(abs(degrees) <= 5.0 for degrees in _lean(band, band.image))
    assert band.ends_known[0]
