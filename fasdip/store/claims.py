"""Claims, attempts and retries of the mails.

Claims: a mail (``claim_next``; an outbox row: ``claim_outbox`` in
``fasdip.store.outbox``) is claimed by writing ``claimed_by`` and an expiry in a
transaction of its own before any work on it. On PostgreSQL the candidate rows are read with
``SELECT … FOR UPDATE SKIP LOCKED`` (``StoreBase._locked``), so two workers never take the
same row; on SQLite every transaction starts with ``BEGIN IMMEDIATE`` (one writer at a time,
``fasdip.store.engine.sqlite_immediate``), which gives the same.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, or_, select, update
from sqlalchemy.orm import Session

from fasdip.store.base import StoreBase
from fasdip.store.records import (
    CLAIMED,
    NEW,
    PENDING,
    QUARANTINED,
    RETRY,
    SENDING,
    MailRecord,
    mail_record,
)
from fasdip.store.schema import Attempt, Mail, Outbox


def backoff(tries: int, base: float, cap: float) -> dt.timedelta:
    """60 s, 120 s, 240 s … up to ``cap``: the wait after the ``tries``-th failure."""
    return dt.timedelta(seconds=min(base * (2 ** max(tries - 1, 0)), cap))


ABANDONED = "abandoned"  # an attempt cut by the service's death: it uses no try


def _starts(s: Session, mail_id: int) -> dict[str, int]:
    """How the mail's earlier starts ended: outcome -> count (``""``: still open)."""
    rows = s.execute(
        select(Attempt.outcome, func.count(Attempt.id))
        .where(Attempt.mail_id == mail_id)
        .group_by(Attempt.outcome)
    ).all()
    return {outcome or "": int(count) for outcome, count in rows}


def finish_attempt(
    s: Session, mail_id: int, now: dt.datetime, outcome: str, error: str | None
) -> None:
    s.execute(
        update(Attempt)
        .where(Attempt.mail_id == mail_id, Attempt.finished_at.is_(None))
        .values(finished_at=now, outcome=outcome, error=error[:2000] if error else None)
    )


class ClaimsMixin(StoreBase):
    def release_own_claims(self, now: dt.datetime) -> int:
        """At start-up: claims this worker held when it stopped are free again."""
        with self._tx() as s:
            held = s.scalars(
                select(Mail.id).where(Mail.status == CLAIMED, Mail.claimed_by == self.worker)
            ).all()
            s.execute(
                update(Mail)
                .where(Mail.id.in_(held))
                .values(status=RETRY, next_try_at=now, claimed_by=None, claim_expires_at=None)
            )
            s.execute(
                update(Attempt)
                .where(Attempt.worker == self.worker, Attempt.finished_at.is_(None))
                .values(finished_at=now, outcome=ABANDONED, error="worker stopped")
            )
            s.execute(
                update(Outbox)
                .where(Outbox.status == SENDING, Outbox.claimed_by == self.worker)
                .values(status=PENDING, claimed_by=None, claim_expires_at=None)
            )
            return len(held)

    def claim_next(self, now: dt.datetime) -> MailRecord | None:
        """Take the oldest due mail (a row written before any work), or ``None``.

        The start is recorded (an ``attempts`` row), not counted: a try is counted only
        when it ends in a failure (``fail``). A start cut by the service's own death (its
        claim released at start-up, or expired) uses no try; a mail on which the service
        died ``max_interrupted`` times (a mail that kills the process) is quarantined
        here instead of taken again.
        """
        timeout = dt.timedelta(seconds=self.settings.claim_timeout_seconds)
        due = or_(
            Mail.status.in_([NEW, RETRY]) & (Mail.next_try_at <= now),
            (Mail.status == CLAIMED) & (Mail.claim_expires_at < now),
        )
        with self._tx() as s:
            while True:
                row = s.scalars(
                    self._locked(select(Mail).where(due).order_by(Mail.id).limit(1))
                ).first()
                if row is None:
                    return None
                if row.status == CLAIMED:  # a worker died holding it
                    finish_attempt(s, row.id, now, ABANDONED, "claim expired")
                starts = _starts(s, row.id)
                cut = starts.get(ABANDONED, 0)
                if (
                    row.attempts >= self.settings.max_attempts
                    or cut >= self.settings.max_interrupted
                ):
                    row.status, row.claimed_by, row.claim_expires_at = QUARANTINED, None, None
                    row.last_error = row.last_error or f"the service stopped {cut} times on it"
                    s.flush()
                    continue
                row.status = CLAIMED
                row.claimed_by = self.worker
                row.claim_expires_at = now + timeout
                s.add(
                    Attempt(
                        mail_id=row.id,
                        number=sum(starts.values()) + 1,
                        worker=self.worker,
                        started_at=now,
                    )
                )
                s.flush()
                return mail_record(row)

    def fail(self, mail_id: int, error: str, now: dt.datetime) -> MailRecord:
        """A try failed: retry after a back-off, or quarantine after ``max_attempts``."""
        with self._tx() as s:
            row = s.get_one(Mail, mail_id)
            row.attempts += 1  # a try that failed: the one kind that counts
            quarantine = row.attempts >= self.settings.max_attempts
            row.status = QUARANTINED if quarantine else RETRY
            row.last_error = error[:2000]
            row.claimed_by, row.claim_expires_at = None, None
            row.next_try_at = now + backoff(
                row.attempts, self.settings.retry_base_seconds, self.settings.retry_max_seconds
            )
            finish_attempt(s, mail_id, now, row.status, error)
            s.flush()
            return mail_record(row)
