"""The typed objects that travel between stages (docs/design.md, "The way data flows").

ingest      -> InboundEmail (with Attachment, each with its ContentInfo)
classifiers -> Classification (RequestClassification, DocumentClassification, ApplicantGroup)
readers     -> PassportReading, KtpReading (fields read from scans and text layers)
validators  -> list[Finding] (+ the checklist per applicant)
pipeline    -> Verdict (the JSON contract of ``fasdip triage --json``)
responders  -> Reply

The codes in the enums below are the stable codes of docs/requirements.md:
they appear in JSON output and config files. Add codes; never rename one.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class RequestType(StrEnum):
    airport_pass_new = "airport_pass_new"
    airport_pass_renewal = "airport_pass_renewal"
    airport_pass_visitor = "airport_pass_visitor"
    airport_pass_lost = "airport_pass_lost"
    regional_visit = "regional_visit"
    honorary_consul = "honorary_consul"
    id_card = "id_card"
    accreditation = "accreditation"
    attache_accreditation = "attache_accreditation"
    other = "other"


class ApplicantCategory(StrEnum):
    foreign_official = "foreign_official"
    local_staff = "local_staff"


class DocumentType(StrEnum):
    diplomatic_note = "diplomatic_note"
    passport = "passport"
    stay_permit = "stay_permit"
    kemlu_id_card = "kemlu_id_card"
    cv = "cv"
    photo = "photo"
    ktp = "ktp"
    employment_proof = "employment_proof"
    expired_airport_pass = "expired_airport_pass"
    police_loss_report = "police_loss_report"
    applicant_statement = "applicant_statement"
    companion_statement = "companion_statement"
    tentative_agenda = "tentative_agenda"
    other = "other"


class FileFormat(StrEnum):
    """A file's real format, detected from its bytes (never from its name)."""

    pdf = "pdf"
    jpeg = "jpeg"
    png = "png"
    gif = "gif"
    tiff = "tiff"
    bmp = "bmp"
    webp = "webp"
    heic = "heic"
    zip = "zip"
    docx = "docx"
    xlsx = "xlsx"
    ole = "ole"  # legacy MS Office (.doc/.xls) and other OLE2 containers
    tnef = "tnef"  # winmail.dat
    rfc822 = "rfc822"  # an email attached to an email
    text = "text"
    html = "html"
    empty = "empty"
    unknown = "unknown"


# Formats Pillow decodes: photos, and scans sent as pictures.
IMAGE_FORMATS = frozenset({
    FileFormat.jpeg, FileFormat.png, FileFormat.gif, FileFormat.tiff, FileFormat.bmp, FileFormat.webp
})  # fmt: skip
# The image formats a browser shows inline (not TIFF): a signature logo in an HTML body,
# a picture that may be a passport photo.
WEB_IMAGE_FORMATS = IMAGE_FORMATS - {FileFormat.tiff}


class Severity(StrEnum):
    blocking = "blocking"  # the mission must fix it before the case can go on
    warning = "warning"  # told to the mission, does not block
    info = "info"  # for officers only


class Decision(StrEnum):
    registration_proof = "registration_proof"
    missing_items = "missing_items"
    late_refusal = "late_refusal"
    officer_review = "officer_review"
    ignore = "ignore"


class FindingCode(StrEnum):
    """Stable finding codes (docs/design.md). Add codes as needed; never rename one."""

    missing_document = "missing_document"
    wrong_format = "wrong_format"
    too_large = "too_large"
    unreadable_file = "unreadable_file"
    photo_background_not_red = "photo_background_not_red"
    mrz_unreadable = "mrz_unreadable"
    mrz_check_digit = "mrz_check_digit"
    passport_expired = "passport_expired"
    passport_expires_soon = "passport_expires_soon"
    nik_invalid = "nik_invalid"
    nik_mismatch = "nik_mismatch"
    name_mismatch = "name_mismatch"
    visit_too_late = "visit_too_late"
    renewal_window_passed = "renewal_window_passed"
    applicant_under_17 = "applicant_under_17"
    missing_detail = "missing_detail"
    unknown_sender = "unknown_sender"
    auto_submitted = "auto_submitted"
    # added by the offline-triage issue
    not_an_email = "not_an_email"
    undecodable_part = "undecodable_part"
    no_attachments = "no_attachments"
    uncertain_request_type = "uncertain_request_type"
    uncertain_document_type = "uncertain_document_type"
    unassigned_document = "unassigned_document"
    officer_check_required = "officer_check_required"
    duplicate_attachment = "duplicate_attachment"
    assigned_by_order = "assigned_by_order"
    uncertain_category = "uncertain_category"
    superseded_document = "superseded_document"
    identity_doubt = "identity_doubt"
    # added by the hostile-input issue
    limit_exceeded = "limit_exceeded"
    processing_failed = "processing_failed"
    archive_attachment = "archive_attachment"
    winmail_attachment = "winmail_attachment"
    sender_spoofed = "sender_spoofed"
    # added by issue 13 (judgement on mail we did not write)
    officer_will_check = "officer_will_check"


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- ingest


class ContentInfo(_Model):
    """What could be read from an attachment's bytes (filled by ``ingest.inspect``)."""

    readable: bool
    problem: str | None = None  # short machine code: "empty", "encrypted", "corrupt", "no_pages"
    problem_detail: str | None = None  # one line for officers
    page_count: int | None = None  # PDFs
    text: str = ""  # PDF text layer (empty for scans and images)
    page_starts: list[int] = Field(default_factory=list)  # where each page's text starts in it
    image_count: int = 0  # embedded images in a PDF (a scan has one per page)
    width: int | None = None  # images
    height: int | None = None


