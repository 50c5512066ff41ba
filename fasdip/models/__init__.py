"""The typed objects that travel between stages (docs/design.md, "The way data flows").

ingest      -> InboundEmail (with Attachment, each with its ContentInfo)   ``mail``
classifiers -> Classification (RequestClassification, DocumentClassification,
               ApplicantGroup)                                              ``judgement``
readers     -> PassportReading, KtpReading (fields read from scans and text layers)
validators  -> list[Finding] (+ the checklist per applicant)               ``mail``
pipeline    -> Verdict (the JSON contract of ``fasdip triage --json``)      ``verdict``
responders  -> Reply

The codes (``codes``) are the stable codes of docs/requirements.md: they appear in JSON
output and config files. Add codes; never rename one. Import from ``fasdip.models``: the
modules are the package's own filing.
"""

from __future__ import annotations

from fasdip.models.codes import (
    IMAGE_FORMATS,
    WEB_IMAGE_FORMATS,
    ApplicantCategory,
    Decision,
    DocumentType,
    FileFormat,
    FindingCode,
    RequestType,
    Severity,
)
from fasdip.models.judgement import (
    ApplicantGroup,
    Classification,
    DocumentClassification,
    Evidence,
    FieldRead,
    KtpReading,
    PassportReading,
    RequestClassification,
)
from fasdip.models.mail import Attachment, ContentInfo, Finding, InboundEmail
from fasdip.models.verdict import ApplicantVerdict, AttachmentVerdict, Reply, Verdict

__all__ = [
    "IMAGE_FORMATS",
    "WEB_IMAGE_FORMATS",
    "ApplicantCategory",
    "ApplicantGroup",
    "ApplicantVerdict",
    "Attachment",
    "AttachmentVerdict",
    "Classification",
    "ContentInfo",
    "Decision",
    "DocumentClassification",
    "DocumentType",
    "Evidence",
    "FieldRead",
    "FileFormat",
    "Finding",
    "FindingCode",
    "InboundEmail",
    "KtpReading",
    "PassportReading",
    "Reply",
    "RequestClassification",
    "RequestType",
    "Severity",
    "Verdict",
]
