"""Rival readings of an MRZ: does another reading pass, is a repair backed by the glyphs?

The OCR-B templates name their unsure glyphs with a close second choice. Check digits
alone cannot tell two readings apart that both pass them (two swaps can keep a digit), so
a reading is judged against its rivals: the MRZ parsed again with one or two unsure glyphs
swapped for their seconds (``another_reading_passes``, ``repair_without_evidence``,
``settled_by_seconds``), with a small 1 read as a sure T tried as its digit
(``digit_twins``), and a second reader's reading that settles unsure name letters
(``confirms``). ``readers.passport`` uses these to accept, doubt or settle a reading.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterator

from fasdip.models import PassportReading
from readers.mrz import parse_mrz
from readers.mrz_fields import parse_sex
from readers.mrz_line import SEX_UNSURE
from readers.mrz_shape import STROKE_LOST, WASHED_PAIRS
from readers.mrz_twins import TWIN_DOUBT

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
# Tesseract's reading passes every check digit but the templates read otherwise: the names,
# which no check digit covers, were read by one reader only.
NAMES_UNCONFIRMED = "read by Tesseract only: names unconfirmed"
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


# Letters a small OCR-B digit is read as even when the templates are sure of them: a 1 at
# 6-8 px, its flag and foot blurred into a bar (other look-alikes are unsure glyphs with
# a second choice, or told apart by shape: O and 0 in ``mrz_zero``).
_DIGIT_TWINS = {"T": "1"}
# Glyphs this small on the page (px) have every T of the number tried as a 1, a prefix's
# too: low_res_270 fresh seed 9000053 (6.6 px) read 11623200 as TT623200, the second T
# sure, and 1 -> T at weights 7 and 3 keeps every check digit.
TWIN_PREFIX_HEIGHT = 8.0


def digit_twins(lines: list[str], source_height: float = 0.0) -> list[tuple[int, int, str]]:
    """When a passport number (TD3 line 2, characters 1-9) has a letter after a digit, each
    of its letters that has a digit twin, as that digit: rival readings to test. At 6-8 px
    a 1 reads as T with no doubt, and two such swaps at weights 7 and 3 keep the check
    digits ('TL7336117' read 'TL7336TT7', '169714799' read 'T697T4799' pass them all).
    A prefix of letters is tried too when the glyphs are under ``TWIN_PREFIX_HEIGHT`` on
    the page (``source_height``; 0: not known)."""
    if len(lines) != 2 or len(lines[1]) != 44:
        return []
    number = lines[1][:9]
    small = 0 < source_height < TWIN_PREFIX_HEIGHT
    if not small and not any(
        ch.isalpha() and any(c.isdigit() for c in number[:i]) for i, ch in enumerate(number)
    ):
        return []  # letters only before the digits: the usual prefix ('TL7336117')
    return [(1, i, _DIGIT_TWINS[ch]) for i, ch in enumerate(number) if ch in _DIGIT_TWINS]


def only_name_doubts(reading: PassportReading) -> bool:
    """Every check digit passes and the only doubts are on what no check digit covers:
    unsure name letters, names read by one reader only, an unsure sex."""
    return _only_doubts(reading, _NAME_DOUBTS)


def second_reader_may_settle(reading: PassportReading) -> bool:
    """Every check digit passes and each doubt is one a second reader reading the MRZ
    alike settles (``confirmed``): those of ``only_name_doubts``, and a document number's
    like pair the check digits cannot guard (``readers.mrz_twins``)."""
    return _only_doubts(reading, (*_NAME_DOUBTS, TWIN_DOUBT))


_NAME_DOUBTS = ("name character", SEX_UNSURE, NAMES_UNCONFIRMED)


def _only_doubts(reading: PassportReading, kinds: tuple[str, ...]) -> bool:
    return (
        reading.mrz_format is not None
        and _checks_pass(reading)
        and bool(reading.doubts)
        and all(d.startswith(kinds) for d in reading.doubts)
    )


_UNSURE = re.compile(r"name character (\d+) unsure")
_DOUBTED = re.compile(r"name character (\d+) ")
_UNSURE_PAIR = re.compile(r"name character \d+ unsure \((\S) or (\S)\)")
_UNSURE_AT = re.compile(r"name character (\d+) unsure \((\S) or (\S)\)")
# A letter a wave's ink runs across (``readers.mrz_faint.crossed``): two rivals named.
_JOINED_PAIR = re.compile(r"name character (\d+) joined to its neighbours' ink \((\S) or (\S)\)$")
_SEX_PAIR = re.compile(SEX_UNSURE + r" \((\S) or (\S)\)")


def stroke_pair_doubt(reading: PassportReading) -> bool:
    """Whether an unsure name letter of ``reading`` may be its rival with a stroke washed
    out (``STROKE_LOST``): only the glyph's own ink can tell them."""
    return any(
        m.groups() in STROKE_LOST for doubt in reading.doubts if (m := _UNSURE_PAIR.match(doubt))
    )


