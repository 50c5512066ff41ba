"""Read a passport copy's MRZ: find the band, read only the band, parse and verify it.

1. ``readers.mrz_band``: the band found on a small colour-aware copy (stamps fade),
   in any quarter turn, askew or photographed at an angle, and cut from the full page
   rectified (lines horizontal, constant pitch).
2. ``readers.mrz_read``: the OCR-B templates read it cell by cell at the fixed pitch,
   each position restricted to what it can hold; the right way up first (the MRZ lies
   at the foot of the page), then upside down.
3. ``readers.mrz.parse_mrz`` verifies and repairs; the best reading wins (accepted
   first, then the one with most check digits passing). A reading is not accepted when
   swapping one or two unsure characters for their close seconds passes as well (the
   rival readings: ``readers.mrz_rivals``).
4. Only when no template reading is accepted: Tesseract on the band, restricted to the
   MRZ alphabet. Its reading is reported but never accepted on its own; it settles a
   template reading whose only doubt is a name letter when it reads every field alike.
   For such a reading the MRZ model first reads the band with its washed-out print
   restored (``readers.mrz_restore``: it skips washed letters on the band as found).
"""

from __future__ import annotations

import datetime as dt
import logging
import time

from PIL import Image

from fasdip.errors import OcrError
from fasdip.logs import mask
from fasdip.models import PassportReading
from readers.images import turn
from readers.mrz import MRZ_ALPHABET, clean_line, document_code_fits, parse_mrz
from readers.mrz_band import MrzBand, find_band
from readers.mrz_groups import PageInk
from readers.mrz_ink import ink_gray
from readers.mrz_light import evened
from readers.mrz_read import grid_text
from readers.mrz_restore import restored
from readers.mrz_rivals import (
    CHECKED_FIELDS,
    NAMES_UNCONFIRMED,
    NO_GLYPH_EVIDENCE,
    SETTLED,
    another_reading_passes,
    confirmed,
    digit_twins,
    only_name_doubts,
    reads_names_line_alike,
    repair_without_evidence,
    second_reader_may_settle,
    settled_by_seconds,
    stroke_pair_doubt,
    strokes_lost,
)
from readers.mrz_text import mrz_lines
from readers.mrz_words import words_name_rival, words_settled
from readers.ocr import OcrEngine
from readers.ocrb import OcrbTemplateReader

log = logging.getLogger(__name__)


_PLAUSIBLE = 3  # a format and two check digits passed (see ``_rank``)
_ALL_CHECKS = 5  # a format and every check digit


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


def _upright(reading: PassportReading) -> bool:
    """Whether a reading is an MRZ read the right way up, though not accepted: a format,
    two check digits passing and a document code its format allows. Upside down, two
    check digits pass by chance one time in twenty or so, but line 1 then starts with
    line 2's last check digit turned over, no document code (a passport page in the
    upper half of an A4 scan is read upside down first)."""
    return (
        reading.mrz_format is not None
        and _rank(reading)[1] >= _PLAUSIBLE
        and bool(reading.lines)
        and document_code_fits(reading.mrz_format, reading.lines[0][:2])
    )


def _template_reading(
    band: MrzBand, attachment_id: str, today: dt.date | None
) -> tuple[PassportReading, MrzBand] | None:
    """The band read by the OCR-B templates, the likelier way up first, and the band the
    way up it was read.

    When neither way gives an accepted reading, the better way, if it reads an MRZ (a
    format and two check digits), is read once more with its unsure cells matched again
    (their box nudged a pixel or two).
    """
    best: tuple[tuple[int, int, int], MrzBand] | None = None
    best_reading: PassportReading | None = None
    for way in (band, band.turned()) if band.in_lower_half else (band.turned(), band):
        reading = _judge(way, attachment_id, today, nudge=False)
        if reading is None:
            continue
        if reading.accepted:
            return reading, way
        if best is None or _rank(reading) > best[0]:
            best, best_reading = (_rank(reading), way), reading
        if _upright(reading):
            break  # a real MRZ this way up: the other way reads noise (half a failing page's time)
    if best is None or best_reading is None:
        return None
    if best[0][1] < _PLAUSIBLE:
        # Not an MRZ read a little off (no format, or one check digit at most passing
        # by chance: a title's lines, a washed-out band): nudged cells do not make one
        # (a faint page's first band, before its faint print is looked for: a third of
        # its time).
        return best_reading, best[1]
    again = _judge(best[1], attachment_id, today, nudge=True)
    if again is not None and _rank(again) > best[0]:
        return again, best[1]
    return best_reading, best[1]


