"""Real servers on loopback for the tests: Dovecot (IMAP), aiosmtpd (SMTP), PostgreSQL.

No mocks: each is the real program with a throw-away config in a temp folder. A server
that cannot start on this machine (program missing) skips the tests that need it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from email import message_from_bytes
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import SMTP, AuthResult, Envelope, LoginPassword, Session

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def wait_port(port: int, up: bool = True, timeout: float = 10.0) -> None:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                if up:
                    return
        except OSError:
            if not up:
                return
        time.sleep(0.05)
    raise RuntimeError(f"port {port} did not come {'up' if up else 'down'}")


# --------------------------------------------------------------------------- Dovecot

DOVECOT_CONF = """\
base_dir = {d}/run
state_dir = {d}/state
log_path = {d}/dovecot.log
protocols = imap
listen = 127.0.0.1
ssl = no
disable_plaintext_auth = no
{auth}
default_login_user = dovenull
default_internal_user = dovecot
first_valid_uid = 1
mail_location = maildir:{d}/mail/%u
userdb {{
  driver = static
  args = uid=dovecot gid=dovecot home={d}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
  # No auth penalty (a growing delay per address after failed sign-ins, up to 15 s): the
  # tests refuse sign-ins on purpose, all from 127.0.0.1.
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
{extra}
"""

# Sign-in by the static password of ``Dovecot.password`` (the default of ``new_dovecot``).
PASSWORD_AUTH = """\
auth_mechanisms = plain login
passdb {{
  driver = static
  args = password={password}
}}"""


@dataclass
class Dovecot:
    root: Path
    port: int
    user: str = "fasdip@test.example"
    password: str = "imap-secret"

    _process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        # In the foreground, in a process group of its own: ``stop`` ends every process of
        # this server (its imap processes outlive a master that is only sent SIGTERM).
        self._process = subprocess.Popen(
            ["dovecot", "-F", "-c", str(self.root / "dovecot.conf")], start_new_session=True
        )
        wait_port(self.port)

    def stop(self) -> None:
        if self._process is None:
            return
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self._process.pid, sig)
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._process.wait(timeout=5)
        self._process = None
        wait_port(self.port, up=False)

    def deliver(self, user: str, raw: bytes) -> None:
        """Put a mail straight into the user's maildir, as the mail server's delivery
        agent does (also while this IMAP server is down)."""
        maildir = self.root / "mail" / user
        maildir.mkdir(exist_ok=True)
        shutil.chown(maildir, "dovecot", "dovecot")
        for sub in ("tmp", "new", "cur"):
            (maildir / sub).mkdir(exist_ok=True)
            shutil.chown(maildir / sub, "dovecot", "dovecot")
        name = f"{time.time_ns()}.P{os.getpid()}.fasdip-test"
        tmp = maildir / "tmp" / name
        tmp.write_bytes(raw)
        shutil.chown(tmp, "dovecot", "dovecot")
        os.rename(tmp, maildir / "new" / name)


def new_dovecot(auth: str = PASSWORD_AUTH, extra: str = "") -> Dovecot:
    """A Dovecot of its own (not started) in a temp folder; ``remove_dovecot`` ends it.

    ``auth``: its mechanisms and passdb (``{d}`` its folder, ``{password}`` the password);
    ``extra``: more configuration (plugins), with the same fields."""
    if shutil.which("dovecot") is None:
        pytest.fail("dovecot is not installed (scripts/setup.sh installs dovecot-imapd)")
    root = Path(tempfile.mkdtemp(prefix="fasdip-dovecot-"))
    server = Dovecot(root=root, port=free_port())
    for sub in ("run", "state", "mail", "home"):
        (root / sub).mkdir()
    for sub in ("mail", "home"):
        shutil.chown(root / sub, "dovecot", "dovecot")
    os.chmod(root, 0o755)
    fields = {"d": root, "port": server.port, "password": server.password}
    conf = DOVECOT_CONF.format(auth=auth.format(**fields), extra=extra.format(**fields), **fields)
    (root / "dovecot.conf").write_text(conf)
    return server


def remove_dovecot(server: Dovecot) -> None:
    server.stop()
    shutil.rmtree(server.root, ignore_errors=True)


@pytest.fixture(scope="session")
def dovecot() -> Iterator[Dovecot]:
    server = new_dovecot()
    server.start()
    yield server
    remove_dovecot(server)


# --------------------------------------------------------------------------- SMTP


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes

    @property
    def headers(self) -> Any:
        return message_from_bytes(self.data)


@dataclass
class _Handler:
    messages: list[Received]

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        data = envelope.original_content or b""
        self.messages.append(
            Received(str(envelope.mail_from), [str(r) for r in envelope.rcpt_tos], data)
        )
        return "250 OK"


@dataclass
class SmtpServer:
    port: int
    username: str = "fasdip"
    password: str = "smtp-secret"
    messages: list[Received] = field(default_factory=list)
    _controller: Controller | None = None

    def _auth(
        self, server: SMTP, session: Session, envelope: Envelope, mechanism: str, auth_data: Any
    ) -> AuthResult:
        ok = isinstance(auth_data, LoginPassword) and (
            auth_data.login.decode() == self.username
            and auth_data.password.decode() == self.password
        )
        return AuthResult(success=ok)

    def start(self) -> None:
        self._controller = Controller(
            _Handler(self.messages),
            hostname="127.0.0.1",
            port=self.port,
            authenticator=self._auth,
            auth_require_tls=False,
        )
        self._controller.start()

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None

    @property
    def running(self) -> bool:
        return self._controller is not None


@pytest.fixture
def smtp_server() -> Iterator[SmtpServer]:
    server = SmtpServer(port=free_port())
    server.start()
    yield server
    server.stop()


# --------------------------------------------------------------------------- PostgreSQL


@dataclass
class Postgres:
    root: Path
    port: int

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{database}"

    def create_database(self, name: str) -> str:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.url(name)


def _as_postgres(*args: str) -> None:
    subprocess.run(
        ["runuser", "-u", "postgres", "--", *args],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@pytest.fixture(scope="session")
def postgres_cluster() -> Iterator[Postgres]:
    if not (PG_BIN / "initdb").exists() or shutil.which("runuser") is None:
        pytest.fail("PostgreSQL 15 is not installed (scripts/setup.sh installs it)")
    root = Path(tempfile.mkdtemp(prefix="fasdip-pg-"))
    shutil.chown(root, "postgres", "postgres")
    os.chmod(root, 0o755)
    data = root / "data"
    server = Postgres(root=root, port=free_port())
    _as_postgres(
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "--no-sync",
        "-E",
        "UTF8",
    )
    _as_postgres(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-l",
        str(root / "pg.log"),
        "-w",
        "-o",
        f"-p {server.port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off",
        "start",
    )
    yield server
    _as_postgres(str(PG_BIN / "pg_ctl"), "-D", str(data), "-m", "fast", "-w", "stop")
    shutil.rmtree(root, ignore_errors=True)


_CREATED: set[str] = set()


def postgres_url(request: pytest.FixtureRequest, name: str) -> str:
    """An empty database on the session's throw-away cluster (skips when none can start).

    Created once per name; given again, its tables are emptied (faster than a new one).
    """
    cluster: Postgres = request.getfixturevalue("postgres_cluster")
    safe = "t_" + "".join(ch if ch.isalnum() else "_" for ch in name.lower())[-50:]
    if safe not in _CREATED:
        _CREATED.add(safe)
        return cluster.create_database(safe)
    import psycopg

    with psycopg.connect(
        f"host=127.0.0.1 port={cluster.port} user=postgres dbname={safe}", autocommit=True
    ) as conn:
        tables = [
            row[0]
            for row in conn.execute(
                "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                "AND tablename <> 'alembic_version'"
            )
        ]
        if tables:
            conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
    return cluster.url(safe)