CHECKED_FIELDS = (
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "issuing_state",
)


def confirmed(other: PassportReading, mine: PassportReading) -> PassportReading | None:
    """``mine`` accepted when a second reader (``other``) settles its unsure name letters,
    sex and like pairs; None when it does not.

    It must read the names' line as ``mine`` does from its start through the last
    unsure letter (when the sex is sure), or else pass its check digits, read every
    checked field the same and read each unsure name letter as ``mine`` does (what it
    reads elsewhere in the names does not matter: ``mine`` is sure there). An unsure
    sex, which no check digit covers, is the one of its two letters ``other`` reads. A
    document number's like pair in doubt (``readers.mrz_twins``) is settled only by the
    check digits passing and the number read alike, never by the names' line alone.
    """
    unsure = [int(m.group(1)) - 1 for d in mine.doubts if (m := _UNSURE.match(d))]
    sexes = [
        {parse_sex(c).value for c in m.groups()} for d in mine.doubts if (m := _SEX_PAIR.match(d))
    ]
    twins = [d for d in mine.doubts if d.startswith(TWIN_DOUBT)]
    if len(unsure) + len(sexes) + len(twins) != len(mine.doubts) or not mine.doubts:
        return None
    if len(unsure) >= 3:
        return None  # three doubts may be a list cut short
    if not other.lines or not mine.lines:
        return None
    accepted = mine.model_copy(update={"accepted": True, "doubts": []})
    names = mine.lines[2] if mine.mrz_format == "TD1" else mine.lines[0]
    # Tesseract often fails its own check digits (fillers read as K) yet reads the names:
    # a line it reads exactly as the templates do from its start through the last unsure
    # letter is aligned with theirs, and two readers agree on every letter of it. An
    # unsure sex, on another line, needs the other reader's whole MRZ read alike.
    last = max(unsure, default=0) + 1
    # Not for a like pair of the number: it needs the number read alike, check digits passing.
    if (
        not sexes
        and not twins
        and last >= 6
        and any(
            line[:last] == names[:last] and not _letters_differ(line, names) for line in other.lines
        )
        and not _sex_differs(other.lines, mine)
    ):
        return accepted
    if other.mrz_format != mine.mrz_format or not _checks_pass(other):
        return None
    sex = other.sex.value
    if sexes and sex not in sexes[0]:
        return None
    checked = [f for f in CHECKED_FIELDS if f != "sex" or not sexes]
    if any(getattr(other, f).value != getattr(mine, f).value for f in checked):
        return None
    theirs = other.lines[2] if other.mrz_format == "TD1" else other.lines[0]
    if len(theirs) != len(names) or any(theirs[i] != names[i] for i in unsure):
        return None
    if _letters_differ(theirs, names):
        return None
    return _with_sex(accepted, other) if sexes and sex != mine.sex.value else accepted


def _letters_differ(theirs: str, mine: str) -> bool:
    """Whether two readings of the names' line read one place as two different letters.
    A filler read as a letter is the MRZ model's usual error and says nothing; a letter
    the templates were sure of read as another letter is a disagreement no confirmation
    overrides (faint fresh seed 14000002: INGRID's washed I read T sure, the model read
    I, and its agreement on the two unsure fillers accepted TNGRID; ocrb_thin dev 63:
    OEYVIND's D read O sure, the model read D, OEYVINO accepted)."""
    return any(a != b and a.isalpha() and b.isalpha() for a, b in zip(theirs, mine, strict=False))


def _checks_pass(reading: PassportReading) -> bool:
    return bool(
        reading.document_number.check_digit_ok
        and reading.birth_date.check_digit_ok
        and reading.expiry_date.check_digit_ok
        and reading.composite_check_ok is not False
    )


_SEX_AT = {"TD1": 7, "TD2": 20, "TD3": 20}  # the sex's place in line 2


def _with_sex(reading: PassportReading, other: PassportReading) -> PassportReading:
    """``reading`` with the sex ``other`` read, in its field and its line 2."""
    at = _SEX_AT[reading.mrz_format or "TD3"]
    lines = [*reading.lines]
    lines[1] = lines[1][:at] + other.lines[1][at] + lines[1][at + 1 :]
    return reading.model_copy(update={"sex": other.sex, "lines": lines})