def _judge(
    band: MrzBand, attachment_id: str, today: dt.date | None, *, nudge: bool
) -> PassportReading | None:
    read = grid_text(band, templates(), nudge=nudge)
    if not read.lines:
        return None
    reading = parse_mrz(read.lines, attachment=attachment_id, today=today)
    if reading.accepted and repair_without_evidence(read.lines, read.alternatives, reading, today):
        reading = _with_doubts(reading, [NO_GLYPH_EVIDENCE])
    if not reading.accepted and reading.mrz_format is not None:
        settled = settled_by_seconds(read.lines, read.alternatives, attachment_id, today)
        # One check digit passes a wrong swap one time in ten (the composite weighs the
        # number alike): Tesseract must read the same before it is accepted.
        reading = _with_doubts(settled, [SETTLED]) if settled else reading
    reading = _with_doubts(reading, read.doubts)
    # A digit twin is asked of a reading kept back only by a name letter too: Tesseract,
    # which would confirm it, reads a small 1 as T just as the templates do.
    twins = digit_twins(read.lines, band.source_height)
    if (
        reading.accepted
        and another_reading_passes(read.lines, [*read.alternatives, *twins], reading, today)
    ) or (only_name_doubts(reading) and another_reading_passes(read.lines, twins, reading, today)):
        reading = _with_doubts(reading, ["another reading passes the check digits"])
    return reading


def _read_image(
    image: Image.Image,
    engine: OcrEngine,
    attachment_id: str,
    key: str,
    today: dt.date | None,
    use_tesseract: bool,
) -> PassportReading:
    gray = ink_gray(image)
    ink = PageInk(gray)
    band = find_band(gray, ink=ink)
    if band is None:
        return PassportReading(attachment=attachment_id, doubts=["no MRZ band found"])
    read = _template_reading(band, attachment_id, today)
    cut = [band]
    if read is None or _rank(read[0])[1] < _ALL_CHECKS:
        # Lines of a title, not an MRZ (check digits fail, some by chance pass): a faint
        # MRZ (line 1 washed out) is looked for at the faint print's level.
        faint = find_band(gray, faint=True, ink=ink)
        again = None if faint is None else _template_reading(faint, attachment_id, today)
        better = again is not None and (read is None or _rank(again[0]) > _rank(read[0]))
        if faint is not None and better:
            band, read = faint, again
        cut += [] if faint is None else [faint]
    seen = [] if read is None else [read]  # every reading, for ``_words_settle``
    if read is None or not read[0].accepted:
        # The band read first evened; the other band found after it.
        cut.sort(key=lambda found: found is not band)
        band, read = _evened_reading(cut, band, read, attachment_id, today, seen)
    best = None if read is None else read[0]
    if best is not None and best.accepted:
        return best
    if best is None:
        best = PassportReading(attachment=attachment_id, doubts=["MRZ band not legible"])
    confirm = second_reader_may_settle(best)
    settled = best.doubts == [SETTLED]
    failed = (
        settled
        or best.mrz_format is None
        or not (
            best.document_number.check_digit_ok
            and best.birth_date.check_digit_ok
            and best.expiry_date.check_digit_ok
        )
    )
    if not use_tesseract or not (confirm or failed):
        return best
    # Tesseract on the band: its reading is never accepted on its own, because its usual
    # errors (< read as K or C) fall in the names, which no check digit covers. But when
    # the templates are unsure only of a name letter and Tesseract, a reader with other
    # errors, reads every field the same, the two agreeing settle it.
    rival = words_name_rival(best, read[1], engine, key) if confirm and read else []
    if rival and read is not None:
        # No second reader settles it against its glyph, but the word read alone on
        # both views (``words_settled``).
        return _words_settle(best, [read], engine, key, today) or _with_doubts(best, rival)
    if confirm and read is not None:
        agreed = _restored_confirms(best, read[1], engine, key, today)
        agreed = agreed or _words_settle(best, [read, *seen], engine, key, today)
        if agreed is not None:
            return agreed
    order: tuple[int, ...] = (0, 180) if band.in_lower_half else (180, 0)
    if read is not None and read[0].mrz_format is not None and _rank(read[0])[1] >= _PLAUSIBLE:
        # The templates read a real MRZ this way up: upside down Tesseract reads noise.
        order = (0,) if read[1] is band else (180,)
    for degrees in order:
        try:
            text = engine.text(
                turn(band.image, degrees),
                psm=6,
                whitelist=MRZ_ALPHABET,
                lang=engine.mrz_lang,
                cache_key=f"{key}:mrz:{degrees}",
            )
        except OcrError as exc:
            return _with_doubts(best, [f"OCR failed: {exc.reason}"])
        reading = parse_mrz(mrz_lines(text), attachment=attachment_id, today=today)
        agreed = confirmed(reading, best) if confirm else None
        if agreed is not None:
            return agreed
        if settled and all(
            getattr(reading, f).value == getattr(best, f).value for f in CHECKED_FIELDS
        ):
            return best.model_copy(update={"accepted": True, "doubts": []})
        if reading.accepted:
            reading = _with_doubts(reading, [NAMES_UNCONFIRMED])
        if not confirm and _rank(reading) > _rank(best):
            best = reading
        # The other way up is read too unless this one is a real MRZ: a page read upside
        # down can give lines of the right lengths whose one check digit passes by chance.
        if reading.mrz_format is not None and _rank(reading)[1] >= _PLAUSIBLE:
            break
    return best


