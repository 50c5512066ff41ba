"""What an officer does to a case, each shown before it is done (``preview_*``) and then
done with its line of the audit trail: correct a document's type or applicant or a read
field, judge again with the corrections, send the reply the templates word (with its
registration proofs), mark the case entered or closed, add a note, and release or close a
quarantined mail."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from pydantic import BaseModel, ConfigDict

from config.missions import MissionRegistry
from fasdip import mail_threads
from fasdip.corrections import (
    APPLICANT,
    CONFIRM,
    DOCUMENT_TYPE,
    FIELD,
    KTP_FIELDS,
    NUMBER_FIELDS,
    PASSPORT_FIELDS,
    CaseCorrections,
    CorrectionLike,
)
from fasdip.errors import UsageError
from fasdip.logs import mail_logger
from fasdip.models import Decision, DocumentType, Verdict
from fasdip.pipeline import Triage
from fasdip.proofs import proof_files
from fasdip.reply_policy import ReplyPolicy
from fasdip.sending import send_one
from fasdip.store import ProofFile, Store
from fasdip.store.console_records import CLOSED, ENTERED
from fasdip.web.casepage import CasePages
from fasdip.web.worklists import mask
from responders.outgoing import Mailer, build_message

MAX_VALUE = 200
MAX_NOTE = 4000


class Correction(BaseModel):
    """One correction as an officer asks for it (from a form): checked by ``check``."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    attachment: str  # the verdict's attachment id (a2, m1-a3)
    field: str = ""
    value: str = ""


class Preview(BaseModel):
    """A correction or a judgement, and what the case would become."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    change: str  # in words, without personal numbers
    before: Verdict
    after: Verdict


class Outgoing(BaseModel):
    """The reply as it would leave: what the mission reads, and what is attached."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    kind: str
    to: list[str]
    subject: str
    text: str
    attachments: list[str]


