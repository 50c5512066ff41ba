"""A case as an officer sees it: the thread of mails, each document (viewable in the page,
sealed files decrypted on the fly), its type, applicant and checks, the passport and KTP
readings with the doubtful fields marked, the findings, the replies sent, the notes and
the audit trail."""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, Field

import ingest
from config.catalog import FindingCatalog
from config.missions import MissionRegistry
from config.settings import Settings
from fasdip.corrections import (
    FIELD,
    KTP_FIELDS,
    PASSPORT_FIELDS,
    CaseCorrections,
)
from fasdip.errors import UsageError
from fasdip.models import (
    IMAGE_FORMATS,
    ApplicantVerdict,
    AttachmentVerdict,
    FieldRead,
    FileFormat,
    Finding,
    KtpReading,
    PassportReading,
    Verdict,
)
from fasdip.store import OutboxItem, Store
from fasdip.store.case_views import ThreadEntry
from fasdip.store.console_records import AuditEntry, NoteRecord, QuarantinedMail

# What a browser shows inline: PDFs and pictures (anything else is offered as a download).
INLINE_TYPES = {
    FileFormat.pdf: "application/pdf",
    FileFormat.jpeg: "image/jpeg",
    FileFormat.png: "image/png",
    FileFormat.gif: "image/gif",
    FileFormat.webp: "image/webp",
}


class _View(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FieldView(_View):
    name: str
    value: str
    doubt: str | None
    confidence: float
    corrected: bool


class ReadingView(_View):
    kind: str  # passport, ktp
    attachment: str
    filename: str
    sha256: str
    accepted: bool
    doubts: list[str]
    fields: list[FieldView]


class DocumentView(_View):
    verdict: AttachmentVerdict
    findings: list[Finding]  # its own, and the case's findings about it (doubts)
    inline: bool  # the browser can show it (PDF, image)
    image: bool
    corrected: bool  # its type or applicant was set by an officer


class SentReply(_View):
    message_id: str
    kind: str
    recipients: list[str]
    status: str
    created_for_mail: int
    sent_at: dt.datetime | None


class CaseView(_View):
    case_id: int
    number: str
    mission: str
    sender: str
    opened_at: dt.datetime
    mark: str
    verdict: Verdict
    documents: list[DocumentView]
    readings: list[ReadingView]
    applicants: list[ApplicantVerdict]
    findings: list[Finding]
    thread: list[ThreadEntry]
    replies: list[SentReply]
    notes: list[NoteRecord]
    trail: list[AuditEntry]
    quarantined: list[QuarantinedMail] = Field(default_factory=list)


class Document(_View):
    filename: str
    media_type: str
    inline: bool
    data: bytes = Field(repr=False)


def _fields(
    reading: PassportReading | KtpReading, names: tuple[str, ...], fixed: set[str]
) -> list[FieldView]:
    views = []
    for name in names:
        read: FieldRead = getattr(reading, name)
        views.append(
            FieldView(
                name=name,
                value=read.value or "",
                doubt=read.doubt or (None if read.value else "not read"),
                confidence=read.confidence,
                corrected=name in fixed,
            )
        )
    return views


def readings(verdict: Verdict, corrections: CaseCorrections) -> list[ReadingView]:
    by_id = {a.id: a for a in verdict.attachments}
    views = []
    sources: list[tuple[str, PassportReading | KtpReading, tuple[str, ...]]] = [
        *[("passport", p, PASSPORT_FIELDS) for p in verdict.passports],
        *[("ktp", k, KTP_FIELDS) for k in verdict.ktps],
    ]
    for kind, reading, names in sources:
        att = by_id.get(reading.attachment)
        sha = att.sha256 if att else ""
        fixed = {
            name.removeprefix(f"{kind}.")
            for name in corrections.fields.get(sha, {})
            if name.startswith(f"{kind}.")
        }
        views.append(
            ReadingView(
                kind=kind,
                attachment=reading.attachment,
                filename=att.filename if att else reading.attachment,
                sha256=sha,
                accepted=reading.accepted,
                doubts=reading.doubts,
                fields=_fields(reading, names, fixed),
            )
        )
    return views


class CasePages:
    """Builds case pages and fetches a case's documents (and only that case's)."""

    def __init__(
        self, settings: Settings, store: Store, missions: MissionRegistry, catalog: FindingCatalog
    ) -> None:
        self.settings = settings
        self.store = store
        self.missions = missions
        self.catalog = catalog

    def case_id(self, number: str) -> int:
        case_id = self.store.case_by_number(number)
        if case_id is None:
            raise UsageError(f"no case {number}: check the case number")
        return case_id

    def verdict(self, case_id: int) -> Verdict:
        stored = self.store.latest_verdicts().get(case_id)
        if stored is None:
            raise UsageError(f"case {case_id} has not been judged yet")
        return Verdict.model_validate_json(stored.verdict_json)

    def view(self, number: str) -> CaseView:
        case_id = self.case_id(number)
        case = self.store.case(case_id)
        verdict = self.verdict(case_id)
        records = self.store.corrections(case_id)
        corrections = CaseCorrections.of(records)
        touched = {r.sha256 for r in records if r.kind not in (FIELD,)}
        mission = self.missions.find(case.sender)
        marks = self.store.case_marks()
        return CaseView(
            case_id=case_id,
            number=case.number,
            mission=mission.name if mission else "(not in the missions registry)",
            sender=case.sender,
            opened_at=case.opened_at,
            mark=marks[case_id].state if case_id in marks else "",
            verdict=verdict,
            documents=[
                DocumentView(
                    verdict=a,
                    findings=[
                        *a.findings,
                        *[
                            f
                            for f in verdict.findings
                            if f.attachment == a.id and f not in a.findings
                        ],
                    ],
                    inline=a.detected_format in INLINE_TYPES,
                    image=a.detected_format in IMAGE_FORMATS,
                    corrected=a.sha256 in touched,
                )
                for a in verdict.attachments
            ],
            readings=readings(verdict, corrections),
            applicants=verdict.applicants,
            findings=verdict.findings,
            thread=self.store.thread(case_id),
            replies=[_sent(item) for item in self.store.outbox(case_id)],
            notes=self.store.notes(case_id),
            trail=self.store.audit_trail(case_id),
            quarantined=[q for q in self.store.quarantined() if q.case_id == case_id],
        )

    def document(self, number: str, attachment_id: str) -> Document:
        """The bytes of a document of the case ``number``: looked up by the case's latest
        verdict and found in the case's own mails only, so no URL reaches another case's."""
        case_id = self.case_id(number)
        wanted = next((a for a in self.verdict(case_id).attachments if a.id == attachment_id), None)
        if wanted is None:
            raise UsageError(f"case {number} has no document {attachment_id}")
        for _mail_id, raw in self.store.case_raws(case_id):
            email = ingest.parse(
                raw, self.settings.ingest, self.catalog, limits=self.settings.limits
            )
            for att in email.attachments:
                if att.sha256 == wanted.sha256:
                    media = INLINE_TYPES.get(att.detected_format)
                    return Document(
                        filename=wanted.filename,
                        media_type=media or "application/octet-stream",
                        inline=media is not None,
                        data=att.data,
                    )
        raise UsageError(
            f"document {attachment_id} of case {number} is no longer kept (retention purged it)"
        )


def _sent(item: OutboxItem) -> SentReply:
    return SentReply(
        message_id=item.message_id,
        kind=item.kind,
        recipients=item.recipients,
        status=item.status,
        created_for_mail=item.mail_id,
        sent_at=item.sent_at,
    )
