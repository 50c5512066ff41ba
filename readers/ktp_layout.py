"""Where things are on a KTP: the card on the page, upright and straight, and its labels.

The card is the light-blue region of the page, normalised to 85.6 mm at 300 dpi; the
labels are found in Tesseract's lines by fuzzy matching that knows the usual misreadings
(``Tempati/Tgi``, ``RTRW``, ``Pekenaan``, ``:`` read as ``1`` or ``#``).
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np
from PIL import Image
from rapidfuzz import fuzz

from readers.images import otsu
from readers.ktp_card import CARD_BLUE, find_quad, straighten
from readers.ktp_nik import INK_THRESHOLD, ink_mask
from readers.numeric import percentile
from readers.ocr import OcrWord

CARD_WIDTH = 1011  # the card is normalised to 85.6 mm at 300 dpi
# Right edge of the value column: the photo and issue date sit beyond it.
VALUE_RIGHT = 0.74

# field -> label as printed, then the misreadings seen from Tesseract.
LABELS: dict[str, tuple[str, ...]] = {
    "nik": ("NIK", "NlK", "N1K", "MIK"),
    "name": ("Nama", "Narna", "Nema"),
    "birth": (
        "Tempat/Tgl Lahir",
        "TempatTgl Lahir",
        "Tempati/Tgi Lahir",
        "Tempat/Tgi Lahir",
        "Tempat Tgl Lahir",
    ),
    "sex": ("Jenis Kelamin", "Jenis Kelarnin", "Jenis kelamin"),
    "address": ("Alamat", "Alarnat", "Aamat"),
    "rt_rw": ("RT/RW", "RTRW", "RT RW", "RTIRW", "RT/ RW"),
    "kelurahan_desa": ("Kel/Desa", "KelDesa", "Kel Desa", "KeliDesa"),
    "kecamatan": ("Kecamatan", "Kecarnatan"),
    "religion": ("Agama",),
    "marital_status": ("Status Perkawinan", "Status Perkawman"),
    "occupation": ("Pekerjaan", "Pekenaan", "Pekerjaar"),
    "citizenship": ("Kewarganegaraan", "Kewarganegaraar"),
    "valid_until": ("Berlaku Hingga", "Berlaku Hinga"),
}
COLON_LIKE = set(":;1#>|!il7+*=~-")


@dataclass(frozen=True)
class Line:
    words: list[OcrWord]

    @property
    def top(self) -> int:
        return min(w.top for w in self.words)

    @property
    def bottom(self) -> int:
        return max(w.top + w.height for w in self.words)

    @property
    def text(self) -> str:
        return " ".join(w.text for w in self.words)


@dataclass(frozen=True)
class Label:
    field: str
    line: Line
    value_words: list[OcrWord]  # after the label and its colon, left of the photo
    score: float


# --------------------------------------------------------------------------- image


def ink_image(rgb: Image.Image) -> Image.Image:
    mask = ink_mask(np.asarray(rgb.convert("RGB")))
    return Image.fromarray(np.where(mask, 0, 255).astype(np.uint8), "L")


GREY_SATURATION = 20  # a card whose 90th-percentile saturation is this low: no colour left


def is_grey_copy(card: Image.Image) -> bool:
    """Whether the card has no colour left (a photocopy: the card's blue gone to grey)."""
    saturation = np.asarray(card.convert("HSV"))[:, :, 1]
    return percentile(saturation, 90) <= GREY_SATURATION


def card_ink(rgb: np.ndarray) -> np.ndarray:
    """Ink as ``ink_mask`` sees it, with a darker threshold where the card's own ground is
    dark (a grey photocopy's pattern passes ``INK_THRESHOLD``): the Otsu split of the
    brightest channel, never a lighter one."""
    brightest = rgb.max(axis=2).astype(np.uint8)
    return ink_mask(
        rgb, min(INK_THRESHOLD, otsu(brightest) + 1)
    )  # Otsu puts its value in the dark class


def skew_angle(image: Image.Image) -> float:
    """Small skew (degrees) by the sharpest horizontal ink profile."""
    small = image.copy()
    small.thumbnail((500, 500))
    if min(small.size) < 3:  # no rows to compare: a sliver of a page has no skew to find
        return 0.0
    mask = Image.fromarray(card_ink(np.asarray(small)).astype(np.uint8) * 255, "L")
    best, best_score = 0.0, -1.0
    for angle in np.arange(-4.0, 4.01, 0.5):
        profile = np.asarray(mask.rotate(float(angle), expand=True), dtype=np.float32).sum(axis=1)
        score = float(np.var(np.diff(profile)))
        if score > best_score:
            best, best_score = float(angle), score
    return best


CARD_MIN_FRACTION = 0.1  # of the page: a card's blue, not a blue stamp or logo


def _blue(image: Image.Image) -> tuple[np.ndarray, int]:
    """Where the page is card-blue, on a copy about 400 px across, and its reduction."""
    factor = max(1, round(max(image.size) / 400))
    small = image.convert("RGB")
    small = small.reduce(factor) if factor > 1 else small
    a = np.asarray(small, dtype=np.int16)
    return (a[..., 2] - a[..., 0]) > CARD_BLUE, factor


def shows_a_card(image: Image.Image) -> bool:
    """Whether a page shows an e-KTP's blue: most of the page, or a card-shaped blue region
    (a card in the corner of an A4 scan). A grey photocopy does not."""
    blue, _ = _blue(image)
    if blue.mean() > CARD_MIN_FRACTION:
        return True
    quad = find_quad(image)
    return quad is not None and quad.by == "blue"


def _deskewed(rgb: Image.Image) -> Image.Image:
    angle = skew_angle(rgb)
    if not angle:
        return rgb
    return rgb.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255)
    )


