"""The console's commands: ``fasdip web`` serves it; ``fasdip officer add NAME`` gives an
officer a password (asked twice on a terminal, or one line on stdin with
``--password-stdin``); ``fasdip officer list``."""

from __future__ import annotations

import argparse
import datetime as dt
import getpass
import logging
import sys
from typing import Any

from config.settings import load_settings
from fasdip.errors import ExitCode, UsageError

# The web server, the store and the console load inside the commands that use them:
# every other command (``fasdip triage`` above all) starts without them.


def register(commands: Any) -> None:
    web = commands.add_parser("web", help="the officers' console (a web server)")
    web.add_argument("--host", help="address to listen on (default: web.host, 127.0.0.1)")
    web.add_argument("--port", type=int, help="port (default: web.port, 8080)")
    web.set_defaults(handler=run_web)
    officer = commands.add_parser("officer", help="officer accounts of the console")
    actions = officer.add_subparsers(dest="officer_command", required=True)
    add = actions.add_parser("add", help="add an officer, or set a new password")
    add.add_argument("name", help="the officer's sign-in name")
    add.add_argument(
        "--password-stdin", action="store_true", help="read the password from one line of stdin"
    )
    add.set_defaults(handler=run_officer_add)
    listing = actions.add_parser("list", help="the officers")
    listing.set_defaults(handler=run_officer_list)


def run_web(args: argparse.Namespace) -> int:
    import uvicorn

    from fasdip.startup import refuse_unsafe
    from fasdip.web.app import create_app
    from fasdip.web.console import Console

    settings = load_settings(args.config)
    web = settings.web.model_copy(
        update={k: v for k, v in (("host", args.host), ("port", args.port)) if v is not None}
    )
    settings = settings.model_copy(update={"web": web})
    refuse_unsafe(settings, "web")
    logging.getLogger("fasdip").setLevel(logging.INFO)
    console = Console.open(settings)
    try:
        print(f"fasdip web: the console on http://{web.host}:{web.port}/", flush=True)
        uvicorn.run(
            create_app(console),
            host=web.host,
            port=web.port,
            access_log=False,  # a search may hold a personal number's digits
            log_level="warning",
            proxy_headers=False,
        )
    finally:
        console.close()
    return int(ExitCode.ok)


def _read_password(from_stdin: bool) -> str:
    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    if not sys.stdin.isatty():
        raise UsageError("no terminal to ask the password on: pass it with --password-stdin")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise UsageError("the two passwords differ: run the command again")
    return first


def run_officer_add(args: argparse.Namespace) -> int:
    name = args.name.strip()
    if not name or len(name) > 100 or any(c.isspace() for c in name):
        raise UsageError(f"'{args.name}': give a sign-in name of 1 to 100 characters, no spaces")
    from fasdip.store import Store
    from fasdip.web.auth import Passwords, password_problem

    password = _read_password(args.password_stdin)
    problem = password_problem(password)
    if problem:
        raise UsageError(f"password refused: {problem}")
    settings = load_settings(args.config)
    store = Store.open(settings.store, worker="officer-cli", protection=settings.protection)
    try:
        known = store.officer(name) is not None
        store.set_officer(name, Passwords().hash(password), dt.datetime.now(dt.UTC))
        store.audit(
            "cli", "officer_password" if known else "officer_add", name, dt.datetime.now(dt.UTC)
        )
    finally:
        store.close()
    print(f"officer {name}: {'new password set' if known else 'added'}")
    return int(ExitCode.ok)


def run_officer_list(args: argparse.Namespace) -> int:
    from fasdip.store import Store

    settings = load_settings(args.config)
    store = Store.open(settings.store, worker="officer-cli", protection=settings.protection)
    try:
        for officer in store.officers():
            print(officer.name)
    finally:
        store.close()
    return int(ExitCode.ok)
