"""The printed birth date and sex, weighed glyph by glyph when they disagree with the NIK.

Tesseract misreads the card's small bold digits (1993 as 1998, 2002 as 2062, 10-08 as
16-08) with high confidence; taken as read, such a slip becomes a "mismatch" finding told
to the mission and blocks a right card. When the printed value disagrees with the NIK's,
the ink of the value (a grey copy's also cut darker, where its toner joined the digits)
is cut into its glyphs (``readers.ktp_letters``: the card's own face drawn at the
glyph's size) and each glyph where the two differ is matched against
every digit (or capital): when each is the NIK's character, the card says what the NIK
says; when each is the character read, the mismatch stands; otherwise the printed value
is in doubt (an officer looks), never a sure mismatch.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Literal

import numpy as np
from rapidfuzz import fuzz

from fasdip.models import FieldRead
from fasdip.nik import NikCheck
from readers.ktp_fields import CardPage, date_box
from readers.ktp_layout import Label, is_grey_copy
from readers.ktp_letters import CAPITALS, letter_cells, letter_scores, without_short_pieces
from readers.ktp_words import grey_cut

DIGITS = "0123456789"
PRINTED_SEX = {"M": "LAKI-LAKI", "F": "PEREMPUAN"}
TOUCHING = 1.7  # a piece this many median glyphs wide is glyphs that touch
SEX_RIGHT = 0.47  # "Gol. Darah" starts at half the card's width: the sex ends before
Settled = Literal["nik", "read"]
Box = tuple[int, int, int, int]
# Where between a grey copy's darkest ink and its paper the date's grey is cut to part its
# digits. On photocopies of dev cards 0-299 printed one digit off the NIK's date, each of
# these cuts alone said "nik" 3 times (08 as 06, 84 as 64, 16 as 15), both together never;
# 0.2 said "nik" too (09-06 as 09-05), 0.5 said "read" on a right card. Only a "nik" is
# taken from the cuts: a mismatch they alone see stays a doubt.
DATE_CUTS = (0.4, 0.3)
DATE_RUNNERS = 2  # a glyph's NIK digit must be among its this many best fits


def settle(ink: np.ndarray, nik_text: str, read_text: str, alphabet: str) -> Settled | None:
    """Which of two spellings the glyphs of ``ink`` are (characters outside ``alphabet``,
    the date's dashes, are no glyphs): ``nik`` or ``read`` when only that one's characters
    each fit their glyph best, None when neither or both do (the glyphs cannot decide)."""
    nik_chars = "".join(c for c in nik_text if c in alphabet)
    read_chars = "".join(c for c in read_text if c in alphabet)
    cells = _split_touching(letter_cells(without_short_pieces(ink)))
    scores = [letter_scores(cell, alphabet) for cell in cells]
    nik_fits = _fits(scores, nik_chars, read_chars)
    read_fits = _fits(scores, read_chars, nik_chars)
    if nik_fits and not read_fits:
        return "nik"
    if read_fits and not nik_fits:
        return "read"
    return None


def _split_touching(cells: list[np.ndarray]) -> list[np.ndarray]:
    """Glyphs that touch (``11`` is one piece of ink) cut in equal parts: a piece as wide as
    two or more of the median glyph (the face's digits share one width, letters nearly)."""
    if not cells:
        return cells
    median = float(np.median([c.shape[1] for c in cells]))
    out: list[np.ndarray] = []
    for cell in cells:
        parts = round(cell.shape[1] / median) if cell.shape[1] >= TOUCHING * median else 1
        edges = np.linspace(0, cell.shape[1], parts + 1).round().astype(int)
        out += [cell[:, a:b] for a, b in itertools.pairwise(edges)]
    return out


def _fits(scores: list[list[tuple[float, str]]], text: str, other: str) -> bool:
    """Each glyph where ``text`` differs from ``other`` (every glyph when their lengths
    differ) is ``text``'s character by its best fit; the glyphs are as many as ``text``."""
    if len(scores) != len(text):
        return False
    same_length = len(text) == len(other)
    return all(
        fits[0][1] == char
        for i, (char, fits) in enumerate(zip(text, scores, strict=True))
        if not same_length or other[i] != char
    )


def settle_printed(page: CardPage, fields: dict[str, FieldRead], check: NikCheck) -> None:
    """The printed birth date and sex that disagree with the NIK of ``check`` (or were not
    read), weighed at the glyph level: set to the NIK's when their glyphs say so; a value
    read that disagrees is in doubt when they cannot say, one not read stays unread."""
    birth = fields.get("birth_date")
    box = date_box(page)
    if check.birth_date is not None and birth is not None and box is not None:
        nik_date = check.birth_date.isoformat()
        read = _read_value(birth)
        if read != nik_date:
            printed = f"{dt.date.fromisoformat(read):%d%m%Y}" if read else ""
            said = _settle_date(page, box, f"{check.birth_date:%d%m%Y}", printed)
            fields["birth_date"] = _settled(birth, nik_date, said, "date", bool(read))
    sex = fields.get("sex")
    label = page.labels.get("sex")
    if check.sex is None or sex is None or label is None:
        return
    nik_sex = PRINTED_SEX[check.sex]
    read = _read_value(sex)
    box = _sex_box(page, label)
    if read != nik_sex and box is not None:
        ink = np.asarray(page.binary.crop(box)) < 128
        said = settle(ink, nik_sex, read or "", CAPITALS)
        fields["sex"] = _settled(sex, nik_sex, said, "sex", bool(read))


def _settle_date(page: CardPage, box: Box, nik_text: str, read_text: str) -> Settled | None:
    """``settle`` on the date's black-and-white ink; when that cannot say, on a grey copy,
    the NIK's when its grey ink cut at each of ``DATE_CUTS`` (the toner joins the bold
    digits: ``01`` is one piece) settles for the NIK and every glyph's NIK digit is among
    its ``DATE_RUNNERS`` best fits (a glyph misread alike in both spellings is checked
    too: 06-11-1981 read 06-12-1984, the NIK's 06-11-1984, settled on the month alone)."""
    said = settle(np.asarray(page.binary.crop(box)) < 128, nik_text, read_text, DIGITS)
    if said is not None or not is_grey_copy(page.card):
        return said
    cuts = [grey_cut(page.card.crop(box), share) for share in DATE_CUTS]
    if all(
        settle(ink, nik_text, read_text, DIGITS) == "nik" and _near(ink, nik_text) for ink in cuts
    ):
        return "nik"
    return None


def _near(ink: np.ndarray, text: str) -> bool:
    """Whether ``ink`` cuts into ``text``'s glyphs, each among its ``DATE_RUNNERS`` best."""
    cells = _split_touching(letter_cells(without_short_pieces(ink)))
    if len(cells) != len(text):
        return False
    return all(
        char in [c for _, c in letter_scores(cell, DIGITS)[:DATE_RUNNERS]]
        for char, cell in zip(text, cells, strict=True)
    )


def _read_value(read: FieldRead) -> str | None:
    """The value as read when read without doubt, else None."""
    return read.value if read.value and read.doubt is None else None


def _settled(
    read: FieldRead, nik_value: str, said: Settled | None, what: str, was_read: bool
) -> FieldRead:
    if said == "nik":
        return FieldRead(value=nik_value, confidence=read.confidence)
    if said == "read" or not was_read:
        return read
    return read.model_copy(
        update={
            "confidence": read.confidence * 0.5,
            "doubt": f"printed {what} read {read.value}, the NIK says {nik_value}: "
            "its glyphs do not settle which",
        }
    )


def _sex_box(page: CardPage, label: Label) -> tuple[int, int, int, int] | None:
    """The box of the sex words, left of "Gol. Darah"."""
    kept = []
    for w in label.value_words:
        if fuzz.ratio(w.text.lower().strip("."), "gol") >= 65:
            break
        kept.append(w)
    if not kept:
        return None
    right = min(max(w.left + w.width for w in kept) + 8, page.card.width * SEX_RIGHT)
    return page.box(Label(label.field, label.line, kept, label.score), right)
