"""The ``fasdip`` command.

    fasdip triage FILE.eml|DIR … [--json] [--today YYYY-MM-DD] [--config settings.yaml]

Exit codes (docs/design.md): 0 done, 2 bad usage or settings (one line says which),
1 unexpected. A problem *in* an email is never an error: it is a finding.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

from config.settings import load_settings
from fasdip import (
    cli_demo,
    cli_digest,
    cli_mailbox,
    cli_protect,
    cli_purge,
    cli_status,
    cli_verify_proof,
    cli_web,
)
from fasdip.errors import ExitCode, FasdipError, InputFileError, UsageError
from fasdip.logs import configure
from fasdip.startup import one_thread_each

# Modules that add commands: each has ``register(subparsers)`` and sets ``handler``.
COMMAND_MODULES: list[CommandModule] = [
    cli_digest,
    cli_verify_proof,
    cli_mailbox,
    cli_demo,
    cli_purge,
    cli_protect,
    cli_status,
    cli_web,
]


class CommandModule(Protocol):
    def register(self, commands: Any) -> None: ...


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError as exc:
        raise argparse.ArgumentTypeError(f"'{value}' is not a date: use YYYY-MM-DD") from exc


def build_parser() -> argparse.ArgumentParser:
    """The command line; each command module adds its subparser with ``register``."""
    parser = argparse.ArgumentParser(
        prog="fasdip", description="First-pass triage of requests emailed to Dit. Fasdip."
    )
    parser.add_argument(
        "--config", type=Path, help="settings file (YAML); FASDIP_* variables override it"
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log each stage to stderr")
    commands = parser.add_subparsers(dest="command", required=True)

    triage = commands.add_parser(
        "triage",
        help="tell what emailed requests are and what they lack (no network, no side effects)",
    )
    triage.add_argument("files", nargs="+", type=Path, help=".eml files, or folders of them")
    triage.add_argument(
        "--json", action="store_true", help="one JSON verdict per email (an array for several)"
    )
    triage.add_argument(
        "--today", type=_date, help="the date expiry rules use (default: the email's receipt date)"
    )
    triage.set_defaults(handler=run_triage)
    for module in COMMAND_MODULES:
        module.register(commands)
    return parser


def expand(paths: Sequence[Path]) -> list[Path]:
    """Files as given; a folder stands for the ``.eml`` files in it, in name order."""
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() == ".eml" and p.is_file())
            if not found:
                raise UsageError(f"{path}: no .eml files in this folder")
            files += found
        elif path.is_file():
            files.append(path)
        else:
            raise InputFileError(f"{path}: no such file; give the path of a saved email (.eml)")
    return files


def run_triage(args: argparse.Namespace) -> int:
    settings = load_settings(args.config)
    program = gc.get_freeze_count() > 0  # the `fasdip` program (see main), not a caller
    if program:  # the loading makes objects that live on, not garbage: no collection
        gc.disable()
    try:
        from fasdip.pipeline import Triage  # loaded for the command, not for `fasdip --help`
        from fasdip.summary import summarise

        triage = Triage.load(settings)
    finally:
        if program:  # what the loading built lives on too; cycles made later are collected
            gc.freeze()
            gc.enable()
    files = expand(args.files)
    verdicts = []
    for path in files:
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise InputFileError(f"{path}: cannot read ({exc.strerror})") from exc
        verdict = triage.run(raw, today=args.today)
        if args.json:
            verdicts.append(verdict.model_dump(mode="json"))
        else:
            print(summarise(path.name, verdict))
    if args.json:
        payload = verdicts[0] if len(verdicts) == 1 else verdicts
        print(json.dumps(payload, ensure_ascii=False, indent=2))
    return ExitCode.ok


def main(argv: Sequence[str] | None = None) -> int:
    if argv is None:  # the `fasdip` program, not a caller that goes on afterwards
        # The modules, classes and settings built at start live as long as the process:
        # the collector need not walk them again and again (2.5% of a one-passport
        # `fasdip triage`'s instructions). Cycles made later are still collected.
        gc.freeze()
        one_thread_each()  # before a command loads NumPy or Tesseract
    args = build_parser().parse_args(argv)
    configure(args.verbose)
    try:
        return int(args.handler(args))
    except FasdipError as err:
        print(f"fasdip: {err.message}", file=sys.stderr)
        return int(err.exit_code)
    except KeyboardInterrupt:
        return int(ExitCode.unexpected)


if __name__ == "__main__":
    sys.exit(main())
