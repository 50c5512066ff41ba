"""Findings from passport readings: only accepted reads may say a passport has expired."""

from __future__ import annotations

import datetime as dt

from fasdip.models import FieldRead, FindingCode, PassportReading, Severity
from tests.validators.factories import Office, build_attachment
from validators.passport_rules import add_months, passport_findings

TODAY = dt.date(2025, 6, 1)


def reading(expiry: str, accepted: bool = True, fmt: str | None = "TD3") -> PassportReading:
    return PassportReading(
        attachment="a1",
        mrz_format=fmt,
        document_number=FieldRead(value="X12345678", check_digit_ok=True),
        expiry_date=FieldRead(value=expiry, check_digit_ok=True),
        accepted=accepted,
        doubts=[] if accepted else ["composite check digit fails"],
    )


def codes(office: Office, r: PassportReading) -> list[tuple[FindingCode, Severity]]:
    attachment = build_attachment("passport.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    found = passport_findings(r, attachment, TODAY, 6, office.catalog, "p1")
    return [(f.code, f.severity) for f in found]


def test_expired(office: Office) -> None:
    assert codes(office, reading("2025-05-31")) == [
        (FindingCode.passport_expired, Severity.blocking)
    ]


def test_expires_soon_is_a_warning(office: Office) -> None:
    assert codes(office, reading("2025-11-30")) == [
        (FindingCode.passport_expires_soon, Severity.warning)
    ]
    assert codes(office, reading("2025-12-01")) == []


def test_a_doubtful_read_never_says_expired(office: Office) -> None:
    assert codes(office, reading("2020-01-01", accepted=False)) == [
        (FindingCode.mrz_check_digit, Severity.blocking)
    ]


def test_nothing_read_is_unreadable(office: Office) -> None:
    assert codes(office, reading("2030-01-01", accepted=False, fmt=None)) == [
        (FindingCode.mrz_unreadable, Severity.blocking)
    ]


def test_the_expiry_date_is_quoted_as_each_language_writes_it(office: Office) -> None:
    attachment = build_attachment("passport.jpg", b"\xff\xd8\xff\xe0" + b"0" * 100)
    found = passport_findings(reading("2024-01-31"), attachment, TODAY, 6, office.catalog, None)
    assert found[0].params["expiry_date_iso"] == "2024-01-31"
    assert "expired on 31 January 2024." in found[0].text_en
    assert "pada 31 Januari 2024." in found[0].text_id
    assert "2024-01-31" not in found[0].text_en + found[0].text_id


def test_add_months_keeps_month_ends() -> None:
    assert add_months(dt.date(2025, 8, 31), 6) == dt.date(2026, 2, 28)
    assert add_months(dt.date(2025, 6, 1), 6) == dt.date(2025, 12, 1)
