"""Several workers on one PostgreSQL (an office that outgrew one machine): two pollers
reading the same Dovecot mailbox at once never take the same mail and never send a reply
twice. Each worker has its own ``var`` folder, as on two machines."""

from __future__ import annotations

import threading
import time
from collections import Counter
from email import message_from_bytes, policy
from pathlib import Path

import pytest
from sqlalchemy import text

from config.settings import ProtectionSettings, load_settings
from fasdip.cli import main
from fasdip.mailroom import Mailroom, PollReport
from fasdip.pipeline import Triage
from fasdip.store.vault import MAGIC
from samples.missions import registry_yaml
from tests.fasdip.corpus import scenario
from tests.fasdip.mailbox_helpers import CrashAt, InjectedCrash, make_settings, mission_mail
from tests.fasdip.server_settings import imap_settings, new_imap_user, smtp_settings
from tests.servers import (
    Dovecot,
    SmtpServer,
    dovecot,
    postgres_cluster,
    postgres_url,
    smtp_server,
)

pytestmark = pytest.mark.slow  # a real PostgreSQL cluster and Dovecot

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
    client, user = new_imap_user(dovecot, "pg")
    count = 24
    for n in range(count):
        client.append("INBOX", mission_mail(n, subject=f"Permohonan nomor {n}"))
    imap = imap_settings(dovecot, user, batch_size=5)
    smtp = smtp_settings(smtp_server, timeout_seconds=None)
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


def test_a_proof_committed_by_one_worker_is_sent_by_another_from_the_database(
    request: pytest.FixtureRequest, tmp_path: Path, triage: Triage, smtp_server: SmtpServer
) -> None:
    """The proof is kept with the case in PostgreSQL (sealed with the key): a worker on
    another machine sends the reply a crashed one committed, with its PDF, once."""

    url = postgres_url(request, f"proofs_{time.monotonic_ns()}")
    smtp = smtp_settings(smtp_server, timeout_seconds=None)
    key = ProtectionSettings.model_validate({"encryption_key": "a passphrase for the proofs"})

    def worker(name: str) -> Mailroom:
        settings = make_settings(tmp_path / name, worker=name, smtp=smtp, store_url=url)
        settings.missions.file.write_text(registry_yaml(), encoding="utf-8")
        settings.service.inbox_dir.mkdir(parents=True, exist_ok=True)
        settings = settings.model_copy(update={"protection": key})
        return Mailroom.open(settings, triage=triage, hook=CrashAt("committed"))

    first = worker("worker-a")
    (tmp_path / "worker-a" / "inbox" / "1.eml").write_bytes(scenario("new_en_foreign_complete").eml)
    with pytest.raises(InjectedCrash):
        first.poll_once()
    first.store.close()
    assert smtp_server.messages == []
    with first.store.engine.connect() as db:
        [(content,)] = db.execute(text("SELECT content FROM proofs")).all()
    assert bytes(content).startswith(MAGIC)

    second = worker("worker-b")  # its own var folder: nothing of worker-a's files
    second.send(PollReport())
    second.send(PollReport())
    second.close()
    [got] = smtp_server.messages
    message = message_from_bytes(got.data, policy=policy.default)
    [pdf] = [p for p in message.walk() if p.get_content_type() == "application/pdf"]
    saved = tmp_path / str(pdf.get_filename())
    data = pdf.get_payload(decode=True)
    assert isinstance(data, bytes)
    saved.write_bytes(data)
    assert main(["verify-proof", str(saved)]) == 0
