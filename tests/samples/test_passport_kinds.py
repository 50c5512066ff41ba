"""The passport kinds of issue 14: each renders, is deterministic, and its truth holds."""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image

from readers.mrz import parse_mrz
from samples.passport_kinds import KINDS, TODAY, make_kind


@pytest.mark.parametrize("kind", list(KINDS))
def test_each_kind_is_deterministic_and_its_mrz_parses_back_to_the_truth(kind: str) -> None:
    a, b = make_kind(kind, 3), make_kind(kind, 3)
    assert a.data == b.data and a.truth == b.truth
    assert a.truth.kind == kind and a.data
    if not a.data.startswith(b"%PDF"):  # a PDF's image: tests/samples/test_passport_captures
        assert Image.open(io.BytesIO(a.data)).size == a.image.size
    reading = parse_mrz(a.truth.mrz, today=TODAY)
    # Every check digit holds; only UTO (a specimen state) is not an ICAO code.
    assert [d for d in reading.doubts if "not an ICAO code" not in d] == []
    assert reading.document_number.value == a.truth.document_number
    assert reading.surname.value == a.truth.surname
    assert reading.issuing_state.value == a.truth.issuing_state
    assert reading.nationality.value == a.truth.nationality


def test_another_seed_gives_another_page() -> None:
    assert make_kind("faint", 1).data != make_kind("faint", 2).data


@pytest.mark.parametrize(
    ("kind", "low", "high"), [("low_res_270", 270, 300), ("low_res_400", 320, 400)]
)
def test_low_resolution_pages_are_that_wide_with_mrz_glyphs_of_5_to_8_px(
    kind: str, low: int, high: int
) -> None:
    for seed in range(4):
        sample = make_kind(kind, seed)
        assert low <= sample.image.width <= high
        glyphs = float(sample.truth.degradations[1].split()[2])
        assert 5.0 <= glyphs <= 8.0


def test_the_document_kinds_change_the_document_as_named() -> None:
    for seed in range(5):
        zeros = make_kind("zeros", seed).truth
        assert zeros.document_number.count("0") >= 3, zeros.document_number
        code = make_kind("document_code", seed).truth
        assert code.mrz[0][:2] in ("PD", "PA", "PO")
        optional = make_kind("optional_data", seed).truth
        assert optional.optional_data and optional.mrz[1][28:42].startswith(optional.optional_data)
        assert make_kind("specimen_uto", seed).truth.mrz[1][10:13] == "UTO"
        old = make_kind("old_code_d", seed).truth
        assert old.mrz[0][2:5] == "D<<" and old.issuing_state == "D"


def test_a_png_with_alpha_has_a_transparent_black_margin() -> None:
    sample = make_kind("png_alpha", 2)
    assert sample.data.startswith(b"\x89PNG") and sample.image.mode == "RGBA"
    corner = np.asarray(sample.image)[0, 0]
    assert corner[3] == 0 and corner[:3].max() == 0


def test_faint_print_has_no_black_ink_in_the_mrz() -> None:
    sample = make_kind("faint", 4)
    gray = np.asarray(sample.image.convert("L"), dtype=np.float32)
    h = gray.shape[0]
    band = gray[int(0.8 * h) :, :]
    assert band.min() > 40  # no black ink anywhere in the MRZ


def test_a_specimen_or_stamp_puts_coloured_ink_on_the_start_of_line_1() -> None:
    for seed in range(3):
        sample = make_kind("stamp_line1", seed)
        rgb = np.asarray(sample.image.convert("RGB"), dtype=np.int16)
        h, w = rgb.shape[:2]
        corner = rgb[int(0.7 * h) :, : w // 3]
        coloured = (np.abs(corner[..., 0] - corner[..., 1]) > 60) | (
            np.abs(corner[..., 2] - corner[..., 1]) > 60
        )
        assert coloured.sum() > 200, sample.truth.degradations


def test_an_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(ValueError, match="low_res_270"):
        make_kind("blurry", 1)
