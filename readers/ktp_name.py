"""The holder's name on a KTP, read word by word and checked against the card's face.

The name is cut into words at the gaps in its ink (Tesseract joins and splits names,
which are not dictionary words), spaced apart and read twice at two enlargements; marks
like ``]`` or ``|`` become I and stray marks at the edges are dropped. Each word is
redrawn in Liberation Sans Bold (the card's face) and compared with the ink to settle the
face's U/V, II/H/T and I/II confusions. Precision first: reads that disagree, non-letters,
a swap or a low confidence make the name doubtful.
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from readers.ktp_layout import is_grey_copy
from readers.ktp_letters import confirmed, face_fits, narrow_doubts, unsure_letters
from readers.ktp_nik import ink_runs
from readers.ktp_words import (
    NAME_SOFT_WORD_GAP,
    name_words,
    narrow_gaps,
    soft_gaps,
    soft_ink,
    stands_apart,
)
from readers.ocr import NO_DICTIONARY, OcrEngine, mean_confidence

SANS_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
# Tesseract's usual misreadings of single letters in the card's bold sans face.
_AS_I = str.maketrans({"]": "I", "[": "I", "|": "I", "!": "I", "1": "I", "l": "I"})
# Letters (or pairs) Tesseract confuses in this face: each is tried against the glyphs.
# Only pairs whose glyphs differ enough in shape for re-drawing to tell them apart
# (round letters, O/D/G/C, do not: re-drawing would make those worse).
_CONFUSIONS: tuple[tuple[str, str], ...] = (
    ("V", "U"),
    ("U", "V"),
    ("H", "II"),
    ("T", "II"),
    ("II", "H"),
    ("I", "II"),
    ("W", "II"),  # IIS read as WS
)
NAME_SCALES = (3, 4)  # the name is read at these enlargements; both reads must agree
_EDGE_JUNK = " _-.,:;'`~\u2019\u2018\u201c\u201d\"\u00b4"  # marks at a word's ends: no letters
# Tesseract's word confidence below which a name word is a doubt, unless read alone it
# reads the same again (Tesseract adds marks at a word's ends, ``TONO-``, at confidence 15).
NAME_MIN_CONFIDENCE = 0.5
# ... and this much better than the read to replace it: re-drawing a whole word drifts
# over long words (GUNAWAN fits as GVNAWAN by 0.03 to 0.09), short ones differ by 0.2+.
NAME_REPLACE_MARGIN = 0.12


@dataclass(frozen=True)
class NameRead:
    text: str
    confidence: float
    doubt: str | None


@lru_cache(maxsize=1)
def _face() -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(SANS_BOLD, 64)


def _drawn(word: str, size: tuple[int, int]) -> np.ndarray:
    """``word`` drawn in the card's face, cut to its ink and stretched to ``size`` (w, h)."""
    font = _face()
    left, top, right, bottom = (int(v) for v in font.getbbox(word))
    canvas = Image.new("L", (right - left + 8, bottom - top + 8), 0)
    ImageDraw.Draw(canvas).text((4 - left, 4 - top), word, fill=255, font=font)
    box = canvas.getbbox() or (0, 0, canvas.width, canvas.height)
    glyphs = canvas.crop(box).resize(size, Image.Resampling.BILINEAR)
    return np.asarray(glyphs, dtype=np.float64) / 255


def _match(word: str, ink: np.ndarray) -> float:
    """Correlation of ``word`` re-drawn with ``ink`` (the word's ink box, 0..1)."""
    if not word or ink.size == 0:
        return -1.0
    a = _drawn(word, (ink.shape[1], ink.shape[0])).ravel()
    b = ink.astype(np.float64).ravel()
    a, b = a - a.mean(), b - b.mean()
    denom = float(np.linalg.norm(a) * np.linalg.norm(b))
    return float(a @ b) / denom if denom else -1.0


