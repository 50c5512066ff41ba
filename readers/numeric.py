"""``np.percentile``, ``np.median`` and ``np.unique`` for the readers: the same numbers,
without numpy.ma.

``np.unique`` (which ``np.percentile`` calls) asks ``np.ma.is_masked``, and ``np.median`` of
floats ``np.ma.isMaskedArray``, each importing numpy.ma on first use: 1.4 % of the
instructions of a ``fasdip triage`` of a mail with one passport page (issue 14), for arrays
that are never masked. These give what numpy gives, bit for bit (the same partition and
arithmetic; tests/readers/test_numeric.py compares them over dtypes, sizes and shares).
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray


def percentile(values: ArrayLike, q: float) -> float:
    """``float(np.percentile(values, q))`` (its default "linear" method, all of ``values``).

    The same arithmetic as numpy's: the virtual index ``(n - 1) * q / 100``, the two order
    statistics about it (``partition``), and their interpolation in the values' own dtype
    (``_lerp``: from the lower one below a half, back from the upper one from a half)."""
    flat = np.asanyarray(values).ravel()
    n = flat.size
    if n == 0 or flat.dtype.kind not in "uif":
        return float(np.percentile(flat, q))  # numpy's own error, or its bool/object rules
    virtual = (n - 1) * (q / 100)
    if not 0 <= virtual <= n - 1:
        return float(np.percentile(flat, q))  # a share outside [0, 100]: numpy's error
    low = int(virtual)  # floor, virtual >= 0
    high = min(low + 1, n - 1)
    if virtual >= n - 1:
        low = high = n - 1
    kth = [low, high, n - 1] if flat.dtype.kind == "f" else [low, high]
    ordered = np.partition(flat, kth)
    if flat.dtype.kind == "f" and np.isnan(ordered[n - 1]):
        return float("nan")
    below, above = ordered[low], ordered[high]
    gamma = float(virtual - low) if virtual < n - 1 else float(virtual + 1)
    step = above - below
    if gamma >= 0.5:
        return float(above - step * (1 - gamma))
    return float(below + step * gamma)


def median(values: ArrayLike) -> float:
    """``median(values)``, of all of ``values``."""
    return float(median_along(np.asanyarray(values).ravel(), 0))


def median_along(values: ArrayLike, axis: int) -> NDArray[np.float64]:
    """``np.median(values, axis=axis)``: the middle one of each line along ``axis``, or the
    mean of the middle two (``np.mean``, as numpy's); NaN where a line holds a NaN."""
    data = np.asanyarray(values)
    n = data.shape[axis]
    if n == 0 or data.dtype.kind not in "uif":
        return np.asarray(np.median(data, axis=axis))  # numpy's own warning or error
    half = n // 2
    kth = [half - 1, half] if n % 2 == 0 else [half]
    if data.dtype.kind == "f":
        kth.append(n - 1)
    part = np.partition(data, kth, axis=axis)
    middle: list[slice] = [slice(None)] * part.ndim
    middle[axis] = slice(half - 1, half + 1) if n % 2 == 0 else slice(half, half + 1)
    result = np.mean(part[tuple(middle)], axis=axis)
    if data.dtype.kind == "f":
        last = part.take(-1, axis=axis)
        nans = np.isnan(last)
        if nans.any():
            if isinstance(result, np.generic):
                return np.asarray(last)
            np.copyto(result, last, where=nans)
    return np.asarray(result)


def distinct(values: NDArray[np.intp]) -> NDArray[np.intp]:
    """``np.unique(values)`` of integers: the distinct values, in ascending order."""
    ordered = np.sort(values.ravel())
    if ordered.size == 0:
        return ordered
    keep = np.empty(ordered.size, dtype=bool)
    keep[0] = True
    np.not_equal(ordered[1:], ordered[:-1], out=keep[1:])
    out: NDArray[np.intp] = ordered[keep]
    return out
