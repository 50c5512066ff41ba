"""The mailbox commands: ``fasdip run``, ``fasdip poll --once``, ``fasdip config``."""

from __future__ import annotations

import argparse
import logging
import sys
from typing import Any

from config.settings import load_settings
from fasdip.errors import ExitCode, UsageError


def register(commands: Any) -> None:
    run = commands.add_parser(
        "run", help="the service: poll the mailbox every few minutes, answer, keep cases"
    )
    run.set_defaults(handler=run_service)
    poll = commands.add_parser(
        "poll", help="one poll: fetch, triage, answer, acknowledge, then exit (cron, tests)"
    )
    poll.add_argument("--once", action="store_true", help="poll once and exit (required)")
    poll.set_defaults(handler=run_poll)
    config = commands.add_parser("config", help="print the effective settings (secrets masked)")
    config.set_defaults(handler=show_config)


def _mail_logs() -> None:
    for name in ("fasdip.mailroom", "fasdip.service", "fasdip.wakeups"):
        logging.getLogger(name).setLevel(logging.INFO)


def run_service(args: argparse.Namespace) -> int:
    from fasdip.service import serve
    from fasdip.startup import refuse_unsafe

    settings = load_settings(args.config)
    refuse_unsafe(settings, "run")
    _mail_logs()
    return serve(settings)


def run_poll(args: argparse.Namespace) -> int:
    if not args.once:
        raise UsageError("poll needs --once (the service that keeps polling is `fasdip run`)")
    from fasdip.service import poll_once
    from fasdip.wakeups import describe

    settings = load_settings(args.config)
    _mail_logs()
    report = poll_once(settings)
    print(describe(report))
    return int(ExitCode.unexpected if report.errors else ExitCode.ok)


def show_config(args: argparse.Namespace) -> int:
    from fasdip.store import masked_url

    settings = load_settings(args.config)
    data = settings.model_dump(mode="json")  # SecretStr fields come out as "**********"
    data["store"]["url"] = masked_url(settings.store)
    import yaml  # here: the other commands never print YAML

    yaml.safe_dump(data, sys.stdout, sort_keys=False, allow_unicode=True)
    return int(ExitCode.ok)