def _best_spelling(reads: list[str], ink: np.ndarray) -> tuple[str, float]:
    """Of the reads and their confusions (U/V, II/H…), the spelling whose glyphs fit the ink.

    Returns it and its margin over the next spelling (the first read wins a near tie)."""
    scores: dict[str, float] = {}
    for word in reads:
        for candidate in [word, *_confused(word)]:
            if candidate not in scores:
                scores[candidate] = _match(candidate, ink)
    first = reads[0]
    best = max(scores, key=lambda w: scores[w])
    if best != first and scores[best] - scores[first] < NAME_REPLACE_MARGIN:
        best = first
    runner_up = max((v for w, v in scores.items() if w != best), default=-1.0)
    return best, scores[best] - runner_up


def _confused(word: str) -> list[str]:
    out: list[str] = []
    for wrong, right in _CONFUSIONS:
        start = word.find(wrong)
        while start >= 0:
            out.append(word[:start] + right + word[start + len(wrong) :])
            start = word.find(wrong, start + 1)
    return out


def _widest_gap(ink: np.ndarray) -> int:
    """The widest run of blank columns between a word's letters (0 for one piece)."""
    runs = ink_runs(np.asarray(ink.any(axis=0)), 0)
    return max((b[0] - a[1] for a, b in itertools.pairwise(runs)), default=0)


def ink_grey(rgb: Image.Image) -> np.ndarray:
    """The ink as a grey image that keeps its anti-aliased edges: the brightest channel
    (the card's blue pattern is bright in blue, ink is dark in every channel), stretched
    so the paper is white and the ink black."""
    grey = np.asarray(rgb.convert("RGB")).max(axis=2).astype(np.float32)
    dark, light = (float(v) for v in np.percentile(grey, [2, 90]))
    if light - dark < 16:
        return np.asarray(grey, dtype=np.uint8)
    return np.asarray(np.clip((grey - dark) * 255 / (light - dark), 0, 255), dtype=np.uint8)


_Read = tuple[list[str], float, list[float], list[bool]]


def _read_at(
    spaced: Image.Image, starts: list[int], gap: int, engine: OcrEngine, key: str, scale: int
) -> _Read:
    """The spaced-out name read at ``scale``: per word its text, the line's confidence, per
    word its lowest confidence, and whether Tesseract saw more than one word in it."""
    big = spaced.resize((spaced.width * scale, spaced.height * scale), Image.Resampling.LANCZOS)
    words = engine.words(big, psm=7, extra=NO_DICTIONARY, cache_key=key)
    texts: list[list[str]] = [[] for _ in starts]
    confs: list[list[float]] = [[] for _ in starts]
    for w in words:
        centre = (w.left + w.width / 2) / scale
        index = max([0, *(i for i, s in enumerate(starts) if s - gap / 2 <= centre)])
        texts[index].append(w.text)
        confs[index].append(w.confidence)
    return (
        ["".join(parts).translate(_AS_I).upper().strip(_EDGE_JUNK) for parts in texts],
        mean_confidence(words),
        [min(c, default=0.0) / 100 for c in confs],
        [len(parts) > 1 for parts in texts],
    )


