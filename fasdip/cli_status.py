"""``fasdip status [--json]``: is the service alive? For a person, a monitor, a HEALTHCHECK.

Exit codes: 0 healthy, 1 degraded (a person should look), 2 down (mail is not being
answered, or the settings are wrong); ``fasdip.status`` says when each applies.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from config.settings import load_settings


def register(commands: Any) -> None:
    status = commands.add_parser(
        "status",
        help="is the service alive: last poll, queues, store and mailbox reachable "
        "(exit 0 healthy, 1 degraded, 2 down)",
    )
    status.add_argument("--json", action="store_true", help="the status as one JSON object")
    status.set_defaults(handler=run_status)


def run_status(args: argparse.Namespace) -> int:
    from fasdip.status import compute_status, status_line

    status = compute_status(load_settings(args.config))
    if args.json:
        sys.stdout.write(status.model_dump_json(indent=2) + "\n")
    else:
        print(status_line(status))
    return status.exit_code
