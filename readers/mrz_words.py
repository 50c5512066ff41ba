"""The words of an MRZ's names line holding unsure letters, cut out one by one for a
second reader.

On a faint page the second readers (the MRZ model on the band as found, or restored:
``readers.mrz_restore``) garble line 1 as a whole: one threshold for the whole band
drops its washed-out letters, and no whole line read alike settles the templates'
doubts. A word cut out alone, its grey levels stretched between its own ink and paper,
is read whole (faint dev seeds 1, 62, 171, 211, 290: every doubted word read letter for
letter). The word (or the fillers a doubt falls on, with the word before them) read
exactly as the templates read it names each unsure letter as one of its two rivals.

``readers.passport`` asks ``words_settled`` once the templates' reading is left
with unsure name letters only.
"""

from __future__ import annotations

import re

import numpy as np
from PIL import Image, ImageOps

from fasdip.errors import OcrError
from fasdip.models import PassportReading
from readers.mrz import MRZ_ALPHABET
from readers.mrz_band import MrzBand
from readers.mrz_restore import restored
from readers.ocr import OcrEngine

# The grid's last cell ends short of a whole pitch (a glyph is narrower than its cell):
# the line's ink spans this many pitches fewer than its characters.
_SHORT_END = 0.3
_MARGIN = (0.6, 0.4)  # pitches kept before and after the word (its neighbour's edge)
_FILLERS_BEFORE = 2  # a filler in doubt is read with the word at most this far before it
_SEX_AT = {"TD1": 7, "TD2": 20, "TD3": 20}  # the sex's place in line 2
_DATE = 7  # a date and its check digit, each side of the sex
_LISTED = 3  # the doubts a reading lists at most (``readers.mrz_read``): more may be unlisted
# Rows: dark runs this short across a word's crop (before it is doubled) are a wave's, not
# a stroke's (the band's glyphs are 30 px high, their strokes 3 px and more).
_WAVE_ROWS = 2
# Whether a view's crop is read with its thin rows taken out first, then as cut when that
# reads blank (else the other way round). The restored band is black and white: there the
# closing cuts a washed-out letter's thin strokes (faint dev 68: KOFI's K lost, its word
# read as the rival). The band as found is grey: a wave garbles a word's letters there
# (dev 59: the dates 9310014F read 931BD07T4F), and a crop it blanks is read as cut (fresh
# 22000023: LOPEZ).
_WAVES_OUT_FIRST = {"restored": False, "found": True}
_UNSURE = re.compile(r"name character (\d+) unsure \((\S) or (\S)\)$")


def unsure_places(doubts: list[str]) -> list[tuple[int, str, str]] | None:
    """(place, letter read, rival) of each doubt, when every doubt is an unsure name
    letter (a letter joined to its neighbours' ink, read without its foot, and the like
    are no doubts a word read alone settles); None otherwise."""
    places = []
    for doubt in doubts:
        m = _UNSURE.match(doubt)
        if m is None:
            return None
        places.append((int(m.group(1)) - 1, m.group(2), m.group(3)))
    return places


def doubted_segments(line: str, places: list[int]) -> list[tuple[int, int]]:
    """The stretches of ``line`` (start, end) to read for the doubts at ``places``: the
    word around a doubted letter; for a doubted filler, the fillers up to it and the
    word just before them (a filler alone reads as anything)."""
    out: set[tuple[int, int]] = set()
    for place in places:
        start = place
        if line[place] == "<":
            while start > 0 and line[start - 1] == "<" and place - start < _FILLERS_BEFORE:
                start -= 1
        while start > 0 and line[start - 1] != "<":
            start -= 1
        end = place + 1
        while line[place] != "<" and end < len(line) and line[end] != "<":
            end += 1
        out.add((start, end))
    return sorted(out)


