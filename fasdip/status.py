"""Is the service alive and well? One ``Status`` for ``fasdip status`` and ``/healthz``.

``compute_status`` reaches the store and the mailbox itself (it does not trust the
service's word for them), reads the queues and each service's last poll from the store,
and sets the state:

- ``down`` (exit 2): the store or the mailbox cannot be reached, or no service polled
  within ``health.alive_minutes``: mail is not being answered;
- ``degraded`` (exit 1): it runs, but a person should look: a mail in quarantine, the
  last poll reported an error, a reply unsent for ``health.outbox_stuck_minutes``, a mail
  unanswered for ``health.unanswered_minutes``;
- ``healthy`` (exit 0) otherwise. ``problems`` says each reason in one line.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from config.settings import Settings
from fasdip.errors import FasdipError
from fasdip.fetching import default_source
from fasdip.mailroom import worker_name
from fasdip.store import PollRecord, Store, masked_url
from ingest.source import SourceError


class State(StrEnum):
    healthy = "healthy"
    degraded = "degraded"
    down = "down"


EXIT_CODES = {State.healthy: 0, State.degraded: 1, State.down: 2}


class Reach(BaseModel):
    """Whether a server (the store, the mailbox) answered, and if not, why."""

    model_config = ConfigDict(frozen=True)
    target: str
    reachable: bool
    error: str | None = None


class ServiceSeen(BaseModel):
    model_config = ConfigDict(frozen=True)
    worker: str
    alive: bool
    last_poll_at: dt.datetime
    last_poll_ok: bool
    last_poll: str  # the poll's figures (and errors) in one line
    started_at: dt.datetime


class Status(BaseModel):
    model_config = ConfigDict(frozen=True)
    state: State
    checked_at: dt.datetime
    problems: list[str] = Field(default_factory=list)
    store: Reach
    mailbox: Reach
    services: list[ServiceSeen] = Field(default_factory=list)
    workers_alive: int = 0
    last_poll_at: dt.datetime | None = None
    last_poll_ok: bool | None = None
    mails_claimed: int = 0
    mails_retrying: int = 0
    mails_quarantined: int = 0
    outbox_waiting: int = 0
    outbox_stuck: int = 0
    oldest_unanswered_seconds: float | None = None

    @property
    def exit_code(self) -> int:
        return EXIT_CODES[self.state]


def alive_window(settings: Settings) -> dt.timedelta:
    minutes = settings.health.alive_minutes or 3 * settings.service.poll_minutes + 1
    return dt.timedelta(minutes=minutes)


def check_mailbox(settings: Settings) -> Reach:
    """Sign in to the mailbox now (IMAP) or look at the inbox folder."""
    source = default_source(settings)
    target = f"{source.account} {source.folder}"
    try:
        source.check()
    except (SourceError, FasdipError) as exc:
        return Reach(target=target, reachable=False, error=str(exc))
    finally:
        source.close()
    return Reach(target=target, reachable=True)


def _services(polls: list[PollRecord], now: dt.datetime, window: dt.timedelta) -> list[ServiceSeen]:
    return [
        ServiceSeen(
            worker=p.worker,
            alive=now - p.polled_at <= window,
            last_poll_at=p.polled_at,
            last_poll_ok=p.ok,
            last_poll=p.summary,
            started_at=p.started_at,
        )
        for p in polls
    ]


def compute_status(settings: Settings, now: dt.datetime | None = None) -> Status:
    """The service's state now: reaches the store and the mailbox, reads the queues."""
    now = now or dt.datetime.now(dt.UTC)
    mailbox = check_mailbox(settings)
    target = masked_url(settings.store)
    try:
        store = Store.attach(settings.store, worker=worker_name(settings))
        try:
            stuck_before = now - dt.timedelta(minutes=settings.health.outbox_stuck_minutes)
            figures = store.health(stuck_before)
        finally:
            store.close()
    except FasdipError as exc:
        problems = [f"store unreachable: {exc.message}"]
        if not mailbox.reachable:
            problems.append(f"mailbox unreachable: {mailbox.error}")
        return Status(
            state=State.down,
            checked_at=now,
            problems=problems,
            store=Reach(target=target, reachable=False, error=exc.message),
            mailbox=mailbox,
        )
    services = _services(figures.polls, now, alive_window(settings))
    oldest = figures.oldest_unanswered_at
    status = Status(
        state=State.healthy,
        checked_at=now,
        store=Reach(target=target, reachable=True),
        mailbox=mailbox,
        services=services,
        workers_alive=sum(s.alive for s in services),
        last_poll_at=services[0].last_poll_at if services else None,
        last_poll_ok=services[0].last_poll_ok if services else None,
        mails_claimed=figures.claimed,
        mails_retrying=figures.retrying,
        mails_quarantined=figures.quarantined,
        outbox_waiting=figures.outbox_waiting,
        outbox_stuck=figures.outbox_stuck,
        oldest_unanswered_seconds=(now - oldest).total_seconds() if oldest else None,
    )
    state, problems = judge(status, settings)
    return status.model_copy(update={"state": state, "problems": problems})


