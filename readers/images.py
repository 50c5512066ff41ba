"""Image pre-processing for OCR with Pillow and numpy: grey, contrast, turn, deskew, lines.

Nothing here calls Tesseract: these functions prepare images and find where text lies
(horizontal projection of a binarised image), so that readers OCR only small bands.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageOps

BoolArray = NDArray[np.bool_]


def to_gray(image: Image.Image) -> Image.Image:
    """Grey with coloured ink dropped: the brightest channel of each pixel, autocontrasted.

    Black print is dark in every channel; a blue, red or violet stamp or a pale guilloche
    is bright in at least one, so it fades out while the MRZ stays black.
    """
    if image.mode in ("1", "L", "I;16", "I", "F"):
        gray = image.convert("L")
    else:
        rgb = np.asarray(image.convert("RGB"))
        gray = Image.fromarray(rgb.max(axis=2).astype(np.uint8))
    if float(np.median(np.asarray(gray))) < 100:
        # A page decoded negative (a fax image read with the wrong polarity): paper is light.
        gray = ImageOps.invert(gray)
    return ImageOps.autocontrast(gray, cutoff=(0.5, 0.5))


def scaled(image: Image.Image, long_side: int) -> tuple[Image.Image, float]:
    """The image with its long side ``long_side`` pixels, and the factor used."""
    factor = long_side / max(image.size)
    if abs(factor - 1) < 0.01:
        return image, 1.0
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.BILINEAR), factor


def otsu(values: NDArray[np.uint8]) -> int:
    """Otsu's threshold of a grey array."""
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    if total == 0:
        return 128
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    mean_all = means[-1]
    between = np.zeros(256)
    valid = (weights > 0) & (weights < total)
    w0 = weights[valid]
    m0 = means[valid]
    between[valid] = (mean_all * w0 / total - m0) ** 2 / (w0 * (total - w0))
    return int(np.argmax(between))


def dark_mask(gray: Image.Image) -> BoolArray:
    values = np.asarray(gray, dtype=np.uint8)
    return values <= otsu(values)


def _profile_score(dark: BoolArray) -> float:
    rows = dark.sum(axis=1).astype(np.float64)
    return float(np.sum(np.diff(rows) ** 2))


@dataclass(frozen=True)
class Orientation:
    quarter: int  # 0 or 90: degrees counter-clockwise that make text lines horizontal
    skew: float  # further degrees counter-clockwise (small)


def find_skew(gray_small: Image.Image, quarter: int, max_skew: float = 5.0) -> Orientation:
    """The skew (within one quarter turn) that makes text lines horizontal."""
    base = gray_small.rotate(quarter, expand=True) if quarter else gray_small
    dark_img = Image.fromarray((dark_mask(base) * 255).astype(np.uint8))
    coarse = [float(a) for a in np.arange(-max_skew, max_skew + 0.01, 1.0)]
    scores = {a: _score_at(dark_img, a) for a in coarse}
    angle = max(scores, key=lambda a: scores[a])
    for fine in (angle - 0.5, angle + 0.5):
        scores[fine] = _score_at(dark_img, fine)
    angle = max(scores, key=lambda a: scores[a])
    return Orientation(quarter=quarter, skew=angle)


def find_orientation(gray_small: Image.Image, max_skew: float = 5.0) -> Orientation:
    """Quarter turn (0/90) and skew that make text lines horizontal (projection profile).

    Horizontal text lines give sharp row profiles; the angle maximising the summed squared
    differences of row sums wins. 180 degrees cannot be told apart this way: readers try
    both.
    """
    best = (-1.0, 0, 0.0)
    for quarter in (0, 90):
        base = gray_small.rotate(quarter, expand=True) if quarter else gray_small
        dark_img = Image.fromarray((dark_mask(base) * 255).astype(np.uint8))
        coarse = [float(a) for a in np.arange(-max_skew, max_skew + 0.01, 1.0)]
        scores = {a: _score_at(dark_img, a) for a in coarse}
        angle = max(scores, key=lambda a: scores[a])
        for fine in (angle - 0.5, angle + 0.5):
            scores[fine] = _score_at(dark_img, fine)
        angle = max(scores, key=lambda a: scores[a])
        if scores[angle] > best[0]:
            best = (scores[angle], quarter, angle)
    return Orientation(quarter=best[1], skew=best[2])


def _score_at(dark_img: Image.Image, angle: float) -> float:
    turned = (
        dark_img.rotate(angle, resample=Image.Resampling.NEAREST, expand=False)
        if angle
        else dark_img
    )
    return _profile_score(np.asarray(turned) > 127)


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


@dataclass(frozen=True)
class TextLine:
    top: int
    bottom: int
    left: int
    right: int

    @property
    def width(self) -> int:
        return self.right - self.left

    @property
    def height(self) -> int:
        return self.bottom - self.top


def _smear(dark: BoolArray, reach: int) -> BoolArray:
    """Each dark pixel spread ``reach`` pixels left and right (joins the letters of a line)."""
    if reach <= 0:
        return dark
    csum = np.cumsum(np.pad(dark.astype(np.int32), ((0, 0), (reach + 1, reach))), axis=1)
    window = csum[:, 2 * reach + 1 :] - csum[:, : -2 * reach - 1]
    return np.asarray(window > 0)


def text_lines(dark: BoolArray, reach: int) -> list[TextLine]:
    """Bands of rows holding text, each with the extent of its longest horizontal run."""
    smeared = _smear(dark, reach)
    width = dark.shape[1]
    row_runs = np.zeros(dark.shape[0], dtype=np.int64)
    row_spans: list[tuple[int, int]] = []
    for y in range(dark.shape[0]):
        row = smeared[y]
        if not row.any():
            row_spans.append((0, 0))
            continue
        padded = np.concatenate(([False], row, [False]))
        edges = np.flatnonzero(padded[1:] != padded[:-1])
        starts, ends = edges[::2], edges[1::2]
        k = int(np.argmax(ends - starts))
        row_runs[y] = ends[k] - starts[k]
        row_spans.append((int(starts[k]), int(ends[k])))
    on = row_runs > max(8, width // 40)
    lines: list[TextLine] = []
    y = 0
    rows = len(on)
    while y < rows:
        if not on[y]:
            y += 1
            continue
        start = y
        while y < rows and on[y]:
            y += 1
        spans = row_spans[start:y]
        runs = row_runs[start:y]
        # Extent from the rows with the longest runs (the core of the line).
        core = [spans[i] for i in range(len(spans)) if runs[i] >= 0.8 * runs.max()]
        lines.append(
            TextLine(
                top=start,
                bottom=y,
                left=min(s[0] for s in core),
                right=max(s[1] for s in core),
            )
        )
    return lines


def upscale_for_ocr(image: Image.Image, char_height: float, target: float = 34.0) -> Image.Image:
    """Scale so that capitals are about ``target`` pixels high (Tesseract's sweet spot)."""
    if char_height <= 0:
        return image
    factor = target / char_height
    if 0.85 < factor < 1.18:
        return image
    factor = min(factor, 4.0)
    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS if factor < 1 else Image.Resampling.BICUBIC)
