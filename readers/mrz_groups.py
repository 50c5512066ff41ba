"""Step 4 of finding the MRZ (``readers.mrz_band``): the groups of text lines that look
like an MRZ, on a page's small copy searched upright, a quarter turned, or turned to any
angle (the page's own, ``PageInk.own_angle``), each search's work done once.

The MRZ is the group of two (TD3, TD2) or three (TD1) adjacent lines of the same length
and height, ends aligned, the longest such group of the page.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
from numpy.typing import NDArray
from PIL import Image

from readers.mrz_ink import LineFit, mask_of, text_line_fits, top_hat

WORK_SIDE = 1000
LINE_HEIGHTS = (0.55, 1.8)  # a next MRZ line's height to the group's so far


def mrz_group(fits: list[LineFit]) -> list[LineFit] | None:
    """Two or three adjacent lines of the same length, ends aligned: the longest such."""
    best: list[LineFit] | None = None
    best_score = 0.0
    for i, first in enumerate(fits):
        group = [first]
        for nxt in fits[i + 1 :]:
            prev = group[-1]
            height = (prev.height + nxt.height) / 2
            gap = nxt.y((nxt.x0 + nxt.x1) / 2) - prev.y((nxt.x0 + nxt.x1) / 2)
            if gap < 0.9 * height:
                continue
            if gap > 3.2 * height:
                break
            same = (
                abs(nxt.length - first.length) <= 0.08 * first.length
                and abs(nxt.x0 - first.x0) <= 2.5 * height
                and abs(math.atan(nxt.slope) - math.atan(first.slope)) < math.radians(4)
            )
            if (
                not LINE_HEIGHTS[0]
                < nxt.height / np.mean([f.height for f in group])
                < LINE_HEIGHTS[1]
            ):
                # A line half the height of the others is no MRZ line: the booklet's edge
                # right under the MRZ, taken with line 2 (phone photo dev seeds 9, 53, 93)
                # or as a TD1's third line (seed 19).
                same = False
            if not same or len(group) == 3:
                break
            group.append(nxt)
        if len(group) < 2:
            continue
        score = sum(f.length for f in group)
        if score > best_score:
            best, best_score = group, score
    return best


ToPage = Callable[[float, float], tuple[float, float]]


class PageInk:
    """A page's small copy, its top-hats, text lines and the MRZ groups found in them,
    each worked out once: the faint print's search reuses what the usual search did.

    A search is a turn of the small copy (degrees, counter-clockwise) and whether the
    mask is transposed (a page turned a quarter)."""

    def __init__(self, gray: Image.Image) -> None:
        self.factor = min(1.0, WORK_SIDE / max(gray.size))
        self.small = gray
        if self.factor < 1.0:
            size = (
                max(1, round(gray.width * self.factor)),
                max(1, round(gray.height * self.factor)),
            )
            self.small = gray.resize(size, Image.Resampling.BOX)
        self._hats: dict[float, tuple[NDArray[np.uint8], ToPage]] = {}
        self._fits: dict[tuple[int | None, float, bool, bool], tuple[list[LineFit], ToPage]] = {}
        self._angle: dict[int | None, float | None] = {}

    def _hat(self, angle: float) -> tuple[NDArray[np.uint8], ToPage]:
        if angle not in self._hats:
            self._hats[angle] = self._turned_hat(angle)
        return self._hats[angle]

    def _turned_hat(self, angle: float) -> tuple[NDArray[np.uint8], ToPage]:
        factor, small = self.factor, self.small
        if angle == 0.0:
            return top_hat(small), lambda x, y: (x / factor, y / factor)
        turned = small.rotate(angle, resample=Image.Resampling.BILINEAR, expand=True, fillcolor=255)
        ca, sa = math.cos(math.radians(angle)), math.sin(math.radians(angle))
        c = (small.width / 2, small.height / 2, turned.width / 2, turned.height / 2)

        def back(x: float, y: float) -> tuple[float, float]:
            dx, dy = x - c[2], y - c[3]
            return (c[0] + ca * dx - sa * dy) / factor, (c[1] + sa * dx + ca * dy) / factor

        return top_hat(turned), back

    def fits(
        self, level: int | None, angle: float, transposed: bool, split: bool = False
    ) -> tuple[list[LineFit], ToPage]:
        """The text lines of one search at ink ``level`` and their map to the page
        (``split``: lines joined by ink between them split, ``text_line_fits``)."""
        key = (level, angle, transposed, split)
        if key not in self._fits:
            hat, back = self._hat(angle)
            to_page = back
            if transposed:

                def to_page(x: float, y: float, back: ToPage = back) -> tuple[float, float]:
                    return back(y, x)

            mask = mask_of(hat, level)
            if transposed:
                mask = np.ascontiguousarray(mask.T)
            self._fits[key] = (text_line_fits(mask, split=split), to_page)
        return self._fits[key]

    def group(
        self, level: int | None, angle: float, transposed: bool, split: bool = False
    ) -> tuple[list[LineFit] | None, ToPage]:
        """The MRZ-like group of one search and its map to the page."""
        fits, to_page = self.fits(level, angle, transposed, split)
        return mrz_group(fits), to_page

    def own_angle(self, level: int | None) -> float | None:
        """The page's own angle (degrees, within 45 of upright or a quarter turn), from
        the MRZ-like group found upright at the usual level, else from all the text lines
        found so (their length-weighted median direction). A page photographed 10-15
        degrees askew falls apart upright (its lines, smeared along the rows, break),
        but the pieces still give the angle."""
        if level not in self._angle:
            searches = [self.fits(level, 0.0, transposed) for transposed in (False, True)]
            groups = [(group, to_page) for fits, to_page in searches if (group := mrz_group(fits))]
            if level is not None:
                groups = []  # at the faint level, a group upright is often a title's noise
            angles, weights = [], []
            for lines, to_page in groups or searches:
                for f in lines:
                    (ax, ay), (bx, by) = to_page(f.x0, f.y(f.x0)), to_page(f.x1, f.y(f.x1))
                    angles.append((math.degrees(math.atan2(by - ay, bx - ax)) + 45) % 90 - 45)
                    weights.append(f.length)
            self._angle[level] = _weighted_median(angles, weights) if angles else None
        return self._angle[level]


def _weighted_median(values: list[float], weights: list[float]) -> float:
    order = np.argsort(values)
    cumulative = np.cumsum(np.asarray(weights)[order])
    return float(np.asarray(values)[order][np.searchsorted(cumulative, cumulative[-1] / 2)])
