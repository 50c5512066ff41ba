"""The MRZ lines in a text Tesseract read from a band: the lines long enough, the best
run of two or three, the fillers Tesseract drops from the end of line 1, and an edge
read as a lone letter before line 1."""

from __future__ import annotations

import re

from readers.mrz import clean_line

_LENGTHS = (44, 36, 30)
_CODE_LETTERS = "PVIAC"  # a document code's first letter, in any format
_LONE_FIRST = re.compile(r"^\s*\S\s+(?=\S)")


def mrz_lines(text: str) -> list[str]:
    """The MRZ lines of an OCR text: lines long enough, the best run of 2 or 3."""
    read = [(clean_line(line), clean_line(_LONE_FIRST.sub("", line))) for line in text.splitlines()]
    edged = dict(read)
    lines = [line for line, _ in read if len(line) >= 24]
    return _fillers_restored(_without_edge(_best_run(lines), edged))


def _without_edge(lines: list[str], edged: dict[str, str]) -> list[str]:
    """Line 1 without a lone character read apart before it, when what follows it is a
    whole line (as long as the last line) starting as a document code does: the booklet's
    edge beside line 1 read as a letter (phone_photo report seed 1000006: ``J P<XX…``
    read ``JP<XX…``, 44 long once a filler was dropped). A lone first letter with less
    after it is line 1's own (``P <XX…``)."""
    if len(lines) < 2:
        return lines
    first, last = lines[0], lines[-1]
    rest = edged.get(first, first)
    if rest != first and len(rest) >= len(last) and rest[:1] in _CODE_LETTERS:
        return [rest, *lines[1:]]
    return lines


def _best_run(lines: list[str]) -> list[str]:
    """The run of two or three lines closest to an MRZ's."""
    if len(lines) <= 2:
        return lines
    if len(lines) == 3 and all(abs(len(line) - 30) <= 3 for line in lines):
        return lines

    # Keep the two adjacent lines closest to a known length.
    def off(line: str) -> int:
        return min(abs(len(line) - n) for n in _LENGTHS)

    pairs = [lines[i : i + 2] for i in range(len(lines) - 1)]
    return min(pairs, key=lambda pair: off(pair[0]) + off(pair[1]))


def _fillers_restored(lines: list[str]) -> list[str]:
    """Line 1 given back the run of ``<`` that ends it, when Tesseract dropped part of the
    run (Tesseract 5.5 reads ``OLA<<<<…`` 12 fillers short) and line 2 has a known length.
    Fillers are all a names field ends with; a Tesseract reading is never accepted
    on its own, so the names stay unconfirmed."""
    if len(lines) != 2:
        return lines
    first, second = lines
    if len(second) in _LENGTHS and len(first) < len(second) and first.endswith("<"):
        return [first.ljust(len(second), "<"), second]
    return lines