def read_name(
    binary: Image.Image,
    card: Image.Image,
    box: tuple[int, int, int, int],
    engine: OcrEngine,
    key: str,
) -> NameRead:
    """The holder's name in ``box`` of the ink image: one Tesseract line, checked glyph by glyph.

    The words are cut at the gaps in the ink (Tesseract joins and splits names, which
    are not dictionary words) and set well apart, then read twice (at 3x and 4x, one
    line, no dictionary). Each word read is re-drawn in the card's face and compared
    with the ink: a letter Tesseract confuses in this bold face (U/V, II/H/T, I/II) is
    replaced when its alternative fits clearly better. Precision first: two reads that
    disagree, a character that is not a letter, a replacement, or a low confidence
    leave the name in doubt (the caller then does not accept the card)."""
    ink = np.asarray(binary.crop(box)) < 128
    spans, (top, bottom) = name_words(ink, card.crop(box) if is_grey_copy(card) else None)
    if not spans:
        return NameRead("", 0.0, "not read")
    spaced, starts, gap = _spaced(_near_ink(ink_grey(card.crop(box)), ink), spans, top, bottom)
    reads = [
        _read_at(spaced, starts, gap, engine, f"{key}:name:{scale}", scale) for scale in NAME_SCALES
    ]
    (first, conf, word_confs, split), (second, _, _, _) = reads
    flat, _, _ = _spaced(np.where(ink, 0, 255).astype(np.uint8), spans, top, bottom)
    third = _read_at(flat, starts, gap, engine, f"{key}:name:ink", NAME_SCALES[-1])[0]
    face = face_fits(
        (read, ink[top:bottom, a:b]) for read, (a, b) in zip(first, spans, strict=True)
    )
    out: list[str] = []
    soft = soft_ink(card.crop(box))
    doubts = narrow_gaps(spans) or soft_gaps(soft, spans, top, bottom)
    for i, ((a, b), read, other, parts) in enumerate(zip(spans, first, second, split, strict=True)):
        word_conf = word_confs[i]
        if word_conf < NAME_MIN_CONFIDENCE and read == other:  # a third read, alone
            alone = spaced.crop(
                (starts[i] - gap // 2, 0, starts[i] + b - a + gap // 2, spaced.height)
            )
            if _read_alone(alone, engine, f"{key}:name:{i}", read):
                word_conf = NAME_MIN_CONFIDENCE
        word_ink = ink[top:bottom, a:b]
        word, word_doubts = _judged(read, other, word_conf, parts, word_ink, face)
        if len(word) == 1 and stands_apart(spans, i):
            word_doubts = [d for d in word_doubts if d != _one_letter(word)]
        doubts += word_doubts + _other_letter(word, third[i], word_ink, face is True)
        if face is not True:  # in the card's own face the glyphs already told the letters
            doubts += _width_doubts(word, word_ink, soft[top:bottom, a:b])
        if word:
            out.append(word)
    return NameRead(" ".join(out), conf, "; ".join(doubts) or None)


def _one_letter(word: str) -> str:
    return f"name word {word!r} is one letter: a letter cut from its word?"


def _other_letter(word: str, ink_read: str, ink: np.ndarray, glyphs: bool) -> list[str]:
    """A doubt when the word's black-and-white ink reads with another letter in a place
    (``TEGUM`` for ``TEGUH``) and the word's letters are not each the capital that fits
    their ink best (``TONO``'s ink read ``TONG``: its O fits as O, not G; only when
    ``glyphs``, the face fits). Letters lost or added in that read (a thin ``I``) say
    nothing."""
    if len(ink_read) != len(word) or not ink_read.isalpha() or ink_read == word:
        return []
    if glyphs and unsure_letters(word, ink) == []:
        return []
    return [f"name word {word!r} reads {ink_read!r} in its black-and-white ink"]


def _width_doubts(word: str, ink: np.ndarray, soft: np.ndarray) -> list[str]:
    """A doubt when a letter of ``word`` read as an I, or read for one, is not that letter's
    width in the black-and-white ``ink`` (``narrow_doubts``), unless its ``soft`` ink cut
    one piece per letter shows each as wide as it should be (a serif T's thin bar lost in
    the black-and-white ink, whole at the soft edge)."""
    hard = narrow_doubts(word, ink)
    if not hard or narrow_doubts(word, soft) == []:
        return []
    return [f"name word {word!r}: {doubt}" for doubt in hard]


def _near_ink(grey: np.ndarray, ink: np.ndarray) -> np.ndarray:
    """``grey`` kept within a pixel of the ink, white elsewhere: the letters' soft edges stay,
    the card's pattern goes (Tesseract reads its texture as marks: ``-~TONO>``)."""
    near = Image.fromarray(ink.astype(np.uint8) * 255, "L").filter(ImageFilter.MaxFilter(3))
    return np.where(np.asarray(near) > 127, grey, 255).astype(np.uint8)


def _spaced(
    grey: np.ndarray, spans: list[tuple[int, int]], top: int, bottom: int
) -> tuple[Image.Image, list[int], int]:
    """The name's words (grey, anti-aliased) set ``gap`` apart on white, and where each starts."""
    height = bottom - top
    gap = 2 * height
    pad = height // 2
    width = sum(b - a for a, b in spans) + gap * (len(spans) - 1) + 2 * pad
    spaced = Image.new("L", (width, height + 2 * pad), 255)
    starts: list[int] = []
    x = pad
    above = top - max(0, top - 1)  # a row of the letters' soft edge above and below
    for a, b in spans:
        spaced.paste(Image.fromarray(grey[top - above : bottom + 1, a:b], "L"), (x, pad - above))
        starts.append(x)
        x += b - a + gap
    return spaced, starts, gap


def _read_alone(word: Image.Image, engine: OcrEngine, key: str, read: str) -> bool:
    """Whether one word, read alone, reads as ``read`` again (the marks Tesseract sees at its
    ends aside: ``~TONO-``, ``AHMAD>``; they are what lowered the word's confidence)."""
    scale = NAME_SCALES[-1]
    big = word.resize((word.width * scale, word.height * scale), Image.Resampling.LANCZOS)
    words = engine.words(big, psm=8, extra=NO_DICTIONARY, cache_key=key)
    text = "".join(w.text for w in words).translate(_AS_I).upper()
    return re.sub(r"^[^A-Z]+|[^A-Z.]+$", "", text) == read


def _judged(
    read: str, other: str, word_conf: float, parts: bool, ink: np.ndarray, face: bool | None
) -> tuple[str, list[str]]:
    """A word of the name as read twice, checked against its print: the word, and the doubts.
    ``face``: whether the name is printed in the face its letters are compared with
    (``face_fits``). Only when it is do letters that each fit their ink best decide; in
    another face (False) the reads alone decide, any disagreement a doubt; not shown
    (None): the word re-drawn whole weighs the reads, a change a doubt."""
    cleaned = re.sub(r"[^A-Z'\-.]", "", read)
    if not cleaned:
        return "", ["a word of the name not read"]
    doubts = []
    if cleaned != read:
        doubts.append(f"name word read as {read!r}")
    candidates = [cleaned] + ([other] if other and re.fullmatch(r"[A-Z'\-.]+", other) else [])
    # Of the reads and their confusions, one whose letters each fit their ink best (EUIS,
    # read EUVIS and EVIS): the glyphs decide. None or several: the reads and the doubts.
    spellings = [*candidates, *(c for word in candidates for c in _confused(word))]
    sure = confirmed(spellings, ink) if face else []
    if len(sure) == 1:
        best = sure[0]
    elif face is False:
        best = cleaned
        if read != other:
            doubts.append(f"name word read as {read!r} and as {other!r}")
    else:
        best, _margin = _best_spelling(candidates, ink)
        if read != other:
            doubts.append(f"name word read as {read!r} and as {other!r}")
        elif best != cleaned:
            doubts.append(f"name word read as {cleaned!r}; the print fits {best!r} better")
    # Two words where the ink shows one: a space may be lost, unless each letter stands
    # apart, is confirmed, and no gap between them is wide enough for one (YOGA read YO GA).
    spaced = _widest_gap(ink) >= NAME_SOFT_WORD_GAP * ink.shape[0]
    if parts and (spaced or best not in sure):
        doubts.insert(0, f"name word {read!r} read as more than one word")
    if len(best) == 1 and best.isalpha():
        doubts.append(_one_letter(best))
    elif word_conf < NAME_MIN_CONFIDENCE and best not in sure:
        doubts.append(f"name word {read!r} read with low confidence")
    return best, doubts
