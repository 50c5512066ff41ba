"""Read a passport copy's MRZ: find the band, read only the band, parse and verify it.

1. ``readers.mrz_band``: the band found on a small colour-aware copy (stamps fade),
   in any quarter turn, askew or photographed at an angle, and cut from the full page
   rectified (lines horizontal, constant pitch).
2. ``readers.mrz_read``: the OCR-B templates read it cell by cell at the fixed pitch,
   each position restricted to what it can hold; the right way up first (the MRZ lies
   at the foot of the page), then upside down.
3. ``readers.mrz.parse_mrz`` verifies and repairs; the best reading wins (accepted
   first, then the one with most check digits passing). A reading is not accepted when
   swapping one or two unsure characters for their close seconds passes as well.
4. Only when no template reading is accepted: Tesseract on the band, restricted to the
   MRZ alphabet. Its reading is reported but never accepted on its own; it settles a
   template reading whose only doubt is a name letter when it reads every field alike.
"""

from __future__ import annotations

import datetime as dt
import itertools
import logging
import re
import time
from collections.abc import Iterator

from PIL import Image

from fasdip.errors import OcrError
from fasdip.logs import mask
from fasdip.models import PassportReading
from readers.images import turn
from readers.mrz import MRZ_ALPHABET, parse_mrz
from readers.mrz_band import MrzBand, PageInk, find_band
from readers.mrz_ink import ink_gray
from readers.mrz_read import grid_text
from readers.mrz_text import mrz_lines
from readers.ocr import OcrbTemplateReader, OcrEngine

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


MRZ_FIELDS = (
    "document_number",
    "surname",
    "given_names",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "issuing_state",
)


def _values(reading: PassportReading) -> tuple[str | None, ...]:
    return tuple(getattr(reading, name).value for name in MRZ_FIELDS)


def _swapped_readings(
    lines: list[str],
    alternatives: list[tuple[int, int, str]],
    today: dt.date | None,
    attachment_id: str = "",
) -> Iterator[PassportReading]:
    """The MRZ parsed again with each one or two unsure glyphs swapped for their seconds."""
    swaps = [(a,) for a in alternatives] + list(itertools.combinations(alternatives, 2))
    for swap in swaps:
        changed = [list(line) for line in lines]
        for line, position, char in swap:
            changed[line][position] = char
        yield parse_mrz(["".join(c) for c in changed], attachment=attachment_id, today=today)


def another_reading_passes(
    lines: list[str],
    alternatives: list[tuple[int, int, str]],
    reading: PassportReading,
    today: dt.date | None,
) -> bool:
    """Whether swapping one or two unsure characters for their seconds also passes.

    Two swaps can keep a check digit (O and 0 at weights 7 and 3 add 240): when a
    different reading passes as well, the check digits cannot tell which is right. A
    swap that passes only once the check digits repair a field ``reading`` reads
    without repair is no rival: it changes glyphs no evidence doubts (``E`` read
    clearly, an unsure ``E`` swapped for ``F`` and a ``0`` repaired to ``O``).
    """
    mine = _values(reading)
    for other in _swapped_readings(lines, alternatives, today):
        if (
            other.accepted
            and _values(other) != mine
            and set(other.repaired_fields) <= set(reading.repaired_fields)
        ):
            return True
    return False


NO_GLYPH_EVIDENCE = "a check-digit repair changes a glyph the templates read clearly"
SETTLED = "an unsure glyph's second choice passes the check digits: unconfirmed"
_CHECKED_REPAIRS = frozenset({"document_number", "birth_date", "expiry_date", "optional_data"})


def repair_without_evidence(
    lines: list[str],
    alternatives: list[tuple[int, int, str]],
    reading: PassportReading,
    today: dt.date | None,
) -> bool:
    """Whether the check digits repaired a glyph that no glyph evidence doubts.

    Check digits alone may pass a wrong repair (``46T274256`` read, two ``2`` turned
    into ``Z``: ``46TZ74Z56`` passes every digit while the unsure ``T`` stays). A
    repaired checked field is trusted only when swapping at most two unsure glyphs for
    their close seconds gives the same reading with no repair left.
    """
    if not _CHECKED_REPAIRS & set(reading.repaired_fields):
        return False
    mine = _values(reading)
    for other in _swapped_readings(lines, alternatives, today):
        if (
            other.accepted
            and not _CHECKED_REPAIRS & set(other.repaired_fields)
            and _values(other) == mine
        ):
            return False
    return True


def settled_by_seconds(
    lines: list[str],
    alternatives: list[tuple[int, int, str]],
    attachment_id: str,
    today: dt.date | None,
) -> PassportReading | None:
    """The one reading that swapping unsure glyphs for their close seconds makes pass.

    When the templates' own reading fails its check digits (or passes only by a repair
    no glyph doubts), the glyphs they were unsure of are tried as their second choice,
    one or two at a time: a reading that then passes every check digit as read, with
    no repair, is taken when it is the only one (``42T430443`` read, its unsure ``T``
    tried as ``1``). Two such readings are a doubt, never a choice.
    """
    found: dict[tuple[str | None, ...], PassportReading] = {}
    for other in _swapped_readings(lines, alternatives, today, attachment_id):
        if other.accepted and not _CHECKED_REPAIRS & set(other.repaired_fields):
            found.setdefault(_values(other), other)
    return next(iter(found.values())) if len(found) == 1 else None


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
        if reading.mrz_format is not None and _rank(reading)[1] >= _PLAUSIBLE:
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
    twins = digit_twins(read.lines)
    if (
        reading.accepted
        and another_reading_passes(read.lines, [*read.alternatives, *twins], reading, today)
    ) or (_only_name_doubts(reading) and another_reading_passes(read.lines, twins, reading, today)):
        reading = _with_doubts(reading, ["another reading passes the check digits"])
    return reading


