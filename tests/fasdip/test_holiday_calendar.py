"""Holidays are looked up only when a rule counts working days (a triage of a passport
for a visitor pass never loads the ``holidays`` package), and then count as before."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from fasdip.holiday_calendar import HolidayCalendar
from fasdip.models import FindingCode
from fasdip.pipeline import Triage
from samples.emails import build_email
from samples.files import text_pdf
from validators import indonesian_holidays


def test_the_calendar_holds_the_indonesian_holidays_of_the_years_around() -> None:
    calendar = HolidayCalendar()
    span = calendar.around(dt.date(2026, 8, 10))
    assert calendar.built() == 0  # nothing is built until a look-up
    assert dt.date(2026, 8, 17) in span  # Independence Day
    assert dict(span) == dict(indonesian_holidays([2025, 2026, 2027]))
    assert calendar.around(dt.date(2026, 1, 5))[dt.date(2026, 8, 17)] == "Independence Day"
    assert calendar.built() == 1  # the same span is built once


def _visit(received: dt.datetime) -> bytes:
    lines = [
        "The Embassy of the Kingdom of Norway has the honour to notify the regional visit of",
        "Mr. Ola NORDMANN, First Secretary, to Yogyakarta on 31 August 2026.",
    ]
    return build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="Regional visit to Yogyakarta",
        body="Dear Sir or Madam, please find attached our note on a regional visit.",
        attachments=[("Note Verbale.pdf", "application/pdf", text_pdf("NOTE VERBALE", lines))],
        date=received,
        message_id=f"<visit-{received:%m%d}@norway-embassy.example>",
    )


@pytest.mark.parametrize(
    ("received", "late"),
    [
        # 14 working days before Monday 31 August 2026 reach back to Friday 7 August with
        # 17 August (Independence Day) and 25 August (the Prophet's Birthday) not counted;
        # counting those two as working days would give Tuesday 11 August.
        (dt.datetime(2026, 8, 7, 2, 0, tzinfo=dt.UTC), False),
        (dt.datetime(2026, 8, 10, 2, 0, tzinfo=dt.UTC), True),
    ],
)
def test_a_regional_visit_counts_working_days_without_the_holidays(
    triage: Triage, received: dt.datetime, late: bool
) -> None:
    fresh = dataclasses.replace(triage, calendar=HolidayCalendar())
    verdict = fresh.run(_visit(received))
    assert (FindingCode.visit_too_late in {f.code for f in verdict.findings}) == late
    assert fresh.calendar.built() == 1


def test_a_passport_for_a_visitor_pass_loads_no_holidays(triage: Triage) -> None:
    raw = build_email(
        sender="protocol@norway-embassy.example",
        sender_name="Protocol",
        subject="Passport copy for the visitor pass",
        body="Dear Sir or Madam,\nPlease find attached the passport copy.\n",
        attachments=[
            ("Passport Nordmann.pdf", "application/pdf", text_pdf("PASSPORT", ["NORDMANN"]))
        ],
        date=dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC),
        message_id="<visitor@norway-embassy.example>",
    )
    fresh = dataclasses.replace(triage, calendar=HolidayCalendar())
    fresh.run(raw)
    assert fresh.calendar.built() == 0
