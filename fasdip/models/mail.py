"""What ``ingest`` makes of a mail: the email, its attachments with their real bytes and
what could be read from them, and the findings (each a stable code with bilingual text)
that any stage may attach."""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from fasdip.models.base import Model
from fasdip.models.codes import DocumentType, FileFormat, FindingCode, Severity


class Finding(Model):
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


class ContentInfo(Model):
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


class Attachment(Model):
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
        nested_in = f"m{number}-{self.nested_in}" if self.nested_in else None
        return self.model_copy(
            update={"id": f"m{number}-{self.id}", "nested_in": nested_in, "mail": number}
        )


class InboundEmail(Model):
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

    def envelopes(self) -> set[str]:
        """The attached emails (a forwarded request) whose own files are listed among the
        attachments: each is the envelope of those files, which are judged in its place."""
        return {a.nested_in for a in self.attachments if a.nested_in is not None}
