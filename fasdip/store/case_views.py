"""What the console reads of the cases: each case's latest verdict, a case's thread of
mails in and out, and the raw mails of a case (its documents are read from them)."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import func, select

from fasdip.store.console_records import _Out
from fasdip.store.raw_mail import RawMailMixin
from fasdip.store.records import StoredVerdict
from fasdip.store.schema import Case, Mail, Message, Outbox, RawMail, VerdictRow


class ThreadEntry(_Out):
    direction: str  # in, out
    message_id: str | None
    sender: str
    subject: str
    at: dt.datetime
    mail_id: int | None
    kind: str = ""  # out: the reply's kind
    status: str = ""  # out: pending, sending, sent
    sent_at: dt.datetime | None = None


class CaseViewsMixin(RawMailMixin):
    def latest_verdicts(self) -> dict[int, StoredVerdict]:
        """Case id -> its latest verdict (the one every list and page shows)."""
        with self._tx() as s:
            latest = select(func.max(VerdictRow.id)).group_by(VerdictRow.case_id)
            rows = s.scalars(select(VerdictRow).where(VerdictRow.id.in_(latest)))
            return {
                v.case_id: StoredVerdict(
                    mail_id=v.mail_id,
                    case_id=v.case_id,
                    decision=v.decision,
                    reply_withheld=v.reply_withheld,
                    verdict_json=v.verdict_json,
                )
                for v in rows
            }

    def case_by_number(self, number: str) -> int | None:
        with self._tx() as s:
            return s.scalar(select(Case.id).where(Case.number == number))

    def thread(self, case_id: int) -> list[ThreadEntry]:
        """The case's mails in and replies out, in order."""
        with self._tx() as s:
            out = {
                o.message_id: o for o in s.scalars(select(Outbox).where(Outbox.case_id == case_id))
            }
            entries = []
            for m in s.scalars(
                select(Message).where(Message.case_id == case_id).order_by(Message.at, Message.id)
            ):
                reply = out.get(m.message_id or "")
                entries.append(
                    ThreadEntry(
                        direction=m.direction,
                        message_id=m.message_id,
                        sender=m.sender,
                        subject=m.subject,
                        at=m.at,
                        mail_id=m.mail_id,
                        kind=reply.kind if reply else "",
                        status=reply.status if reply else "",
                        sent_at=reply.sent_at if reply else None,
                    )
                )
            return entries

    def case_raws(self, case_id: int) -> list[tuple[int, bytes]]:
        """(mail id, raw bytes) of the case's mails, oldest first (purged ones left out):
        the documents of the case are in these, and only in these."""
        with self._tx() as s:
            rows = s.execute(
                select(Mail.id, Mail.raw_sha256)
                .join(RawMail, RawMail.sha256 == Mail.raw_sha256)
                .where(Mail.case_id == case_id, RawMail.purged_at.is_(None))
                .order_by(Mail.id)
            ).all()
        return [(mail_id, self.read_raw(sha)) for mail_id, sha in rows if sha]