class Attachment(_Model):
    """One document of an email, with its real bytes.

    ``id`` is stable within the email (``a1``, ``a2``… in MIME order); one of the case's
    earlier mails (``mail``: 1 for the first) is told apart as ``m1-a2``. ``filename``
    is untrusted display text, NFC-normalised: never use it as a path.
    """

    id: str
    filename: str
    declared_type: str  # Content-Type as sent, lower case
    detected_format: FileFormat
    size: int
    sha256: str
    inline: bool = False  # Content-Disposition: inline (or none) rather than attachment
    content_id: str | None = None
    nested_in: str | None = None  # id of the attached email (message/rfc822) it came from
    found_by: str = "mail-parser"  # "mail-parser", "email" (stdlib only) or "both"
    content: ContentInfo | None = None
    data: bytes = Field(default=b"", repr=False, exclude=True)
    mail: int | None = Field(default=None, exclude=True)  # None: the mail being judged

    def of_earlier_mail(self, number: int) -> Attachment:
        return self.model_copy(update={"id": f"m{number}-{self.id}", "mail": number})


class InboundEmail(_Model):
    """An email as parsed at the edge of ``ingest/``: no mail-parser object leaks past it."""

    message_id: str | None = None
    subject: str = ""
    from_address: str = ""  # lower case addr-spec; "" for a null sender
    from_name: str = ""
    to: list[str] = Field(default_factory=list)
    cc: list[str] = Field(default_factory=list)
    reply_to: list[str] = Field(default_factory=list)
    date: dt.datetime | None = None  # Date: header
    received_at: dt.datetime | None = None  # the receiving server's time (top Received:)
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    auto_submitted: str | None = None  # Auto-Submitted header value
    precedence: str | None = None
    list_id: str | None = None
    return_path: str | None = None
    auto_reply_headers: list[str] = Field(default_factory=list)  # X-Autoreply, X-Autorespond…
    content_type: str = "text/plain"
    body_text: str = ""  # text/plain, or the HTML body as text
    attachments: list[Attachment] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)  # problems met while parsing
    raw_size: int = 0
    raw_sha256: str = ""
    looks_like_email: bool = True


# --------------------------------------------------------------------------- findings


class Finding(_Model):
    """A stable ``code`` with its severity, what it is about, and bilingual text."""

    code: FindingCode
    severity: Severity
    attachment: str | None = None  # Attachment.id
    filename: str | None = None
    applicant: str | None = None  # ApplicantGroup.key
    document: DocumentType | None = None
    params: dict[str, str] = Field(default_factory=dict)  # values quoted in the text
    text_id: str = ""
    text_en: str = ""


# --------------------------------------------------------------------------- classifiers


class Evidence(_Model):
    source: str  # "subject", "body", "note:a2", "filename:a3", "text:a3"
    cue: str  # the keyword or pattern that matched
    weight: float


class RequestClassification(_Model):
    request_type: RequestType
    confidence: float  # 0..1
    evidence: list[Evidence] = Field(default_factory=list)
    scores: dict[RequestType, float] = Field(default_factory=dict)


class DocumentClassification(_Model):
    attachment: str  # Attachment.id
    document_type: DocumentType
    confidence: float
    covers: list[DocumentType] = Field(default_factory=list)  # a combined PDF covers several
    evidence: list[Evidence] = Field(default_factory=list)
    person_name: str | None = None  # the person its text names (an MRZ, a "Name:" line)
    filename_name: str | None = None  # what its file name may say of a person: a weak hint
    page_types: list[DocumentType] = Field(default_factory=list)  # a combined PDF: each page's


class ApplicantGroup(_Model):
    key: str  # "p1", "p2"… in order of appearance
    name: str | None
    category: ApplicantCategory
    category_confidence: float
    attachments: list[str] = Field(default_factory=list)  # Attachment.id, note included
    evidence: list[Evidence] = Field(default_factory=list)


class Classification(_Model):
    request: RequestClassification
    documents: list[DocumentClassification]
    applicants: list[ApplicantGroup]
    unassigned: list[str] = Field(default_factory=list)  # attachments no applicant could claim
    assigned_by_order: list[str] = Field(default_factory=list)  # unnamed, paired in mail order
    read_texts: dict[str, str] = Field(default_factory=dict)  # scans' text as read by OCR


# --------------------------------------------------------------------------- identity reads (OCR)


class FieldRead(_Model):
    """One field read from a document, with how much it can be trusted."""

    value: str | None = None
    confidence: float = 0.0  # 0..1
    check_digit_ok: bool | None = None  # MRZ fields covered by a check digit
    repaired: bool = False  # changed by a check-digit repair (O/0, I/1, <…)
    doubt: str | None = None  # why the value is not accepted as certain


class PassportReading(_Model):
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


class KtpReading(_Model):
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


# --------------------------------------------------------------------------- verdict


class AttachmentVerdict(_Model):
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


class ApplicantVerdict(_Model):
    key: str
    name: str | None
    category: ApplicantCategory
    documents: list[DocumentType]  # found
    missing: list[DocumentType]
    attachments: list[str]


class Reply(_Model):
    subject: str
    text: str
    to: list[str] = Field(default_factory=list)
    in_reply_to: str | None = None
    references: list[str] = Field(default_factory=list)
    kind: Decision


class Verdict(_Model):
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


InboundEmail.model_rebuild()