def without_thin_rows(crop: Image.Image, rows: int = _WAVE_ROWS) -> Image.Image:
    """``crop`` with its dark runs fewer than ``rows`` rows tall taken out: each pixel
    the lightest of ``rows`` rows, then the darkest (a vertical grey closing). A wave
    across a word goes; a letter's strokes and bars, thicker, stay."""
    a = np.asarray(crop.convert("L"), dtype=np.uint8)
    before = rows // 2
    padded = np.pad(a, ((before, rows - 1 - before), (0, 0)), mode="edge")
    lighter = np.lib.stride_tricks.sliding_window_view(padded, rows, axis=0).max(axis=2)
    padded = np.pad(lighter, ((rows - 1 - before, before), (0, 0)), mode="edge")
    closed = np.lib.stride_tricks.sliding_window_view(padded, rows, axis=0).min(axis=2)
    return Image.fromarray(closed.astype(np.uint8), "L")


def segment_crop(
    band: MrzBand,
    image: Image.Image,
    line_index: int,
    segment: tuple[int, int],
    width: int,
    *,
    waves_out: bool = False,
) -> Image.Image:
    """``segment``'s cells of line ``line_index`` cut from ``image`` (the band, or the
    band restored), its levels stretched, on a margin of paper, twice its size
    (``waves_out``: its thin dark rows taken out, ``without_thin_rows``)."""
    pitch = (band.right - band.left) / (width - _SHORT_END)
    y, h = band.line_ys[line_index], band.char_height
    gray = image.convert("L")
    box = (
        max(0, round(band.left + (segment[0] - _MARGIN[0]) * pitch)),
        max(0, round(y - h)),
        min(gray.width, round(band.left + (segment[1] + _MARGIN[1]) * pitch)),
        min(gray.height, round(y + h)),
    )
    crop = gray.crop(box)
    crop = ImageOps.autocontrast(without_thin_rows(crop) if waves_out else crop, cutoff=1)
    crop = ImageOps.expand(crop, border=round(h), fill=255)
    return crop.resize((2 * crop.width, 2 * crop.height), Image.Resampling.LANCZOS)


def reads_segment(text: str, expected: str) -> bool:
    """Whether a reading of a segment's crop holds ``expected`` letter for letter (a
    neighbour's edge may add a character either side). O and 0 are one (names hold no
    digits, dates no letters; a 0 in a name is the reader's O)."""
    return expected.replace("0", "O") in "".join(text.split()).replace("0", "O")


def _read_alone(
    band: MrzBand,
    image: tuple[str, Image.Image],
    index: int,
    segment: tuple[int, int],
    width: int,
    engine: OcrEngine,
    key: str,
) -> str | None:
    """What the MRZ model reads in ``segment`` of ``image`` (named) cut out alone; None
    when it cannot read. A crop read blank is read again the other way, its waves taken
    out (``without_thin_rows``) or not (``_WAVES_OUT_FIRST``): a wave through every
    letter of a washed-out word joins them into one shape the model reads as nothing
    (faint dev 59: CONCEICAO's restored crop)."""
    name, source = image
    cache = f"{key}:mrz:word:{name}:{index}:{segment[0]}-{segment[1]}"
    text = ""
    first = _WAVES_OUT_FIRST.get(name, False)
    for waves_out in (first, not first):
        crop = segment_crop(band, source, index, segment, width, waves_out=waves_out)
        try:
            text = engine.text(
                crop,
                psm=7,
                whitelist=MRZ_ALPHABET,
                lang=engine.mrz_lang,
                cache_key=f"{cache}:waves-out" if waves_out else cache,
            )
        except OcrError:
            return None
        if text.strip():
            break
    return text


def words_name_rival(
    best: PassportReading, band: MrzBand, engine: OcrEngine, key: str
) -> list[str]:
    """A doubt on each unsure name letter whose word, cut out of the band restored and
    read alone, reads letter for letter as the templates' word with that letter's rival
    in its place: a reading of the glyph alone against the templates' (faint fresh seed
    22000023: LOPEZ's L read C, unsure C or L, by the templates and the MRZ model on
    the whole restored line alike, COPEZ accepted; its word alone reads LOPEZ)."""
    places = unsure_places(list(best.doubts))
    index = 2 if best.mrz_format == "TD1" else 0
    if not places or len(best.lines) <= index or len(band.line_ys) <= index:
        return []
    line = best.lines[index]
    if band.right <= band.left:
        return []
    image = ("restored", restored(band))
    out = []
    for place, _, rival in places:
        if not rival.isalpha() and rival != "<":
            continue
        ((start, end),) = doubted_segments(line, [place])
        text = _read_alone(band, image, index, (start, end), len(line), engine, f"{key}:0")
        theirs = line[start:place] + rival + line[place + 1 : end]
        if text is not None and reads_segment(text, theirs):
            out.append(f"name character {place + 1} read alone as its rival ({rival})")
    return out


