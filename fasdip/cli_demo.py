"""``fasdip digest [--send]`` and ``fasdip demo``.

The demo builds a realistic sample mailbox with the generator (every request type in
Indonesian and English, complete and incomplete, a follow-up that completes a case, a
late regional visit, an unknown sender, an auto-reply), runs the service on it with the
embedded defaults under ``var/demo`` (each complete case's reply carries its registration
proof PDFs), writes the digest with the officers' copies of the proofs, and says where
everything is.
"""

from __future__ import annotations

import argparse
import datetime as dt
import email
import email.policy
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from config.settings import Settings, load_settings
from fasdip.errors import ExitCode, UsageError

if TYPE_CHECKING:  # the store, the mailroom and the pipeline load only for these commands
    from fasdip.pipeline import Triage
    from responders.digest import RenderedDigest


def register(commands: Any) -> None:
    digest = commands.add_parser(
        "digest", help="write the officers' digest from the store (and mail it)"
    )
    digest.add_argument("--send", action="store_true", help="also mail it to digest.recipients")
    digest.set_defaults(handler=run_digest)
    demo = commands.add_parser(
        "demo", help="run the service on a bundled sample mailbox (under var/demo)"
    )
    demo.add_argument("--dir", type=Path, default=Path("var/demo"), help="where the demo lives")
    demo.set_defaults(handler=run_demo)


def run_digest(args: argparse.Namespace) -> int:
    from fasdip.casefiles import send_digest
    from fasdip.pipeline import Triage

    settings = load_settings(args.config)
    rendered, path = _digest(settings, Triage.load(settings))
    print(f"digest: {path} (and {path.with_suffix('.txt').name})")
    if args.send:
        print(f"sent to {', '.join(send_digest(settings, rendered))}")
    return int(ExitCode.ok)


def _digest(settings: Settings, triage: Triage) -> tuple[RenderedDigest, Path]:
    from config.catalog import FindingCatalog
    from fasdip.casefiles import CaseFiles
    from fasdip.mailroom import Mailroom

    mailroom = Mailroom.open(settings, triage=triage)
    try:
        catalog = FindingCatalog(triage.office.messages, triage.office.requirements)
        files = CaseFiles(settings, mailroom.store, triage.office.requirements, catalog)
        return files.digest(dt.datetime.now(dt.UTC))
    finally:
        mailroom.close()


def demo_settings(settings: Settings, base: Path) -> Settings:
    """The embedded defaults, every folder under ``base``, the generator's missions registered."""
    return settings.model_copy(
        update={
            "store": settings.store.model_copy(update={"url": None, "var_dir": base}),
            "service": settings.service.model_copy(
                update={
                    "inbox_dir": base / "inbox",
                    "outbox_dir": base / "outbox",
                    "lock_file": base / "fasdip.lock",
                }
            ),
            "missions": settings.missions.model_copy(update={"file": base / "missions.yaml"}),
            "digest": settings.digest.model_copy(update={"output_dir": base / "digest"}),
            "imap": settings.imap.model_copy(update={"host": ""}),
            "smtp": settings.smtp.model_copy(update={"host": ""}),
        }
    )


def run_demo(args: argparse.Namespace) -> int:
    from fasdip.mailroom import Mailroom
    from fasdip.pipeline import Triage
    from samples.demo import demo_mailbox
    from samples.missions import registry_yaml

    base: Path = args.dir
    if base.exists() and any(base.iterdir()):
        raise UsageError(f"{base} is not empty: remove it or give another --dir")
    (base / "inbox").mkdir(parents=True)
    (base / "missions.yaml").write_text(registry_yaml(), encoding="utf-8")
    settings = demo_settings(load_settings(args.config), base)
    triage = Triage.load(settings)
    waves = demo_mailbox()
    total = sum(len(wave) for wave in waves)
    done = 0
    mailroom = Mailroom.open(settings, triage=triage)
    try:
        for wave in waves:  # the follow-ups arrive after the replies they answer
            for name, raw in wave:
                (base / "inbox" / f"{name}.eml").write_bytes(raw)
                mailroom.poll_once()
                done += 1
                _progress(done, total, name)
    finally:
        mailroom.close()
    print(file=sys.stderr)
    _, digest_path = _digest(settings, triage)
    proofs = sorted((base / "proofs").glob("*.pdf")) if (base / "proofs").exists() else []
    replies = sorted((base / "outbox").glob("*.eml"))
    attached = sum(_pdf_count(path.read_bytes()) for path in replies)
    print(f"demo: {total} mails processed")
    print(f"  replies to missions:  {base / 'outbox'}/ ({len(replies)} files)")
    print(f"  registration proofs:  {attached} PDFs attached to the replies")
    print(f"  officers' copies:     {base / 'proofs'}/ ({len(proofs)} files)")
    print(f"  officers' digest:     {digest_path}")
    print(f"  case store:           {base / 'fasdip.sqlite3'}")
    return int(ExitCode.ok)


def _pdf_count(message: bytes) -> int:
    """How many PDF files a written reply carries."""
    parsed = email.message_from_bytes(message, policy=email.policy.default)
    return sum(1 for part in parsed.walk() if part.get_content_type() == "application/pdf")


def _progress(done: int, total: int, name: str) -> None:
    width = 30
    filled = width * done // total
    bar = "#" * filled + "." * (width - filled)
    sys.stderr.write(f"\r[{bar}] {done:>3}/{total} {name[:40]:<40}")
    sys.stderr.flush()
