"""Where a KTP name's words part: the gaps in its ink, weighed against each other and
again at the strokes' soft edge (the grey image cut past half way to the paper), where
the faint strokes the black-and-white image lost stand (a serif's light foot, a serif U's
thin stem). A parting that may be inside a word is a doubt (``readers.ktp_name``).
"""

from __future__ import annotations

import itertools

import numpy as np
from PIL import Image

from readers.ktp_nik import ink_runs

# Between words the ink leaves 5 px or more on the 13-px capitals of a card normalised
# to 1011 px; inside a word 3 px, 4 once (I-K).
NAME_WORD_GAP = 0.33
# Blur (a photocopy, a soft photo) swells the capitals and shrinks the gaps: a gap of a
# quarter of the height that is also well above the letters' usual gap parts words too.
NAME_SOFT_WORD_GAP = 0.25
# On a grey copy the toner bled across the gaps between words (SARI HARYANTO read as one
# word on 7 of 100 dev copies): its words are parted on the grey ink cut this far from the
# ink's dark to the paper (100 of 100 parted right) when they part otherwise there.
GREY_WORD_CUT = 0.4
# The name's word gaps, compared with each other: a gap narrower than this share of the
# widest parts no sure words (a serif U broken at its foot parted SUTRISNO, read ST
# TRISNO; dev grey copies' true gaps vary by toner down to 0.67, the field cards' 0.8).
WORD_GAP_SHARE = 0.5
# A one-letter word (I, A) is a word, not a letter cut from its word, when each gap beside
# it is this share of the widest of the name's other gaps or more (field cards 0.8+).
ONE_LETTER_GAP_SHARE = 0.7
# The grey cut a little past half way from the ink's dark to the paper: a stroke's soft
# edge. A gap between words with ink across it at this cut is no gap (``soft_gaps``):
# fieldmail dev cards, no right parting's gap joined up to 0.7 (142 cards), 2 of 8 wrong
# partings joined at 0.6 (a faint serif foot); samples' kinds none of either at 0.6.
JOIN_CUT = 0.6
# At that soft edge the gaps are compared again, a little more strictly than the
# black-and-white ones: a serif J's gap to the U beside it, half the name's word gaps there,
# parted SIMANJUNTAK (fieldmail report card 1000053, accepted as SIMANJ UNTAK). Names read
# right and accepted (57 cards of 3+ words: fieldmail dev 0-149, samples' clean, photocopy
# and phone-photo dev cards) have their narrowest soft gap 0.62 of the widest or more.
SOFT_GAP_SHARE = 0.6


def word_boxes(ink: np.ndarray) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The words of a one-line crop by the gaps in its ink, and the line's rows."""
    rows = ink_runs(ink.sum(axis=1) > 0, 1)
    if not rows:
        return [], (0, 0)
    top, bottom = max(rows, key=lambda r: int(ink[r[0] : r[1]].sum()))
    band = ink[top:bottom]
    height = bottom - top
    columns = ink_runs(band.sum(axis=0) > 0, 0)

    def stray(run: tuple[int, int]) -> bool:
        """A colon, a speck: well short of a capital, or not reaching the capitals' top."""
        rows = np.flatnonzero(band[:, run[0] : run[1]].any(axis=1))
        return len(rows) < 0.6 * height or rows[0] > 0.25 * height

    while columns and stray(columns[0]):
        columns = columns[1:]
    while columns and stray(columns[-1]):
        columns = columns[:-1]
    if not columns:
        return [], (top, bottom)
    gaps = [b[0] - a[1] for a, b in itertools.pairwise(columns)]
    usual = float(np.median(gaps)) if gaps else 0.0

    def parts_words(gap: int) -> bool:
        soft = gap >= NAME_SOFT_WORD_GAP * height and gap >= 2 * usual + 1
        return gap > NAME_WORD_GAP * height or soft

    words: list[tuple[int, int]] = [columns[0]]
    for a, b in columns[1:]:
        if parts_words(a - words[-1][1]):
            words.append((a, b))
        else:
            words[-1] = (words[-1][0], b)
    return words, (top, bottom)


