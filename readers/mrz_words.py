"""The words of an MRZ's names line holding unsure letters, cut out one by one for a
second reader.

On a faint page the second readers (the MRZ model on the band as found, or restored:
``readers.mrz_restore``) garble line 1 as a whole: one threshold for the whole band
drops its washed-out letters, and no whole line read alike settles the templates'
doubts. A word cut out alone, its grey levels stretched between its own ink and paper,
is read whole (faint dev seeds 1, 62, 171, 197, 211: every doubted word read letter for
letter). The word (or the fillers a doubt falls on, with the word before them) read
exactly as the templates read it names each unsure letter as one of its two rivals.

Pure image and text work; the reading is ``readers.passport``'s.
"""

from __future__ import annotations

import re

from PIL import Image, ImageOps

from readers.mrz_band import MrzBand

# The grid's last cell ends short of a whole pitch (a glyph is narrower than its cell):
# the line's ink spans this many pitches fewer than its characters.
_SHORT_END = 0.3
_MARGIN = (0.6, 0.4)  # pitches kept before and after the word (its neighbour's edge)
_FILLERS_BEFORE = 2  # a filler in doubt is read with the word at most this far before it
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


def segment_crop(
    band: MrzBand, image: Image.Image, line_index: int, segment: tuple[int, int], width: int
) -> Image.Image:
    """``segment``'s cells of line ``line_index`` cut from ``image`` (the band, or the
    band restored), its levels stretched, on a margin of paper, twice its size."""
    pitch = (band.right - band.left) / (width - _SHORT_END)
    y, h = band.line_ys[line_index], band.char_height
    gray = image.convert("L")
    box = (
        max(0, round(band.left + (segment[0] - _MARGIN[0]) * pitch)),
        max(0, round(y - h)),
        min(gray.width, round(band.left + (segment[1] + _MARGIN[1]) * pitch)),
        min(gray.height, round(y + h)),
    )
    crop = ImageOps.autocontrast(gray.crop(box), cutoff=1)
    crop = ImageOps.expand(crop, border=round(h), fill=255)
    return crop.resize((2 * crop.width, 2 * crop.height), Image.Resampling.LANCZOS)


def reads_segment(text: str, expected: str) -> bool:
    """Whether a reading of a segment's crop holds ``expected`` letter for letter (a
    neighbour's edge may add a character either side). Names hold no digits: a 0 is
    the reader's O."""
    return expected in "".join(text.split()).replace("0", "O")
