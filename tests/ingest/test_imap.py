"""The IMAP source and the whole mailroom against a real Dovecot (and a real aiosmtpd):
new mail, follow-up threading, UIDVALIDITY change, server restart mid-poll, size limit,
keyword and move, ``\\Seen`` left alone."""

from __future__ import annotations

import contextlib
import itertools
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from imapclient import IMAPClient

from config.settings import ImapSettings, Settings, SmtpSettings, load_settings
from fasdip.mailroom import Mailroom
from fasdip.pipeline import Triage
from ingest.imap import ImapSource
from ingest.source import Cursor
from tests.fasdip.mailbox_helpers import make_settings, mission_mail
from tests.servers import Dovecot, SmtpServer, dovecot, smtp_server

pytestmark = pytest.mark.slow  # a real Dovecot server

__all__ = ["dovecot", "smtp_server"]
_users = itertools.count(1)
FOLDER = "Fasdip"


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load(load_settings())


@pytest.fixture
def mailbox(dovecot: Dovecot) -> Iterator[tuple[IMAPClient, ImapSettings]]:
    """A fresh user (a fresh maildir) with the folder ``Fasdip``; the client appends mail."""
    user = f"u{next(_users)}-{time.monotonic_ns()}@test.example"
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    client.login(user, dovecot.password)
    client.create_folder(FOLDER)
    settings = ImapSettings(
        host="127.0.0.1",
        port=dovecot.port,
        security="plain",
        username=user,
        password=dovecot.password,
        folder=FOLDER,
        batch_size=2,
        timeout_seconds=5,
    )
    yield client, settings
    with contextlib.suppress(Exception):
        client.logout()


def room_for(
    tmp_path: Path, triage: Triage, imap: ImapSettings, smtp: SmtpServer, **kw: Any
) -> tuple[Settings, Mailroom]:
    settings = make_settings(
        tmp_path,
        imap=imap,
        smtp=SmtpSettings(
            host="127.0.0.1",
            port=smtp.port,
            security="plain",
            username=smtp.username,
            password=smtp.password,
            timeout_seconds=5,
        ),
        **kw,
    )
    return settings, Mailroom.open(settings, triage=triage)


def test_source_reads_new_uids_in_batches_and_leaves_seen_alone(
    mailbox: tuple[IMAPClient, ImapSettings],
) -> None:
    client, settings = mailbox
    for n in range(1, 6):
        client.append(FOLDER, mission_mail(n))
    source = ImapSource(settings)
    batches = list(source.fetch_new(None))
    assert [len(b) for b in batches] == [2, 2, 1]
    uids = [int(m.key.uid) for b in batches for m in b]
    assert all(m.raw and b"Permohonan" in m.raw for b in batches for m in b)
    later = list(source.fetch_new(Cursor(uidvalidity=source.uidvalidity, last_uid=uids[2])))
    assert [int(m.key.uid) for b in later for m in b] == uids[3:]
    client.select_folder(FOLDER)
    assert all(b"\\Seen" not in f for f in client.get_flags(uids).values())
    source.acknowledge([m.key for m in batches[0]])
    flags = client.get_flags(uids[:2])
    assert all(settings.processed_keyword.encode() in f for f in flags.values())
    # a marked mail is not fetched again, even from UID 1
    assert [m.key.uid for b in source.fetch_new(None) for m in b] == [str(u) for u in uids[2:]]
    source.close()


def test_too_large_is_not_downloaded(mailbox: tuple[IMAPClient, ImapSettings]) -> None:
    client, settings = mailbox
    client.append(FOLDER, mission_mail(1))
    source = ImapSource(settings.model_copy(update={"max_message_bytes": 100}))
    [[mail]] = list(source.fetch_new(None))
    assert mail.raw is None and mail.problem and mail.problem.startswith("too_large")
    source.close()


def test_end_to_end_new_mail_and_follow_up(
    tmp_path: Path,
    triage: Triage,
    mailbox: tuple[IMAPClient, ImapSettings],
    smtp_server: SmtpServer,
) -> None:
    client, imap = mailbox
    client.append(FOLDER, mission_mail(1), flags=[b"\\Seen"])  # an officer opened it first
    client.append(FOLDER, mission_mail(2, subject="Permohonan ID Card"))
    _settings, room = room_for(tmp_path, triage, imap, smtp_server)
    report = room.poll_once()
    assert (report.processed, report.sent, report.acknowledged) == (2, 2, 2)
    first = next(c for c in room.store.cases() if c.number.endswith("000001"))
    ours = f"<{first.number}.r1@fasdip.kemlu.go.id>"
    client.append(FOLDER, mission_mail(3, subject="Re: kelengkapan", in_reply_to=ours))
    report = room.poll_once()
    assert (report.processed, report.sent) == (1, 1)
    assert len(room.store.cases()) == 2
    follow = smtp_server.messages[-1].headers
    assert follow["Message-ID"] == f"<{first.number}.r2@fasdip.kemlu.go.id>"
    assert ours in follow["References"] and follow["In-Reply-To"] == "<req3@embassy.example>"
    client.select_folder(FOLDER)
    flags = client.get_flags(client.search(["ALL"]))
    assert all(imap.processed_keyword.encode() in f for f in flags.values())
    assert room.poll_once().processed == 0
    room.close()


