"""Commit: a mail's verdict, its reply in the outbox, its documents and ``done``, in one
transaction; and reading back the verdicts and documents stored that way."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from fasdip.models import AttachmentVerdict
from fasdip.store.base import StoreBase
from fasdip.store.claims import finish_attempt
from fasdip.store.records import (
    CLAIMED,
    DONE,
    PENDING,
    CommitResult,
    LostClaimError,
    ProofFile,
    StoredAttachment,
    StoredVerdict,
)
from fasdip.store.schema import (
    AttachmentRow,
    Case,
    CaseIdentity,
    Mail,
    Message,
    Outbox,
    ProofRow,
    VerdictRow,
)
from fasdip.store.vault import Vault


def verdict_text(vault: Vault, row: VerdictRow) -> str:
    """The verdict JSON of a row, unsealed when it was sealed."""
    if row.verdict_sealed is None:
        return row.verdict_json
    return vault.unseal(row.verdict_sealed, f"verdict {row.id} (database)").decode()


def _add_identities(
    s: Session, case_id: int, identities: Sequence[str], now: dt.datetime, *, keyed: bool
) -> None:
    """The applicants' identity digests the case did not have yet (``keyed``: made with
    the identity key)."""
    known = set(s.scalars(select(CaseIdentity.digest).where(CaseIdentity.case_id == case_id)))
    for digest in dict.fromkeys(identities):
        if digest not in known:
            s.add(CaseIdentity(case_id=case_id, digest=digest, keyed=keyed, at=now))


def _add_attachments(
    s: Session, mail_id: int, case_id: int, attachments: Sequence[AttachmentVerdict]
) -> None:
    """The documents of this mail; an earlier mail's were stored with that mail."""
    for att in attachments:
        if att.mail is not None:
            continue
        s.add(
            AttachmentRow(
                mail_id=mail_id,
                case_id=case_id,
                key=att.id,
                filename=att.filename[:255],
                document_type=att.document_type.value,
                detected_format=att.detected_format.value,
                size=att.size,
                sha256=att.sha256,
            )
        )


