"""Jobs that run once per office: two services on one real PostgreSQL store, both firing
the daily digest at the same moment, mail the officers one digest."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from config.settings import DigestSettings, Settings
from fasdip.mailroom import Mailroom
from fasdip.pipeline import Triage
from fasdip.service import once_per_office, write_digest
from fasdip.store import Store
from tests.fasdip.mailbox_helpers import make_settings
from tests.fasdip.server_settings import smtp_settings
from tests.servers import SmtpServer, postgres_cluster, postgres_url, smtp_server

pytestmark = pytest.mark.slow  # a real PostgreSQL and aiosmtpd

__all__ = ["postgres_cluster", "smtp_server"]


def service(tmp: Path, name: str, url: str, smtp: SmtpServer) -> Settings:
    """One machine: its own folders and worker name, the office's store and SMTP server."""
    settings = make_settings(
        tmp / name,
        worker=name,
        store_url=url,
        smtp=smtp_settings(smtp),
    )
    digest = DigestSettings(recipients=["officer@kemlu.go.id"], output_dir=tmp / name / "digest")
    return settings.model_copy(update={"digest": digest})


def test_two_services_on_one_postgres_send_one_digest(
    request: pytest.FixtureRequest, tmp_path: Path, triage: Triage, smtp_server: SmtpServer
) -> None:
    url = postgres_url(request, "leases")
    rooms = [
        Mailroom.open(service(tmp_path, name, url, smtp_server), triage=triage)
        for name in ("machine-a", "machine-b")
    ]
    start = threading.Barrier(2)
    ran: dict[str, bool] = {}

    def fire(room: Mailroom) -> None:
        start.wait()  # both schedulers fire at 07:30 together
        ran[room.store.worker] = once_per_office(
            room, "digest", lambda: write_digest(room.settings, room)
        )

    try:
        threads = [threading.Thread(target=fire, args=(room,)) for room in rooms]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)
        assert sorted(ran.values()) == [False, True]
        assert len(smtp_server.messages) == 1
        assert smtp_server.messages[0].recipients == ["officer@kemlu.go.id"]
        written = list(tmp_path.glob("*/digest/digest-*.html"))
        assert len(written) == 1
        # Later the same day (a restart, a clock a minute off): still not a second digest.
        for room in rooms:
            assert not once_per_office(room, "digest", lambda: pytest.fail("digest again"))
        assert len(smtp_server.messages) == 1
    finally:
        for room in rooms:
            room.close()


def test_a_failed_job_frees_its_lease_and_a_dead_holder_loses_it_at_expiry(
    tmp_path: Path, triage: Triage
) -> None:
    a = Mailroom.open(make_settings(tmp_path, worker="machine-a"), triage=triage)
    b = Mailroom.open(make_settings(tmp_path, worker="machine-b"), triage=triage)
    try:

        def broken() -> None:
            raise OSError("disk full")

        with pytest.raises(OSError):
            once_per_office(a, "purge", broken)
        assert once_per_office(b, "purge", lambda: None)  # the slot was not done: b runs it

        now = dt.datetime.now(dt.UTC)
        tomorrow = now + dt.timedelta(days=1)
        assert a.store.take_lease("digest", "d2", now, dt.timedelta(minutes=5))  # a dies here
        assert not b.store.take_lease("digest", "d2", now, dt.timedelta(minutes=5))
        assert b.store.take_lease("digest", "d2", tomorrow, dt.timedelta(minutes=5))
        b.store.finish_lease("digest", "d2", tomorrow)
        assert not a.store.take_lease("digest", "d2", tomorrow, dt.timedelta(minutes=5))
        assert a.store.take_lease("digest", "d3", tomorrow, dt.timedelta(minutes=5))
    finally:
        a.close()
        b.close()


def test_services_started_together_on_a_new_postgres_store_migrate_it_once(
    request: pytest.FixtureRequest, tmp_path: Path
) -> None:
    url = postgres_url(request, "migrate_together")
    engine = create_engine(url)
    with engine.begin() as conn:  # a store made before: drop every table
        for table in inspect(conn).get_table_names():
            conn.exec_driver_sql(f'DROP TABLE "{table}" CASCADE')
    engine.dispose()
    settings = [make_settings(tmp_path / name, store_url=url) for name in ("a", "b", "c")]
    start = threading.Barrier(3)
    errors: list[BaseException] = []

    def open_store(index: int) -> None:
        start.wait()
        try:
            Store.open(settings[index].store, worker=f"w{index}").close()
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    threads = [threading.Thread(target=open_store, args=(i,), daemon=True) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(t.is_alive() for t in threads), "the migrations dead-locked"
    assert errors == []
