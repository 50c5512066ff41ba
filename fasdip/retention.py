"""Retention: raw mails and documents of cases closed ``protection.retention_days`` ago.

Run every day at 03:00 by ``fasdip run`` (once per office) and on demand by ``fasdip
purge``; the case records stay, without personal data (``fasdip.store.redaction``), and the
purged documents' readings leave the readings cache. In folder mode the purged mails in
``inbox/done/`` and the cases' replies in the outbox folder go too. With
``retention_days`` 0 nothing is purged.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import logging

from config.settings import Settings
from fasdip.store import PurgeReport, Store, Vault
from fasdip.workers import readings_file
from readers.cache import ReadingCache

log = logging.getLogger(__name__)


def purge_closed_cases(settings: Settings, store: Store, now: dt.datetime) -> PurgeReport:
    """Retention with the store open: returns the store's ``PurgeReport`` (nothing is
    purged when ``protection.retention_days`` is 0)."""

    days = settings.protection.retention_days
    if days <= 0:
        return PurgeReport()
    report = store.purge_closed(now - dt.timedelta(days=days), now)
    forget_readings(settings, report.document_sha256s)
    report = report.model_copy(
        update={"raw_files": report.raw_files + purge_folders(settings, report)}
    )
    if report.cases or report.raw_files or report.document_files:
        log.info(
            "retention (%d days): purged %d case(s), %d raw mail file(s), %d document(s)",
            days,
            len(report.cases),
            report.raw_files,
            report.document_files,
        )
    return report


def forget_readings(settings: Settings, document_sha256s: list[str]) -> int:
    """The purged documents' passport and KTP readings leave ``var/readings.sqlite3``."""
    return ReadingCache(path=readings_file(settings)).forget(document_sha256s)


def purge_folders(settings: Settings, report: PurgeReport) -> int:
    """Folder mode: the purged mails in ``inbox/done/`` (known by the sha256 of their
    bytes) and the replies of the purged cases in the outbox folder (named by case
    number) are deleted too. Returns how many files."""
    vault = Vault.from_settings(settings.protection)
    deleted = 0
    done = settings.service.inbox_dir / "done"
    if not settings.imap.host and report.raw_sha256s and done.is_dir():
        wanted = set(report.raw_sha256s)
        for path in [p for p in done.iterdir() if p.is_file()]:
            if hashlib.sha256(vault.read_file(path)).hexdigest() in wanted:
                path.unlink()
                deleted += 1
    outbox = settings.service.outbox_dir
    if not settings.smtp.host and report.cases and outbox.is_dir():
        prefixes = tuple(f"{number}." for number in report.cases)
        for path in [p for p in outbox.iterdir() if p.name.startswith(prefixes)]:
            path.unlink()
            deleted += 1
    return deleted
