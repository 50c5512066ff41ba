"""A band's washed-out stretches (readers.mrz_cells.faded_columns): the 3 x 3 mean they
start from, and each line's stretch found once per band read (issue 14: a clean band's
two lines were looked at twice, 2.6 % of a one-passport triage's instructions)."""

from __future__ import annotations

import numpy as np
import pytest

import readers.mrz_read as mrz_read
from readers.mrz_band import find_band
from readers.mrz_cells import Faded, Strip, _mean3, faded_columns
from readers.mrz_ink import ink_gray
from readers.ocrb import OcrbTemplateReader
from samples.passport_kinds import make_kind


@pytest.mark.parametrize("shape", [(1, 1), (3, 5), (40, 1446), (117, 9)])
def test_the_3x3_mean_is_numpys_sliding_window_mean_to_the_bit(shape: tuple[int, int]) -> None:
    values = np.random.default_rng(shape[0]).integers(0, 256, shape).astype(np.uint8)
    padded = np.pad(values.astype(np.float64), 1, mode="edge")
    expected = np.lib.stride_tricks.sliding_window_view(padded, (3, 3)).mean(axis=(2, 3))
    got = _mean3(values)
    assert got.dtype == expected.dtype
    assert np.array_equal(got, expected)


def test_a_clean_bands_lines_are_searched_for_fading_once_each(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    band = find_band(ink_gray(make_kind("clean", 0).image))
    assert band is not None
    searched: list[Strip] = []

    def counted(values: np.ndarray, strip: Strip, height: float) -> Faded | None:
        searched.append(strip)
        return faded_columns(values, strip, height)

    monkeypatch.setattr(mrz_read, "faded_columns", counted)
    read = mrz_read.grid_text(band, OcrbTemplateReader())
    assert read.lines  # the band was read
    assert len(searched) == band.count == len(set(searched))
