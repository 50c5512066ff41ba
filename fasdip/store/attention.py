"""What no officer may miss: mails the machine gave up on or has not judged in time,
replies that have not left, and replies a limit withheld (the digest's first section)."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict
from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from fasdip.store.base import StoreBase
from fasdip.store.records import CLAIMED, NEW, QUARANTINED, RETRY, SENT
from fasdip.store.schema import Case, Mail, Outbox, VerdictRow

# What each item is, in the order the digest lists them.
ATTENTION_KINDS = ("quarantined", "failed", "unjudged", "unsent", "withheld")
RATE_LIMIT = "rate limit"  # how the reply policy names a reply withheld by a limit


class AttentionItem(BaseModel):
    """One mail or reply an officer must look at; ``reason`` in the store's words."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str  # one of ATTENTION_KINDS
    mail_id: int
    case_ref: str | None  # None: the mail never reached a case
    case_sender: str | None
    raw_sha256: str | None
    reason: str
    since: dt.datetime
    tries: int = 0


class AttentionMixin(StoreBase):
    def attention(
        self, now: dt.datetime, *, stale_after: dt.timedelta, since: dt.datetime
    ) -> list[AttentionItem]:
        """Quarantined mails; failed mails and mails without a verdict for longer than
        ``stale_after``; replies not sent (a failed try, or older than ``stale_after``);
        replies withheld by a rate limit since ``since``."""
        cutoff = now - stale_after
        with self._tx() as s:
            items = self._mails_in_trouble(s, cutoff)
            items += self._unsent(s, cutoff)
            items += self._withheld(s, since)
        return sorted(items, key=lambda i: (ATTENTION_KINDS.index(i.kind), i.since, i.mail_id))

    def _case(self, s: Session, case_id: int | None) -> tuple[str | None, str | None]:
        case = s.get(Case, case_id) if case_id is not None else None
        return (case.number, case.sender) if case is not None else (None, None)

    def _mails_in_trouble(self, s: Session, cutoff: dt.datetime) -> list[AttentionItem]:
        rows = s.scalars(
            select(Mail)
            .where(
                or_(
                    Mail.status.in_([QUARANTINED, RETRY]),
                    Mail.status.in_([NEW, CLAIMED]) & (Mail.received_at < cutoff),
                )
            )
            .order_by(Mail.id)
        ).all()
        items = []
        for row in rows:
            kind = {QUARANTINED: "quarantined", RETRY: "failed"}.get(row.status, "unjudged")
            reason = row.last_error or (
                "no verdict yet" if kind == "unjudged" else "gave up without an error text"
            )
            number, sender = self._case(s, row.case_id)
            items.append(
                AttentionItem(
                    kind=kind,
                    mail_id=row.id,
                    case_ref=number,
                    case_sender=sender,
                    raw_sha256=row.raw_sha256,
                    reason=reason,
                    since=row.received_at,
                    tries=row.attempts,
                )
            )
        return items

    def _unsent(self, s: Session, cutoff: dt.datetime) -> list[AttentionItem]:
        rows = s.execute(
            select(Outbox, Mail.raw_sha256)
            .join(Mail, Mail.id == Outbox.mail_id)
            .where(Outbox.status != SENT, (Outbox.tries > 0) | (Outbox.created_at < cutoff))
            .order_by(Outbox.id)
        ).all()
        items = []
        for row, sha in rows:
            number, sender = self._case(s, row.case_id)
            reason = row.last_error or "not sent yet"
            items.append(
                AttentionItem(
                    kind="unsent",
                    mail_id=row.mail_id,
                    case_ref=number,
                    case_sender=sender,
                    raw_sha256=sha,
                    reason=f"{row.message_id}: {reason}",
                    since=row.created_at,
                    tries=row.tries,
                )
            )
        return items

    def _withheld(self, s: Session, since: dt.datetime) -> list[AttentionItem]:
        rows = s.execute(
            select(VerdictRow, Mail.raw_sha256)
            .join(Mail, Mail.id == VerdictRow.mail_id)
            .where(
                VerdictRow.reply_withheld.startswith(RATE_LIMIT),
                VerdictRow.created_at >= since,
            )
            .order_by(VerdictRow.id)
        ).all()
        items = []
        for row, sha in rows:
            number, sender = self._case(s, row.case_id)
            items.append(
                AttentionItem(
                    kind="withheld",
                    mail_id=row.mail_id,
                    case_ref=number,
                    case_sender=sender,
                    raw_sha256=sha,
                    reason=row.reply_withheld or RATE_LIMIT,
                    since=row.created_at,
                )
            )
        return items
