"""The outbox: replies claimed for sending (like the mails: see ``fasdip.store.claims``),
sent or retried after a back-off; and the source mails acknowledged once every reply to
them has left."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from sqlalchemy import or_, select, update
from sqlalchemy.orm import Session

from fasdip.store.base import StoreBase
from fasdip.store.claims import backoff
from fasdip.store.records import (
    DONE,
    DUPLICATE,
    PENDING,
    SENDING,
    SENT,
    MailRecord,
    OutboxItem,
    mail_record,
    outbox_item,
)
from fasdip.store.schema import Case, Mail, Outbox


class OutboxMixin(StoreBase):
    def claim_outbox(self, now: dt.datetime, limit: int = 50) -> list[OutboxItem]:
        timeout = dt.timedelta(seconds=self.settings.claim_timeout_seconds)
        with self._tx() as s:
            due = or_(
                (Outbox.status == PENDING) & (Outbox.next_try_at <= now),
                (Outbox.status == SENDING) & (Outbox.claim_expires_at < now),
            )
            rows = s.scalars(
                self._locked(select(Outbox).where(due).order_by(Outbox.id).limit(limit))
            ).all()
            for row in rows:
                row.status, row.claimed_by = SENDING, self.worker
                row.claim_expires_at = now + timeout
            s.flush()
            return _items(s, rows)

    def mark_sent(self, outbox_id: int, now: dt.datetime) -> None:
        with self._tx() as s:
            row = s.get_one(Outbox, outbox_id)
            row.status, row.sent_at, row.tries = SENT, now, row.tries + 1
            row.claimed_by, row.claim_expires_at, row.last_error = None, None, None

    def mark_send_failed(self, outbox_id: int, error: str, now: dt.datetime) -> OutboxItem:
        """A failed send stays in the outbox, due again after a back-off (2 s, 4 s … at most
        ``send_retry_max_seconds``): never lost."""
        with self._tx() as s:
            row = s.get_one(Outbox, outbox_id)
            row.tries += 1
            row.status, row.last_error = PENDING, error[:2000]
            row.claimed_by, row.claim_expires_at = None, None
            row.next_try_at = now + backoff(
                row.tries,
                self.settings.send_retry_base_seconds,
                self.settings.send_retry_max_seconds,
            )
            s.flush()
            return outbox_item(row, s.get_one(Case, row.case_id).number)

    def outbox(self, case_id: int | None = None) -> list[OutboxItem]:
        with self._tx() as s:
            query = select(Outbox).order_by(Outbox.id)
            if case_id is not None:
                query = query.where(Outbox.case_id == case_id)
            return _items(s, s.scalars(query).all())

    def to_acknowledge(self, account: str, folder: str) -> list[MailRecord]:
        """Done (or duplicate) mails not yet acknowledged whose replies are all sent."""
        with self._tx() as s:
            unsent = select(Outbox.mail_id).where(Outbox.status != SENT)
            rows = s.scalars(
                select(Mail)
                .where(
                    Mail.account == account,
                    Mail.folder == folder,
                    Mail.status.in_([DONE, DUPLICATE]),
                    Mail.acked_at.is_(None),
                    Mail.id.not_in(unsent),
                )
                .order_by(Mail.id)
            ).all()
            return [mail_record(r) for r in rows]

    def mark_acked(self, mail_ids: Sequence[int], now: dt.datetime) -> None:
        if not mail_ids:
            return
        with self._tx() as s:
            s.execute(update(Mail).where(Mail.id.in_(mail_ids)).values(acked_at=now))


def _items(s: Session, rows: Sequence[Outbox]) -> list[OutboxItem]:
    """The rows as items, each with its case's number."""
    case_ids = {r.case_id for r in rows}
    if not case_ids:
        return []
    query = select(Case.id, Case.number).where(Case.id.in_(case_ids))
    numbers: dict[int, str] = dict(s.execute(query).all())
    return [outbox_item(r, numbers[r.case_id]) for r in rows]
