"""Working days in Indonesia: weekends and Indonesian holidays excluded.

The rule "at least N working days before the visit" (docs/services-page.txt, section 7) is read
as: step back from the visit day, counting only working days (the visit day itself is
not counted); the day reached at the N-th working day is the *deadline*. A request is
in time when it was received (date in Asia/Jakarta) on or before the deadline. Then
``count_working_days(deadline, visit) == N``.

Holidays: ``indonesian_holidays`` uses the ``holidays`` package, categories ``public``
(national holidays, *hari libur nasional*) and, by default, ``government``: the joint
leave days (*cuti bersama*) set each year by the joint decree of three ministers for
civil servants (ASN). Kemlu is a government office, so on cuti bersama it is closed
and those days are not working days for the Directorate either. Dates of Islamic
holidays in future years are estimates of the package until the decree is published.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    import holidays

_ONE_DAY = dt.timedelta(days=1)


def indonesian_holidays(
    years: Iterable[int], *, include_joint_leave: bool = True
) -> holidays.HolidayBase:
    """Indonesian holidays for ``years``; with ``include_joint_leave`` also cuti bersama."""
    import holidays  # 0.1 s to import, 0.3 s more for its countries: only when asked

    categories = ("public", "government") if include_joint_leave else ("public",)
    return holidays.country_holidays("ID", years=list(years), categories=categories)


def local_date(moment: dt.datetime, timezone: str = "Asia/Jakarta") -> dt.date:
    """The calendar date of ``moment`` in ``timezone`` (the receipt date of the rules).

    A naive ``moment`` is taken to be UTC (mail servers' ``Received:`` times are
    normally given with an offset; without one, UTC is the safe reading).
    """
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(ZoneInfo(timezone)).date()


def is_working_day(day: dt.date, country_holidays: Mapping[dt.date, str]) -> bool:
    """Monday to Friday and not a holiday."""
    return day.weekday() < 5 and day not in country_holidays


def working_day_deadline(
    visit: dt.date, working_days: int, country_holidays: Mapping[dt.date, str]
) -> dt.date:
    """The last receipt date that still leaves ``working_days`` working days before ``visit``.

    With ``working_days == 0`` it is the visit day itself.
    """
    if working_days < 0:
        raise ValueError("working_days must be 0 or more")
    day = visit
    counted = 0
    while counted < working_days:
        day -= _ONE_DAY
        if is_working_day(day, country_holidays):
            counted += 1
    return day


def count_working_days(
    start: dt.date, end: dt.date, country_holidays: Mapping[dt.date, str]
) -> int:
    """Working days ``d`` with ``start <= d < end`` (0 when ``end <= start``)."""
    count = 0
    day = start
    while day < end:
        if is_working_day(day, country_holidays):
            count += 1
        day += _ONE_DAY
    return count
