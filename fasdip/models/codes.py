"""The stable codes of docs/requirements.md: request and document types, file formats,
severities, decisions and findings. They appear in JSON output and config files. Add
codes; never rename one."""

from __future__ import annotations

from enum import StrEnum


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


# Formats Pillow decodes: photos, and scans sent as pictures (HEIC, an iPhone's, through
# pillow-heif: fasdip.heif).
IMAGE_FORMATS = frozenset({
    FileFormat.jpeg, FileFormat.png, FileFormat.gif, FileFormat.tiff, FileFormat.bmp, FileFormat.webp,
    FileFormat.heic,
})  # fmt: skip
# The image formats a browser shows inline (not TIFF, not HEIC): a signature logo in an HTML
# body.
WEB_IMAGE_FORMATS = IMAGE_FORMATS - {FileFormat.tiff, FileFormat.heic}


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
    # added by the threading and delivery issue (15)
    thread_refused = "thread_refused"
    reply_withheld = "reply_withheld"
    # added by the lead's fourth hand-written set (REQUIREMENTS: honorary_consul)
    ktp_outside_jurisdiction = "ktp_outside_jurisdiction"
