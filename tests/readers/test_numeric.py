"""readers.numeric gives numpy's percentile, median and unique bit for bit, without
importing numpy.ma (issue 14: 1.4 % of a one-passport triage's instructions)."""

from __future__ import annotations

import math
import subprocess
import sys
from typing import Any

import numpy as np
import pytest
from numpy.typing import NDArray

from readers.numeric import distinct, median, median_along, percentile

SHARES = (0, 0.5, 1, 2, 3, 12.5, 33.3, 50, 75, 90, 95, 99, 99.5, 100)


def _samples(seed: int) -> list[NDArray[Any]]:
    """Arrays as the readers meet them: page and band pixels (uint8, int16), ink measures
    (float64, some NaN), float32, odd and even sizes, one to a few hundred values."""
    rng = np.random.default_rng(seed)
    out: list[NDArray[Any]] = []
    for size in (1, 2, 3, 7, 64, 201, 400):
        shape = (size,) if size < 64 else (size // 8, 8)
        out.append(rng.integers(0, 256, shape).astype(np.uint8))
        out.append(rng.integers(-300, 300, shape).astype(np.int16))
        out.append(rng.normal(size=shape))
        out.append(rng.normal(size=shape).astype(np.float32))
        out.append(rng.integers(0, 3, shape).astype(np.int64))  # many ties
    with_nan = rng.normal(size=(9, 5))
    with_nan[2, 3] = np.nan
    out.append(with_nan)
    return out


def _same(expected: object, got: object) -> bool:
    left, right = np.asarray(expected), np.asarray(got)
    return (
        left.shape == right.shape
        and left.dtype == right.dtype
        and np.array_equal(left, right, equal_nan=True)
    )


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_percentile_is_numpys_to_the_bit(seed: int) -> None:
    for values in _samples(seed):
        for share in SHARES:
            expected = float(np.percentile(values, share))
            got = percentile(values, share)
            assert type(got) is float
            assert got == expected or (math.isnan(got) and math.isnan(expected))


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_median_is_numpys_to_the_bit_whole_and_along_an_axis(seed: int) -> None:
    for values in _samples(seed):
        expected = float(np.median(values))
        got = median(values)
        assert got == expected or (math.isnan(got) and math.isnan(expected))
        for axis in range(values.ndim):
            assert _same(np.median(values, axis=axis), median_along(values, axis))
    assert median([3.0, 1.0, 2.5, 7.0]) == float(np.median([3.0, 1.0, 2.5, 7.0]))
    windows = np.lib.stride_tricks.sliding_window_view(np.arange(20.0) % 7, 5)
    assert _same(np.median(windows, axis=1), median_along(windows, 1))


def test_distinct_is_numpys_unique() -> None:
    rng = np.random.default_rng(3)
    for size in (0, 1, 5, 300):
        values = rng.integers(-4, 40, size).astype(np.intp)
        assert _same(np.unique(values), distinct(values))


def test_none_of_them_imports_numpy_ma() -> None:
    code = (
        "import sys, numpy as np; from readers.numeric import distinct, median, median_along, "
        "percentile; v = np.arange(12.0).reshape(3, 4); percentile(v, 90); median(v); "
        "median_along(v, 0); distinct(np.arange(5)); print('numpy.ma' in sys.modules)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"
