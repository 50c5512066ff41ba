"""Working days with the 2026/2027 Indonesian holidays, checked by hand on a calendar.

February 2027:            March 2026 (Idul Fitri):           April 2026:
Mo Tu We Th Fr Sa Su       Mo Tu We Th Fr Sa Su               Mo Tu We Th Fr Sa Su
 1  2  3  4 [5][6] 7       16 17[18][19][20][21][22]                  1  2 [3] 4 [5]
 8  9 10 11 12 13 14      [23][24]25 26 27 28 29               6  7  8  9 10 11 12
15 16 17 18 19 20 21       30 31
22 23 24 25 26 27 28
[5] cuti bersama Imlek, [6] Imlek; [18] cuti bersama Nyepi, [19] Nyepi, [20] [23] [24]
cuti bersama Idul Fitri, [21] [22] Idul Fitri; [3] Good Friday, [5] Easter.
"""

from __future__ import annotations

import datetime as dt

import pytest

from validators import (
    count_working_days,
    indonesian_holidays,
    local_date,
    working_day_deadline,
)
from validators.workdays import is_working_day

D = dt.date
WITH_JOINT = indonesian_holidays([2026, 2027])
PUBLIC_ONLY = indonesian_holidays([2026, 2027], include_joint_leave=False)


def test_holiday_categories() -> None:
    assert D(2027, 2, 6) in WITH_JOINT and D(2027, 2, 6) in PUBLIC_ONLY  # Imlek
    assert D(2027, 2, 5) in WITH_JOINT  # cuti bersama Imlek
    assert D(2027, 2, 5) not in PUBLIC_ONLY
    assert D(2026, 8, 17) in WITH_JOINT  # Hari Kemerdekaan
    assert D(2026, 3, 23) in WITH_JOINT and D(2026, 3, 24) in WITH_JOINT


def test_is_working_day() -> None:
    assert is_working_day(D(2027, 2, 4), WITH_JOINT)  # Thursday
    assert not is_working_day(D(2027, 2, 5), WITH_JOINT)  # cuti bersama
    assert is_working_day(D(2027, 2, 5), PUBLIC_ONLY)
    assert not is_working_day(D(2027, 2, 13), {})  # Saturday
    assert not is_working_day(D(2027, 2, 14), {})  # Sunday


@pytest.mark.parametrize(
    ("visit", "holidays_", "deadline"),
    [
        # no holiday in the way: two weeks and four days back
        (D(2026, 7, 20), WITH_JOINT, D(2026, 6, 30)),
        # Imlek: the cuti bersama Friday 5 February moves the deadline one working day
        (D(2027, 2, 22), WITH_JOINT, D(2027, 2, 1)),
        (D(2027, 2, 22), PUBLIC_ONLY, D(2027, 2, 2)),
        # a Friday visit: the deadline is a Friday too
        (D(2027, 2, 19), WITH_JOINT, D(2027, 1, 29)),
        # Idul Fitri 2026 and Good Friday: five days off in the way with cuti bersama
        (D(2026, 4, 8), WITH_JOINT, D(2026, 3, 11)),
        (D(2026, 4, 8), PUBLIC_ONLY, D(2026, 3, 17)),
        # a visit on a Sunday counts back from the Friday before
        (D(2026, 7, 19), WITH_JOINT, D(2026, 6, 30)),
    ],
)
def test_deadline_by_hand(visit: dt.date, holidays_: dict[dt.date, str], deadline: dt.date) -> None:
    assert working_day_deadline(visit, 14, holidays_) == deadline
    assert count_working_days(deadline, visit, holidays_) == 14
    assert count_working_days(deadline + dt.timedelta(days=1), visit, holidays_) == 13


def test_deadline_is_always_a_working_day() -> None:
    day = D(2026, 1, 1)
    while day < D(2027, 12, 31):
        deadline = working_day_deadline(day, 14, WITH_JOINT)
        assert is_working_day(deadline, WITH_JOINT)
        assert count_working_days(deadline, day, WITH_JOINT) == 14
        day += dt.timedelta(days=1)


def test_zero_working_days_is_the_visit_day() -> None:
    assert working_day_deadline(D(2027, 2, 22), 0, WITH_JOINT) == D(2027, 2, 22)
    with pytest.raises(ValueError):
        working_day_deadline(D(2027, 2, 22), -1, WITH_JOINT)


def test_count_working_days() -> None:
    assert count_working_days(D(2027, 2, 1), D(2027, 2, 8), WITH_JOINT) == 4  # Mon-Thu
    assert count_working_days(D(2027, 2, 1), D(2027, 2, 8), PUBLIC_ONLY) == 5
    assert count_working_days(D(2027, 2, 8), D(2027, 2, 1), WITH_JOINT) == 0
    assert count_working_days(D(2027, 2, 6), D(2027, 2, 8), WITH_JOINT) == 0  # weekend


def test_holidays_of_other_years_are_loaded_on_demand() -> None:
    ids = indonesian_holidays([2026])
    assert D(2028, 8, 17) in ids


def test_local_date_is_jakarta() -> None:
    late_utc = dt.datetime(2027, 2, 1, 18, 30, tzinfo=dt.UTC)  # 01:30 WIB on 2 February
    assert local_date(late_utc) == D(2027, 2, 2)
    assert local_date(dt.datetime(2027, 2, 1, 16, 59, tzinfo=dt.UTC)) == D(2027, 2, 1)
    assert local_date(dt.datetime(2027, 2, 1, 18, 30)) == D(2027, 2, 2)  # naive = UTC
    assert local_date(late_utc, "Asia/Jayapura") == D(2027, 2, 2)
