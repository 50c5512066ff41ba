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
import logging
import os
import sys
from pathlib import Path
from typing import Any

from config.settings import load_settings
from fasdip.errors import ExitCode, InputFileError, UsageError

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


def run_purge(args: argparse.Namespace) -> int:
    # The store, the mailroom and the service load only for this command (not for triage).
    from fasdip.mailroom import worker_name
    from fasdip.retention import purge_closed_cases
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
    from fasdip.store import Vault  # the store loads only for this command

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
