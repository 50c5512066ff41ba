"""File checks by content: readable, right format, not too large.

Everything is judged from what ingest read in the bytes (``detected_format``,
``size``, ``content``); the file name is only quoted, and compared with the content
to say "JPG (named .pdf)".

Odd carriers get their own words, so that the mission knows what to send instead: a
ZIP is ``archive_attachment`` and a winmail.dat ``winmail_attachment`` (each naming the
files inside, which ingest read without unpacking), not a bare ``wrong_format``. A file
that broke one of ingest's limits (``ContentInfo.problem`` ``limit:<setting>``: pixels,
PDF pages or objects, file size, archive guards) is ``limit_exceeded`` for the officers,
never a guess told to the mission.
"""

from __future__ import annotations

from dataclasses import dataclass

from config.catalog import FORMAT_NAMES, FindingCatalog, human_size
from config.office import Requirements
from fasdip.models import Attachment, DocumentType, FileFormat, Finding, FindingCode
from validators._findings import make_bilingual

# ContentInfo.problem -> (Indonesian, English) reason, quoted in unreadable_file.
REASONS: dict[str, tuple[str, str]] = {
    "empty": ("berkas kosong, 0 byte", "empty file, 0 bytes"),
    "encrypted": ("dilindungi kata sandi", "protected by a password"),
    "corrupt": ("berkas rusak atau tidak lengkap", "damaged or incomplete"),
    "no_pages": ("tidak memuat halaman", "no pages"),
}
UNKNOWN_REASON = ("isinya tidak dapat dibaca", "its content cannot be read")
LIMIT_PREFIX = "limit:"  # ContentInfo.problem of a file that broke a LimitsSettings limit
MAX_LISTED = 10  # names of files inside an archive quoted in the finding

# What a file name's extension claims. Names not listed here claim nothing.
EXTENSION_FORMATS: dict[str, FileFormat] = {
    "pdf": FileFormat.pdf,
    "jpg": FileFormat.jpeg,
    "jpeg": FileFormat.jpeg,
    "jpe": FileFormat.jpeg,
    "jfif": FileFormat.jpeg,
    "png": FileFormat.png,
    "gif": FileFormat.gif,
    "tif": FileFormat.tiff,
    "tiff": FileFormat.tiff,
    "bmp": FileFormat.bmp,
    "webp": FileFormat.webp,
    "heic": FileFormat.heic,
    "heif": FileFormat.heic,
    "zip": FileFormat.zip,
    "docx": FileFormat.docx,
    "xlsx": FileFormat.xlsx,
    "doc": FileFormat.ole,
    "xls": FileFormat.ole,
    "eml": FileFormat.rfc822,
    "txt": FileFormat.text,
    "htm": FileFormat.html,
    "html": FileFormat.html,
}


def extension(filename: str) -> str | None:
    """``"Scan Paspor.PDF"`` -> ``"pdf"``; ``None`` without an extension."""
    name = filename.strip().rstrip(".")
    if "." not in name:
        return None
    ext = name.rsplit(".", 1)[1].strip().lower()
    return ext if ext and ext.isalnum() and len(ext) <= 5 else None


def _detected_names(att: Attachment) -> tuple[str, str]:
    """The content's format for a reader, with the name's extension when it disagrees."""
    name = FORMAT_NAMES.get(att.detected_format.value, att.detected_format.value)
    ext = extension(att.filename)
    if ext is None or EXTENSION_FORMATS.get(ext) == att.detected_format:
        return name, name
    return f"{name} (berekstensi .{ext})", f"{name} (named .{ext})"


def _unreadable_reason(att: Attachment) -> tuple[str, str] | None:
    if att.size == 0 or att.detected_format is FileFormat.empty:
        return REASONS["empty"]
    if att.content is not None and not att.content.readable:
        if _limit_broken(att) is not None:
            return None  # limit_exceeded says it, to the officers
        return REASONS.get(att.content.problem or "", UNKNOWN_REASON)
    return None


def _limit_broken(att: Attachment) -> str | None:
    """The name of the limit this file broke in ingest, or None."""
    problem = att.content.problem if att.content is not None else None
    if problem and problem.startswith(LIMIT_PREFIX):
        return problem[len(LIMIT_PREFIX) :] or "unknown"
    return None


def contents_text(att: Attachment) -> tuple[str, str]:
    """The files inside an archive or winmail.dat, quoted: ``"a.pdf", "b.jpg" and 3 more``."""
    names = [n for n in (att.content.text.splitlines() if att.content else []) if n.strip()]
    if not names:
        return ("tidak ada berkas yang dapat dibaca", "no file we could read")
    quoted = ", ".join(f'"{name}"' for name in names[:MAX_LISTED])
    more = len(names) - MAX_LISTED
    if more > 0:
        return (f"{quoted} dan {more} berkas lainnya", f"{quoted} and {more} more files")
    return quoted, quoted