def _evened_reading(
    cut: list[MrzBand],
    band: MrzBand,
    read: tuple[PassportReading, MrzBand] | None,
    attachment_id: str,
    today: dt.date | None,
    seen: list[tuple[PassportReading, MrzBand]],
) -> tuple[MrzBand, tuple[PassportReading, MrzBand] | None]:
    """The bands cut read again evened (``readers.mrz_light``), its paper first, then
    its paper and ink, when none gave an accepted reading as cut; the best band and
    reading (a phone photo's shadow or glare across the band). Each reading is added
    to ``seen``."""
    as_cut = None if read is None else read[0]
    for source in cut:
        for glare in (False, True):
            light = evened(source, glare=glare)
            again = _template_reading(light, attachment_id, today)
            if again is not None and as_cut is not None:
                again = (_with_doubts(again[0], strokes_lost(again[0], as_cut)), again[1])
            seen += [] if again is None else [again]
            if again is not None and (read is None or _rank(again[0]) > _rank(read[0])):
                band, read = light, again
            if read is not None and read[0].accepted:
                return band, read
    return band, read


def _restored_confirms(
    best: PassportReading, band: MrzBand, engine: OcrEngine, key: str, today: dt.date | None
) -> PassportReading | None:
    """``best`` accepted when the MRZ model, reading the band with its washed-out print
    restored (``readers.mrz_restore``), settles its unsure name letters; else None. A
    letter torn between two that differ by a stroke is not settled so: the restoring
    keeps what the wash left, and the model sees the same stroke missing (MIN JUN's U,
    its left stem washed out, read J by both)."""
    if stroke_pair_doubt(best):
        return None
    try:
        text = engine.text(
            restored(band),
            psm=6,
            whitelist=MRZ_ALPHABET,
            lang=engine.mrz_lang,
            cache_key=f"{key}:mrz:restored",
        )
    except OcrError:
        return None  # the band as found is read next, and its failure reported
    reading = parse_mrz(mrz_lines(text), attachment=best.attachment, today=today)
    as_read = [clean_line(line) for line in text.splitlines()]
    agreed = confirmed(reading, best)
    if agreed is None and reads_names_line_alike(as_read, best):
        agreed = best.model_copy(update={"accepted": True, "doubts": []})
    return agreed


def _words_settle(
    best: PassportReading,
    readings: list[tuple[PassportReading, MrzBand]],
    engine: OcrEngine,
    key: str,
    today: dt.date | None,
) -> PassportReading | None:
    """The first of ``readings`` as good as ``best`` (the same rank, every line but the
    names' read alike) whose unsure name letters its doubted words read alone settle
    (``readers.mrz_words.words_settled``), accepted; else None. Two views of one band that read a letter
    two ways (the band as cut and evened, ``strokes_lost``), one of them ``best``, each
    name their two rivals: the word read alone picks one (faint dev 166: DE VRIES read
    VRIIS as cut, VRIES evened; the word alone reads VRIES)."""
    names = 2 if best.mrz_format == "TD1" else 0
    for n, (reading, band) in enumerate(readings):
        if n and (
            _rank(reading) != _rank(best)
            or not second_reader_may_settle(reading)
            or reading.mrz_format != best.mrz_format
            or [*reading.lines[:names], *reading.lines[names + 1 :]]
            != [*best.lines[:names], *best.lines[names + 1 :]]
            or any(reading.lines == other.lines for other, _ in readings[:n])
        ):
            continue
        line = words_settled(reading, band, engine, f"{key}:{n}")
        if line is None:
            continue
        if line == reading.lines[names]:
            return reading.model_copy(update={"accepted": True, "doubts": []})
        lines = [*reading.lines[:names], line, *reading.lines[names + 1 :]]
        switched = parse_mrz(lines, attachment=reading.attachment, today=today)
        if switched.accepted:  # an unsure letter its word alone reads as its rival
            return switched
    return None
