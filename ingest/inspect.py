"""Fill each attachment's ``content`` (ContentInfo) from its bytes, by its detected format.

Limits (``LimitsSettings``) are applied before any parser sees a file: a file above
``max_attachment_bytes`` is not parsed at all; PDFs, images and archives have their own
limits (pages, objects, pixels, entries, declared sizes). A limit broken is the problem
``limit:<setting name>`` of the attachment's ``ContentInfo`` with a one-line detail: the
file validator makes it a ``limit_exceeded`` finding that sends the case to an officer.

A Word document (DOCX) has the text of its ``word/document.xml`` read (``ingest.docx``,
bounded by ``max_docx_xml_bytes``): a note sent as Word still says what it asks.

Archives and winmail.dat files are never unpacked: their ``ContentInfo.text`` lists the
names of the files inside, one a line (``problem`` "archive" / "winmail"), so that the
mission can be told which files to attach on their own.

The readers of ZIP, winmail.dat and Word files are imported by the first such file, not at
start: most mails carry none.
"""

from __future__ import annotations

from config.settings import DEFAULT_LIMITS, IngestSettings, LimitsSettings
from fasdip.models import IMAGE_FORMATS, Attachment, ContentInfo, FileFormat, InboundEmail
from ingest.images import apply_pixel_limit, read_image
from ingest.pdf import read_pdf

# A high ratio alone is no bomb: a 200 KB scan of blank pages compresses a thousandfold.
# The ratio guard applies from this declared unpacked size on.
_RATIO_FLOOR_BYTES = 1_000_000


def inspect(
    email: InboundEmail, settings: IngestSettings, limits: LimitsSettings = DEFAULT_LIMITS
) -> InboundEmail:
    """A copy of ``email`` whose attachments carry a ``ContentInfo``; never raises.

    The same file attached twice (same sha256) is read once.
    """
    apply_pixel_limit(limits)
    seen: dict[str, ContentInfo] = {}
    attachments: list[Attachment] = []
    for attachment in email.attachments:
        info = seen.get(attachment.sha256)
        if info is None:
            info = read_content(attachment.data, attachment.detected_format, settings, limits)
            seen[attachment.sha256] = info
        attachments.append(attachment.model_copy(update={"content": info}))
    return email.model_copy(update={"attachments": attachments})


def read_content(
    data: bytes,
    detected: FileFormat,
    settings: IngestSettings,
    limits: LimitsSettings = DEFAULT_LIMITS,
) -> ContentInfo:
    """What can be read from ``data`` given its real format."""
    if detected is FileFormat.empty or not data:
        return ContentInfo(readable=False, problem="empty", problem_detail="the file has 0 bytes")
    if len(data) > limits.max_attachment_bytes:
        return ContentInfo(
            readable=False,
            problem="limit:max_attachment_bytes",
            problem_detail=f"the file has {len(data)} bytes, above the limit of "
            f"{limits.max_attachment_bytes}; it was not opened",
        )
    if detected is FileFormat.pdf:
        return read_pdf(data, settings, limits)
    if detected in IMAGE_FORMATS:
        return read_image(data, limits)
    if detected is FileFormat.zip:
        return read_zip(data, limits)
    if detected is FileFormat.tnef:
        return read_winmail(data, limits)
    if detected is FileFormat.docx:
        from ingest.docx import read_docx

        return read_docx(data, limits)
    return ContentInfo(readable=True)


def read_zip(data: bytes, limits: LimitsSettings) -> ContentInfo:
    """The names inside a ZIP (its central directory only), and the zip-bomb guards."""
    from ingest.archives import list_zip

    listing = list_zip(data, limits.max_archive_entries)
    text = "\n".join(listing.names)
    if listing.declared_entries > limits.max_archive_entries:
        return _archive(
            text,
            "limit:max_archive_entries",
            f"the archive declares {listing.declared_entries} entries, above the limit of "
            f"{limits.max_archive_entries}",
        )
    if listing.total_uncompressed > limits.max_archive_bytes:
        return _archive(
            text,
            "limit:max_archive_bytes",
            f"the archive declares {listing.total_uncompressed} bytes once unpacked, above the "
            f"limit of {limits.max_archive_bytes} (a zip bomb); it was not unpacked",
        )
    worst = max(listing.ratio, listing.max_ratio)
    if worst > limits.max_archive_ratio and listing.total_uncompressed > _RATIO_FLOOR_BYTES:
        return _archive(
            text,
            "limit:max_archive_ratio",
            f"the archive declares a compression ratio of {worst:.0f}:1, above the limit of "
            f"{limits.max_archive_ratio:.0f}:1 (a zip bomb); it was not unpacked",
        )
    details = [f"{len(listing.names)} file(s) inside"]
    if listing.nested_archives:
        details.append(f"{listing.nested_archives} of them archives again")
    if listing.encrypted:
        details.append("password-protected entries")
    if listing.problem:
        details.append(listing.problem)
    return _archive(text, "archive", "; ".join(details))


def read_winmail(data: bytes, limits: LimitsSettings) -> ContentInfo:
    """The names of the files a winmail.dat (TNEF) carries; it is never unpacked."""
    from ingest.tnef import list_tnef

    listing = list_tnef(data, limits.max_archive_entries)
    text = "\n".join(listing.names)
    if not listing.complete and listing.attachments > limits.max_archive_entries:
        return _archive(text, "limit:max_archive_entries", listing.problem or "too many files")
    detail = f"{len(listing.names)} file(s) inside"
    if listing.problem:
        detail += f"; {listing.problem}"
    return _archive(text, "winmail", detail)


def _archive(text: str, problem: str, detail: str) -> ContentInfo:
    return ContentInfo(readable=True, problem=problem, problem_detail=detail[:300], text=text)