def test_uidvalidity_change_rescans_without_duplicates(
    tmp_path: Path,
    triage: Triage,
    mailbox: tuple[IMAPClient, ImapSettings],
    smtp_server: SmtpServer,
) -> None:
    client, imap = mailbox
    raws = [mission_mail(n, subject=f"Permohonan {n}") for n in (1, 2)]
    for raw in raws:
        client.append(FOLDER, raw)
    _settings, room = room_for(tmp_path, triage, imap, smtp_server)
    assert room.poll_once().processed == 2
    before = room.store.cursor(room.source.account, FOLDER)
    # the folder is recreated (a restore, a migration): new UIDVALIDITY, keywords gone
    client.select_folder("INBOX")
    client.delete_folder(FOLDER)
    client.create_folder(FOLDER)
    for raw in [*raws, mission_mail(3, subject="Permohonan 3")]:
        client.append(FOLDER, raw)
    report = room.poll_once()
    after = room.store.cursor(room.source.account, FOLDER)
    assert before and after and after.uidvalidity != before.uidvalidity
    assert (report.fetched, report.duplicates, report.processed, report.sent) == (3, 2, 1, 1)
    assert len(smtp_server.messages) == 3
    client.select_folder(FOLDER)
    flags = client.get_flags(client.search(["ALL"]))
    assert all(imap.processed_keyword.encode() in f for f in flags.values())
    room.close()


def test_server_restart_mid_poll(
    tmp_path: Path,
    triage: Triage,
    dovecot: Dovecot,
    mailbox: tuple[IMAPClient, ImapSettings],
    smtp_server: SmtpServer,
) -> None:
    client, imap = mailbox
    for n in range(1, 6):
        client.append(FOLDER, mission_mail(n, subject=f"Permohonan {n}"))
    settings = make_settings(
        tmp_path,
        imap=imap,
        smtp=SmtpSettings(
            host="127.0.0.1",
            port=smtp_server.port,
            security="plain",
            username=smtp_server.username,
            password=smtp_server.password,
        ),
    )
    stopped: list[bool] = []

    def stop_server_after_first_batch(step: str) -> None:
        if step == "fetched" and not stopped:
            stopped.append(True)
        elif step == "fetched" and len(stopped) == 1:
            stopped.append(True)
            dovecot.stop()  # the server goes away between batches

    room = Mailroom.open(settings, triage=triage, hook=stop_server_after_first_batch)
    try:
        report = room.poll_once()
        assert report.errors  # the fetch and the acknowledge failed, said so
        assert report.processed >= 2 and report.sent == report.processed
    finally:
        dovecot.start()
    report = room.poll_once()
    mails = room.store.mails()
    assert len(mails) == 5 and all(m.status == "done" and m.acked for m in mails)
    sent = Counter(m.headers["In-Reply-To"] for m in smtp_server.messages)
    assert sorted(sent.values()) == [1] * 5
    room.close()


def test_move_after_processing(
    tmp_path: Path,
    triage: Triage,
    mailbox: tuple[IMAPClient, ImapSettings],
    smtp_server: SmtpServer,
) -> None:
    client, imap = mailbox
    client.create_folder("FasdipDone")
    client.append(FOLDER, mission_mail(1))
    _settings, room = room_for(
        tmp_path, triage, imap.model_copy(update={"move_to": "FasdipDone"}), smtp_server
    )
    assert room.poll_once().acknowledged == 1
    assert client.select_folder(FOLDER)[b"EXISTS"] == 0
    assert client.select_folder("FasdipDone")[b"EXISTS"] == 1
    room.close()


def test_idle_wakes_up_on_new_mail(mailbox: tuple[IMAPClient, ImapSettings]) -> None:
    client, imap = mailbox
    source = ImapSource(imap)
    list(source.fetch_new(None))
    import threading

    timer = threading.Timer(0.3, lambda: client.append(FOLDER, mission_mail(9)))
    timer.start()
    started = time.monotonic()
    assert source.wait_for_mail(5) is True
    assert time.monotonic() - started < 3
    source.close()
