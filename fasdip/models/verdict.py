"""The verdict on a mail, the JSON contract of ``fasdip triage --json`` (docs/verdict.md),
with the reply it words."""

from __future__ import annotations

import datetime as dt

from pydantic import Field
from pydantic.json_schema import SkipJsonSchema

from fasdip.models.base import Model
from fasdip.models.codes import ApplicantCategory, Decision, DocumentType, FileFormat, RequestType
from fasdip.models.judgement import Evidence, KtpReading, PassportReading
from fasdip.models.mail import Finding


class AttachmentVerdict(Model):
    id: str
    filename: str
    document_type: DocumentType
    covers: list[DocumentType]
    confidence: float
    detected_format: FileFormat
    declared_type: str
    size: int
    sha256: str
    applicant: str | None
    checks: dict[str, bool]  # "format", "size", "readable", "photo_red_background"…
    findings: list[Finding]
    # Attachment.mail: which earlier mail of the case sent it (None: the mail being
    # judged); for the store, not part of the JSON contract.
    mail: SkipJsonSchema[int | None] = Field(default=None, exclude=True)


class ApplicantVerdict(Model):
    key: str
    name: str | None
    category: ApplicantCategory
    documents: list[DocumentType]  # found
    missing: list[DocumentType]
    attachments: list[str]


class Reply(Model):
    subject: str
    text: str
    to: list[str] = Field(default_factory=list)
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    kind: Decision


class Verdict(Model):
    """The JSON contract of ``fasdip triage --json`` (docs/verdict.md)."""

    case_ref: str
    message_id: str | None
    subject: str
    sender: str
    received_at: dt.datetime | None
    today: dt.date
    request_type: RequestType
    request_confidence: float
    request_evidence: list[Evidence]
    applicants: list[ApplicantVerdict]
    attachments: list[AttachmentVerdict]
    findings: list[Finding]
    passports: list[PassportReading] = Field(default_factory=list)
    ktps: list[KtpReading] = Field(default_factory=list)
    decision: Decision
    decision_reason: str
    reply: Reply | None