def grey_cut(rgb: Image.Image, share: float) -> np.ndarray:
    """The ink of ``rgb`` cut on its brightest channel ``share`` of the way from the ink's
    dark (2nd percentile) to the paper (90th): on a grey copy, a cut darker than the
    black-and-white image parts the letters and words its toner bled together."""
    grey = np.asarray(rgb.convert("RGB")).max(axis=2).astype(np.float32)
    dark, light = (float(v) for v in np.percentile(grey, [2, 90]))
    return np.asarray(grey < dark + share * (light - dark))


def name_words(
    ink: np.ndarray, grey_copy: Image.Image | None
) -> tuple[list[tuple[int, int]], tuple[int, int]]:
    """The name's words (``word_boxes``) and its rows; on a grey copy (``grey_copy``, the
    name's crop) parted on its grey ink cut at ``GREY_WORD_CUT`` when that parts it into
    another number of words, each a pixel wider on both sides (the black-and-white ink's
    bled edge)."""
    spans, rows = word_boxes(ink)
    if not spans or grey_copy is None:
        return spans, rows
    parted, _ = word_boxes(grey_cut(grey_copy, GREY_WORD_CUT))
    if not parted or len(parted) == len(spans):
        return spans, rows
    return [(max(0, a - 1), min(ink.shape[1], b + 1)) for a, b in parted], rows


def _gaps(spans: list[tuple[int, int]]) -> list[int]:
    return [b[0] - a[1] for a, b in itertools.pairwise(spans)]


def narrow_gaps(spans: list[tuple[int, int]]) -> list[str]:
    """A doubt when a gap between the name's words is narrower than ``WORD_GAP_SHARE`` of
    its widest: a word parted between its letters, which the reads then cannot join (a
    letter lost at the cut: ``BAMBANG ST TRISNO``). Two words: nothing to compare."""
    gaps = _gaps(spans)
    if len(gaps) < 2 or min(gaps) >= WORD_GAP_SHARE * max(gaps):
        return []
    return [f"name words parted by a gap of {min(gaps)} px, the widest {max(gaps)} px: one word?"]


def soft_ink(rgb: Image.Image) -> np.ndarray:
    """The ink of the grey image cut at ``JOIN_CUT``, to its strokes' soft edges: the faint
    strokes the black-and-white image lost (a serif's thin bar and feet) are in it."""
    grey = np.asarray(rgb.convert("RGB")).max(axis=2).astype(np.float32)
    dark, light = (float(v) for v in np.percentile(grey, [2, 90]))
    return np.asarray(grey < dark + JOIN_CUT * (light - dark))


def soft_gaps(ink: np.ndarray, spans: list[tuple[int, int]], top: int, bottom: int) -> list[str]:
    """The gaps between the name's words weighed again at their strokes' soft edge (``ink``,
    the ``soft_ink``): the black-and-white image lost faint strokes (a serif's light foot,
    a serif U's thin right stem on a JPEG scan), and a gap it shows may be inside a word. A
    doubt when ink joins two words across their gap (``LESTARI`` parted and read ``I
    ESTARI``, each gap as wide as the others, and accepted), or when one gap is narrower
    there than ``SOFT_GAP_SHARE`` of the widest (``GUNAWAN`` parted at its U's faint stem,
    5 px against 7 in the black-and-white ink, 3 against 7 at the soft edge: ``HENDRA GU
    NAWAN`` accepted)."""
    band = ink[top:bottom]
    blank = [int((~band[:, a[1] : b[0]].any(axis=0)).sum()) for a, b in itertools.pairwise(spans)]
    if any(width == 0 for width in blank):
        return ["name words parted by a gap that the grey ink joins: one word?"]
    if len(blank) < 2 or min(blank) >= SOFT_GAP_SHARE * max(blank):
        return []
    return [
        f"name words parted by a gap of {min(blank)} px at the strokes' soft edge, the "
        f"widest {max(blank)} px: one word?"
    ]


def stands_apart(spans: list[tuple[int, int]], index: int) -> bool:
    """Whether word ``index`` is parted from its neighbours by gaps as wide as the name's
    other word gaps (``ONE_LETTER_GAP_SHARE`` of the widest): a word of its own, not a
    letter the ink cut from its word. No other gap to compare with: not shown."""
    gaps = _gaps(spans)
    beside = {g for g in (index - 1, index) if 0 <= g < len(gaps)}
    others = [gap for g, gap in enumerate(gaps) if g not in beside]
    if not beside or not others:
        return False
    return min(gaps[g] for g in beside) >= ONE_LETTER_GAP_SHARE * max(others)