def words_settled(best: PassportReading, band: MrzBand, engine: OcrEngine, key: str) -> str | None:
    """The names line with each unsure name letter as the MRZ model, reading the word
    that holds it cut out alone (``segment_crop``), names it: the letter the templates
    read or its rival, every other letter of the word as they read it, on the band
    restored and on the band as found both, and one way only; None when a word is read
    otherwise (garbled, or a view names another). One view alone is not enough: each
    read a wrong letter as the templates did on some faint dev page (the band as found
    NGUYEN's Y as T, 74, and AOIFE's F as T, 122; the band restored with its specks
    filtered out KJERSTI's J as I, 9), never both. Both read the rival on fresh faint
    22000023 (LOPEZ, its L read C by the templates)."""
    places = unsure_places(list(best.doubts))
    if not places or len(places) > _LISTED or not best.lines or not band.line_ys:
        return None
    index = 2 if best.mrz_format == "TD1" else 0
    line = best.lines[index]
    if len(band.line_ys) <= index or band.right <= band.left:
        return None
    images = [("restored", restored(band)), ("found", band.image)]
    settled = list(line)
    segments = doubted_segments(line, [place for place, _, _ in places])
    if len(places) == _LISTED:
        # The list may be cut short: every word is read, no letter left to one reader.
        first = 0 if best.mrz_format == "TD1" else 2
        words = {(m.start(), m.end()) for m in re.finditer(r"[A-Z]+", line[first:].rstrip("<"))}
        segments = sorted({*segments, *((a + first, b + first) for a, b in words)})
    for start, end in segments:
        ways = _ways(line, [p for p in places if start <= p[0] < end], (start, end))
        for image in images:
            text = _read_alone(band, image, index, (start, end), len(line), engine, key)
            ways = [way for way in ways if text is not None and reads_segment(text, way)]
        if len(ways) != 1 or any(
            settled[k] not in (line[k], ways[0][k - start]) for k in range(start, end)
        ):
            return None  # read several ways, or otherwise than an overlapping word
        settled[start:end] = ways[0]
    if not _sex_read_alike(best, band, images, engine, key):
        return None
    return "".join(settled)


def _sex_read_alike(
    best: PassportReading,
    band: MrzBand,
    images: list[tuple[str, Image.Image]],
    engine: OcrEngine,
    key: str,
) -> bool:
    """Whether line 2's sex, between the birth and expiry dates, read alone on each view
    is the templates' (no check digit covers it, and the words of the names hold it not:
    low_res_270 fresh seed 15000017, an M at 6 px read X sure, the names' words read
    alike)."""
    at = _SEX_AT.get(best.mrz_format or "", -1)
    if at < _DATE or len(best.lines) < 2 or len(band.line_ys) < 2:
        return False
    line = best.lines[1]
    segment = (at - _DATE, at + _DATE + 1)
    for image in images:
        text = _read_alone(band, image, 1, segment, len(line), engine, key)
        if text is None or not reads_segment(text, line[segment[0] : segment[1]]):
            return False
    return True


def _ways(line: str, places: list[tuple[int, str, str]], segment: tuple[int, int]) -> list[str]:
    """``segment`` of ``line`` with each unsure letter at ``places`` as read or as its
    rival (a name holds letters and fillers only)."""
    ways = [line[segment[0] : segment[1]]]
    for place, _, rival in places:
        if rival.isalpha() or rival == "<":
            at = place - segment[0]
            ways += [way[:at] + rival + way[at + 1 :] for way in ways]
    return ways
