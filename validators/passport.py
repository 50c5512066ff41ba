"""Read a passport copy's MRZ: find the band, OCR only the band, parse and verify it.

1. Grey (brightest channel: coloured stamps fade), a 1000-pixel working copy.
2. Quarter turn and skew from the horizontal projection profile (``validators.images``).
3. Text lines from a smeared binary image; the MRZ is the group of two or three longest
   lines of equal extent.
4. The band alone, at full resolution, scaled so capitals are ~34 px, goes to Tesseract
   restricted to the MRZ alphabet (psm 6); upside down is tried when the first reading
   does not parse. Other variants (binarised, line by line) are tried only while no
   reading is accepted.
5. ``validators.mrz.parse_mrz`` verifies and repairs; the best reading wins (accepted
   first, then the one with most check digits passing).
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from dataclasses import dataclass

import numpy as np
from PIL import Image

from fasdip.errors import OcrError
from fasdip.logs import mask
from fasdip.models import PassportReading
from validators.images import (
    TextLine,
    dark_mask,
    find_skew,
    otsu,
    scaled,
    text_lines,
    to_gray,
    turn,
    upscale_for_ocr,
)
from validators.mrz import MRZ_ALPHABET, clean_line, parse_mrz
from validators.ocr import OcrbTemplateReader, OcrEngine

log = logging.getLogger(__name__)

WORK_SIDE = 1000
_LENGTHS = (44, 36, 30)


@dataclass(frozen=True)
class MrzBand:
    """Where the MRZ lies in the turned working image (working-image pixels)."""

    lines: list[TextLine]
    quarter: int
    skew: float
    in_lower_half: bool

    @property
    def box(self) -> tuple[int, int, int, int]:
        top = min(line.top for line in self.lines)
        bottom = max(line.bottom for line in self.lines)
        left = min(line.left for line in self.lines)
        right = max(line.right for line in self.lines)
        return left, top, right, bottom

    @property
    def char_height(self) -> float:
        return float(np.median([line.height for line in self.lines]))


def find_mrz_band(gray: Image.Image) -> tuple[MrzBand | None, float]:
    """The MRZ band of a grey page, found on a small copy; and the small copy's scale."""
    small, factor = scaled(gray, WORK_SIDE)
    found: list[tuple[float, MrzBand]] = []
    for quarter in (0, 90):
        orientation = find_skew(small, quarter)
        turned = turn(turn(small, orientation.quarter), orientation.skew)
        dark = dark_mask(turned)
        reach = max(3, round(max(turned.size) / 90))
        lines = [
            line
            for line in text_lines(dark, reach)
            if line.height >= 4 and line.width >= 8 * line.height
        ]
        group = _mrz_group(lines, turned.width)
        if group is None:
            continue
        middle = (group[0].top + group[-1].bottom) / 2
        band = MrzBand(
            lines=group,
            quarter=orientation.quarter,
            skew=orientation.skew,
            in_lower_half=middle > turned.height / 2,
        )
        score = sum(line.width / line.height for line in group)
        found.append((score, band))
    if not found:
        return None, factor
    return max(found, key=lambda item: item[0])[1], factor


def _mrz_group(lines: list[TextLine], width: int) -> list[TextLine] | None:
    """Two or three adjacent lines, the longest of the page, of the same extent."""
    if not lines:
        return None
    longest = max(line.width for line in lines)
    if longest < 0.3 * width:
        return None
    best: list[TextLine] | None = None
    for i, line in enumerate(lines):
        if line.width < 0.7 * longest:
            continue
        group = [line]
        for nxt in lines[i + 1 :]:
            prev = group[-1]
            gap = nxt.top - prev.bottom
            same = abs(nxt.left - line.left) < 0.06 * longest and abs(nxt.width - line.width) < (
                0.12 * longest
            )
            if gap < 2.5 * max(prev.height, 1) and same and len(group) < 3:
                group.append(nxt)
            else:
                break
        if len(group) >= 2 and (best is None or _group_len(group) > _group_len(best)):
            best = group
    return best


