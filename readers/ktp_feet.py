"""A grey copy's U and V told apart by their feet.

On a grey photocopy the toner's blur swells the card's bold capitals until they touch,
and a U's ink can fit a V's better (EUIS was read, letter by letter sure, as EVIS). The
two differ where their strokes end: a U's stems run straight down to a round bowl, so its
ink is as wide low in the letter as at its top; a V's strokes slant in to meet at a point,
so low in the letter its ink is about half as wide. Measured on the grey ink thresholded
darker than the black-and-white image (the letters come apart where the toner bled
between them), on the rows from 65 to 85% of the letter's height, against its top rows.

Dev photocopies (100 cards, and 60 with every U and V swapped): a U measures 0.83 to
1.33, a V 0.49 to 0.63. A letter the ink cannot cut out, one whose piece does not fit a
U, V or Y best (a broken letter), or one that measures between the two leaves the name
in doubt. Cutting darker than a fifth of the way from the ink to the paper breaks the
letters: a U's bowl came apart and measured as a V.

On the black-and-white image the letters of a copy touch (29 of 201 words came apart):
a U's foot measured there was its neighbour's too.
"""

from __future__ import annotations

import numpy as np
from PIL import Image

from fasdip.models import FieldRead
from readers.ktp_layout import is_grey_copy
from readers.ktp_letters import letter_cells, letter_scores
from readers.ktp_words import grey_cut, name_words

Box = tuple[int, int, int, int]
# Where between the ink's dark (2nd percentile) and the paper (90th) the grey is cut,
# lightest first: the first cut that gives a word as many letters as it is read with.
FOOT_CUTS = (0.5, 0.4, 0.3, 0.2)
TOP_ROWS = 0.3  # a letter's top: its two strokes at their full width apart
FOOT_ROWS = (0.65, 0.85)  # low in the letter, above a U's bowl and a V's point
U_LEAST = 0.78  # a U's ink this wide low down, as a share of its top (dev: 0.83 and more)
V_MOST = 0.68  # a V's no wider than this (dev: 0.63 and less)
LETTER_ASPECT = (0.6, 1.3)  # a U or V cut alone is about as wide as tall, not two or half
MIN_ROWS = 8  # fewer rows than this: no foot to measure
# The capitals a U or V cut alone fits best (a V's often fits Y: its arms are the same);
# a piece that fits another best is a broken letter or a wrong cut, and says nothing.
TWO_ARMED = frozenset("UVY")


def grey_copy_doubt(card: Image.Image, binary: Image.Image, box: Box, name: FieldRead) -> FieldRead:
    """On a grey copy, a name whose every U and V is not told by its foot is a doubt: an
    officer, or the note's spelling, settles it. When each foot tells its letter and they
    spell the name otherwise (EUIS read EVIS), that spelling is the value shown, still in
    doubt. ``binary`` is the card's ink image and ``box`` the name's box on both."""
    if name.value is None or name.doubt is not None or not set(name.value) & {"U", "V"}:
        return name
    if not is_grey_copy(card):
        return name
    by_feet = foot_spelling(name.value, card.crop(box), binary.crop(box))
    if by_feet == name.value:
        return name
    value = by_feet or name.value
    return name.model_copy(
        update={"value": value, "doubt": "a grey copy's U and V are not told apart"}
    )


def feet_agree(name: str, rgb: Image.Image, binary: Image.Image) -> bool:
    """Whether each U and V of ``name`` (read from the crop ``rgb``, whose ink image is
    ``binary``) is the letter its foot says."""
    return foot_spelling(name, rgb, binary) == name


