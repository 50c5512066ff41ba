"""The KTP kinds of issue 14: each renders, is deterministic, and its truth holds."""

from __future__ import annotations

import numpy as np
import pytest

from fasdip.nik import check_nik
from samples.ktp_kinds import KINDS, make_kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_deterministic_with_a_valid_nik_and_says_what_it_expects(kind: str) -> None:
    a, b = make_kind(kind, 5), make_kind(kind, 5)
    assert a.jpeg == b.jpeg and a.truth == b.truth
    assert a.jpeg.startswith(b"\xff\xd8") and a.truth.kind == kind
    check = check_nik(a.truth.nik, a.truth.birth_date, a.truth.sex)
    assert check.valid and check.consistent
    assert a.truth.expect == ("reject" if kind == "sans_nik_mockup" else "accept")


def _blue(image: np.ndarray) -> np.ndarray:
    """Where the card's light blue is (blue clearly above red)."""
    rgb = image.astype(np.int16)
    return (rgb[..., 2] - rgb[..., 0] > 25) & (rgb[..., 2] > 150)


def test_the_a4_scan_holds_the_card_in_the_named_corner() -> None:
    for seed in range(3):
        sample = make_kind("a4_corner", seed)
        image = np.asarray(sample.image())
        h, w = image.shape[:2]
        assert abs(h / w - 297 / 210) < 0.01
        ys, xs = np.nonzero(_blue(image))
        corner = sample.truth.degradations["corner"]
        assert (ys.mean() < h / 2) == corner.startswith("top")
        assert (xs.mean() < w / 2) == corner.endswith("left")
        card_width = xs.max() - xs.min()
        assert card_width < 0.5 * w  # a card, not a page


def test_flat_scans_have_the_card_at_300_and_600_dpi() -> None:
    for kind, dpi in (("flat_300", 300), ("flat_600", 600)):
        image = make_kind(kind, 1).image()
        card = round(85.6 / 25.4 * dpi)
        assert card <= image.width <= card * 1.25


def test_a_phone_photo_turns_the_card_about_8_degrees() -> None:
    for seed in range(4):
        done = make_kind("phone_photo", seed).truth.degradations
        assert 6.0 <= abs(float(done["angle"])) <= 10.0
        assert done["on"] in ("table", "hand")


def test_a_photocopy_is_grey_and_a_jpeg_30_is_quality_30() -> None:
    rgb = np.asarray(make_kind("photocopy", 2).image()).astype(np.int16)
    assert np.abs(rgb[..., 0] - rgb[..., 2]).max() < 30
    assert make_kind("jpeg_q30", 2).truth.degradations["jpeg_quality"] == "30"


def test_an_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="phone_photo"):
        make_kind("fax", 1)
