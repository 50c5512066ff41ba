"""Image helpers shared by the readers: Otsu's threshold and an exact or bicubic turn.

Nothing here calls Tesseract.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray
from PIL import Image


def otsu(values: NDArray[np.uint8], empty: int = 128) -> int:
    """Otsu's threshold of a grey array (``empty`` for an array with no pixel)."""
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return empty
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    mean_all = means[-1]
    between = np.zeros(256)
    valid = (weights > 0) & (weights < total)
    w0 = weights[valid]
    m0 = means[valid]
    between[valid] = (mean_all * w0 / total - m0) ** 2 / (w0 * (total - w0))
    return int(np.argmax(between))


def turn(image: Image.Image, degrees: float, fill: int = 255) -> Image.Image:
    """Rotate counter-clockwise; quarter turns are exact, others bicubic with white fill."""
    if degrees % 360 == 0:
        return image
    if degrees % 90 == 0:
        method = {
            90: Image.Transpose.ROTATE_90,
            180: Image.Transpose.ROTATE_180,
            270: Image.Transpose.ROTATE_270,
        }[int(degrees % 360)]
        return image.transpose(method)
    return image.rotate(degrees, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=fill)