# Letters a small OCR-B digit is read as even when the templates are sure of them: a 1 at
# 6-8 px, its flag and foot blurred into a bar (other look-alikes are unsure glyphs with
# a second choice, or told apart by shape: O and 0 in ``mrz_zero``).
_DIGIT_TWINS = {"T": "1"}


def digit_twins(lines: list[str]) -> list[tuple[int, int, str]]:
    """When a passport number (TD3 line 2, characters 1-9) has a letter after a digit, each
    of its letters that has a digit twin, as that digit: rival readings to test. At 6-8 px
    a 1 reads as T with no doubt, and two such swaps at weights 7 and 3 keep the check
    digits ('TL7336117' read 'TL7336TT7', '169714799' read 'T697T4799' pass them all)."""
    if len(lines) != 2 or len(lines[1]) != 44:
        return []
    number = lines[1][:9]
    if not any(
        ch.isalpha() and any(c.isdigit() for c in number[:i]) for i, ch in enumerate(number)
    ):
        return []  # letters only before the digits: the usual prefix ('TL7336117')
    return [(1, i, _DIGIT_TWINS[ch]) for i, ch in enumerate(number) if ch in _DIGIT_TWINS]


def _only_name_doubts(reading: PassportReading) -> bool:
    """Every check digit passes and the only doubts are unsure name letters."""
    checks = (
        reading.document_number.check_digit_ok,
        reading.birth_date.check_digit_ok,
        reading.expiry_date.check_digit_ok,
    )
    return (
        reading.mrz_format is not None
        and all(checks)
        and reading.composite_check_ok is not False
        and bool(reading.doubts)
        and all(d.startswith("name character") for d in reading.doubts)
    )


_UNSURE = re.compile(r"name character (\d+) unsure")
_CHECKED = ("document_number", "nationality", "birth_date", "sex", "expiry_date", "issuing_state")


def _confirms(other: PassportReading, mine: PassportReading) -> bool:
    """Whether a second reader settles ``mine``'s unsure name letters.

    It must read the names' line as ``mine`` does from its start through the last
    unsure letter, or else pass its check digits, read every checked field the same,
    and read each unsure name letter as ``mine`` does (what it reads elsewhere in the
    names does not matter: ``mine`` is sure there).
    """
    unsure = [int(m.group(1)) - 1 for d in mine.doubts if (m := _UNSURE.match(d))]
    if not unsure or len(unsure) != len(mine.doubts) or len(unsure) >= 3:
        return False  # three doubts may be a list cut short
    if not other.lines or not mine.lines:
        return False
    names = mine.lines[2] if mine.mrz_format == "TD1" else mine.lines[0]
    # Tesseract often fails its own check digits (fillers read as K) yet reads the names:
    # a line it reads exactly as the templates do from its start through the last unsure
    # letter is aligned with theirs, and two readers agree on every letter of it.
    last = max(unsure) + 1
    if last >= 6 and any(line[:last] == names[:last] for line in other.lines):
        return True
    if other.mrz_format != mine.mrz_format:
        return False
    if not (
        other.document_number.check_digit_ok
        and other.birth_date.check_digit_ok
        and other.expiry_date.check_digit_ok
        and other.composite_check_ok is not False
    ):
        return False
    if any(getattr(other, f).value != getattr(mine, f).value for f in _CHECKED):
        return False
    theirs = other.lines[2] if other.mrz_format == "TD1" else other.lines[0]
    return len(theirs) == len(names) and all(theirs[i] == names[i] for i in unsure)


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
    if read is None or _rank(read[0])[1] < _ALL_CHECKS:
        # Lines of a title, not an MRZ (check digits fail, some by chance pass): a faint
        # MRZ (line 1 washed out) is looked for at the faint print's level.
        faint = find_band(gray, faint=True, ink=ink)
        again = None if faint is None else _template_reading(faint, attachment_id, today)
        better = again is not None and (read is None or _rank(again[0]) > _rank(read[0]))
        if faint is not None and better:
            band, read = faint, again
    best = None if read is None else read[0]
    if best is not None and best.accepted:
        return best
    if best is None:
        best = PassportReading(attachment=attachment_id, doubts=["MRZ band not legible"])
    confirm = _only_name_doubts(best)
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
                cache_key=f"{key}:mrz:{degrees}",
            )
        except OcrError as exc:
            return _with_doubts(best, [f"OCR failed: {exc.reason}"])
        reading = parse_mrz(mrz_lines(text), attachment=attachment_id, today=today)
        if confirm and _confirms(reading, best):
            return best.model_copy(update={"accepted": True, "doubts": []})
        if settled and all(getattr(reading, f).value == getattr(best, f).value for f in _CHECKED):
            return best.model_copy(update={"accepted": True, "doubts": []})
        if reading.accepted:
            reading = _with_doubts(reading, ["read by Tesseract only: names unconfirmed"])
        if not confirm and _rank(reading) > _rank(best):
            best = reading
        # The other way up is read too unless this one is a real MRZ: a page read upside
        # down can give lines of the right lengths whose one check digit passes by chance.
        if reading.mrz_format is not None and _rank(reading)[1] >= _PLAUSIBLE:
            break
    return best
