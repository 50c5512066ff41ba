"""Cases and threading: which case a mail belongs to, and the case numbers.

A mail threads to a case by a case number in its subject, then by In-Reply-To/References,
then (within ``window_days``) by the same sender with the same passport/NIK, then by the
same sender with the same subject; otherwise it opens a new case ``FASDIP-<year>-<n>``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fasdip.store.raw_mail import RawMailMixin
from fasdip.store.records import DONE, CaseInfo, ThreadHints, case_info
from fasdip.store.schema import Case, CaseIdentity, CaseSequence, Mail, Message, RawMail

CASE_NUMBER = re.compile(r"\bFASDIP-(\d{4})-(\d{6})\b")


def identity_digest(kind: str, value: str) -> str:
    """``passport``/``nik`` + number -> sha256: the store never keeps the number itself."""
    normal = "".join(value.split()).upper()
    return hashlib.sha256(f"{kind}:{normal}".encode()).hexdigest()


class CasesMixin(RawMailMixin):
    def assign_case(self, mail_id: int, hints: ThreadHints, now: dt.datetime) -> CaseInfo:
        """The mail's case: the one it already has, the one it threads to, or a new one."""
        with self._tx() as s:
            mail = s.get_one(Mail, mail_id)
            if mail.case_id is not None:
                return case_info(s.get_one(Case, mail.case_id))
            case = self._thread(s, hints, now)
            new = case is None
            if case is None:
                case = Case(
                    number=self._next_number(s, hints.year),
                    sender=hints.sender,
                    subject_key=hints.subject_key[:500],
                    opened_at=now,
                    updated_at=now,
                )
                s.add(case)
                s.flush()
            mail.case_id = case.id
            s.add(
                Message(
                    case_id=case.id,
                    mail_id=mail_id,
                    direction="in",
                    message_id=hints.message_id,
                    sender=hints.sender,
                    subject=hints.subject,
                    at=now,
                )
            )
            s.flush()
            return case_info(case, new=new)

    def _thread(self, s: Session, hints: ThreadHints, now: dt.datetime) -> Case | None:
        for number in hints.case_numbers:
            case = s.scalar(select(Case).where(Case.number == number))
            if case is not None:
                return case
        if hints.message_ids:
            found = s.execute(
                select(Message.message_id, Message.case_id).where(
                    Message.message_id.in_(hints.message_ids)
                )
            ).all()
            by_id: dict[str | None, int] = {row[0]: row[1] for row in found}
            for mid in hints.message_ids:  # In-Reply-To first, then References
                if mid in by_id:
                    return s.get(Case, by_id[mid])
        since = now - dt.timedelta(days=hints.window_days)
        if hints.sender and hints.identities and hints.window_days > 0:
            case = s.scalars(
                select(Case)
                .join(CaseIdentity, CaseIdentity.case_id == Case.id)
                .where(
                    CaseIdentity.digest.in_(hints.identities),
                    Case.sender == hints.sender,
                    Case.updated_at >= since,
                )
                .order_by(Case.updated_at.desc())
                .limit(1)
            ).first()
            if case is not None:
                return case
        if hints.sender and hints.subject_key and hints.window_days > 0:
            return s.scalars(
                select(Case)
                .where(
                    Case.sender == hints.sender,
                    Case.subject_key == hints.subject_key[:500],
                    Case.updated_at >= since,
                )
                .order_by(Case.updated_at.desc())
                .limit(1)
            ).first()
        return None

    def _next_number(self, s: Session, year: int) -> str:
        seq = s.scalars(
            select(CaseSequence).where(CaseSequence.year == year).with_for_update()
            if self.is_postgres
            else select(CaseSequence).where(CaseSequence.year == year)
        ).first()
        if seq is None:
            try:
                with s.begin_nested():
                    seq = CaseSequence(year=year, last=0)
                    s.add(seq)
            except IntegrityError:  # another worker opened the year's sequence
                seq = s.scalars(
                    select(CaseSequence).where(CaseSequence.year == year).with_for_update()
                ).one()
        seq.last += 1
        s.flush()
        return f"FASDIP-{year}-{seq.last:06d}"

    def case(self, case_id: int) -> CaseInfo:
        with self._tx() as s:
            return case_info(s.get_one(Case, case_id))

    def cases(self) -> list[CaseInfo]:
        with self._tx() as s:
            return [case_info(c) for c in s.scalars(select(Case).order_by(Case.id))]

    def earlier_raws(self, case_id: int, before_mail_id: int) -> list[bytes]:
        """Raw bytes of the case's earlier mails (done ones), oldest first."""
        with self._tx() as s:
            shas = s.scalars(
                select(Mail.raw_sha256)
                .join(RawMail, RawMail.sha256 == Mail.raw_sha256)
                .where(
                    Mail.case_id == case_id,
                    Mail.id < before_mail_id,
                    Mail.status == DONE,
                    RawMail.purged_at.is_(None),  # retention deleted it: judged without
                )
                .order_by(Mail.id)
            ).all()
        return [self.read_raw(sha) for sha in shas if sha]