def _group_len(group: list[TextLine]) -> float:
    return len(group) * 10_000 + sum(line.width for line in group)


def _band_image(gray: Image.Image, band: MrzBand, factor: float) -> Image.Image:
    """The band cut from the full-resolution page, turned, with a margin, sized for OCR."""
    page = turn(turn(gray, band.quarter), band.skew)
    left, top, right, bottom = band.box
    char_h = band.char_height
    margin_y, margin_x = 0.7 * char_h, 1.2 * char_h
    box = (
        max(0, round((left - margin_x) / factor)),
        max(0, round((top - margin_y) / factor)),
        min(page.width, round((right + margin_x) / factor)),
        min(page.height, round((bottom + margin_y) / factor)),
    )
    crop = page.crop(box)
    return upscale_for_ocr(crop, char_h / factor * 0.95)


def _mrz_lines(text: str) -> list[str]:
    """The MRZ lines of an OCR text: lines long enough, the best run of 2 or 3."""
    lines = [clean_line(line) for line in text.splitlines()]
    lines = [line for line in lines if len(line) >= 24]
    if len(lines) <= 2:
        return lines
    if len(lines) == 3 and all(abs(len(line) - 30) <= 3 for line in lines):
        return lines

    # Keep the two adjacent lines closest to a known length.
    def off(line: str) -> int:
        return min(abs(len(line) - n) for n in _LENGTHS)

    pairs = [lines[i : i + 2] for i in range(len(lines) - 1)]
    return min(pairs, key=lambda pair: off(pair[0]) + off(pair[1]))


