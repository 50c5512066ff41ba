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

    def _item(
        self,
        s: Session,
        kind: str,
        case_id: int | None,
        mail_id: int,
        raw_sha256: str | None,
        reason: str,
        since: dt.datetime,
        tries: int = 0,
    ) -> AttentionItem:
        """An item with its case's number and sender (None: the mail never reached a case)."""
        case = s.get(Case, case_id) if case_id is not None else None
        return AttentionItem(
            kind=kind,
            mail_id=mail_id,
            case_ref=case.number if case is not None else None,
            case_sender=case.sender if case is not None else None,
            raw_sha256=raw_sha256,
            reason=reason,
            since=since,
            tries=tries,
        )

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
            items.append(
                self._item(
                    s,
                    kind,
                    row.case_id,
                    row.id,
                    row.raw_sha256,
                    reason,
                    row.received_at,
                    row.attempts,
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
        return [
            self._item(
                s,
                "unsent",
                row.case_id,
                row.mail_id,
                sha,
                f"{row.message_id}: {row.last_error or 'not sent yet'}",
                row.created_at,
                row.tries,
            )
            for row, sha in rows
        ]

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
        return [
            self._item(
                s,
                "withheld",
                row.case_id,
                row.mail_id,
                sha,
                row.reply_withheld or RATE_LIMIT,
                row.created_at,
            )
            for row, sha in rows
        ]
