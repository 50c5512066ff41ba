"""The truth of a generated email: what a perfect triage would conclude."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fasdip.models import ApplicantCategory, Decision, DocumentType, FindingCode, RequestType

ON_COMPLETE_PROOF = {
    RequestType.airport_pass_new,
    RequestType.airport_pass_renewal,
    RequestType.airport_pass_lost,
}
BLOCKING = {
    FindingCode.missing_document,
    FindingCode.wrong_format,
    FindingCode.too_large,
    FindingCode.unreadable_file,
    FindingCode.photo_background_not_red,
    FindingCode.renewal_window_passed,
    FindingCode.ktp_outside_jurisdiction,
}


DT = DocumentType
FOREIGN, LOCAL = ApplicantCategory.foreign_official, ApplicantCategory.local_staff
_NEW_F = [DT.diplomatic_note, DT.passport, DT.stay_permit, DT.kemlu_id_card, DT.cv, DT.photo]
_NEW_L = [DT.diplomatic_note, DT.ktp, DT.employment_proof, DT.cv, DT.photo]
_MIN = [DT.diplomatic_note, DT.cv, DT.photo]
# docs/requirements.md "Required documents", restated independently of config/requirements.yaml.
REQUIRED: dict[RequestType, dict[ApplicantCategory, list[DocumentType]]] = {
    RequestType.airport_pass_new: {FOREIGN: _NEW_F, LOCAL: _NEW_L},
    RequestType.airport_pass_renewal: {
        FOREIGN: [*_NEW_F, DT.expired_airport_pass],
        LOCAL: [*_NEW_L, DT.expired_airport_pass],
    },
    RequestType.airport_pass_lost: {
        FOREIGN: [*_NEW_F, DT.police_loss_report],
        LOCAL: [*_NEW_L, DT.police_loss_report],
    },
    RequestType.airport_pass_visitor: {
        FOREIGN: [
            DT.diplomatic_note,
            DT.passport,
            DT.stay_permit,
            DT.kemlu_id_card,
            DT.applicant_statement,
            DT.companion_statement,
            DT.photo,
        ],
        LOCAL: [
            DT.diplomatic_note,
            DT.ktp,
            DT.employment_proof,
            DT.cv,
            DT.applicant_statement,
            DT.companion_statement,
            DT.photo,
        ],
    },
    RequestType.regional_visit: {
        c: [
            DT.diplomatic_note,
            DT.passport,
            DT.stay_permit,
            DT.kemlu_id_card,
            DT.cv,
            DT.tentative_agenda,
        ]
        for c in (FOREIGN, LOCAL)
    },
    RequestType.honorary_consul: {c: [DT.diplomatic_note, DT.ktp, DT.cv] for c in (FOREIGN, LOCAL)},
    RequestType.id_card: {FOREIGN: _MIN, LOCAL: _MIN},
    RequestType.accreditation: {FOREIGN: _MIN, LOCAL: _MIN},
    RequestType.attache_accreditation: {FOREIGN: _MIN, LOCAL: _MIN},
}
DEFECT_FINDING: dict[str, FindingCode] = {
    "blue": FindingCode.photo_background_not_red,
    "white": FindingCode.photo_background_not_red,
    "too_large": FindingCode.too_large,
    "jpeg_as_pdf": FindingCode.wrong_format,
    "docx": FindingCode.wrong_format,
    "encrypted": FindingCode.unreadable_file,
    "corrupt": FindingCode.unreadable_file,
    "empty": FindingCode.unreadable_file,
}


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid")


class TruthApplicant(_Model):
    name: str  # "John SMITH": given names, then the surname in capitals
    category: ApplicantCategory
    documents: list[DocumentType]  # found (the shared note included), defective ones too
    missing: list[DocumentType]  # exactly the required codes not sent


class TruthAttachment(_Model):
    filename: str
    content_type: str  # as declared in the email
    document_type: DocumentType  # by content, whatever the name says
    covers: list[DocumentType]  # a combined PDF covers several
    applicant: str | None  # None for the shared diplomatic note
    findings: list[FindingCode]  # what is wrong with this file
    size: int


class Truth(_Model):
    request_type: RequestType
    language: Literal["id", "en"]
    applicants: list[TruthApplicant]
    decision: Decision
    findings: list[FindingCode]  # codes that MUST appear (others may too)
    today: dt.date  # the date to pass as --today
    sender: str = ""
    subject: str = ""
    attachments: list[TruthAttachment] = []


class Scenario(_Model):
    name: str
    eml: bytes
    truth: Truth


def decide(
    kind: RequestType,
    findings: Iterable[FindingCode],
    *,
    blocking_detail: bool = False,
    auto: bool = False,
    no_attachments: bool = False,
) -> Decision:
    """The pipeline's decision rules, restated for the truth."""
    codes = set(findings)
    if auto:
        return Decision.ignore
    if no_attachments:
        return Decision.officer_review
    if FindingCode.visit_too_late in codes:
        return Decision.late_refusal
    if codes & BLOCKING or blocking_detail:
        return Decision.missing_items
    return Decision.registration_proof if kind in ON_COMPLETE_PROOF else Decision.officer_review
