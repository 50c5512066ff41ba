"""Findings with their words: every stage makes findings through a ``FindingCatalog``.

The catalog knows the default severity of each code and the bilingual text of
``messages.yaml``, and fills in the names of documents and details from
``requirements.yaml``, so that a stage only says *what* it found.
"""

from __future__ import annotations

from config.office import Messages, Requirements
from fasdip.models import Attachment, DocumentType, Finding, FindingCode, Severity

FORMAT_NAMES: dict[str, str] = {
    "pdf": "PDF",
    "jpeg": "JPG",
    "png": "PNG",
    "gif": "GIF",
    "tiff": "TIFF",
    "bmp": "BMP",
    "webp": "WebP",
    "heic": "HEIC",
    "zip": "ZIP",
    "docx": "Word (DOCX)",
    "xlsx": "Excel (XLSX)",
    "ole": "Microsoft Office (DOC/XLS)",
    "tnef": "winmail.dat (TNEF)",
    "rfc822": "email",
    "text": "text",
    "html": "HTML",
    "empty": "empty (0 bytes)",
    "unknown": "unknown",
}


def human_size(size: int) -> str:
    """``1048576`` -> ``1 MB``; ``1468006`` -> ``1.4 MB``; ``2048`` -> ``2 KB``."""
    if size >= 1024 * 1024:
        value = size / (1024 * 1024)
        return f"{value:.1f} MB".replace(".0 MB", " MB")
    if size >= 1024:
        return f"{size // 1024} KB"
    return f"{size} bytes"


class _SafeDict(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


class FindingCatalog:
    def __init__(self, messages: Messages, requirements: Requirements) -> None:
        self._messages = messages
        self._requirements = requirements

    def document_names(self, document: DocumentType) -> tuple[str, str]:
        spec = self._requirements.documents[document]
        return spec.name_id, spec.name_en

    def expected_formats(self, document: DocumentType) -> str:
        formats = self._requirements.documents[document].formats
        return " / ".join(FORMAT_NAMES[f.value] for f in formats)

    def make(
        self,
        code: FindingCode,
        *,
        severity: Severity | None = None,
        attachment: Attachment | None = None,
        applicant: str | None = None,
        document: DocumentType | None = None,
        detail: str | None = None,
        **params: str,
    ) -> Finding:
        """A finding with its default severity and text; ``params`` fill the placeholders."""
        spec = self._messages.findings[code]
        values = _SafeDict(params)
        if attachment is not None:
            values.setdefault("filename", attachment.filename)
        if document is not None:
            name_id, name_en = self.document_names(document)
            values.setdefault("document_id", name_id)
            values.setdefault("document_en", name_en)
            values.setdefault("expected", self.expected_formats(document))
            values.setdefault("limit", human_size(self._requirements.max_bytes(document)))
        if detail is not None:
            dspec = self._requirements.details[detail]
            values.setdefault("detail_id", dspec.name_id)
            values.setdefault("detail_en", dspec.name_en)
            values.setdefault("detail", detail)
            if severity is None:
                severity = dspec.severity
        values.setdefault("limit", human_size(self._requirements.rules.max_file_bytes))
        words = (
            spec.by_format.get(attachment.detected_format, spec) if attachment is not None else spec
        )
        return Finding(
            code=code,
            severity=severity or spec.severity,
            attachment=attachment.id if attachment is not None else None,
            filename=attachment.filename if attachment is not None else None,
            applicant=applicant,
            document=document,
            params=dict(values),
            text_id=words.id.format_map(values),
            text_en=words.en.format_map(values),
        )
