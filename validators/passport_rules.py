"""Findings from a passport reading: unreadable MRZ, check digits, expired, expires soon.

Only an accepted reading (every check digit passes, nothing in doubt) may produce the
expiry findings: a date read with doubt is never used to tell a mission its passport
has expired. Passport numbers are never logged in full (``fasdip.logs.mask``).
"""

from __future__ import annotations

import datetime as dt
import logging

from config.catalog import FindingCatalog
from fasdip.logs import mask
from fasdip.models import Attachment, DocumentType, Finding, FindingCode, PassportReading
from validators._findings import bilingual_date, make_bilingual

log = logging.getLogger(__name__)


def add_months(day: dt.date, months: int) -> dt.date:
    """``day`` plus ``months`` calendar months (the last day of a shorter month)."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    for candidate in (day.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(day.day, candidate))
        except ValueError:
            continue
    raise AssertionError("unreachable")


def passport_findings(
    reading: PassportReading,
    attachment: Attachment,
    today: dt.date,
    warn_months: int,
    catalog: FindingCatalog,
    applicant: str | None,
) -> list[Finding]:
    """What the mission must be told about a passport copy's MRZ."""

    def make(code: FindingCode, expiry: dt.date | None = None) -> Finding:
        if expiry is None:
            return catalog.make(
                code, attachment=attachment, applicant=applicant, document=DocumentType.passport
            )
        id_date, en_date = bilingual_date("expiry_date", expiry)
        return make_bilingual(
            catalog,
            code,
            id_params=id_date,
            en_params=en_date,
            attachment=attachment,
            applicant=applicant,
            document=DocumentType.passport,
            expiry_date_iso=expiry.isoformat(),
        )

    if reading.mrz_format is None:
        return [make(FindingCode.mrz_unreadable)]
    if not reading.accepted:
        log.info(
            "passport %s (%s): not accepted: %s",
            attachment.id,
            mask(reading.document_number.value or ""),
            "; ".join(reading.doubts)[:200],
        )
        return [make(FindingCode.mrz_check_digit)]
    if reading.expiry_date.value is None:
        return []
    expiry = dt.date.fromisoformat(reading.expiry_date.value)
    if expiry < today:
        return [make(FindingCode.passport_expired, expiry)]
    if expiry < add_months(today, warn_months):
        return [make(FindingCode.passport_expires_soon, expiry)]
    return []
