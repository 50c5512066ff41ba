"""Fill each attachment's ``content`` (ContentInfo) from its bytes, by its detected format."""

from __future__ import annotations

from config.settings import IngestSettings
from fasdip.models import IMAGE_FORMATS, Attachment, ContentInfo, FileFormat, InboundEmail
from ingest.images import read_image
from ingest.pdf import read_pdf


def inspect(email: InboundEmail, settings: IngestSettings) -> InboundEmail:
    """A copy of ``email`` whose attachments carry a ``ContentInfo``; never raises.

    The same file attached twice (same sha256) is read once.
    """
    seen: dict[str, ContentInfo] = {}
    attachments: list[Attachment] = []
    for attachment in email.attachments:
        info = seen.get(attachment.sha256)
        if info is None:
            info = read_content(attachment.data, attachment.detected_format, settings)
            seen[attachment.sha256] = info
        attachments.append(attachment.model_copy(update={"content": info}))
    return email.model_copy(update={"attachments": attachments})


def read_content(data: bytes, detected: FileFormat, settings: IngestSettings) -> ContentInfo:
    """What can be read from ``data`` given its real format."""
    if detected is FileFormat.empty or not data:
        return ContentInfo(readable=False, problem="empty", problem_detail="the file has 0 bytes")
    if detected is FileFormat.pdf:
        return read_pdf(data, settings)
    if detected in IMAGE_FORMATS:
        return read_image(data)
    return ContentInfo(readable=True)
