"""What the classifiers and readers make of a mail: the request type, each document's
type, the applicants, and the fields read from passports (MRZ) and KTPs."""

from __future__ import annotations

from pydantic import Field

from fasdip.models.base import Model
from fasdip.models.codes import ApplicantCategory, DocumentType, RequestType


class Evidence(Model):
    source: str  # "subject", "body", "note:a2", "filename:a3", "text:a3"
    cue: str  # the keyword or pattern that matched
    weight: float


class RequestClassification(Model):
    request_type: RequestType
    confidence: float  # 0..1
    evidence: list[Evidence] = Field(default_factory=list)
    scores: dict[RequestType, float] = Field(default_factory=dict)


class DocumentClassification(Model):
    attachment: str  # Attachment.id
    document_type: DocumentType
    confidence: float
    covers: list[DocumentType] = Field(default_factory=list)  # a combined PDF covers several
    evidence: list[Evidence] = Field(default_factory=list)
    person_name: str | None = None  # the person its text names (an MRZ, a "Name:" line)
    filename_name: str | None = None  # what its file name may say of a person: a weak hint
    page_types: list[DocumentType] = Field(default_factory=list)  # a combined PDF: each page's


class ApplicantGroup(Model):
    key: str  # "p1", "p2"… in order of appearance
    name: str | None
    category: ApplicantCategory
    category_confidence: float
    attachments: list[str] = Field(default_factory=list)  # Attachment.id, note included
    evidence: list[Evidence] = Field(default_factory=list)


class Classification(Model):
    request: RequestClassification
    documents: list[DocumentClassification]
    applicants: list[ApplicantGroup]
    unassigned: list[str] = Field(default_factory=list)  # attachments no applicant could claim
    assigned_by_order: list[str] = Field(default_factory=list)  # unnamed, paired in mail order
    read_texts: dict[str, str] = Field(default_factory=dict)  # scans' text as read by OCR


class FieldRead(Model):
    """One field read from a document, with how much it can be trusted."""

    value: str | None = None
    confidence: float = 0.0  # 0..1
    check_digit_ok: bool | None = None  # MRZ fields covered by a check digit
    repaired: bool = False  # changed by a check-digit repair (O/0, I/1, <…)
    doubt: str | None = None  # why the value is not accepted as certain


class PassportReading(Model):
    """The MRZ of a passport copy (ICAO 9303 TD3; TD1/TD2 for cards and visas)."""

    attachment: str
    mrz_format: str | None = None  # "TD3", "TD2", "TD1"; None when no MRZ was found
    lines: list[str] = Field(default_factory=list)  # the MRZ as read (masked in logs)
    document_number: FieldRead = FieldRead()
    surname: FieldRead = FieldRead()
    given_names: FieldRead = FieldRead()
    nationality: FieldRead = FieldRead()
    birth_date: FieldRead = FieldRead()  # ISO date
    sex: FieldRead = FieldRead()
    expiry_date: FieldRead = FieldRead()  # ISO date
    issuing_state: FieldRead = FieldRead()
    composite_check_ok: bool | None = None
    repaired_fields: list[str] = Field(default_factory=list)
    accepted: bool = False  # every check passed and nothing is in doubt
    doubts: list[str] = Field(default_factory=list)
    # What an officer should know that does not stop acceptance: a specimen code (UTO),
    # Germany's one-letter code D.
    notes: list[str] = Field(default_factory=list)
    seconds: float = 0.0


class KtpReading(Model):
    """The fields of a KTP copy, read by position, with the NIK validated."""

    attachment: str
    nik: FieldRead = FieldRead()
    name: FieldRead = FieldRead()
    birth_place: FieldRead = FieldRead()
    birth_date: FieldRead = FieldRead()  # ISO date
    sex: FieldRead = FieldRead()
    address: FieldRead = FieldRead()
    rt_rw: FieldRead = FieldRead()
    kelurahan_desa: FieldRead = FieldRead()
    kecamatan: FieldRead = FieldRead()
    religion: FieldRead = FieldRead()
    marital_status: FieldRead = FieldRead()
    occupation: FieldRead = FieldRead()
    citizenship: FieldRead = FieldRead()
    province: FieldRead = FieldRead()
    regency_city: FieldRead = FieldRead()
    nik_valid: bool | None = None
    nik_problems: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)  # e.g. header region differs from NIK prefix
    accepted: bool = False
    doubts: list[str] = Field(default_factory=list)
    seconds: float = 0.0
