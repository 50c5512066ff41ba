"""Verdicts for the reply tests, with findings made by the real catalog and config."""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from config.catalog import FindingCatalog
from config.office import OfficeConfig, Requirements, load_office
from config.settings import Settings, load_settings
from fasdip.models import (
    ApplicantCategory,
    ApplicantVerdict,
    Attachment,
    AttachmentVerdict,
    Decision,
    DocumentType,
    FileFormat,
    Finding,
    FindingCode,
    Reply,
    RequestType,
    Verdict,
)
from responders import OfficeIdentity, ReplyTemplates, compose

RECEIVED = dt.datetime(2026, 11, 20, 2, 30, tzinfo=dt.UTC)  # 20 Nov 2026, 09:30 in Jakarta


@dataclass
class Person:
    """One applicant as the test writes it: name, documents received, documents missing."""

    key: str
    name: str | None
    documents: list[DocumentType]
    missing: list[DocumentType] = field(default_factory=list)
    category: ApplicantCategory = ApplicantCategory.foreign_official


class Kit:
    """The real catalog and templates, and a builder of verdicts."""

    def __init__(self, settings: Settings, office_config: OfficeConfig) -> None:
        self.settings = settings
        self.requirements: Requirements = office_config.requirements
        self.catalog = FindingCatalog(office_config.messages, office_config.requirements)
        self.templates = ReplyTemplates.load(settings.templates_dir)
        self.office = OfficeIdentity(
            address=settings.office_address,
            name_id=settings.office_name_id,
            name_en=settings.office_name_en,
            timezone=settings.timezone,
        )

    person = Person  # so that tests need not import conftest

    @staticmethod
    def attachment(
        att_id: str, filename: str, fmt: FileFormat = FileFormat.pdf, size: int = 200_000
    ) -> Attachment:
        declared = "image/jpeg" if fmt is FileFormat.jpeg else "application/pdf"
        return Attachment(
            id=att_id,
            filename=filename,
            declared_type=declared,
            detected_format=fmt,
            size=size,
            sha256=hashlib.sha256(filename.encode()).hexdigest(),
        )

    def missing(self, person: Person) -> list[Finding]:
        """The ``missing_document`` findings a validator makes for ``person``."""
        return [
            self.catalog.make(FindingCode.missing_document, applicant=person.key, document=document)
            for document in person.missing
        ]

    def verdict(
        self,
        *,
        decision: Decision,
        people: Sequence[Person] = (),
        request_type: RequestType = RequestType.airport_pass_new,
        findings: Sequence[Finding] = (),
        attachments: Sequence[tuple[Attachment, DocumentType, str | None, list[Finding]]] = (),
        subject: str = "Permohonan Pas Bandara Tahunan Baru",
        sender: str = "consular@embassy.example",
        message_id: str | None = "<note-123@embassy.example>",
        case_ref: str = "FASDIP-2026-000123",
    ) -> Verdict:
        all_findings: list[Finding] = []
        for person in people:
            all_findings.extend(self.missing(person))
        all_findings.extend(findings)
        att_verdicts = [
            AttachmentVerdict(
                id=att.id,
                filename=att.filename,
                document_type=doc,
                covers=[doc],
                confidence=0.9,
                detected_format=att.detected_format,
                declared_type=att.declared_type,
                size=att.size,
                sha256=att.sha256,
                applicant=owner,
                checks={"format": True, "size": True, "readable": True},
                findings=att_findings,
            )
            for att, doc, owner, att_findings in attachments
        ]
        # The pipeline lists attachment findings on the request too: compose must not repeat them.
        for _, _, _, att_findings in attachments:
            all_findings.extend(att_findings)
        return Verdict(
            case_ref=case_ref,
            message_id=message_id,
            subject=subject,
            sender=sender,
            received_at=RECEIVED,
            today=dt.date(2026, 11, 20),
            request_type=request_type,
            request_confidence=0.95,
            request_evidence=[],
            applicants=[
                ApplicantVerdict(
                    key=p.key,
                    name=p.name,
                    category=p.category,
                    documents=p.documents,
                    missing=p.missing,
                    attachments=[],
                )
                for p in people
            ],
            attachments=att_verdicts,
            findings=all_findings,
            decision=decision,
            decision_reason="test",
            reply=None,
        )

    def compose(self, verdict: Verdict) -> Reply | None:
        return compose(verdict, self.requirements, self.templates, self.office)

    def reply(self, verdict: Verdict) -> Reply:
        reply = self.compose(verdict)
        assert reply is not None
        return reply

    @staticmethod
    def blocks(text: str) -> tuple[str, str]:
        """(Indonesian block, English block), split at the separator line."""
        marker = "(English version below)"
        assert text.count(marker) == 1, text
        indonesian, english = text.split(marker)
        return indonesian.rstrip("-\n"), english.lstrip("-\n")


@pytest.fixture(scope="session")
def kit() -> Kit:
    settings = load_settings()
    return Kit(settings, load_office(settings))