def strokes_lost(evened: PassportReading, as_cut: PassportReading) -> list[str]:
    """A doubt, which no second reader settles, on each name letter a band read evened
    (``readers.mrz_light``: its ink made one black against the darkest nearby) reads as
    the letter the band as cut read with a stroke fewer (``STROKE_LOST``): a washed
    stroke fainter than its neighbours' ink falls out (BAKKER's R read P on a faint page,
    whose second readers, seeing the evened band, read P too). A doubt the band as cut
    raised on a faded glyph's shape (``WASHED_PAIRS``) stands when the evened band reads
    its letter: evened, the glyph no longer looks washed. Only against a band as cut
    whose check digits pass: its lines are aligned with the evened band's (a shadow may
    shift a line as cut, whose letters are then no evidence)."""
    if evened.mrz_format != as_cut.mrz_format or not evened.lines or not as_cut.lines:
        return []
    if not _checks_pass(as_cut):
        return []
    index = 2 if evened.mrz_format == "TD1" else 0
    start = 0 if evened.mrz_format == "TD1" else 5  # the names, after the code and issuer
    mine, theirs = evened.lines[index], as_cut.lines[index]
    if len(mine) != len(theirs):
        return []
    doubted = {int(m.group(1)) - 1 for d in as_cut.doubts if (m := _DOUBTED.match(d))}
    joined = {
        int(m.group(1)) - 1: set(m.group(2, 3))
        for d in as_cut.doubts
        if (m := _JOINED_PAIR.match(d))
    }
    out = [
        d  # the wash seen on the band as cut (faint fresh seed 17000027: OCONNOR's O read D)
        for d in as_cut.doubts
        if (m := _UNSURE_AT.match(d))
        and m.group(2, 3) in WASHED_PAIRS
        and mine[int(m.group(1)) - 1 : int(m.group(1))] == m.group(2)
    ]
    for i, (e, a) in enumerate(zip(mine, theirs, strict=True)):
        if i < start or e == a:
            continue
        if (e, a) in STROKE_LOST:
            out.append(f"name character {i + 1} lost a stroke when evened ({e} or {a})")
        elif i not in doubted or e not in joined.get(i, {e}):
            # A letter the band as cut read sure, read another evened: the two views
            # of one band disagree, a second reader settles it (phone_photo dev 18's
            # thin D, sure as cut, read O evened: DIJK accepted as OIJK). So too a
            # letter a wave's ink joined to its neighbours as cut, read evened as
            # neither of its two rivals: evening makes the wave's ink as black as the
            # glyph's, and its reading is no better evidence (faint dev 291: CHUL's
            # H, joined H or X as cut, read R evened, CRUL accepted).
            out.append(f"name character {i + 1} unsure ({e} or {a})")
    return out


def reads_names_line_alike(other_lines: list[str], mine: PassportReading) -> bool:
    """Whether a second reader read ``mine``'s names line whole, letter for letter, as
    one of its lines (or inside one: a stray mark before the line's start is read as a
    letter). Every name letter then has two readers, so it settles ``mine``'s name
    doubts however many there are: three kept doubts may be a list cut short, but no
    letter beyond them is left to one reader. ``other_lines`` are the lines as read,
    no filler added (a washed-out last letter both readers drop is no agreement).

    A letter joined to its neighbours' ink is not settled so: the ink across it (a wave
    as dark as the washed print) is in what the second reader sees too, and both read
    it alike (HARUKA's U, a wave closing its top, read O by both)."""
    if not only_name_doubts(mine) or not mine.lines:
        return False
    if not all(_UNSURE.match(doubt) for doubt in mine.doubts):
        return False
    names = mine.lines[2] if mine.mrz_format == "TD1" else mine.lines[0]
    return any(names in line for line in other_lines) and not _sex_differs(other_lines, mine)


def _sex_differs(other_lines: list[str], mine: PassportReading) -> bool:
    """Whether a second reader read the sex, which neither a check digit nor the names'
    line covers, as another sex letter: in a line as long as ``mine``'s line 2, or after
    where that line stands up to the sex in one of ``other_lines`` (low_res_270 fresh
    seed 15000017: an M at 6 px read X sure, the names' line read alike by the MRZ
    model, which read M)."""
    if mine.mrz_format is None or len(mine.lines) < 2:
        return False
    at = _SEX_AT[mine.mrz_format]
    line_2 = mine.lines[1]
    before, sex = line_2[:at], line_2[at : at + 1]
    for line in other_lines:
        start = 0 if len(line) == len(line_2) else line.find(before)
        theirs = line[start + at : start + at + 1] if start >= 0 else ""
        if theirs in ("M", "F", "X", "<") and theirs != sex:
            return True
    return False
