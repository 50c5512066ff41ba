"""What makes ``fasdip run`` act between its scheduled polls, and the poll job itself.

- ``PollJob``: the scheduled poll. A wake-up that comes while a poll runs is not lost: the
  poll runs again as soon as it ends. A poll that could not read the mailbox is run again
  after 0.5 s, 1 s, 2 s … at most ``imap.reconnect_max_seconds``.
- The IMAP IDLE watcher (a connection of its own): a poll as soon as new mail arrives; a
  lost connection is made again on the same back-off, and a new connection starts with a
  search for unprocessed mail, so mail that arrived while the server was down is polled
  at once when it returns.
- The inbox-folder watcher (the embedded defaults): a look every second.
- The outbox timer: every ``service.outbox_check_seconds`` the replies due again (after a
  failed send's back-off: 2 s … 60 s) are sent, without waiting for a poll.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import threading
from collections.abc import Callable
from typing import Any

from apscheduler.jobstores.base import JobLookupError
from apscheduler.schedulers import SchedulerNotRunningError

from config.settings import Settings
from fasdip.mailroom import Mailroom, PollReport
from fasdip.oauth2 import mail_tokens
from ingest.imap import ImapSource
from ingest.source import SourceError

log = logging.getLogger(__name__)

FOLDER_WATCH_SECONDS = 1.0


class Backoff:
    """``base``, twice that, four times … at most ``cap`` seconds; ``reset`` on success."""

    def __init__(self, base: float, cap: float) -> None:
        self.base, self.cap, self.failures = base, cap, 0

    def next(self) -> float:
        self.failures += 1
        return float(min(self.base * 2 ** (self.failures - 1), self.cap))

    def reset(self) -> None:
        self.failures = 0


def describe(report: PollReport) -> str:
    text = (
        f"fetched {report.fetched}, processed {report.processed}, replies queued "
        f"{report.queued}, sent {report.sent}, send failures {report.send_failed}, "
        f"acknowledged {report.acknowledged}, failed {report.failed}, "
        f"duplicates {report.duplicates}"
    )
    return text + "".join(f"; error: {e}" for e in report.errors)


class PollJob:
    """The poll as a scheduler job (id ``poll``), and ``wake`` to run it at once."""

    def __init__(self, settings: Settings, run_poll: Callable[[], PollReport]) -> None:
        self.run_poll = run_poll  # one poll, its figures logged and recorded (fasdip.service)
        self.scheduler: Any = None  # set by ``serve`` once the scheduler exists
        self.retry = Backoff(
            settings.imap.reconnect_base_seconds, settings.imap.reconnect_max_seconds
        )
        self._lock = threading.Lock()
        self._running = False
        self._wanted = False

    def __call__(self) -> None:
        with self._lock:
            self._running = True
        try:
            while True:
                with self._lock:
                    self._wanted = False
                self._poll()
                with self._lock:
                    if not self._wanted:
                        return
        finally:
            with self._lock:
                self._running = False

    def _poll(self) -> None:
        report = self.run_poll()
        if report.fetch_failures:  # the mailbox is down: again soon, not in minutes
            self.run_at(self.retry.next())
        else:
            self.retry.reset()

    def wake(self) -> None:
        """Poll now; if a poll is running, once more as soon as it ends."""
        with self._lock:
            self._wanted = True
            if self._running:
                return
        self.run_at(0.0)

    def run_at(self, seconds: float) -> None:
        when = dt.datetime.now(dt.UTC) + dt.timedelta(seconds=seconds)
        with contextlib.suppress(JobLookupError, SchedulerNotRunningError):  # stopping already
            self.scheduler.modify_job("poll", next_run_time=when)


def start_watcher(settings: Settings, job: PollJob, stop: threading.Event) -> threading.Thread:
    """What wakes the poll as soon as mail arrives: IMAP IDLE, or a look at the inbox
    folder every second (the embedded defaults); the scheduled poll stays as a net."""
    target = _watch_imap if settings.imap.host else _watch_folder
    thread = threading.Thread(
        target=target, args=(settings, job, stop), name="mail-watch", daemon=True
    )
    thread.start()
    return thread


def _watch_imap(settings: Settings, job: PollJob, stop: threading.Event) -> None:
    retry = Backoff(settings.imap.reconnect_base_seconds, settings.imap.reconnect_max_seconds)
    source = ImapSource(settings.imap, tokens=mail_tokens(settings))
    try:
        while not stop.is_set():
            try:
                if source.wait_for_mail(min(30.0, settings.service.poll_minutes * 60)):
                    job.wake()
                retry.reset()
            except SourceError as exc:
                wait = retry.next()
                log.warning("IDLE watcher: %s (again in %.1f s)", exc, wait)
                stop.wait(wait)
            except Exception:  # the watcher only hurries the poll: never let it die
                log.exception("IDLE watcher failed; polling continues on schedule")
                stop.wait(retry.next())
    finally:
        source.close()


def _watch_folder(settings: Settings, job: PollJob, stop: threading.Event) -> None:
    inbox = settings.service.inbox_dir
    seen: set[str] = set()
    while not stop.wait(FOLDER_WATCH_SECONDS):
        try:
            names = {path.name for path in inbox.glob("*.eml")}
        except OSError as exc:  # the folder is checked again in a second
            log.warning("inbox watcher: %s: %s", inbox, exc.strerror)
            continue
        if names - seen:
            job.wake()
        seen = names


def start_outbox_timer(
    settings: Settings, room: Mailroom, stop: threading.Event
) -> threading.Thread:
    """Sends the replies due again (a failed send's back-off ran out) between polls."""

    def run() -> None:
        while not stop.wait(settings.service.outbox_check_seconds):
            try:
                report = room.send_due()
            except Exception:  # the timer only hurries the outbox: each poll sends too
                log.exception("outbox timer failed; replies are sent at the next poll")
                continue
            if report.sent or report.send_failed:
                log.info("outbox: sent %d, send failures %d", report.sent, report.send_failed)

    thread = threading.Thread(target=run, name="outbox", daemon=True)
    thread.start()
    return thread
