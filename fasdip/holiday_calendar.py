"""Indonesian holidays for the working-day rules, built only when a rule looks one up.

The ``holidays`` package imports the module of every country it knows (some 250) to
give one: about 0.3 s of CPU, a fifth of a ``fasdip triage`` of a mail whose rules count
no working days (a passport for a visitor pass). ``HolidayCalendar.around(day)`` is a
mapping that builds the table of ``day``'s year and the years either side at its first
look-up, once per process for each span of years (the service judges its mails with
the same few tables). What it holds is ``validators.indonesian_holidays`` unchanged.
"""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Iterator, Mapping

import validators


class HolidayCalendar:
    """Tables of Indonesian holidays (cuti bersama included), kept per span of years."""

    def __init__(self) -> None:
        self._tables: dict[tuple[int, int], Mapping[dt.date, str]] = {}
        self._lock = threading.Lock()

    def around(self, day: dt.date) -> Mapping[dt.date, str]:
        """The holidays of the year before ``day``'s to the year after, looked up lazily."""
        return _LazyHolidays(self, day.year - 1, day.year + 1)

    def table(self, first: int, last: int) -> Mapping[dt.date, str]:
        """The holidays of the years ``first`` to ``last``, built at the first call."""
        with self._lock:
            table = self._tables.get((first, last))
            if table is None:
                table = validators.indonesian_holidays(range(first, last + 1))
                self._tables[(first, last)] = table
            return table

    def built(self) -> int:
        """How many tables were built (none until a rule counts working days)."""
        return len(self._tables)


class _LazyHolidays(Mapping[dt.date, str]):
    """A span of the calendar; the table is asked for at the first look-up."""

    def __init__(self, calendar: HolidayCalendar, first: int, last: int) -> None:
        self._calendar, self._first, self._last = calendar, first, last

    def _table(self) -> Mapping[dt.date, str]:
        return self._calendar.table(self._first, self._last)

    def __getitem__(self, day: dt.date) -> str:
        return self._table()[day]

    def __contains__(self, day: object) -> bool:
        return day in self._table()

    def __iter__(self) -> Iterator[dt.date]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())
