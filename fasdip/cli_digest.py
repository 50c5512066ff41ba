"""``fasdip digest [--send]``: the officers' digest from the store (and mail it)."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.catalog import FindingCatalog
from config.settings import Settings, load_settings
from fasdip.errors import ExitCode

if TYPE_CHECKING:  # the triage and the digest renderer load only for this command
    from fasdip.pipeline import Triage
    from responders.digest import RenderedDigest


def register(commands: Any) -> None:
    digest = commands.add_parser(
        "digest", help="write the officers' digest from the store (and mail it)"
    )
    digest.add_argument("--send", action="store_true", help="also mail it to digest.recipients")
    digest.set_defaults(handler=run_digest)


def run_digest(args: argparse.Namespace) -> int:
    from fasdip.casefiles import send_digest  # the store loads only for this command
    from fasdip.pipeline import Triage

    settings = load_settings(args.config)
    rendered, path = digest_from_store(settings, Triage.load(settings))
    print(f"digest: {path} (and {path.with_suffix('.txt').name})")
    if args.send:
        print(f"sent to {', '.join(send_digest(settings, rendered))}")
    return int(ExitCode.ok)


def digest_from_store(settings: Settings, triage: Triage) -> tuple[RenderedDigest, Path]:
    """The digest of the store's cases written under ``digest.output_dir``: (digest, path)."""
    from fasdip.casefiles import CaseFiles  # the store loads only for this command
    from fasdip.mailroom import Mailroom

    mailroom = Mailroom.open(settings, triage=triage)
    try:
        catalog = FindingCatalog(triage.office.messages, triage.office.requirements)
        files = CaseFiles(settings, mailroom.store, triage.office.requirements, catalog)
        return files.digest(dt.datetime.now(dt.UTC))
    finally:
        mailroom.close()
