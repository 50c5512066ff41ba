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
from collections.abc import Iterable
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
# The median fit of a name's letter pieces with their best capital when the card is
# printed in this face: dev cards 0.78 and more (clean 0.83+, grey copies 0.78+); the
# field generator's serif names 0.38 to 0.73 (one of 40: 0.79).
FACE_FIT = 0.76
MIN_LETTER_PIXELS = 6  # a piece of ink smaller than this is a speck
# A capital's ink width as a share of its height in the common faces (Liberation Sans and
# Serif, Bold and Regular; DejaVu Sans and Serif Bold): an I 0.14 to 0.51, a J 0.47 to
# 0.70, every other capital 0.64 or more (T 0.83+). An I's cell at this width or more is
# no I; another capital's narrower than this is no such letter.
NARROW_MOST = 0.62
# ... and none but M and W is wider than 1.16 (H, K); blur adds a little.
WIDE_MOST = 1.35
I_LIKE = "ITLEF"  # the letters Tesseract reads an I as (a serif I's bars), and I
WIDTH_TOLERANCE = 0.8  # widths this close (narrower / wider) are the same letter's


@lru_cache(maxsize=1)
def _tail() -> float:
    """The rows a letter is compared on, from the capitals' top down to the bottom of Q's
    tail, as a share of the capitals' height: an O and a Q differ only in that tail."""
    font = ImageFont.truetype(SANS_BOLD, 96)
    _, cap_top, _, cap_bottom = font.getbbox("H")
    return (font.getbbox("Q")[3] - cap_top) / (cap_bottom - cap_top)


