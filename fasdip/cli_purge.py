"""Data-protection commands: ``fasdip purge`` and ``fasdip document``.

    fasdip purge [--dry-run]        delete raw mails and documents of cases closed for
                                    protection.retention_days days (the case records stay)
    fasdip document FILE [-o OUT]   a stored document or raw mail in clear (decrypted with
                                    protection.encryption_key when it is sealed, *.enc)

``purge`` takes the service's instance lock (one of ``fasdip run``, ``poll``, ``purge`` at
a time); with ``retention_days`` 0 it is a usage error that says which setting to set.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import logging
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.settings import Settings, load_settings
from fasdip.errors import ExitCode, InputFileError, UsageError

if TYPE_CHECKING:  # the store loads only for these commands
    from fasdip.store import PurgeReport, Store

log = logging.getLogger(__name__)


def register(commands: Any) -> None:
    purge = commands.add_parser(
        "purge",
        help="delete raw mails and documents of cases closed for protection.retention_days",
    )
    purge.add_argument(
        "--dry-run", action="store_true", help="only list the cases that would be purged"
    )
    purge.set_defaults(handler=run_purge)
    document = commands.add_parser(
        "document", help="write a stored document or raw mail in clear (decrypting a .enc file)"
    )
    document.add_argument("file", type=Path, help="a file under var/documents or var/raw")
    document.add_argument(
        "-o", "--out", type=Path, help="write it here (mode 0600) instead of standard output"
    )
    document.set_defaults(handler=run_document)


def purge_closed_cases(settings: Settings, store: Store, now: dt.datetime) -> PurgeReport:
    """Retention with the store open: returns the store's ``PurgeReport`` (nothing is
    purged when ``protection.retention_days`` is 0)."""
    from fasdip.store import PurgeReport

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
    from fasdip.workers import readings_file
    from readers.cache import ReadingCache

    return ReadingCache(path=readings_file(settings)).forget(document_sha256s)


def purge_folders(settings: Settings, report: PurgeReport) -> int:
    """Folder mode: the purged mails in ``inbox/done/`` (known by the sha256 of their
    bytes) and the replies of the purged cases in the outbox folder (named by case
    number) are deleted too. Returns how many files."""
    from fasdip.store import Vault

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


def run_purge(args: argparse.Namespace) -> int:
    from fasdip.mailroom import worker_name
    from fasdip.service import instance_lock
    from fasdip.store import Store

    settings = load_settings(args.config)
    days = settings.protection.retention_days
    if days <= 0:
        raise UsageError(
            "purge: protection.retention_days is 0 (keep everything); set "
            "FASDIP_PROTECTION__RETENTION_DAYS to the days a closed case keeps its documents"
        )
    now = dt.datetime.now(dt.UTC)
    with instance_lock(settings.service.lock_file):
        store = Store.open(
            settings.store, worker=worker_name(settings), protection=settings.protection
        )
        try:
            if args.dry_run:
                cases = store.closed_cases(now - dt.timedelta(days=days))
                for case in cases:
                    print(case.number)
                print(f"{len(cases)} closed case(s) older than {days} days would be purged")
                return int(ExitCode.ok)
            report = purge_closed_cases(settings, store, now)
        finally:
            store.close()
    print(
        f"purged {len(report.cases)} case(s): {report.raw_files} raw mail file(s), "
        f"{report.document_files} document(s); case records kept"
    )
    return int(ExitCode.ok)


def run_document(args: argparse.Namespace) -> int:
    from fasdip.store import Vault

    settings = load_settings(args.config)
    path: Path = args.file
    if not path.is_file():
        raise InputFileError(f"{path}: no such file; give a file under var/documents or var/raw")
    try:
        data = Vault.from_settings(settings.protection).read_file(path)
    except OSError as exc:
        raise InputFileError(f"{path}: cannot read ({exc.strerror})") from exc
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return int(ExitCode.ok)
    out: Path = args.out
    try:
        fd = os.open(out, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, settings.protection.file_mode)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputFileError(f"{out}: cannot write ({exc.strerror})") from exc
    print(f"{out}: {len(data)} bytes")
    return int(ExitCode.ok)
