"""The MRZ lines in a text Tesseract read from a band: the lines long enough, the best
run of two or three, and the fillers Tesseract drops from the end of line 1."""

from __future__ import annotations

from readers.mrz import clean_line

_LENGTHS = (44, 36, 30)


def mrz_lines(text: str) -> list[str]:
    """The MRZ lines of an OCR text: lines long enough, the best run of 2 or 3."""
    lines = [clean_line(line) for line in text.splitlines()]
    lines = [line for line in lines if len(line) >= 24]
    if len(lines) <= 2:
        return _fillers_restored(lines)
    if len(lines) == 3 and all(abs(len(line) - 30) <= 3 for line in lines):
        return lines

    # Keep the two adjacent lines closest to a known length.
    def off(line: str) -> int:
        return min(abs(len(line) - n) for n in _LENGTHS)

    pairs = [lines[i : i + 2] for i in range(len(lines) - 1)]
    return _fillers_restored(min(pairs, key=lambda pair: off(pair[0]) + off(pair[1])))


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
