"""``fasdip run`` as an office runs it, against real servers that go away and come back:
Dovecot restarted while mail arrives, the SMTP server down for 20 s. The scheduled poll is
set to an hour, so only the recovery itself can answer in time."""

from __future__ import annotations

import contextlib
import signal
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
import yaml
from imapclient import IMAPClient

from ingest.imap import ImapSource
from samples.mailbox import realistic_mailbox
from tests.fasdip.mailbox_helpers import mission_mail
from tests.fasdip.server_settings import imap_settings
from tests.fasdip.test_service import ROOT, fasdip, write_config
from tests.servers import Dovecot, SmtpServer, new_dovecot, remove_dovecot, smtp_server

__all__ = ["smtp_server"]


@pytest.fixture
def own_dovecot() -> Iterator[Dovecot]:
    """A Dovecot of this test's own: the test stops and starts it."""
    server = new_dovecot()
    server.start()
    yield server
    remove_dovecot(server)


def test_a_connection_the_server_dropped_is_replaced_at_once(own_dovecot: Dovecot) -> None:
    """Dovecot restarted between two polls: the next one reads on a new connection (no
    error, no wait), and a new IDLE connection first says whether mail is waiting."""
    user = "source@test.example"
    settings = imap_settings(own_dovecot, user, timeout_seconds=5)
    own_dovecot.deliver(user, mission_mail(1))
    source, watcher = ImapSource(settings), ImapSource(settings)
    try:
        assert [len(b) for b in source.fetch_new(None)] == [1]
        own_dovecot.stop()
        own_dovecot.deliver(user, mission_mail(2))
        own_dovecot.start()
        fetched = [m for batch in source.fetch_new(None) for m in batch]
        assert len(fetched) == 2
        source.acknowledge([fetched[0].key])
        started = time.monotonic()
        assert watcher.wait_for_mail(20) is True  # mail 2 waits: said at once
        assert time.monotonic() - started < 5
    finally:
        source.close()
        watcher.close()


def config_with(tmp: Path, **sections: dict[str, object]) -> Path:
    path = write_config(tmp, poll_minutes=60)
    config = yaml.safe_load(path.read_text())
    config.update(sections)
    path.write_text(yaml.safe_dump(config))
    return path


def wait_for(
    what: str, done: Callable[[], bool], seconds: float, service: subprocess.Popen[str]
) -> float:
    """Seconds until ``done()``; fails after ``seconds`` or if the service died."""
    start = time.monotonic()
    while not done():
        waited = time.monotonic() - start
        assert waited < seconds, f"{what}: not within {seconds:.0f} s"
        assert service.poll() is None, service.communicate()[1]
        time.sleep(0.01)  # a scanned request is judged in ~0.3 s now: look often
    return time.monotonic() - start


def stop(service: subprocess.Popen[str]) -> str:
    if service.poll() is None:
        service.send_signal(signal.SIGTERM)
    try:
        return service.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        service.kill()
        return service.communicate()[1]


def test_dovecot_restarted_while_mail_arrives_is_answered_within_10_s_of_its_return(
    tmp_path: Path, own_dovecot: Dovecot
) -> None:
    user = "office@test.example"
    config = config_with(
        tmp_path,
        imap={
            "host": "127.0.0.1",
            "port": own_dovecot.port,
            "security": "plain",
            "username": user,
            "password": own_dovecot.password,
            "timeout_seconds": 5,
        },
    )
    client = IMAPClient("127.0.0.1", port=own_dovecot.port, ssl=False, timeout=10)
    client.login(user, own_dovecot.password)  # the mailbox exists before the service starts
    client.logout()
    outbox = tmp_path / "outbox"

    def replies() -> int:
        return len(list(outbox.glob("*.eml")))

    service = fasdip("--config", str(config), "run")
    try:
        time.sleep(6)  # up, first poll done, IDLE waiting
        own_dovecot.deliver(user, mission_mail(1, subject="Permohonan pas bandara 1"))
        wait_for("the first reply", lambda: replies() == 1, 30, service)
        own_dovecot.stop()
        own_dovecot.deliver(user, mission_mail(2, subject="Permohonan pas bandara 2"))
        own_dovecot.deliver(user, mission_mail(3, subject="Permohonan pas bandara 3"))
        time.sleep(8)  # the watcher's back-off has reached its cap
        own_dovecot.start()
        waited = wait_for("replies after Dovecot's return", lambda: replies() == 3, 10, service)
        time.sleep(2)
        assert replies() == 3, "each mail answered once"
    finally:
        err = stop(service)
    assert service.returncode == 0, err
    print(f"answered {waited:.1f} s after Dovecot's return")
    assert waited < 10