def foot_spelling(name: str, rgb: Image.Image, binary: Image.Image) -> str | None:
    """``name`` with each U and V the letter its foot says (read from the crop ``rgb``,
    whose ink image is ``binary``); None when a foot does not tell."""
    spans, (top, bottom) = name_words(np.asarray(binary) < 128, rgb)  # as read_name does
    words = name.split()
    if len(spans) != len(words):
        return None
    cuts = [grey_cut(rgb, share) for share in FOOT_CUTS]
    out = []
    for (left, right), word in zip(spans, words, strict=True):
        if set(word) & {"U", "V"}:
            spelt = _word_by_feet(word, [cut[top:bottom, left:right] for cut in cuts])
            if spelt is None:
                return None
            word = spelt
        out.append(word)
    return " ".join(out)


def _word_by_feet(word: str, inks: list[np.ndarray]) -> str | None:
    """``word`` with each U and V the letter its foot shows, on the first of ``inks`` cut
    into as many letters as ``word``, else on the first where each U and V is found by the
    letters beside it (``_found_by_neighbours``); None when none is, or a foot does not
    tell."""
    cuts = [letter_cells(ink) for ink in inks]
    for cells in cuts:
        if len(cells) == len(word):
            return _spelt(word, dict(enumerate(cells)))
    for cells in cuts:
        found = _found_by_neighbours(word, cells)
        if found is not None:
            return _spelt(word, found)
    return None


def _found_by_neighbours(word: str, cells: list[np.ndarray]) -> dict[int, np.ndarray] | None:
    """Each U and V of ``word`` (by its place) and its cell, on a cut that parts the word
    into another count of pieces (toner joins LA in DAULAY, TU in TUTI): a U's cell is the
    piece as many pieces from the word's start as it is letters, or from its end, when that
    piece is one two-armed letter (``_two_armed``). When both are, and are not the same
    piece, the letters are not told apart: None."""
    found: dict[int, np.ndarray] = {}
    for i, letter in enumerate(word):
        if letter not in "UV":
            continue
        places = {i, len(cells) - (len(word) - i)} & set(range(len(cells)))
        armed = [place for place in places if _two_armed(cells[place])]
        if len(armed) != 1:
            return None
        found[i] = cells[armed[0]]
    return found


def _two_armed(cell: np.ndarray) -> bool:
    """Whether ``cell`` is one letter of a measurable size that fits a U, V or Y best."""
    return foot_ratio(cell) is not None and letter_scores(cell)[0][1] in TWO_ARMED


def _spelt(word: str, cells: dict[int, np.ndarray]) -> str | None:
    """``word`` with each U and V the letter the foot of its cell (by place) shows."""
    letters = []
    for i, letter in enumerate(word):
        if letter in "UV":
            cell = cells[i]
            ratio = foot_ratio(cell)
            if not _two_armed(cell) or ratio is None:
                return None
            if ratio >= U_LEAST:
                letter = "U"
            elif ratio <= V_MOST:
                letter = "V"
            else:
                return None
        letters.append(letter)
    return "".join(letters)


def foot_ratio(cell: np.ndarray) -> float | None:
    """The width of a letter's ink low down (``FOOT_ROWS``) as a share of its top's
    (``TOP_ROWS``); None when the cell is no single letter of a measurable size."""
    rows = np.flatnonzero(cell.any(axis=1))
    if len(rows) < MIN_ROWS:
        return None
    letter = cell[rows[0] : rows[-1] + 1]
    height, width = letter.shape
    if not LETTER_ASPECT[0] <= width / height <= LETTER_ASPECT[1]:
        return None
    top = _mean_width(letter[: max(1, round(TOP_ROWS * height))])
    low, high = (round(share * height) for share in FOOT_ROWS)
    foot = _mean_width(letter[low : max(low + 1, high)])
    return foot / top if top else None


def _mean_width(rows: np.ndarray) -> float:
    """The mean width, leftmost to rightmost ink, of ``rows`` (0 for a blank row)."""
    widths = []
    for row in rows:
        cols = np.flatnonzero(row)
        widths.append(int(cols[-1] - cols[0] + 1) if len(cols) else 0)
    return float(np.mean(widths))