def find_card(image: Image.Image) -> Image.Image:
    """The card cut out of the page and straightened (``readers.ktp_card``), wider than
    tall; a page with no card-shaped region is deskewed and cut to its blue, as it is."""
    rgb = image.convert("RGB")
    quad = find_quad(rgb)
    if quad is not None:
        return _deskewed(straighten(rgb, quad))
    rgb = _deskewed(rgb)
    blue, factor = _blue(rgb)
    if blue.mean() > CARD_MIN_FRACTION:
        ys, xs = np.nonzero(blue)
        x0, x1 = np.percentile(xs, [0.5, 99.5])
        y0, y1 = np.percentile(ys, [0.5, 99.5])
        rgb = rgb.crop(
            (int(x0 * factor), int(y0 * factor), int((x1 + 1) * factor), int((y1 + 1) * factor))
        )
    return rgb


def normalise(card: Image.Image) -> Image.Image:
    height = round(card.height * CARD_WIDTH / card.width)
    return card.resize((CARD_WIDTH, height), Image.Resampling.LANCZOS)


# --------------------------------------------------------------------------- labels


def text_lines(words: list[OcrWord]) -> list[Line]:
    groups: dict[tuple[int, int, int], list[OcrWord]] = {}
    for word in words:
        groups.setdefault(word.line, []).append(word)
    lines = [Line(sorted(ws, key=lambda w: w.left)) for ws in groups.values()]
    return sorted(lines, key=lambda ln: ln.top)


def _label_of(line: Line, width: int) -> Label | None:
    best: tuple[float, str, int] | None = None
    for field, spellings in LABELS.items():
        n_words = len(spellings[0].split())
        for count in {n_words, max(1, n_words - 1), n_words + 1}:
            if count > len(line.words):
                continue
            head = " ".join(w.text for w in line.words[:count]).rstrip(":;#>|")
            score = max(fuzz.ratio(head.lower(), s.lower()) for s in spellings)
            if best is None or score > best[0]:
                best = (score, field, count)
    if best is None or best[0] < 75:
        return None
    score, field, count = best
    return _label(field, line, count, score, width)


def _label(field: str, line: Line, count: int, score: float, width: int) -> Label:
    """``field``'s label as the first ``count`` words of ``line``; its value the words after
    it and its colon, left of the photo (the NIK's run to the card's edge)."""
    rest = line.words[count:]
    right = width * VALUE_RIGHT if field != "nik" else width
    values = [w for w in rest if w.left < right]
    while values and (
        (len(values[0].text) <= 2 and set(values[0].text) <= COLON_LIKE)
        or not any(c.isalnum() for c in values[0].text)
    ):
        values = values[1:]
    if values and values[0].text[:1] in ":;#>|" and len(values[0].text) > 1:
        first = values[0]
        values[0] = OcrWord(
            first.text[1:],
            first.confidence,
            first.left,
            first.top,
            first.width,
            first.height,
            first.line,
        )
    return Label(field, line, values, score)


def find_labels(words: list[OcrWord], width: int) -> dict[str, Label]:
    found: dict[str, Label] = {}
    lines = text_lines(words)
    for line in lines:
        label = _label_of(line, width)
        if label is not None and (
            label.field not in found or found[label.field].score < label.score
        ):
            found[label.field] = label
    return _labels_by_order(found, lines, width)


COLONS = ":;>="  # the marks a colon is read as that no letter is


def _colon_at(line: Line) -> int | None:
    """How many of ``line``'s words are its label and colon, when the line reads as one: a
    colon (``:``, ``=:``, ``>``) alone or ending a word after one word or more, before any
    value with digits (a label has none); a ``1`` or ``|`` alone only when no such colon
    stands there (they are also a label's letters: ``Tempat 'Tel 1 abir :``). None when
    no colon is read."""
    marks: list[int] = []
    for i, word in enumerate(line.words):
        alone = len(word.text) <= 2 and set(word.text) <= COLON_LIKE
        if i and alone and set(word.text) & set(COLONS):
            return i
        if i and word.text[-1:] in COLONS and len(word.text) > 1 and not alone:
            return i + 1
        if i and alone:
            marks.append(i)
        elif any(c.isdigit() for c in word.text):
            break
    return marks[0] if marks else None


def _labels_by_order(found: dict[str, Label], lines: list[Line], width: int) -> dict[str, Label]:
    """``found`` with the labels its fuzzy match missed given by their place: the fields
    follow one order on every KTP, so when the lines between two labels found are as many
    as the fields missed between them, and each reads as a label and its colon, they are
    those fields' lines in order (a serif label read ``Tempav'Te! Lahr:`` on a grey copy).
    A line whose label is not shown so (no colon read) leaves its field unfound."""
    order = list(LABELS)
    out = dict(found)
    known = [field for field in order if field in found]
    used = {id(label.line) for label in found.values()}
    for before, after in itertools.pairwise(known):
        missed = order[order.index(before) + 1 : order.index(after)]
        if not missed:
            continue
        top, bottom = found[before].line.top, found[after].line.top
        between = [ln for ln in lines if top < ln.top < bottom and id(ln) not in used]
        counts = [count for ln in between if (count := _colon_at(ln)) is not None]
        if len(between) != len(missed) or len(counts) != len(missed):
            continue
        for field, line, count in zip(missed, between, counts, strict=True):
            out[field] = _label(field, line, count, 0.0, width)
    return out