def judge(status: Status, settings: Settings) -> tuple[State, list[str]]:
    """The state and its reasons, worst first."""
    down: list[str] = []
    if not status.mailbox.reachable:
        down.append(f"mailbox unreachable: {status.mailbox.error}")
    if not status.workers_alive:
        seen = status.last_poll_at.isoformat(timespec="seconds") if status.last_poll_at else None
        down.append(
            f"no service polled in the last {alive_window(settings).total_seconds() / 60:g} "
            f"minutes (last poll: {seen or 'never'}); start `fasdip run`"
        )
    health = settings.health
    degraded: list[str] = []
    if status.mails_quarantined:
        degraded.append(f"{status.mails_quarantined} mail(s) in quarantine wait for an officer")
    failing = [s for s in status.services if s.alive and not s.last_poll_ok]
    degraded += [f"last poll of {s.worker} failed: {s.last_poll}" for s in failing]
    if status.outbox_stuck:
        degraded.append(
            f"{status.outbox_stuck} reply(ies) unsent for over {health.outbox_stuck_minutes:g} "
            "minutes (check the SMTP server and smtp.* settings)"
        )
    late = status.oldest_unanswered_seconds
    if late is not None and late > health.unanswered_minutes * 60:
        degraded.append(
            f"a mail has waited {late / 60:.0f} minutes for an answer "
            f"(limit health.unanswered_minutes {health.unanswered_minutes:g})"
        )
    if down:
        return State.down, down + degraded
    return (State.degraded if degraded else State.healthy), degraded


def status_line(status: Status) -> str:
    """The human form: the state, then one line per figure and per problem."""
    lines = [f"fasdip: {status.state.value}"]
    lines += [f"  problem: {p}" for p in status.problems]
    last = status.last_poll_at.isoformat(timespec="seconds") if status.last_poll_at else "never"
    oldest = status.oldest_unanswered_seconds
    lines += [
        f"  store: {status.store.target} "
        + ("reachable" if status.store.reachable else f"UNREACHABLE ({status.store.error})"),
        f"  mailbox: {status.mailbox.target} "
        + ("reachable" if status.mailbox.reachable else f"UNREACHABLE ({status.mailbox.error})"),
        f"  services alive: {status.workers_alive} of {len(status.services)}; last poll {last}",
        f"  mails claimed {status.mails_claimed}, retrying {status.mails_retrying}, "
        f"quarantined {status.mails_quarantined}",
        f"  outbox waiting {status.outbox_waiting} (stuck {status.outbox_stuck})",
        "  oldest unanswered mail: "
        + (f"{oldest / 60:.0f} minutes" if oldest is not None else "none"),
    ]
    lines += [
        f"  service {s.worker}: {'alive' if s.alive else 'silent'}, last poll "
        f"{s.last_poll_at.isoformat(timespec='seconds')}: {s.last_poll}"
        for s in status.services
    ]
    return "\n".join(lines)