def split_lines(band: Image.Image) -> list[Image.Image]:
    """The text lines of a band image (row runs of ink), top to bottom, with a margin."""
    values = np.asarray(band, dtype=np.uint8)
    ink = values <= otsu(values)
    rows = ink.sum(axis=1) > max(2, ink.shape[1] // 200)
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*rows.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    if not runs:
        return []
    tallest = max(b - a for a, b in runs)
    runs = [(a, b) for a, b in runs if b - a >= 0.5 * tallest]
    pad = max(2, tallest // 6)
    return [band.crop((0, max(0, a - pad), band.width, min(band.height, b + pad))) for a, b in runs]


_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ<"
_DIGITS = "0123456789"
_CLASSES = {
    "A": _LETTERS + _DIGITS,
    "L": _LETTERS,
    "D": _DIGITS,
    "d": _DIGITS + "<",
    "S": "MFX<",
}
# Position classes of the lower line of TD3 and TD2 (the upper line is letters or <).
_LOWER = {
    44: "A" * 9 + "D" + "L" * 3 + "D" * 7 + "S" + "D" * 7 + "A" * 14 + "dD",
    36: "A" * 9 + "D" + "L" * 3 + "D" * 7 + "S" + "D" * 7 + "A" * 7 + "D",
}


def _allowed(line: int, position: int, count: int, width: int) -> str:
    if count == 2 and line == 0:
        return _LETTERS
    if count == 2 and line == 1 and width in _LOWER:
        return _CLASSES[_LOWER[width][position]]
    return _CLASSES["A"]


def template_text(
    band: Image.Image, reader: OcrbTemplateReader, name_margin: float = 0.06
) -> tuple[list[str], list[str]]:
    """The band read by the OCR-B templates, each position restricted to what it can hold.

    Returns the lines and the doubts: a name character (not covered by any check digit)
    whose best letter beats the next by less than ``name_margin`` is a doubt.
    """
    glyph_lines = [reader.read_line(line) for line in split_lines(band)]
    glyph_lines = [g for g in glyph_lines if len(g) >= 24]
    count = len(glyph_lines)
    out: list[str] = []
    doubts: list[str] = []
    for index, glyphs in enumerate(glyph_lines):
        width = len(glyphs)
        chars: list[str] = []
        for position, glyph in enumerate(glyphs):
            allowed = _allowed(index, position, count, width)
            char, margin = glyph.best_of(allowed)
            chars.append(char)
            in_names = (count == 2 and index == 0 and position >= 5) or (count == 3 and index == 2)
            if in_names and margin < name_margin:
                doubts.append(f"name character {position + 1} unsure ({char} or {glyph.second})")
        out.append("".join(chars))
    return out, doubts[:3]


def _rank(reading: PassportReading) -> tuple[int, int, int]:
    checks = [
        reading.document_number.check_digit_ok,
        reading.birth_date.check_digit_ok,
        reading.expiry_date.check_digit_ok,
        reading.composite_check_ok,
    ]
    return (
        int(reading.accepted),
        sum(1 for c in checks if c) + int(reading.mrz_format is not None),
        -len(reading.doubts),
    )


_TEMPLATES: OcrbTemplateReader | None = None


def templates() -> OcrbTemplateReader:
    """The OCR-B template reader, built once per process (about 20 ms)."""
    global _TEMPLATES
    if _TEMPLATES is None:
        _TEMPLATES = OcrbTemplateReader()
    return _TEMPLATES


def read_passport(
    images: list[Image.Image],
    engine: OcrEngine,
    attachment_id: str,
    cache_key: str,
    today: dt.date | None = None,
    *,
    use_tesseract: bool = True,
) -> PassportReading:
    """The MRZ of the first page image that has one (``mrz_format`` None when none has)."""
    started = time.perf_counter()
    best: PassportReading | None = None
    for index, image in enumerate(images):
        reading = _read_image(
            image, engine, attachment_id, f"{cache_key}:p{index}", today, use_tesseract
        )
        if best is None or _rank(reading) > _rank(best):
            best = reading
        if best.accepted:
            break
    seconds = round(time.perf_counter() - started, 3)
    if best is None:
        best = PassportReading(attachment=attachment_id, doubts=["no page image"])
    if best.document_number.value:
        log.info(
            "passport %s: %s, accepted=%s, %.2f s",
            attachment_id,
            mask(best.document_number.value),
            best.accepted,
            seconds,
        )
    return best.model_copy(update={"seconds": seconds})


def _with_doubts(reading: PassportReading, doubts: list[str]) -> PassportReading:
    if not doubts:
        return reading
    merged = list(dict.fromkeys([*reading.doubts, *doubts]))
    return reading.model_copy(update={"accepted": False, "doubts": merged})


def _read_image(
    image: Image.Image,
    engine: OcrEngine,
    attachment_id: str,
    key: str,
    today: dt.date | None,
    use_tesseract: bool,
) -> PassportReading:
    gray = to_gray(image)
    band, factor = find_mrz_band(gray)
    if band is None:
        return PassportReading(attachment=attachment_id, doubts=["no MRZ band found"])
    band_image = _band_image(gray, band, factor)
    order = (0, 180) if band.in_lower_half else (180, 0)
    best: PassportReading | None = None
    # 1. OCR-B templates, the right way up first.
    for degrees in order:
        lines, doubts = template_text(turn(band_image, degrees), templates())
        reading = _with_doubts(parse_mrz(lines, attachment=attachment_id, today=today), doubts)
        if best is None or _rank(reading) > _rank(best):
            best = reading
        if best.accepted:
            return best
    assert best is not None
    if not use_tesseract:
        return best
    # 2. Tesseract on the band: its reading is reported but never accepted on its own,
    #    because its usual errors (< read as K or C) fall in the names, which no check
    #    digit covers.
    for degrees in order:
        try:
            text = engine.text(
                turn(band_image, degrees),
                psm=6,
                whitelist=MRZ_ALPHABET,
                cache_key=f"{key}:mrz:{degrees}",
            )
        except OcrError as exc:
            return _with_doubts(best, [f"OCR failed: {exc.reason}"])
        reading = parse_mrz(_mrz_lines(text), attachment=attachment_id, today=today)
        if reading.accepted:
            reading = _with_doubts(reading, ["read by Tesseract only: names unconfirmed"])
        if _rank(reading) > _rank(best):
            best = reading
        if reading.mrz_format is not None:
            break
    return best
