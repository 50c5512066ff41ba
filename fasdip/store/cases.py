"""Cases and threading: which case a mail belongs to, and the case numbers.

A mail joins a case (a follow-up) by, in this order: a case number in its subject; its
In-Reply-To / References naming a mail of the case; or, within ``window_days``, the same
mission *and* the same applicants (passport number, NIK or name digests: every applicant
of the mail that has one must be of the case) with no other request type. The subject
alone never joins. A mail naming a case that its sender failed authentication for, or
that another mission's case is, never joins it: it opens a case of its own marked
``suspicious`` (with the reason) for the officers. Otherwise it opens a new case
``FASDIP-<year>-<n>``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import re
import unicodedata

from sqlalchemy import or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from fasdip.store.raw_mail import RawMailMixin
from fasdip.store.records import DONE, CaseInfo, ThreadHints, case_info
from fasdip.store.schema import Case, CaseIdentity, CaseSequence, Mail, Message, RawMail

CASE_NUMBER = re.compile(r"\bFASDIP-(\d{4})-(\d{6})\b")


def identity_digest(kind: str, value: str, key: bytes | None = None) -> str:
    """``passport``/``nik``/``name`` + value -> a digest: the store never keeps the value.

    Numbers lose their spaces; a name is compared by its words (case, accents, order and
    punctuation aside: ``SMITH, John`` is ``John Smith``). With ``key`` (the vault's
    ``identity_key``, set when protection.encryption_key is) the digest is an HMAC of the
    plain sha256: a database copied without the key cannot be searched for a number by
    hashing guesses (a NIK has few enough values to try them all)."""
    if kind == "name":
        plain = unicodedata.normalize("NFKD", value).encode("ascii", "ignore").decode()
        normal = " ".join(sorted(re.findall(r"[a-z]+", plain.lower())))
    else:
        normal = "".join(value.split()).upper()
    digest = hashlib.sha256(f"{kind}:{normal}".encode()).hexdigest()
    return digest if key is None else key_digest(digest, key)


def key_digest(plain: str, key: bytes) -> str:
    """The keyed form of a plain identity digest (``fasdip protect`` keys old rows with it)."""
    return hmac.new(key, plain.encode(), hashlib.sha256).hexdigest()


def _refusal(case: Case, hints: ThreadHints) -> str | None:
    """Why a mail naming ``case`` may not join it, or ``None``."""
    if hints.distrust is not None:
        return f"names case {case.number} but its sender failed authentication ({hints.distrust})"
    if case.suspicious is not None:
        return f"names case {case.number}, which holds a mail kept apart for officers"
    if case.mission == "":  # a case opened before threading knew missions: its sender
        return None if hints.sender == case.sender else _other(case, hints.sender)
    return None if hints.mission == case.mission else _other(case, hints.sender)


def _other(case: Case, sender: str) -> str:
    return (
        f"names case {case.number} of {case.mission or case.sender} but comes from "
        f"{sender or '(no sender)'}, not that mission"
    )


class CasesMixin(RawMailMixin):
    def assign_case(self, mail_id: int, hints: ThreadHints, now: dt.datetime) -> CaseInfo:
        """The mail's case: the one it already has, the one it threads to, or a new one."""
        with self._tx() as s:
            mail = s.get_one(Mail, mail_id)
            if mail.case_id is not None:
                return case_info(s.get_one(Case, mail.case_id))
            case, refusal = self._thread(s, hints, now)
            new = case is None
            if case is None:
                case = Case(
                    number=self._next_number(s, hints.year),
                    sender=hints.sender,
                    subject_key=hints.subject_key[:500],
                    mission=hints.mission[:340],
                    request_type="",
                    suspicious=refusal,
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

    def _thread(
        self, s: Session, hints: ThreadHints, now: dt.datetime
    ) -> tuple[Case | None, str | None]:
        """(the case the mail joins, ``None``) or (``None``, why it may not join the case
        it names) or (``None``, ``None``): a new case."""
        named = self._named_case(s, hints)
        if named is not None:
            refusal = _refusal(named, hints)
            return (None, refusal) if refusal else (named, None)
        if hints.distrust is None:
            return self._same_applicants(s, hints, now), None
        return None, None

    def _named_case(self, s: Session, hints: ThreadHints) -> Case | None:
        """The case its subject's case number or its In-Reply-To / References name."""
        for number in hints.case_numbers:
            case = s.scalar(select(Case).where(Case.number == number))
            if case is not None:
                return case
        if not hints.message_ids:
            return None
        found = s.execute(
            select(Message.message_id, Message.case_id).where(
                Message.message_id.in_(hints.message_ids)
            )
        ).all()
        by_id: dict[str | None, int] = {row[0]: row[1] for row in found}
        for mid in hints.message_ids:  # In-Reply-To first, then References
            if mid in by_id:
                return s.get(Case, by_id[mid])
        return None

    def _same_applicants(self, s: Session, hints: ThreadHints, now: dt.datetime) -> Case | None:
        """The latest case of the same mission within the window holding every applicant
        of the mail (by digest), of the same request type or the mail bringing none."""
        digests = {d for group in hints.applicants for d in group}
        if not digests or hints.window_days <= 0 or not hints.mission:
            return None
        since = now - dt.timedelta(days=hints.window_days)
        same_mission = or_(
            Case.mission == hints.mission,
            (Case.mission == "") & (Case.sender == hints.sender),  # cases opened before
        )
        candidates = s.scalars(
            select(Case)
            .join(CaseIdentity, CaseIdentity.case_id == Case.id)
            .where(
                CaseIdentity.digest.in_(digests),
                same_mission,
                Case.suspicious.is_(None),
                Case.updated_at >= since,
            )
            .order_by(Case.updated_at.desc(), Case.id.desc())
            .distinct()
            .limit(20)
        ).all()
        for case in candidates:
            if hints.request_type and case.request_type not in ("", hints.request_type):
                continue  # another request about the same person: a case of its own
            held = set(
                s.scalars(select(CaseIdentity.digest).where(CaseIdentity.case_id == case.id))
            )
            if all(held & set(group) for group in hints.applicants if group):
                return case
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
