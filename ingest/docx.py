"""The text of a Word document (DOCX): ``word/document.xml`` inside the package, bounded.

A mission sometimes sends its diplomatic note as a Word file. The file is still asked
again as PDF (``wrong_format``), but what the note says (the request, the dates, who it
is for) is read here so that the classifier and the roster use it as they use a text
PDF's layer. Only the standard library is used: ``zipfile`` for the one entry and
``xml.etree`` for its paragraphs (a Word file needs nothing more; python-docx would add
lxml for the same walk).

Guards, before and while inflating: the central directory is read first (entry count,
encryption) without ``zipfile``; the declared size of ``word/document.xml`` must be within
``max_docx_xml_bytes``, and it is inflated in bounded steps so that a size that lies
stops at the same limit. A document declaring a DTD (never written by Word: the door to
entity-expansion bombs) is refused. ``read_docx`` never raises on any bytes.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from typing import IO
from xml.etree import ElementTree

from config.settings import LimitsSettings
from fasdip.models import ContentInfo
from ingest.archives import list_zip

DOCUMENT = "word/document.xml"
_CHUNK = 64 * 1024

# What zipfile and its decompressors raise on damaged or unsupported archives.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    OSError,
    ValueError,
    KeyError,
    NotImplementedError,
    RuntimeError,  # an encrypted entry zipfile cannot open without a password
)


class _Unread(Exception):
    """Why the text could not be read: a ContentInfo problem code and one line of detail."""

    def __init__(self, problem: str, detail: str) -> None:
        super().__init__(detail)
        self.problem = problem
        self.detail = detail


def read_docx(data: bytes, limits: LimitsSettings) -> ContentInfo:
    """The paragraphs of a Word document, one a line (tables: one row a line)."""
    try:
        xml = _document_xml(data, limits)
        text = "\n".join(_lines(_parse(xml))).strip()
    except _Unread as unread:
        return ContentInfo(readable=False, problem=unread.problem, problem_detail=unread.detail)
    return ContentInfo(readable=True, text=text, page_starts=[0] if text else [])


def _document_xml(data: bytes, limits: LimitsSettings) -> bytes:
    """The bytes of ``word/document.xml``, at most ``max_docx_xml_bytes`` of them."""
    listing = list_zip(data, limits.max_archive_entries)
    if listing.declared_entries > limits.max_archive_entries:
        raise _Unread(
            "limit:max_archive_entries",
            f"the Word document declares {listing.declared_entries} parts, above the limit "
            f"of {limits.max_archive_entries}; it was not opened",
        )
    if listing.encrypted:
        raise _Unread("encrypted", "the Word document's parts are password-protected")
    if DOCUMENT not in listing.paths:
        raise _Unread("corrupt", f"the Word document has no {DOCUMENT} (damaged or cut off)")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as package:
            entry = package.getinfo(DOCUMENT)
            if entry.file_size > limits.max_docx_xml_bytes:
                raise _too_big(limits, f"declares {entry.file_size} bytes of text markup")
            with package.open(entry) as stream:
                return _bounded_read(stream, limits)
    except _ZIP_ERRORS as exc:
        raise _Unread("corrupt", f"the Word document is damaged ({type(exc).__name__})") from exc


def _bounded_read(stream: IO[bytes], limits: LimitsSettings) -> bytes:
    """Inflate at most ``max_docx_xml_bytes`` (the declared size may lie)."""
    chunks: list[bytes] = []
    total = 0
    while chunk := stream.read(_CHUNK):
        total += len(chunk)
        if total > limits.max_docx_xml_bytes:
            raise _too_big(limits, f"inflates past {limits.max_docx_xml_bytes} bytes")
        chunks.append(chunk)
    return b"".join(chunks)


def _too_big(limits: LimitsSettings, what: str) -> _Unread:
    return _Unread(
        "limit:max_docx_xml_bytes",
        f"the Word document's {DOCUMENT} {what}, above the limit of "
        f"{limits.max_docx_xml_bytes} (a zip bomb?); it was not read",
    )


def _parse(xml: bytes) -> ElementTree.Element:
    if b"<!DOCTYPE" in xml or b"<!ENTITY" in xml:
        raise _Unread("corrupt", f"the Word document's {DOCUMENT} declares a DTD (Word never does)")
    try:
        return ElementTree.fromstring(xml)
    except ElementTree.ParseError as exc:
        raise _Unread("corrupt", f"the Word document's {DOCUMENT} is not well-formed XML") from exc


def _local(tag: object) -> str:
    """``{namespace}p`` -> ``p`` (transitional and strict OOXML name it differently)."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _lines(element: ElementTree.Element) -> list[str]:
    """Paragraphs and table rows of a block container (body, cell, text box), in order."""
    lines: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "p":
            boxes: list[str] = []
            lines += _paragraph(child, boxes).split("\n")
            lines += boxes
        elif name == "tbl":
            lines += [_row(row) for row in child if _local(row.tag) == "tr"]
        elif name not in ("Fallback", "sectPr"):
            lines += _lines(child)
    return lines


def _row(row: ElementTree.Element) -> str:
    """A table row as one line, its cells apart (as a PDF's text layer gives a row)."""
    cells = [" ".join(_lines(cell)).strip() for cell in row if _local(cell.tag) == "tc"]
    return "   ".join(cell for cell in cells if cell)


def _paragraph(element: ElementTree.Element, boxes: list[str]) -> str:
    """The text of a paragraph's runs; text boxes inside it go to ``boxes`` as lines."""
    parts: list[str] = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "tab":
            parts.append("\t")
        elif name in ("br", "cr"):
            parts.append("\n")
        elif name == "txbxContent":
            boxes += _lines(child)
        elif name not in ("delText", "instrText", "Fallback", "rPr", "pPr"):
            parts.append(_paragraph(child, boxes))
    return "".join(parts)
