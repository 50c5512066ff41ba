"""``fasdip run``: the scheduled service (APScheduler ``BlockingScheduler``).

- The poll runs every ``service.poll_minutes`` (default 2), at once on start; a poll
  that overruns is not started twice (``max_instances=1``) and missed runs are not
  replayed one by one (``coalesce``).
- With IMAP on a server that has IDLE, a watcher on a second connection starts a poll as
  soon as new mail arrives (IDLE re-issued before 29 minutes).
- The mailbox recovers by itself: a lost connection is made again after 0.5 s, 1 s, 2 s …
  at most ``imap.reconnect_max_seconds`` (the watcher's, and a poll that could not read
  the mailbox is run again on the same back-off); once the watcher is connected again it
  polls at once, so mail that arrived meanwhile is answered seconds after the server's
  return.
- The outbox has its own timer (every ``service.outbox_check_seconds``): a reply the SMTP
  server did not take leaves on its back-off (2 s … 60 s), not at the next poll.
- One instance per machine: an exclusive lock on ``service.lock_file``.
- Each poll's figures go to the store (``fasdip status`` reads them on any machine).
- The digest and the purge run once per office however many services share the store:
  each takes the day's lease in the store first (``once_per_office``).
- SIGTERM or SIGINT: the poll in progress finishes, then the process exits 0.
- With ``protection.retention_days`` above 0, retention runs every day at 03:00 (office
  time): raw mails and documents of cases closed that many days are deleted, the case
  records kept (``fasdip purge`` does the same on demand).
- Files are written with ``protection.file_mode`` and, with a key, encrypted at rest.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import fcntl
import logging
import os
import signal
import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from types import FrameType
from typing import IO

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers import SchedulerNotRunningError
from apscheduler.schedulers.blocking import BlockingScheduler

from config.settings import Settings
from fasdip.casefiles import CaseFiles, send_digest
from fasdip.errors import ConfigError, UsageError
from fasdip.mailroom import Mailroom, PollReport
from fasdip.retention import purge_closed_cases
from fasdip.wakeups import PollJob, describe, start_outbox_timer, start_watcher

log = logging.getLogger(__name__)


@contextlib.contextmanager
def instance_lock(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` or stop at once with one line saying who has it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle: IO[str] = open(path, "a+", encoding="utf-8")  # noqa: SIM115
    except OSError as exc:
        raise ConfigError(f"service.lock_file: cannot open {path} ({exc.strerror})") from exc
    try:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError as exc:
            handle.seek(0)
            holder = handle.read().strip() or "?"
            raise UsageError(
                f"another fasdip instance (pid {holder}) holds {path}; one runs at a time"
            ) from exc
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        yield
    finally:
        handle.close()  # releases the lock


PURGE_AT = (3, 0)  # the daily retention run, office time (a quiet hour)


def poll_and_record(room: Mailroom, started_at: dt.datetime) -> PollReport:
    """One poll; its figures go to the store for ``fasdip status`` (and, when anything
    happened, to the log as one line)."""
    report = room.poll_once()
    line = describe(report)
    if report.processed or report.sent or report.errors:
        log.info("poll: %s", line)
    room.store.record_poll(started_at, room.clock(), not report.errors, line)
    return report


def poll_once(settings: Settings) -> PollReport:
    with instance_lock(settings.service.lock_file):
        room = Mailroom.open(settings)
        try:
            return poll_and_record(room, room.clock())
        finally:
            room.close()


LEASE_TTL = dt.timedelta(hours=1)  # a service that died holding a job frees it after this


def once_per_office(room: Mailroom, name: str, job: Callable[[], object]) -> bool:
    """Run ``job`` unless another service of the office (same store) runs or ran it for
    today (office date): a lease in the store (``fasdip.store.health``). ``True`` if run."""
    now = room.clock()
    slot = now.astimezone(room.zone).date().isoformat()
    if not room.store.take_lease(name, slot, now, LEASE_TTL):
        log.info("%s of %s: taken by another service of this office", name, slot)
        return False
    try:
        job()
    except BaseException:
        room.store.drop_lease(name)
        raise
    room.store.finish_lease(name, slot, room.clock())
    return True


def serve(settings: Settings, *, install_signals: bool = True) -> int:
    """Run until SIGTERM/SIGINT; returns the exit code."""
    with instance_lock(settings.service.lock_file):
        room = Mailroom.open(settings)
        # One worker thread: the poll and the digest never run at the same time.
        scheduler = BlockingScheduler(
            timezone=settings.timezone, executors={"default": ThreadPoolExecutor(1)}
        )
        stop = threading.Event()
        started_at = room.clock()
        poll = PollJob(settings, lambda: poll_and_record(room, started_at))
        poll.scheduler = scheduler
        _schedule(scheduler, settings, room, poll)

        def shutdown(signum: int, frame: FrameType | None) -> None:
            log.warning("signal %d: stopping after the current poll", signum)
            stop.set()
            with contextlib.suppress(SchedulerNotRunningError):
                scheduler.shutdown(wait=True)

        if install_signals:
            signal.signal(signal.SIGTERM, shutdown)
            signal.signal(signal.SIGINT, shutdown)
        watcher = start_watcher(settings, poll, stop)
        outbox = start_outbox_timer(settings, room, stop)
        try:
            scheduler.start()
        finally:
            stop.set()
            watcher.join(timeout=5)
            outbox.join(timeout=settings.smtp.timeout_seconds + 5)
            room.close()
    return 0


def _schedule(
    scheduler: BlockingScheduler, settings: Settings, room: Mailroom, poll: PollJob
) -> None:
    """The poll at once and every ``service.poll_minutes``; the digest at
    ``digest.send_at`` and the purge at ``PURGE_AT``, once a day for the whole office."""
    once = {"max_instances": 1, "coalesce": True}
    scheduler.add_job(
        poll,
        "interval",
        id="poll",
        minutes=settings.service.poll_minutes,
        next_run_time=dt.datetime.now(dt.UTC),
        **once,
    )
    if settings.digest.send_at:
        hour, minute = (int(part) for part in settings.digest.send_at.split(":"))
        scheduler.add_job(
            lambda: once_per_office(room, "digest", lambda: write_digest(settings, room)),
            "cron",
            id="digest",
            hour=hour,
            minute=minute,
            **once,
        )
    if settings.protection.retention_days > 0:
        scheduler.add_job(
            lambda: once_per_office(room, "purge", lambda: purge(settings, room)),
            "cron",
            id="purge",
            hour=PURGE_AT[0],
            minute=PURGE_AT[1],
            **once,
        )


def write_digest(settings: Settings, room: Mailroom) -> None:
    """The daily digest: saved as HTML and text, mailed when officers are configured."""
    files = CaseFiles(settings, room.store, room.triage.office.requirements, room.triage.catalog)
    rendered, path = files.digest(dt.datetime.now(dt.UTC))
    log.info("digest written: %s", path)
    if settings.digest.recipients:
        send_digest(settings, rendered)
        log.info("digest sent to %d officer(s)", len(settings.digest.recipients))


def purge(settings: Settings, room: Mailroom) -> None:
    """The daily retention run (``protection.retention_days``)."""
    purge_closed_cases(settings, room.store, dt.datetime.now(dt.UTC))
