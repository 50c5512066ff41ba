"""Putting a verdict together: which copies count, the per-attachment rows, the reference."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence

from fasdip.models import (
    ApplicantVerdict,
    Attachment,
    AttachmentVerdict,
    Classification,
    Decision,
    DocumentClassification,
    DocumentType,
    Finding,
    FindingCode,
    InboundEmail,
    KtpReading,
    PassportReading,
    RequestClassification,
    RequestType,
    Severity,
    Verdict,
)


def superseded(
    email: InboundEmail, classification: Classification, owner: dict[str, str]
) -> set[str]:
    """Documents an applicant sent again in a later mail of the case: only the newest counts."""
    docs = {d.attachment: d for d in classification.documents}
    newest: dict[tuple[str, DocumentType], str] = {}
    message_of = {a.id: a.mail for a in email.attachments}
    replaced: set[str] = set()
    for att in email.attachments:  # oldest mail first
        doc = docs[att.id]
        if (
            doc.document_type in (DocumentType.diplomatic_note, DocumentType.other)
            or att.id not in owner
        ):
            continue
        key = (owner[att.id], doc.document_type)
        previous = newest.get(key)
        if previous is not None and message_of[previous] != message_of[att.id]:
            replaced.add(previous)
        newest[key] = att.id
    return replaced


def provisional_case_ref(email: InboundEmail, day: dt.date) -> str:
    """A reference for offline triage; the case store gives the real ``FASDIP-2026-000123``."""
    digest = email.raw_sha256 or hashlib.sha256(email.subject.encode()).hexdigest()
    return f"FASDIP-{day.year}-T{digest[:6].upper()}"


def attachment_verdict(
    att: Attachment,
    doc: DocumentClassification,
    applicant: str | None,
    checks: dict[str, bool],
    findings: list[Finding],
) -> AttachmentVerdict:
    return AttachmentVerdict(
        id=att.id,
        filename=att.filename,
        document_type=doc.document_type,
        covers=doc.covers,
        confidence=doc.confidence,
        detected_format=att.detected_format,
        declared_type=att.declared_type,
        size=att.size,
        sha256=att.sha256,
        applicant=applicant,
        checks=checks,
        findings=findings,
        mail=att.mail,
    )


def unclassified(att: Attachment) -> AttachmentVerdict:
    doc = DocumentClassification(
        attachment=att.id,
        document_type=DocumentType.other,
        confidence=0.0,
        covers=[DocumentType.other],
    )
    return attachment_verdict(att, doc, None, {}, [])


def whole_case(email: InboundEmail, earlier: Sequence[InboundEmail]) -> InboundEmail:
    """The follow-up seen as the whole case: earlier mails' documents and words first.

    Attachment ids of earlier mails are prefixed (``m1-a2``); the reply still goes to
    the latest mail, and the clock of the rules starts at the first mail's receipt.
    """
    attachments: list[Attachment] = []
    texts: list[str] = []
    first_received = None
    for number, previous in enumerate(earlier, start=1):
        if not previous.looks_like_email:
            continue
        first_received = first_received or previous.received_at or previous.date
        attachments += [a.of_earlier_mail(number) for a in previous.attachments]
        texts.append(f"{previous.subject}\n{previous.body_text}")
    return email.model_copy(
        update={
            "attachments": [*attachments, *email.attachments],
            "body_text": "\n\n".join([*texts, email.body_text]),
            "received_at": first_received or email.received_at,
        }
    )


def unread_note_sent_again(
    email: InboundEmail, classification: Classification, findings: Sequence[Finding]
) -> bool:
    """Whether a diplomatic note we could not read (a Word file, a PDF under a password) is
    asked for again in the right format or without its password: the details it may state
    are judged when it comes back."""
    notes = {
        d.attachment
        for d in classification.documents
        if d.document_type == DocumentType.diplomatic_note
    }
    unread = {
        a.id
        for a in email.attachments
        if a.id in notes
        and not (a.content and a.content.text.strip())
        and not classification.read_texts.get(a.id, "").strip()
    }
    return any(
        f.code in (FindingCode.wrong_format, FindingCode.unreadable_file)
        and f.severity == Severity.blocking
        and f.attachment in unread
        for f in findings
    )


def nothing_asked_of_the_refused(
    findings: Sequence[Finding], applicants: Sequence[ApplicantVerdict]
) -> tuple[list[Finding], list[ApplicantVerdict]]:
    """Findings and applicants without the missing papers of an applicant who cannot be
    given what is asked (a child under 17 gets no ID card): a mission is not asked for a
    child's CV only to be told the card is refused. The refusal is said once per child
    (the passport and the note may both give the age)."""
    refused = {f.applicant for f in findings if f.code == FindingCode.applicant_under_17}
    if not refused:
        return list(findings), list(applicants)
    kept: list[Finding] = []
    told: set[str | None] = set()
    for f in findings:
        if f.code == FindingCode.missing_document and f.applicant in refused:
            continue
        if f.code == FindingCode.applicant_under_17:
            if f.applicant in told:
                continue
            told.add(f.applicant)
        kept.append(f)
    cleared = [a.model_copy(update={"missing": []}) if a.key in refused else a for a in applicants]
    return kept, cleared


def name_read(passport: PassportReading | None, ktp: KtpReading | None) -> str | None:
    """The holder's name as an accepted reading gives it (given names, then surname)."""
    if passport is not None:
        parts = [passport.given_names.value, passport.surname.value]
        return " ".join(p for p in parts if p) or None
    return ktp.name.value if ktp is not None else None


def named_by_readings(
    applicants: Sequence[ApplicantVerdict],
    passports: Sequence[PassportReading],
    ktps: Sequence[KtpReading],
) -> list[ApplicantVerdict]:
    """Each applicant the mail never names (a one-word Indonesian name, a note that says
    "our driver") named as their accepted passport or KTP reading prints them, so that the
    reply, the console and the proof say "INDRA", not "Applicant 1"."""
    accepted_p = {p.attachment: p for p in passports if p.accepted}
    accepted_k = {k.attachment: k for k in ktps if k.accepted}
    named = []
    for applicant in applicants:
        if applicant.name is None:
            passport = next((accepted_p[a] for a in applicant.attachments if a in accepted_p), None)
            ktp = next((accepted_k[a] for a in applicant.attachments if a in accepted_k), None)
            applicant = applicant.model_copy(update={"name": name_read(passport, ktp)})
        named.append(applicant)
    return named


def verdict(
    email: InboundEmail,
    case_ref: str,
    today: dt.date,
    findings: Sequence[Finding],
    decision: Decision,
    reason: str,
    request: RequestClassification | None = None,
    attachments: Sequence[AttachmentVerdict] = (),
    applicants: Sequence[ApplicantVerdict] = (),
    passports: Sequence[PassportReading] = (),
    ktps: Sequence[KtpReading] = (),
) -> Verdict:
    """The verdict on ``email`` from what the stages found, its reply not yet worded (a mail
    judged no further than its headers: every attachment an unclassified row)."""
    request = request or RequestClassification(request_type=RequestType.other, confidence=0.0)
    return Verdict(
        case_ref=case_ref,
        message_id=email.message_id,
        subject=email.subject,
        sender=email.from_address,
        received_at=email.received_at or email.date,
        today=today,
        request_type=request.request_type,
        request_confidence=request.confidence,
        request_evidence=request.evidence,
        applicants=list(applicants),
        attachments=list(attachments) or [unclassified(a) for a in email.attachments],
        findings=list(findings),
        passports=list(passports),
        ktps=list(ktps),
        decision=decision,
        decision_reason=reason,
        reply=None,
    )