@lru_cache(maxsize=32)
def _capitals(rows: int, alphabet: str = CAPITALS) -> dict[str, np.ndarray]:
    """Each capital (or each character of ``alphabet``, the date's digits) drawn alone in black and white at the size of a letter cell of ``rows``
    rows (the pixels of the card's own small print, not a smooth large glyph), cut to its
    columns and to the rows of ``_tail``, then scaled to ``_HEIGHT``."""
    probe = ImageFont.truetype(SANS_BOLD, 100)
    cap100 = probe.getbbox("H")[3] - probe.getbbox("H")[1]
    size = max(6, round(rows / _tail() * 100 / cap100))
    font = ImageFont.truetype(SANS_BOLD, size)
    _, cap_top, _, _ = font.getbbox("H")
    out: dict[str, np.ndarray] = {}
    for letter in alphabet:
        canvas = Image.new("L", (size * 2, size * 2), 0)
        ImageDraw.Draw(canvas).text((size // 2, 0), letter, fill=255, font=font)
        ink = np.asarray(canvas)[cap_top : cap_top + rows] > 127
        cols = np.flatnonzero(ink.any(axis=0))
        out[letter] = _at_height(ink[:, cols[0] : cols[-1] + 1].astype(np.float32))
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
    """The word's ink cut into letters: its pieces of connected ink, left to right, each
    alone in its columns (a T's bar over an O shares no pixel with it), on the rows from
    its top to where a Q's tail would end (``_tail``). Specks are no letter."""
    labels, count = _pieces(ink)
    pieces = [labels == label for label in range(1, count + 1)]
    pieces = _with_fragments_joined([p for p in pieces if p.sum() >= MIN_LETTER_PIXELS])
    if not pieces:
        return []
    extents = [np.flatnonzero(p.any(axis=1)) for p in pieces]
    rows = round(float(np.median([e[-1] - e[0] + 1 for e in extents])) * _tail())
    cells = []
    for piece, extent in zip(pieces, extents, strict=True):
        cols = np.flatnonzero(piece.any(axis=0))
        cell = piece[extent[0] : extent[0] + rows, cols[0] : cols[-1] + 1]
        missing = rows - cell.shape[0]  # the word's ink ends above a Q's tail
        cells.append((int(cols[0]), np.pad(cell, ((0, missing), (0, 0)))))
    return [cell for _, cell in sorted(cells, key=lambda c: c[0])]


FRAGMENT_SHARE = 0.6  # a piece shorter than this share of the median piece is no letter
FRAGMENT_GAP = 1  # ... and belongs to the letter whose columns it shares or touches


def _with_fragments_joined(pieces: list[np.ndarray]) -> list[np.ndarray]:
    """``pieces`` with each short one joined to the tall piece whose columns it shares (or
    touches): the threshold cuts a serif from its letter (N's top right corner, L's foot),
    and a serif alone is no letter (``RINI``'s N and its corner fitted as ``RINII``)."""
    if len(pieces) < 2:
        return pieces
    heights = [int(np.ptp(np.flatnonzero(p.any(axis=1)))) + 1 for p in pieces]
    spans = [(c[0], c[-1]) for c in (np.flatnonzero(p.any(axis=0)) for p in pieces)]
    tall = FRAGMENT_SHARE * float(np.median(heights))
    joined = [p.copy() for p in pieces]
    short: list[int] = []
    for i, (height, (left, right)) in enumerate(zip(heights, spans, strict=True)):
        if height >= tall:
            continue
        hosts = [
            j
            for j, (a, b) in enumerate(spans)
            if heights[j] >= tall and a - FRAGMENT_GAP <= right and left <= b + FRAGMENT_GAP
        ]
        if len(hosts) == 1:
            joined[hosts[0]] |= pieces[i]
            short.append(i)
    return [p for i, p in enumerate(joined) if i not in short]


def without_short_pieces(ink: np.ndarray, share: float = 0.6) -> np.ndarray:
    """``ink`` without its pieces shorter than ``share`` of the median piece's height: a
    date's dashes, the cut-off ends of the lines above and below."""
    labels, count = _pieces(ink)
    heights = {
        label: int(np.ptp(np.flatnonzero((labels == label).any(axis=1)))) + 1
        for label in range(1, count + 1)
        if (labels == label).sum() >= MIN_LETTER_PIXELS
    }
    if not heights:
        return ink
    least = share * float(np.median(list(heights.values())))
    kept = [label for label, height in heights.items() if height >= least]
    return np.isin(labels, kept)


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


def letter_scores(cell: np.ndarray, alphabet: str = CAPITALS) -> list[tuple[float, str]]:
    """Every capital's (or ``alphabet``'s character's) fit with one letter's ink, best first."""
    glyph = _at_height(cell.astype(np.float32))
    capitals = _capitals(cell.shape[0], alphabet)
    return sorted(((_similarity(glyph, g), c) for c, g in capitals.items()), reverse=True)


def unsure_letters(word: str, ink: np.ndarray) -> list[str] | None:
    """The letters of ``word`` its ink does not confirm (``'O' fits as 'G'``); None when the
    ink's letters cannot be told apart (they touch, or the word is not all capitals)."""
    return _unsure([letter_scores(cell) for cell in letter_cells(ink)], word)


def face_fits(words: Iterable[tuple[str, np.ndarray]]) -> bool | None:
    """Whether the name's letters are printed in the face they are compared with: over its
    words (as read, each with its ink) whose ink has a piece per letter, the median fit of
    a piece with its best capital is ``FACE_FIT`` or more. Another face (a serif, whose
    thin serifs part from their letters, ``SITI`` in five pieces) fits its pieces worse,
    and then no spelling is taken because its letters fit: the glyphs cannot count or
    tell the letters (``SITI`` became ``SITII`` in the sans face). None when no word has
    a piece per letter (a grey copy's letters touch): nothing is shown either way."""
    fits = [
        scores[0][0]
        for word, ink in words
        for cells in [letter_cells(ink)]
        if word.isalpha() and len(cells) == len(word)
        for scores in (letter_scores(cell) for cell in cells)
    ]
    return float(np.median(fits)) >= FACE_FIT if fits else None


def narrow_doubts(word: str, ink: np.ndarray) -> list[str] | None:
    """The letters of ``word`` an I is read as, or read for (``I_LIKE``), whose ink is not
    as wide as that letter is in any common face (``NARROW_MOST``): an I read as a T (a
    serif I's serifs look like a T's bar to Tesseract: ``RINI`` read ``RINT`` three times,
    and accepted), or a wide letter read as an I. None (nothing shown) when the ink's
    pieces are not one per letter: their number differs, a piece is two letters wide
    (``WIDE_MOST``), or a letter of another kind has a piece of the wrong width (a serif M
    parted at its thin strokes while two letters joined: as many pieces as letters, not
    the letters)."""
    cells = letter_cells(ink)
    if not word.isalpha() or not word.isupper() or len(cells) != len(word):
        return None
    height = float(np.median([np.ptp(np.flatnonzero(c.any(axis=1))) + 1 for c in cells]))
    out = []
    for letter, cell in zip(word, cells, strict=True):
        if cell.shape[1] > WIDE_MOST * height and letter not in "MW":
            return None  # two letters in one piece: the pieces are not the letters
        narrow = cell.shape[1] < NARROW_MOST * height
        if letter == "J" or narrow == (letter == "I"):
            continue
        if letter not in I_LIKE:
            return None
        out.append(f"{letter!r} is as narrow as an I" if narrow else "'I' is too wide for an I")
    return out


def confirmed(spellings: Iterable[str], ink: np.ndarray) -> list[str]:
    """Those of ``spellings`` whose every letter its ink confirms (the ink cut once)."""
    scores = [letter_scores(cell) for cell in letter_cells(ink)]
    return [word for word in dict.fromkeys(spellings) if _unsure(scores, word) == []]


def _unsure(scores: list[list[tuple[float, str]]], word: str) -> list[str] | None:
    if not word.isalpha() or not word.isupper() or len(scores) != len(word):
        return None
    unsure = []
    for letter, fits in zip(word, scores, strict=True):
        own = next(s for s, c in fits if c == letter)
        rival_score, rival = next((s, c) for s, c in fits if c != letter)
        if own - rival_score <= LETTER_MARGIN:
            unsure.append(f"{letter!r} fits as {rival!r}")
    return unsure
