"""Finding the card on a page (readers.ktp_card): its corners on a speckled photocopy, a
washed-out photo, and the region and filter helpers the corners rest on."""

from __future__ import annotations

from collections import deque

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image, ImageFilter

from readers.ktp_card import CARD_ASPECT, _largest_region, _ranked, _side, find_quad, straighten
from samples.ktp_kinds import make_kind


@pytest.mark.parametrize("seed", range(8))
def test_a_photocopys_card_is_cut_as_a_rectangle_not_a_keystone(seed: int) -> None:
    """Toner specks on the paper around the card were taken for its corners: opposite
    sides then differed by up to 8% and the card's lines came out a degree askew."""
    tl, tr, br, bl = find_quad(make_kind("photocopy", seed).image()).corners  # type: ignore[union-attr]
    assert abs(_side(tl, tr) / _side(bl, br) - 1) < 0.03
    assert abs(_side(tl, bl) / _side(tr, br) - 1) < 0.03


def test_a_card_whose_blue_the_light_washes_out_is_found_in_a_hand() -> None:
    page = make_kind("phone_photo", 12).image()  # in a hand; one end of the card near white
    quad = find_quad(page)
    assert quad is not None and quad.by == "light"
    card = straighten(page, quad)
    assert abs(card.width / card.height - CARD_ASPECT) < 0.1 * CARD_ASPECT
    assert card.width * card.height < 0.6 * page.width * page.height  # the card, not the hand


def _flood_largest(mask: np.ndarray) -> np.ndarray | None:
    """The largest 4-connected region by flood fill, the first found of equal ones."""
    seen = np.zeros(mask.shape, dtype=bool)
    best: list[tuple[int, int]] = []
    for y0, x0 in zip(*np.nonzero(mask), strict=True):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        region, todo = [(int(y0), int(x0))], deque([(int(y0), int(x0))])
        while todo:
            y, x = todo.popleft()
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                inside = 0 <= ny < mask.shape[0] and 0 <= nx < mask.shape[1]
                if inside and mask[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    region.append((ny, nx))
                    todo.append((ny, nx))
        if len(region) > len(best):
            best = region
    if not best:
        return None
    out = np.zeros(mask.shape, dtype=bool)
    for y, x in best:
        out[y, x] = True
    return out


masks = arrays(bool, st.tuples(st.integers(1, 30), st.integers(1, 30)))


@settings(max_examples=200, deadline=None)
@given(masks)
def test_the_largest_region_is_the_one_a_flood_fill_finds(mask: np.ndarray) -> None:
    expected = _flood_largest(mask)
    found = _largest_region(mask)
    assert (found is None) == (expected is None)
    if found is not None and expected is not None:
        assert (found == expected).all()


@settings(max_examples=100, deadline=None)
@given(masks.filter(lambda m: min(m.shape) >= 3), st.sampled_from((3, 5)), st.booleans())
def test_erosion_and_dilation_are_pils_min_and_max_filters(
    mask: np.ndarray, size: int, erode: bool
) -> None:
    rank = ImageFilter.MinFilter(size) if erode else ImageFilter.MaxFilter(size)
    expected = np.asarray(Image.fromarray(mask.astype(np.uint8) * 255, "L").filter(rank)) > 127
    assert (_ranked(mask, size, erode) == expected).all()
