"""Dates written in Indonesian or English prose, and dates written for a reader.

Supported (day first wherever numbers are ambiguous):

* ``15 Januari 2027``, ``15 January 2027``, ``15th of January 2027``, ``15 Jan. 2027``,
  ``Monday, 15 February 2027`` (the weekday is not part of the match)
* ``January 15, 2027``, ``January 15th 2027``
* ranges: ``10-12 Februari 2027``, ``10 to 12 February 2027``, ``10 s.d. 12 Februari 2027``,
  ``10 – 12 Feb 2027``, ``30 January – 2 February 2027``, ``30 December 2026 - 2 January 2027``,
  ``February 10-12, 2027``
* numbers: ``15/01/2027``, ``15-01-2027``, ``15.01.2027`` (day, month, year) and ISO ``2027-01-15``

A date that does not exist (31 February) is skipped, as is a range that ends before it starts.
Month names come from ``keywords.yaml`` (``months``), so an office can add spellings.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from pydantic import BaseModel, ConfigDict


class FoundDate(BaseModel):
    """A date (or a range ``date`` .. ``end``) found in a text, with where it was."""

    model_config = ConfigDict(frozen=True)

    date: dt.date
    end: dt.date | None = None  # last day of a range
    start_index: int
    end_index: int
    text: str


_DAY = r"(?:0?[1-9]|[12]\d|3[01])(?:st|nd|rd|th)?"
_YEAR = r"(?:1[89]|2\d)\d\d"
_RANGE_SEP = (
    r"\s*(?:-|–|—|~|s\.\s?d\.?|s/d|sd|sampai(?:\s+dengan)?|hingga|to|until|till|through|thru)\s*"
)


def _group(name: str, pattern: str) -> str:
    return f"(?P<{name}>{pattern})"


@lru_cache(maxsize=16)
def _compiled(
    months_key: tuple[tuple[int, tuple[str, ...]], ...],
) -> tuple[re.Pattern[str], dict[str, int]]:
    lookup: dict[str, int] = {}
    for number, names in months_key:
        for name in names:
            lookup[name.lower().rstrip(".")] = number
    names_alt = "|".join(re.escape(n) for n in sorted(lookup, key=len, reverse=True))

    def month(name: str) -> str:
        return f"(?P<{name}>{names_alt})(?![a-z])\\.?"

    def day(name: str) -> str:
        return _group(name, _DAY)

    def year(name: str) -> str:
        return _group(name, _YEAR) + r"(?!\d)"

    sp = r"[ \t\u00a0]*"  # inside a date: spaces, no line break needed
    ws = r"\s+"
    comma = r"\s*,?\s*"
    of = r"(?:\s+of)?"
    alternatives = [
        # ISO 2027-01-15
        rf"(?P<iso>{year('iy')}-(?P<im>0?[1-9]|1[0-2])-(?P<id>0?[1-9]|[12]\d|3[01])(?!\d))",
        # 15/01/2027, 15-01-2027, 15.01.2027 (one separator throughout)
        rf"(?P<num>(?P<nd>0?[1-9]|[12]\d|3[01])(?P<ns>[/.-])(?P<nm>0?[1-9]|1[0-2])(?P=ns){year('ny')})",
        # 30 January – 2 February 2027, 30 December 2026 - 2 January 2027
        rf"(?P<xr>{day('xd1')}{of}{ws}{month('xm1')}(?:{comma}{year('xy1')})?"
        rf"{_RANGE_SEP}{day('xd2')}{of}{ws}{month('xm2')}{comma}{year('xy2')})",
        # 10-12 Februari 2027, 10 s.d. 12 Februari 2027
        rf"(?P<sr>{day('sd1')}{_RANGE_SEP}{day('sd2')}{of}{ws}{month('sm')}{comma}{year('sy')})",
        # February 10-12, 2027
        rf"(?P<mr>{month('mm')}{sp}{day('md1')}{_RANGE_SEP}{day('md2')}{comma}{year('my')})",
        # January 15, 2027
        rf"(?P<mdy>{month('am')}{sp}{day('ad')}{comma}{year('ay')})",
        # 15 Januari 2027, 15th of January 2027
        rf"(?P<dmy>{day('dd')}{of}{ws}{month('dm')}{comma}{year('dy')})",
    ]
    pattern = r"(?<![\w/.-])(?:" + "|".join(alternatives) + r")(?!\w)"
    return re.compile(pattern, re.IGNORECASE), lookup


def _int_day(value: str) -> int:
    return int(re.sub(r"\D", "", value))


def _make(year: int, month: int, day: int) -> dt.date | None:
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def _parse(match: re.Match[str], lookup: dict[str, int]) -> tuple[dt.date, dt.date | None] | None:
    g = match.group

    def mon(name: str) -> int:
        return lookup[g(name).lower()]

    if g("iso"):
        day = _make(int(g("iy")), int(g("im")), int(g("id")))
        return (day, None) if day else None
    if g("num"):
        day = _make(int(g("ny")), int(g("nm")), int(g("nd")))
        return (day, None) if day else None
    if g("xr"):
        y2 = int(g("xy2"))
        end = _make(y2, mon("xm2"), _int_day(g("xd2")))
        if end is None:
            return None
        if g("xy1"):
            start = _make(int(g("xy1")), mon("xm1"), _int_day(g("xd1")))
        else:
            start = _make(y2, mon("xm1"), _int_day(g("xd1")))
            if start is not None and start > end:  # 30 December – 2 January 2027
                start = _make(y2 - 1, mon("xm1"), _int_day(g("xd1")))
        return (start, end) if start and start <= end else None
    if g("sr") or g("mr"):
        prefix = "s" if g("sr") else "m"
        year, month = int(g(prefix + "y")), mon(prefix + "m")
        start = _make(year, month, _int_day(g(prefix + "d1")))
        end = _make(year, month, _int_day(g(prefix + "d2")))
        return (start, end) if start and end and start <= end else None
    if g("mdy"):
        day = _make(int(g("ay")), mon("am"), _int_day(g("ad")))
        return (day, None) if day else None
    day = _make(int(g("dy")), mon("dm"), _int_day(g("dd")))
    return (day, None) if day else None


def find_dates(text: str, months: dict[int, list[str]]) -> list[FoundDate]:
    """Every date and date range in ``text``, in order of appearance.

    ``end`` is set for a range (and is then later than or equal to ``date``); a single
    day has ``end=None``. ``start_index``/``end_index`` slice ``text`` to ``text``.
    """
    key = tuple(sorted((number, tuple(names)) for number, names in months.items()))
    pattern, lookup = _compiled(key)
    found: list[FoundDate] = []
    for match in pattern.finditer(text):
        parsed = _parse(match, lookup)
        if parsed is None:
            continue
        start, end = parsed
        if end == start:
            end = None
        found.append(
            FoundDate(
                date=start,
                end=end,
                start_index=match.start(),
                end_index=match.end(),
                text=match.group(0),
            )
        )
    return found