class CommitMixin(StoreBase):
    def replies_since(
        self,
        since: dt.datetime,
        *,
        sender: str | None = None,
        case_id: int | None = None,
        kind: str | None = None,
    ) -> int:
        """Replies queued since ``since`` to ``sender`` / in ``case_id`` / of ``kind``."""
        with self._tx() as s:
            query = select(func.count(Outbox.id)).where(Outbox.created_at >= since)
            if sender is not None:
                query = query.where(Outbox.recipients == sender)
            if case_id is not None:
                query = query.where(Outbox.case_id == case_id)
            if kind is not None:
                query = query.where(Outbox.kind == kind)
            return int(s.scalar(query) or 0)

    def commit(
        self,
        mail_id: int,
        *,
        decision: str,
        verdict_json: str,
        now: dt.datetime,
        reply: Callable[[str], tuple[str, list[str], bytes]] | None = None,
        reply_kind: str = "",
        withheld: str | None = None,
        message_id_domain: str = "fasdip.kemlu.go.id",
        identities: Sequence[str] = (),
        attachments: Sequence[AttachmentVerdict] = (),
        request_type: str = "",
        proofs: Sequence[ProofFile] = (),
    ) -> CommitResult:
        """Verdict, outbox row, the reply's proofs and the mail's ``done`` in one transaction.

        ``reply(message_id) -> (sender, recipients, message bytes)`` builds the reply with
        its deterministic Message-ID ``<FASDIP-2026-000123.r1@domain>``. ``proofs`` are
        kept with the case (sealed when a key is set) and attached to that reply when it
        is sent (``proofs_of_reply``): a crash before sending still sends them, once.
        ``request_type`` (recognised with confidence) becomes the case's if it has none.
        """
        with self._tx() as s:
            mail, case = self._claimed_mail(s, mail_id)
            s.add(self._verdict_row(mail_id, case.id, decision, withheld, verdict_json, now))
            message_id = None
            if reply is not None:
                message_id = self._queue_reply(
                    s, case, mail_id, reply_kind, reply, message_id_domain, proofs, now
                )
            _add_identities(s, case.id, identities, now, keyed=self.vault.encrypting)
            _add_attachments(s, mail_id, case.id, attachments)
            case.decision, case.updated_at = decision, now
            case.request_type = case.request_type or request_type[:40]
            mail.status, mail.done_at = DONE, now
            mail.claimed_by, mail.claim_expires_at, mail.last_error = None, None, None
            finish_attempt(s, mail_id, now, DONE, None)
            return CommitResult(outbox_message_id=message_id)

    def _claimed_mail(self, s: Session, mail_id: int) -> tuple[Mail, Case]:
        """The mail and its case, while this worker still holds the mail's claim."""
        mail = s.get_one(Mail, mail_id)
        if mail.status != CLAIMED or mail.claimed_by != self.worker or mail.case_id is None:
            raise LostClaimError(f"mail {mail_id} is no longer claimed by {self.worker}")
        return mail, s.get_one(Case, mail.case_id)

    def _verdict_row(
        self,
        mail_id: int,
        case_id: int,
        decision: str,
        withheld: str | None,
        verdict_json: str,
        now: dt.datetime,
    ) -> VerdictRow:
        """The verdict's row, its JSON sealed when a key is set."""
        sealing = self.vault.encrypting
        return VerdictRow(
            mail_id=mail_id,
            case_id=case_id,
            decision=decision,
            reply_withheld=withheld,
            verdict_json="" if sealing else verdict_json,
            verdict_sealed=self.vault.seal(verdict_json.encode()) if sealing else None,
            created_at=now,
        )

    def _queue_reply(
        self,
        s: Session,
        case: Case,
        mail_id: int,
        kind: str,
        build: Callable[[str], tuple[str, list[str], bytes]],
        message_id_domain: str,
        proofs: Sequence[ProofFile],
        now: dt.datetime,
    ) -> str:
        """The outbox row of the reply ``build(message_id)`` makes, its registration
        ``proofs`` and its line in the case's thread (the mailroom's commit and the
        console's send share it); its Message-ID."""
        count = s.scalar(select(func.count(Outbox.id)).where(Outbox.case_id == case.id))
        message_id = f"<{case.number}.r{int(count or 0) + 1}@{message_id_domain}>"
        sender, recipients, content = build(message_id)
        outbox = Outbox(
            case_id=case.id,
            mail_id=mail_id,
            message_id=message_id,
            kind=kind,
            sender=sender,
            recipients=",".join(recipients),
            content=content,
            status=PENDING,
            tries=0,
            next_try_at=now,
            created_at=now,
        )
        s.add(outbox)
        self._add_proofs(s, case.id, mail_id, outbox, proofs, now)
        s.add(
            Message(
                case_id=case.id,
                mail_id=mail_id,
                direction="out",
                message_id=message_id,
                sender=sender,
                subject="",
                at=now,
            )
        )
        return message_id

    def _add_proofs(
        self,
        s: Session,
        case_id: int,
        mail_id: int,
        outbox: Outbox,
        proofs: Sequence[ProofFile],
        now: dt.datetime,
    ) -> None:
        if not proofs:
            return
        s.flush()  # the outbox row's id
        for proof in proofs:
            s.add(
                ProofRow(
                    case_id=case_id,
                    mail_id=mail_id,
                    outbox_id=outbox.id,
                    filename=proof.filename,
                    content=self.vault.seal(proof.content),
                    encrypted=self.vault.encrypting,
                    sha256=hashlib.sha256(proof.content).hexdigest(),
                    created_at=now,
                )
            )

    def proofs_of_reply(self, outbox_id: int) -> list[ProofFile]:
        """The proofs to attach to an outbox row's reply, decrypted, in their order."""
        with self._tx() as s:
            query = select(ProofRow).where(ProofRow.outbox_id == outbox_id)
            return [self._proof_file(r) for r in s.scalars(query.order_by(ProofRow.id))]

    def case_proofs(self, case_id: int) -> list[ProofFile]:
        """The proofs of the case's latest reply that carried any (what the mission holds)."""
        with self._tx() as s:
            latest = s.scalar(
                select(func.max(ProofRow.outbox_id)).where(ProofRow.case_id == case_id)
            )
            if latest is None:
                return []
            query = select(ProofRow).where(ProofRow.outbox_id == latest).order_by(ProofRow.id)
            return [self._proof_file(r) for r in s.scalars(query)]

    def _proof_file(self, row: ProofRow) -> ProofFile:
        content = row.content
        if row.encrypted:
            content = self.vault.unseal(content, f"registration proof {row.filename} (database)")
        return ProofFile(filename=row.filename, content=content)

    def attachments(self, case_id: int) -> list[StoredAttachment]:
        """The documents the case received, mail by mail, as the triage saw them."""
        with self._tx() as s:
            rows = s.scalars(
                select(AttachmentRow)
                .where(AttachmentRow.case_id == case_id)
                .order_by(AttachmentRow.id)
            )
            return [
                StoredAttachment(
                    mail_id=r.mail_id,
                    key=r.key,
                    filename=r.filename,
                    document_type=r.document_type,
                    detected_format=r.detected_format,
                    size=r.size,
                    sha256=r.sha256,
                )
                for r in rows
            ]

    def verdicts(self, case_id: int | None = None) -> list[StoredVerdict]:
        with self._tx() as s:
            query = select(VerdictRow).order_by(VerdictRow.id)
            if case_id is not None:
                query = query.where(VerdictRow.case_id == case_id)
            return [
                StoredVerdict(
                    mail_id=v.mail_id,
                    case_id=v.case_id,
                    decision=v.decision,
                    reply_withheld=v.reply_withheld,
                    verdict_json=verdict_text(self.vault, v),
                )
                for v in s.scalars(query)
            ]
