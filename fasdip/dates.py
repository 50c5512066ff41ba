"""Dates as people read them in a reply, a digest or a proof (``10 Februari 2027``), and
the one check of a time-zone name that settings and the reply's identity both use."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

MONTHS_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)  # fmt: skip
MONTHS_EN = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def format_date_id(day: dt.date) -> str:
    """``2027-02-10`` -> ``10 Februari 2027``."""
    return f"{day.day} {MONTHS_ID[day.month - 1]} {day.year}"


def format_date_en(day: dt.date) -> str:
    """``2027-02-10`` -> ``10 February 2027``."""
    return f"{day.day} {MONTHS_EN[day.month - 1]} {day.year}"


def known_zone(value: str) -> str:
    """``value`` when it names a time zone (a pydantic validator), else ``ValueError``."""
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        raise ValueError(f"unknown time zone '{value}' (use a name like Asia/Jakarta)") from exc
    return value
