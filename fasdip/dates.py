"""Dates as people read them in a reply, a digest or a proof: ``10 Februari 2027``."""

from __future__ import annotations

import datetime as dt

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
