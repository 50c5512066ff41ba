"""``fasdip protect [--check]``: seal what the store holds in clear from before
``protection.encryption_key`` was set (raw mails, documents, verdicts, proofs, officers'
corrections, case identities, readings). ``--check`` only counts them (exit 1 when some
are left, for a monitor); the command is safe to run again, and with the service running."""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from config.settings import load_settings
from fasdip.errors import ExitCode

EXIT_PLAIN_LEFT = 1


def register(commands: Any) -> None:
    protect = commands.add_parser(
        "protect",
        help="seal what was stored in clear before protection.encryption_key was set",
    )
    protect.add_argument(
        "--check", action="store_true", help="only count what is in clear (exit 1 if any)"
    )
    protect.set_defaults(handler=run_protect)


def run_protect(args: argparse.Namespace) -> int:
    from fasdip.store import Store  # the store loads only for this command
    from fasdip.workers import readings_file
    from readers.cache import ReadingCache

    settings = load_settings(args.config)
    store = Store.open(settings.store, worker="protect-cli", protection=settings.protection)
    folders = [settings.service.inbox_dir / "done", settings.service.outbox_dir]
    try:
        if args.check:
            left = store.plain_left(folders)
            print(f"in clear: {left.line()}")
            return EXIT_PLAIN_LEFT if left.total else int(ExitCode.ok)
        report = store.seal_plain(folders)
        readings = ReadingCache(path=readings_file(settings)).forget_unsealed()
        done = report.line() + (f", {readings} readings deleted" if readings else "")
        store.audit("cli", "protect", f"sealed: {done}", dt.datetime.now(dt.UTC))
        print(f"sealed: {done}")
    finally:
        store.close()
    return int(ExitCode.ok)
