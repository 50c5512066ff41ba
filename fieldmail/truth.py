"""What a perfect triage concludes about one generated mail, derived from what was generated.

The required-document table below is this package's own reading of
``/work/shared/domain/REQUIREMENTS.md`` ("Required documents"); it is written here on
purpose, not imported from ``config/`` or ``samples/``, so that the two can be compared.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from fasdip.models import ApplicantCategory, Decision, DocumentType, FindingCode, RequestType

D = DocumentType
OFFICIAL = ApplicantCategory.foreign_official
STAFF = ApplicantCategory.local_staff

_PASS_OFFICIAL = (D.diplomatic_note, D.passport, D.stay_permit, D.kemlu_id_card, D.cv, D.photo)
_PASS_STAFF = (D.diplomatic_note, D.ktp, D.employment_proof, D.cv, D.photo)
_VISIT = (D.diplomatic_note, D.passport, D.stay_permit, D.kemlu_id_card, D.cv, D.tentative_agenda)
_BASIC = (D.diplomatic_note, D.cv, D.photo)

NEEDS: dict[RequestType, dict[ApplicantCategory, tuple[DocumentType, ...]]] = {
    RequestType.airport_pass_new: {OFFICIAL: _PASS_OFFICIAL, STAFF: _PASS_STAFF},
    RequestType.airport_pass_renewal: {
        OFFICIAL: (*_PASS_OFFICIAL, D.expired_airport_pass),
        STAFF: (*_PASS_STAFF, D.expired_airport_pass),
    },
    RequestType.airport_pass_lost: {
        OFFICIAL: (*_PASS_OFFICIAL, D.police_loss_report),
        STAFF: (*_PASS_STAFF, D.police_loss_report),
    },
    RequestType.airport_pass_visitor: {
        OFFICIAL: (
            D.diplomatic_note,
            D.passport,
            D.stay_permit,
            D.kemlu_id_card,
            D.applicant_statement,
            D.companion_statement,
            D.photo,
        ),
        STAFF: (
            D.diplomatic_note,
            D.ktp,
            D.employment_proof,
            D.cv,
            D.applicant_statement,
            D.companion_statement,
            D.photo,
        ),
    },
    RequestType.regional_visit: {OFFICIAL: _VISIT, STAFF: _VISIT},
    RequestType.honorary_consul: dict.fromkeys((OFFICIAL, STAFF), (D.diplomatic_note, D.ktp, D.cv)),
    RequestType.id_card: {OFFICIAL: _BASIC, STAFF: _BASIC},
    RequestType.accreditation: {OFFICIAL: _BASIC, STAFF: _BASIC},
    RequestType.attache_accreditation: {OFFICIAL: _BASIC, STAFF: _BASIC},
    RequestType.other: {OFFICIAL: (), STAFF: ()},
}
# A complete request of these types gets a registration proof; the others go to an officer.
PROOF_ON_COMPLETE = frozenset(
    {RequestType.airport_pass_new, RequestType.airport_pass_renewal, RequestType.airport_pass_lost}
)
# Problems the mission must fix before anything else happens (REQUIREMENTS.md "Checks").
MUST_FIX = frozenset(
    {
        FindingCode.missing_document,
        FindingCode.wrong_format,
        FindingCode.too_large,
        FindingCode.photo_background_not_red,
        FindingCode.renewal_window_passed,
        FindingCode.missing_detail,
        FindingCode.ktp_outside_jurisdiction,
    }
)
REPLY_DECISIONS = frozenset(
    {Decision.registration_proof, Decision.missing_items, Decision.late_refusal}
)


class Habit(StrEnum):
    """The sender habits a mail shows (tests check every one appears in a corpus)."""

    surname_only = "surname_only"
    no_accents = "no_accents"
    initial_given_name = "initial_given_name"
    city_or_word_in_name = "city_or_word_in_name"
    meaningless_scan_name = "meaningless_scan_name"
    combined_pdf = "combined_pdf"
    scanned_note = "scanned_note"
    html_only_body = "html_only_body"
    forwarded_chain = "forwarded_chain"
    family_member_named = "family_member_named"
    ambassador_named = "ambassador_named"
    official_met_named = "official_met_named"
    vague_wording = "vague_wording"
    docx_file = "docx_file"
    png_file = "png_file"
    oversized_file = "oversized_file"
    photo_not_red = "photo_not_red"
    missing_documents = "missing_documents"
    late_visit = "late_visit"
    french_english = "french_english"
    two_applicants_one_line = "two_applicants_one_line"


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class MrzTruth(_Strict):
    line1: str
    line2: str
    document_number: str
    surname: str
    given_names: str
    nationality: str
    birth_date: dt.date
    expiry_date: dt.date
    sex: str


class KtpTruth(_Strict):
    nik: str
    name: str
    birth_date: dt.date
    sex: str  # "LAKI-LAKI" or "PEREMPUAN"
    region_code: str  # 6 digits, Kemendagri


class FileTruth(_Strict):
    filename: str
    content_type: str  # as declared in the mail
    document_type: DocumentType  # the first (or only) document it holds
    covers: list[DocumentType]  # every document it holds (a combined PDF holds several)
    applicant: str | None  # None: the shared diplomatic note
    problems: list[FindingCode]
    size: int
    image_only: bool  # a scan without a text layer
    mrz: MrzTruth | None = None
    ktp: KtpTruth | None = None


class ApplicantTruth(_Strict):
    name: str  # given names then SURNAME in capitals, as in the passport
    category: ApplicantCategory
    sent: list[DocumentType]  # every required document received (defective ones too)
    missing: list[DocumentType]  # required - sent, in the order of NEEDS


class MailTruth(_Strict):
    number: int
    seed: int
    request_type: RequestType
    language: str  # "en", "id", "fr-en"
    applicants: list[ApplicantTruth]
    not_applicants: list[str]  # people named in the mail who are not applying
    files: list[FileTruth]
    findings: list[FindingCode]  # what the mission must be told (empty when complete)
    decision: Decision
    reply_without_officer: bool  # the right outcome is a reply the machine sends itself
    habits: list[Habit]
    today: dt.date
    sender: str
    subject: str


def missing_for(
    kind: RequestType, category: ApplicantCategory, sent: Iterable[DocumentType]
) -> list[DocumentType]:
    """The required documents not among ``sent``, in the table's order."""
    got = set(sent)
    return [d for d in NEEDS[kind][category] if d not in got]


def expected_decision(
    kind: RequestType, findings: Iterable[FindingCode], *, has_files: bool, late: bool
) -> Decision:
    """The decision REQUIREMENTS.md calls for, given what is wrong with the request."""
    if kind == RequestType.other or not has_files:
        return Decision.officer_review
    if late:
        return Decision.late_refusal
    if set(findings) & MUST_FIX:
        return Decision.missing_items
    return Decision.registration_proof if kind in PROOF_ON_COMPLETE else Decision.officer_review
