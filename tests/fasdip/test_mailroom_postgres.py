"""Several workers on one PostgreSQL (an office that outgrew one machine): two pollers
reading the same Dovecot mailbox at once never take the same mail and never send a reply
twice. Each worker has its own ``var`` folder, as on two machines."""

from __future__ import annotations

import threading
import time
from collections import Counter
from pathlib import Path

import pytest
from imapclient import IMAPClient

from config.settings import ImapSettings, SmtpSettings, load_settings
from fasdip.mailroom import Mailroom, PollReport
from fasdip.pipeline import Triage
from tests.fasdip.mailbox_helpers import make_settings, mission_mail
from tests.servers import (
    Dovecot,
    SmtpServer,
    dovecot,
    postgres_cluster,
    postgres_url,
    smtp_server,
)

__all__ = ["dovecot", "postgres_cluster", "smtp_server"]


@pytest.fixture(scope="module")
def triage() -> Triage:
    return Triage.load(load_settings())


def test_two_pollers_at_once_share_the_work_without_overlap(
    request: pytest.FixtureRequest,
    tmp_path: Path,
    triage: Triage,
    dovecot: Dovecot,
    smtp_server: SmtpServer,
) -> None:
    url = postgres_url(request, f"two_pollers_{time.monotonic_ns()}")
    user = f"pg-{time.monotonic_ns()}@test.example"
    client = IMAPClient("127.0.0.1", port=dovecot.port, ssl=False, timeout=10)
    client.login(user, dovecot.password)
    count = 24
    for n in range(count):
        client.append("INBOX", mission_mail(n, subject=f"Permohonan nomor {n}"))
    imap = ImapSettings(
        host="127.0.0.1",
        port=dovecot.port,
        security="plain",
        username=user,
        password=dovecot.password,
        batch_size=5,
        timeout_seconds=10,
    )
    smtp = SmtpSettings(
        host="127.0.0.1",
        port=smtp_server.port,
        security="plain",
        username=smtp_server.username,
        password=smtp_server.password,
    )
    rooms = [
        Mailroom.open(
            make_settings(
                tmp_path / name,
                worker=name,
                imap=imap,
                smtp=smtp,
                store_url=url,
                replies_per_sender_per_day=1000,
            ),
            triage=triage,
        )
        for name in ("worker-a", "worker-b")
    ]
    reports: dict[str, list[PollReport]] = {"worker-a": [], "worker-b": []}
    barrier = threading.Barrier(2)

    crashes: list[BaseException] = []

    def poll(room: Mailroom) -> None:
        barrier.wait()
        try:
            for _ in range(2):
                reports[room.store.worker].append(room.poll_once())
        except BaseException as exc:  # a worker must never die of the other's work
            crashes.append(exc)

    threads = [threading.Thread(target=poll, args=(r,)) for r in rooms]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert crashes == []
    processed = {w: sum(r.processed for r in rs) for w, rs in reports.items()}
    assert sum(processed.values()) == count, processed
    mails = rooms[0].store.mails()
    assert len(mails) == count and all(m.status == "done" for m in mails)
    sent = Counter(m.headers["In-Reply-To"] for m in smtp_server.messages)
    assert len(sent) == count and set(sent.values()) == {1}
    numbers = [c.number for c in rooms[0].store.cases()]
    assert len(set(numbers)) == count  # per-year sequence, no number given twice
    for room in rooms:
        room.close()
    client.logout()