class Actions:
    def __init__(
        self,
        store: Store,
        triage: Triage,
        missions: MissionRegistry,
        pages: CasePages,
        mailer: Callable[[], Mailer],
        clock: Callable[[], dt.datetime],
    ) -> None:
        self.store = store
        self.triage = triage
        self.settings = triage.settings
        self.missions = missions
        self.pages = pages
        self.mailer = mailer
        self.clock = clock
        self.policy = ReplyPolicy(triage.settings, store, missions, triage.catalog)

    # ------------------------------------------------------------------ judging

    def judge(self, case_id: int, corrections: CaseCorrections) -> Verdict:
        """The case judged as the mailroom would (its latest judged mail with every earlier
        one, the registry and loop rules), with the officers' corrections."""
        latest = self.pages.verdict(case_id)
        stored = self.store.latest_verdicts()[case_id]
        mail = self.store.mail(stored.mail_id)
        if mail.raw_sha256 is None:
            raise UsageError(f"case {latest.case_ref}: its mail was not downloaded")
        raw = self.store.read_raw(mail.raw_sha256)
        verdict = self.triage.run(
            raw,
            case_ref=latest.case_ref,
            earlier=self.store.earlier_raws(case_id, mail.id),
            corrections=corrections,
        )
        verdict, _withheld = self.policy.screen(verdict, mail_threads.headers(raw))
        return verdict

    def check(self, verdict: Verdict, asked: Correction) -> tuple[str, str, str]:
        """(document sha256, stored value, change in words), or ``UsageError`` naming what
        is wrong in the form."""
        doc = next((a for a in verdict.attachments if a.id == asked.attachment), None)
        if doc is None:
            raise UsageError(f"no document {asked.attachment} in case {verdict.case_ref}")
        value = asked.value.strip()
        where = f"{doc.filename} ({doc.id})"
        if asked.kind == DOCUMENT_TYPE:
            if value not in DocumentType.__members__:
                raise UsageError(f"'{value}' is not a document type")
            return doc.sha256, value, f"{where}: type {doc.document_type.value} → {value}"
        if asked.kind == APPLICANT:
            names = {a.key: a.name or a.key for a in verdict.applicants}
            if value not in names:
                raise UsageError(f"'{value}' is not an applicant of case {verdict.case_ref}")
            return doc.sha256, value, f"{where}: applicant → {names[value]} ({value})"
        if asked.kind == FIELD:
            known = {f"passport.{n}" for n in PASSPORT_FIELDS} | {f"ktp.{n}" for n in KTP_FIELDS}
            if asked.field not in known:
                raise UsageError(f"'{asked.field}' is not a field that can be corrected")
            if not value or len(value) > MAX_VALUE:
                raise UsageError(f"give the value of {asked.field} (1 to {MAX_VALUE} characters)")
            shown = mask(value) if asked.field in NUMBER_FIELDS else value
            return doc.sha256, value, f"{where}: {asked.field} reads {shown}"
        if asked.kind == CONFIRM:
            return doc.sha256, "yes", f"{where}: reading confirmed as read"
        raise UsageError(f"'{asked.kind}' is not a kind of correction")

    def preview_correction(self, case_id: int, asked: Correction) -> Preview:
        before = self.pages.verdict(case_id)
        sha, value, change = self.check(before, asked)
        records: list[CorrectionLike] = [
            *self.store.corrections(case_id),
            _Pending(asked.kind, sha, asked.field, value),
        ]
        return Preview(
            change=change, before=before, after=self.judge(case_id, CaseCorrections.of(records))
        )

    def save_correction(
        self, case_id: int, asked: Correction, officer: str, *, judge_again: bool
    ) -> str:
        before = self.pages.verdict(case_id)
        sha, value, change = self.check(before, asked)
        self.store.add_correction(
            case_id,
            kind=asked.kind,
            sha256=sha,
            field=asked.field,
            value=value,
            officer=officer,
            now=self.clock(),
            detail=change,
        )
        mail_logger(__name__, before.case_ref).info("%s corrected: %s", officer, change)
        if judge_again:
            self.judge_again(case_id, officer)
        return change

    def preview_judgement(self, case_id: int) -> Preview:
        corrections = CaseCorrections.of(self.store.corrections(case_id))
        return Preview(
            change="judged again with every correction",
            before=self.pages.verdict(case_id),
            after=self.judge(case_id, corrections),
        )

    def judge_again(self, case_id: int, officer: str) -> Verdict:
        verdict = self.judge(case_id, CaseCorrections.of(self.store.corrections(case_id)))
        self.store.record_judgement(
            case_id,
            decision=verdict.decision.value,
            verdict_json=verdict.model_dump_json(),
            officer=officer,
            now=self.clock(),
        )
        mail_logger(__name__, verdict.case_ref).info(
            "judged again by %s: %s", officer, verdict.decision.value
        )
        return verdict

    # ------------------------------------------------------------------ replies

    def outgoing(self, case_id: int) -> Outgoing:
        verdict = self.pages.verdict(case_id)
        reply = verdict.reply
        if reply is None or verdict.decision not in (
            Decision.registration_proof,
            Decision.missing_items,
        ):
            raise UsageError(
                f"case {verdict.case_ref} has no reply to send ({verdict.decision.value}): "
                "correct it and judge it again first"
            )
        return Outgoing(
            kind=reply.kind.value,
            to=reply.to,
            subject=reply.subject,
            text=reply.text,
            attachments=[p.filename for p in self.proofs(verdict)],
        )

    def proofs(self, verdict: Verdict) -> list[ProofFile]:
        """The signed registration proofs the reply carries (as the mailroom makes them)."""
        return proof_files(
            verdict, self.missions, self.triage.office.requirements, self.settings.proof
        )

    def send(self, case_id: int, officer: str) -> str:
        """Queue the reply of the latest verdict and send it now (a failed send stays in
        the outbox and the service retries it)."""
        verdict = self.pages.verdict(case_id)
        outgoing = self.outgoing(case_id)
        reply = verdict.reply
        assert reply is not None

        def build(message_id: str) -> tuple[str, list[str], bytes]:
            content = build_message(
                reply,
                message_id=message_id,
                sender=self.settings.office_address,
                sender_name=self.settings.office_name_id,
                date=self.clock(),
            )
            return self.settings.office_address, list(reply.to), content

        message_id = self.store.queue_officer_reply(
            case_id,
            kind=outgoing.kind,
            officer=officer,
            now=self.clock(),
            build=build,
            message_id_domain=self.settings.service.message_id_domain,
            proofs=self.proofs(verdict),
        )
        self.send_queued()
        return message_id

    def send_queued(self) -> None:
        mailer = self.mailer()
        try:
            for item in self.store.claim_outbox(self.clock(), limit=50):
                send_one(self.store, mailer, item, self.clock)
        finally:
            mailer.close()

    # ------------------------------------------------------------------ marks, notes, quarantine

    def mark(self, case_id: int, state: str, officer: str) -> None:
        if state not in (ENTERED, CLOSED, ""):
            raise UsageError(f"'{state}' is not a state a case can be put in")
        self.store.mark_case(case_id, state, officer, self.clock())

    def note(self, case_id: int, text: str, officer: str) -> None:
        text = text.strip()
        if not text or len(text) > MAX_NOTE:
            raise UsageError(f"write a note of 1 to {MAX_NOTE} characters")
        self.store.add_note(case_id, officer, text, self.clock())

    def release(self, mail_id: int, officer: str) -> None:
        self.store.release_quarantined(mail_id, officer, self.clock())

    def handled(self, mail_id: int, officer: str) -> None:
        self.store.mark_handled(mail_id, officer, self.clock())


@dataclass(frozen=True)
class _Pending:
    """A correction not stored yet, shaped like a stored one (for a preview)."""

    kind: str
    sha256: str
    field: str
    value: str
