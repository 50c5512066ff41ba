"""``fasdip demo [--mailbox DIR] [--dir DIR]``: the service on a sample mailbox.

The sample mailbox is written by the fixture generator (``python -m samples demo DIR``,
which ``make demo`` runs): every request type in Indonesian and English, complete and
incomplete, a follow-up that completes a case, a late regional visit, an unknown sender,
an auto-reply, and the generator's missions registry (``missions.yaml``). Its mails lie
in numbered wave folders (``1/``, ``2/``): a wave arrives after the replies to the one
before. The demo runs the service on them with the embedded defaults under ``var/demo``
(each complete case's reply carries its registration proof PDFs), writes the digest with
the officers' copies of the proofs, and says where everything is. The
production command reads the folder; it does not import the generator.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import sys
from pathlib import Path
from typing import Any

from config.settings import Settings, load_settings
from fasdip.cli_digest import digest_from_store
from fasdip.errors import ExitCode, UsageError

DEFAULT_MAILBOX = Path("var/demo-mailbox")
Mail = tuple[str, bytes]


def register(commands: Any) -> None:
    demo = commands.add_parser(
        "demo", help="run the service on a generated sample mailbox (under var/demo)"
    )
    demo.add_argument(
        "--mailbox",
        type=Path,
        default=DEFAULT_MAILBOX,
        help="the sample mailbox (written by `python -m samples demo DIR`)",
    )
    demo.add_argument("--dir", type=Path, default=Path("var/demo"), help="where the demo lives")
    demo.set_defaults(handler=run_demo)


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


def read_mailbox(mailbox: Path) -> tuple[str, list[list[Mail]]]:
    """The registry's text and the waves of mail (each wave's files in name order)."""
    registry = mailbox / "missions.yaml"
    folders = (
        sorted(
            (p for p in mailbox.iterdir() if p.is_dir() and p.name.isdigit()),
            key=lambda p: int(p.name),
        )
        if mailbox.is_dir()
        else []
    )
    if not registry.is_file() or not folders:
        raise UsageError(
            f"{mailbox}: no sample mailbox (missions.yaml and wave folders 1/, 2/…); "
            f"write one with `python -m samples demo {mailbox}` (make demo does)"
        )
    waves = [
        [(path.stem.split("-", 1)[-1], path.read_bytes()) for path in sorted(folder.glob("*.eml"))]
        for folder in folders
    ]
    return registry.read_text(encoding="utf-8"), waves


def run_demo(args: argparse.Namespace) -> int:
    # The store, the mailroom and the pipeline load only for this command.
    from fasdip.mailroom import Mailroom
    from fasdip.pipeline import Triage

    base: Path = args.dir
    if base.exists() and any(base.iterdir()):
        raise UsageError(f"{base} is not empty: remove it or give another --dir")
    registry, waves = read_mailbox(args.mailbox)
    (base / "inbox").mkdir(parents=True)
    (base / "missions.yaml").write_text(registry, encoding="utf-8")
    settings = demo_settings(load_settings(args.config), base)
    triage = Triage.load(settings)
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
    _, digest_path = digest_from_store(settings, triage)
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