_CARRIERS = {
    FileFormat.zip: FindingCode.archive_attachment,
    FileFormat.tnef: FindingCode.winmail_attachment,
}


def _id_size(text: str) -> str:
    """Indonesian decimal comma: ``1.4 MB`` -> ``1,4 MB``; ``bytes`` -> ``byte``."""
    return text.replace(".", ",").replace("bytes", "byte")


def check_file(
    att: Attachment,
    document: DocumentType,
    requirements: Requirements,
    catalog: FindingCatalog,
    applicant: str | None = None,
) -> tuple[dict[str, bool], list[Finding]]:
    """Checks ``readable``, ``format`` and ``size`` of one attachment taken as ``document``.

    An empty file gets only ``unreadable_file`` (its format says nothing). Content
    that ingest could not read (``ContentInfo.readable`` False) is unreadable with the
    reason of ``ContentInfo.problem``; an attachment without ``content`` is not judged
    on readability. A file that broke an ingest limit is ``limit_exceeded`` (officers)
    rather than unreadable; a ZIP or winmail.dat is ``archive_attachment`` /
    ``winmail_attachment`` (naming the files inside) rather than ``wrong_format``.
    """
    checks: dict[str, bool] = {}
    findings: list[Finding] = []
    file = _File(att, document, requirements, catalog, applicant)
    for step in (_readability, _limits, _format, _size):
        step_checks, step_findings = step(file)
        checks.update(step_checks)
        findings += step_findings
    return checks, findings


Step = tuple[dict[str, bool], list[Finding]]


@dataclass(frozen=True)
class _File:
    """One attachment taken as ``document``, and what judging it needs."""

    att: Attachment
    document: DocumentType
    requirements: Requirements
    catalog: FindingCatalog
    applicant: str | None

    def finding(
        self, code: FindingCode, id_params: dict[str, str], en_params: dict[str, str]
    ) -> Finding:
        return make_bilingual(
            self.catalog,
            code,
            id_params=id_params,
            en_params=en_params,
            attachment=self.att,
            document=self.document,
            applicant=self.applicant,
        )


def _is_empty(att: Attachment) -> bool:
    return att.size == 0 or att.detected_format is FileFormat.empty


def _readability(file: _File) -> Step:
    """``readable``: judged when ingest read the content, or the file is empty or broken."""
    att, checks = file.att, {}
    reason = _unreadable_reason(att)
    if reason is not None or att.content is not None or _is_empty(att):
        checks["readable"] = reason is None
    if reason is None:
        return checks, []
    finding = file.finding(
        FindingCode.unreadable_file, {"reason": reason[0]}, {"reason": reason[1]}
    )
    return checks, [finding]


def _limits(file: _File) -> Step:
    """A file that broke one of ingest's limits: ``limit_exceeded`` for the officers."""
    att = file.att
    limit_name = _limit_broken(att)
    if limit_name is None:
        return {}, []
    checks: dict[str, bool] = {}
    if att.content is not None and not att.content.readable:
        checks["readable"] = False
    detail = (att.content.problem_detail if att.content else None) or "limit reached"
    finding = file.catalog.make(
        FindingCode.limit_exceeded,
        attachment=att,
        document=file.document,
        applicant=file.applicant,
        limit_name=limit_name,
        reason=f'"{att.filename}": {detail}',
    )
    return checks, [finding]


def _format(file: _File) -> Step:
    """``format``: an archive or winmail.dat names its files; else the document's formats."""
    att = file.att
    if _is_empty(att):
        return {}, []
    carrier = _CARRIERS.get(att.detected_format)
    if carrier is not None:
        id_contents, en_contents = contents_text(att)
        name = FORMAT_NAMES.get(att.detected_format.value, att.detected_format.value)
        finding = make_bilingual(
            file.catalog,
            carrier,
            id_params={"contents": id_contents},
            en_params={"contents": en_contents},
            attachment=att,
            document=file.document,
            applicant=file.applicant,
            detected=name,
        )
        return {"format": False}, [finding]
    if att.detected_format in file.requirements.documents[file.document].formats:
        return {"format": True}, []
    id_name, en_name = _detected_names(att)
    finding = file.finding(FindingCode.wrong_format, {"detected": id_name}, {"detected": en_name})
    return {"format": False}, [finding]


def _size(file: _File) -> Step:
    """``size``: at most the document's limit (``max_file_bytes``, or its own)."""
    size, limit = file.att.size, file.requirements.max_bytes(file.document)
    if size <= limit:
        return {"size": True}, []
    size_text, limit_text = human_size(size), human_size(limit)
    if size_text == limit_text:  # 1,048,577 bytes is "1 MB" too: be exact
        size_text = f"{size} bytes"
    finding = file.finding(
        FindingCode.too_large,
        {"size": _id_size(size_text), "limit": _id_size(limit_text)},
        {"size": size_text, "limit": limit_text},
    )
    return {"size": False}, [finding]
