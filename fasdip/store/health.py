"""What ``fasdip status`` reads, and the leases of once-per-office jobs.

- ``record_poll``: each service writes its last poll (one row per worker name), so a
  status on any machine sees which services are alive and how their last poll went.
- ``queue_figures``: mails claimed, retrying, quarantined; replies waiting and stuck; the
  oldest mail not answered yet.
- Leases: a scheduled job that must run once per office (the digest, the purge) takes
  the lease for its slot (the office's date) before it runs. The row is read ``FOR UPDATE``
  on PostgreSQL (SQLite: ``BEGIN IMMEDIATE``), so of two services that fire together one
  runs the job and the other sees it taken, or done; a holder that died frees it at expiry.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select
from sqlalchemy.dialects import postgresql, sqlite

from fasdip.store.base import StoreBase
from fasdip.store.records import (
    CLAIMED,
    NEW,
    PENDING,
    QUARANTINED,
    RETRY,
    SENDING,
    PollRecord,
    QueueFigures,
)
from fasdip.store.schema import Lease, Mail, Outbox, ServicePoll


class HealthMixin(StoreBase):
    def record_poll(
        self, started_at: dt.datetime, polled_at: dt.datetime, ok: bool, summary: str
    ) -> None:
        """This service's last poll (replaces the one before)."""
        with self._tx() as s:
            row = s.get(ServicePoll, self.worker)
            if row is None:
                row = ServicePoll(worker=self.worker)
                s.add(row)
            row.started_at, row.polled_at, row.ok, row.summary = started_at, polled_at, ok, summary

    def queue_figures(self, stuck_before: dt.datetime) -> QueueFigures:
        """The queues now; an unsent reply created before ``stuck_before`` counts as stuck."""
        with self._tx() as s:
            counted = s.execute(select(Mail.status, func.count()).group_by(Mail.status)).all()
            by_status = {str(status): int(count) for status, count in counted}
            waiting = Outbox.status.in_([PENDING, SENDING])
            outbox_waiting = s.scalar(select(func.count()).where(waiting)) or 0
            stuck = s.scalar(select(func.count()).where(waiting, Outbox.created_at < stuck_before))
            oldest = s.scalar(
                select(func.min(Mail.received_at)).where(Mail.status.in_([NEW, CLAIMED, RETRY]))
            )
            polls = s.scalars(select(ServicePoll).order_by(ServicePoll.polled_at.desc())).all()
            return QueueFigures(
                claimed=by_status.get(CLAIMED, 0),
                retrying=by_status.get(RETRY, 0),
                quarantined=by_status.get(QUARANTINED, 0),
                outbox_waiting=outbox_waiting,
                outbox_stuck=stuck or 0,
                oldest_unanswered_at=oldest,
                polls=[
                    PollRecord(
                        worker=p.worker,
                        started_at=p.started_at,
                        polled_at=p.polled_at,
                        ok=p.ok,
                        summary=p.summary,
                    )
                    for p in polls
                ],
            )

    # ------------------------------------------------------------------ leases

    def take_lease(self, name: str, slot: str, now: dt.datetime, ttl: dt.timedelta) -> bool:
        """Take job ``name`` for ``slot`` (e.g. ``2026-11-29``): ``False`` when that slot
        was run already, or another service holds the job and its lease has not expired."""
        with self._tx() as s:
            dialect_insert = postgresql.insert if self.is_postgres else sqlite.insert
            s.execute(
                dialect_insert(Lease)
                .values(name=name, holder=None, expires_at=None, done_slot="")
                .on_conflict_do_nothing(index_elements=["name"])
            )
            row = s.scalars(select(Lease).where(Lease.name == name).with_for_update()).one()
            if row.done_slot == slot:
                return False
            held = row.holder not in (None, self.worker)
            if held and row.expires_at is not None and row.expires_at > now:
                return False
            row.holder, row.expires_at = self.worker, now + ttl
            return True

    def finish_lease(self, name: str, slot: str, now: dt.datetime) -> None:
        """Job ``name`` ran for ``slot``: no service runs that slot again."""
        with self._tx() as s:
            row = s.get_one(Lease, name)
            row.holder, row.expires_at, row.done_slot, row.done_at = None, None, slot, now

    def drop_lease(self, name: str) -> None:
        """Job ``name`` failed: free it (the slot is not done; the next run may try)."""
        with self._tx() as s:
            row = s.get(Lease, name)
            if row is not None and row.holder == self.worker:
                row.holder, row.expires_at = None, None