def test_smtp_down_for_20_s_replies_leave_within_30_s_of_its_return(
    tmp_path: Path, smtp_server: SmtpServer
) -> None:
    config = config_with(
        tmp_path,
        smtp={
            "host": "127.0.0.1",
            "port": smtp_server.port,
            "security": "plain",
            "username": smtp_server.username,
            "password": smtp_server.password,
            "timeout_seconds": 5,
        },
    )
    (tmp_path / "inbox").mkdir()
    service = fasdip("--config", str(config), "run")
    try:
        time.sleep(6)  # up, first poll done
        smtp_server.stop()
        for n in (1, 2):
            (tmp_path / "inbox" / f"{n}.eml").write_bytes(
                mission_mail(n, subject=f"Permohonan pas bandara {n}")
            )
        time.sleep(20)
        assert smtp_server.messages == []
        smtp_server.start()
        waited = wait_for(
            "replies after the SMTP server's return",
            lambda: len(smtp_server.messages) == 2,
            30,
            service,
        )
        time.sleep(3)
        sent = sorted(m.headers["In-Reply-To"] for m in smtp_server.messages)
        assert sent == ["<req1@embassy.example>", "<req2@embassy.example>"]  # once each
    finally:
        err = stop(service)
    assert service.returncode == 0, err
    print(f"replies out {waited:.1f} s after the SMTP server's return")
    assert waited < 30


def mail_states(database: Path) -> list[tuple[str, int]]:
    """(status, failed tries) of every mail, read from the service's SQLite store."""
    for _ in range(50):
        try:
            with contextlib.closing(sqlite3.connect(database, timeout=1)) as db:
                return [
                    (str(a), int(b)) for a, b in db.execute("SELECT status, attempts FROM mails")
                ]
        except sqlite3.OperationalError:  # the store being created or written just now
            time.sleep(0.05)
    raise AssertionError(f"cannot read {database}")


def test_the_service_killed_ten_times_on_a_mail_does_not_quarantine_it_and_answers_once(
    tmp_path: Path,
) -> None:
    """SIGKILL while the mail is being judged (a scanned request: its claim lasts about
    0.3 s of CPU), ten times in a row; then a poll that is left alone answers it, once."""
    [_, scanned] = realistic_mailbox(2, seed=7)
    assert scanned.scans > 0
    config = config_with(
        tmp_path,
        workers={"processes": 1},
        missions={"file": str(ROOT / "examples" / "missions.yaml")},
    )
    (tmp_path / "inbox").mkdir()
    (tmp_path / "inbox" / "scanned.eml").write_bytes(scanned.raw)
    database = tmp_path / "var" / "fasdip.sqlite3"
    for _ in range(10):
        poll = fasdip("--config", str(config), "poll", "--once")
        try:
            wait_for(
                "the mail claimed",
                lambda: database.exists() and mail_states(database) == [("claimed", 0)],
                120,
                poll,
            )
        finally:
            poll.kill()
            poll.communicate()
    assert mail_states(database) == [("claimed", 0)]
    poll = fasdip("--config", str(config), "poll", "--once")
    out, err = poll.communicate(timeout=300)
    assert poll.returncode == 0, err
    assert mail_states(database) == [("done", 0)], out
    assert len(list((tmp_path / "outbox").glob("*.eml"))) == 1
    assert (tmp_path / "inbox" / "done" / "scanned.eml").exists()
