"""The letters of a KTP name word, each matched against the 26 capitals of the card's face.

Whole-word re-drawing (``readers.ktp_name``) cannot tell ``TONO`` from ``TONG``: one
round letter in four moves the fit by a few hundredths. Here the word's ink is cut into
its letters, its pieces of connected ink (at the card's 13-px capitals, letters of this
bold face rarely touch), and each letter is compared, at its own size and aspect, with
every capital drawn in Liberation Sans Bold. A word is sure at the glyph level when it
has as many letters as its ink and each one is the capital that fits its ink best. When the ink's letters touch (their number
differs from the word's), nothing is said: the doubt stays.
"""

from __future__ import annotations

import string
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

SANS_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
CAPITALS = string.ascii_uppercase
_HEIGHT = 24  # letters are compared at this height, their widths kept in proportion
# How far ahead of the next capital a letter's own must fit (correlation) to be sure: none,
# it must fit best. At the card's 13-px capitals an O fits as Q and an R as P within 0.03
# (their tails are a pixel or two); a misread letter's own capital fits worse than the
# ink's (dev seeds: SRE's E fits as I, EVIS's V as U, YUN's N as M).
LETTER_MARGIN = 0.0
MIN_LETTER_PIXELS = 6  # a piece of ink smaller than this is a speck
WIDTH_TOLERANCE = 0.8  # widths this close (narrower / wider) are the same letter's


@lru_cache(maxsize=1)
def _capitals() -> dict[str, np.ndarray]:
    """Each capital drawn alone, cut to its columns and to the capitals' rows (0..1)."""
    font = ImageFont.truetype(SANS_BOLD, 96)
    _, cap_top, _, cap_bottom = font.getbbox("H")
    out: dict[str, np.ndarray] = {}
    for letter in CAPITALS:
        canvas = Image.new("L", (140, 140), 0)
        ImageDraw.Draw(canvas).text((20, 0), letter, fill=255, font=font)
        ink = np.asarray(canvas)[cap_top:cap_bottom]
        cols = np.flatnonzero(ink.max(axis=0) > 127)
        out[letter] = _at_height(ink[:, cols[0] : cols[-1] + 1].astype(np.float32) / 255)
    return out


def _at_height(glyph: np.ndarray) -> np.ndarray:
    """``glyph`` scaled to ``_HEIGHT`` rows, its aspect kept."""
    width = max(1, round(glyph.shape[1] * _HEIGHT / glyph.shape[0]))
    image = Image.fromarray(glyph.astype(np.float32), "F")
    return np.asarray(image.resize((width, _HEIGHT), Image.Resampling.BILINEAR))


def _similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Correlation of two glyphs of equal height, the narrower centred in the wider's width,
    less when their widths differ by more than a fifth (an I is a T's stem, a third of
    its width; blur and print weight move a letter's width a little)."""
    width = max(a.shape[1], b.shape[1]) + 4  # a margin: an I is not all ink
    x, y = (_centred(g, width).ravel() for g in (a, b))
    x, y = x - x.mean(), y - y.mean()
    denom = float(np.linalg.norm(x) * np.linalg.norm(y))
    if not denom:
        return -1.0
    ratio = min(a.shape[1], b.shape[1]) / max(a.shape[1], b.shape[1])
    return float(x @ y) / denom * float(min(1.0, ratio / WIDTH_TOLERANCE))


def _centred(glyph: np.ndarray, width: int) -> np.ndarray:
    left = (width - glyph.shape[1]) // 2
    return np.pad(glyph, ((0, 0), (left, width - glyph.shape[1] - left)))


def letter_cells(ink: np.ndarray) -> list[np.ndarray]:
    """The word's ink (rows of its capitals) cut into letters: its pieces of connected ink,
    left to right, each alone in its columns (a T's bar over an O shares no pixel with it).
    Specks of a few pixels are no letter."""
    rows = np.flatnonzero(ink.any(axis=1))
    if len(rows) == 0:
        return []
    band = ink[rows[0] : rows[-1] + 1]
    labels, count = _pieces(band)
    cells = []
    for label in range(1, count + 1):
        piece = labels == label
        if piece.sum() < MIN_LETTER_PIXELS:
            continue
        cols = np.flatnonzero(piece.any(axis=0))
        cells.append((int(cols[0]), piece[:, cols[0] : cols[-1] + 1]))
    return [cell for _, cell in sorted(cells, key=lambda c: c[0])]


def _pieces(ink: np.ndarray) -> tuple[np.ndarray, int]:
    """Labels of the 4-connected pieces of ``ink`` (0 is no ink) and how many there are."""
    labels = np.zeros(ink.shape, dtype=np.int32)
    height, width = ink.shape
    count = 0
    for y, x in zip(*np.nonzero(ink), strict=True):
        if labels[y, x]:
            continue
        count += 1
        labels[y, x] = count
        stack = [(int(y), int(x))]
        while stack:
            cy, cx = stack.pop()
            for ny, nx in ((cy - 1, cx), (cy + 1, cx), (cy, cx - 1), (cy, cx + 1)):
                if 0 <= ny < height and 0 <= nx < width and ink[ny, nx] and not labels[ny, nx]:
                    labels[ny, nx] = count
                    stack.append((ny, nx))
    return labels, count


def letter_scores(cell: np.ndarray) -> list[tuple[float, str]]:
    """Every capital's fit with one letter's ink, best first."""
    glyph = _at_height(cell.astype(np.float32))
    return sorted(((_similarity(glyph, g), c) for c, g in _capitals().items()), reverse=True)


def unsure_letters(word: str, ink: np.ndarray) -> list[str] | None:
    """The letters of ``word`` its ink does not confirm (``'O' fits as 'G'``); None when the
    ink's letters cannot be told apart (they touch, or the word is not all capitals)."""
    cells = letter_cells(ink)
    if not word.isalpha() or not word.isupper() or len(cells) != len(word):
        return None
    unsure = []
    for letter, cell in zip(word, cells, strict=True):
        scores = letter_scores(cell)
        own = next(s for s, c in scores if c == letter)
        rival_score, rival = next((s, c) for s, c in scores if c != letter)
        if own - rival_score <= LETTER_MARGIN:
            unsure.append(f"{letter!r} fits as {rival!r}")
    return unsure
