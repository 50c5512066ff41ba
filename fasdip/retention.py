"""Retention: raw mails and documents of cases closed ``protection.retention_days`` ago.

Run every day at 03:00 by ``fasdip run`` and on demand by ``fasdip purge``; the case
records stay. With ``retention_days`` 0 nothing is purged.
"""

from __future__ import annotations

import datetime as dt
import logging

from config.settings import Settings
from fasdip.store import PurgeReport, Store

log = logging.getLogger(__name__)


def purge_closed_cases(settings: Settings, store: Store, now: dt.datetime) -> PurgeReport:
    """Retention with the store open: returns the store's ``PurgeReport`` (nothing is
    purged when ``protection.retention_days`` is 0)."""

    days = settings.protection.retention_days
    if days <= 0:
        return PurgeReport()
    report = store.purge_closed(now - dt.timedelta(days=days), now)
    if report.cases or report.raw_files or report.document_files:
        log.info(
            "retention (%d days): purged %d case(s), %d raw mail file(s), %d document(s)",
            days,
            len(report.cases),
            report.raw_files,
            report.document_files,
        )
    return report
