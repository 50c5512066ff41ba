"""A file's real format from its first bytes (magic numbers), never from its name.

``sniff`` never raises: bytes it cannot place are ``FileFormat.unknown``.
"""

from __future__ import annotations

import re

from fasdip.heif import is_heif
from fasdip.models import FileFormat
from ingest.archives import entry_names

_PDF_WINDOW = 1024  # "%PDF-" may follow some junk (a BOM, a mail header left by a scanner)
_TEXT_WINDOW = 4096

_SIMPLE_MAGIC: tuple[tuple[bytes, FileFormat], ...] = (
    (b"\xff\xd8\xff", FileFormat.jpeg),
    (b"\x89PNG\r\n\x1a\n", FileFormat.png),
    (b"GIF87a", FileFormat.gif),
    (b"GIF89a", FileFormat.gif),
    (b"II*\x00", FileFormat.tiff),
    (b"MM\x00*", FileFormat.tiff),
    (b"II+\x00", FileFormat.tiff),  # BigTIFF
    (b"MM\x00+", FileFormat.tiff),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", FileFormat.ole),
    (b"\x78\x9f\x3e\x22", FileFormat.tnef),
)
_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"PK\x07\x08")
_OOXML_ENTRIES = 200  # an Office file names word/ or xl/ among its first entries

# An email (or a header block) starts with a header field name and a colon.
_RFC822_START = re.compile(
    rb"(?i)^(?:return-path|received|from|to|subject|date|message-id|mime-version|"
    rb"delivered-to|x-[a-z0-9-]+|reply-to|cc|content-type|dkim-signature|"
    rb"authentication-results|arc-[a-z-]+)[ \t]*:"
)
_HTML_START = re.compile(rb"(?i)^\s*(?:<!doctype\s+html|<html|<head|<body|<meta|<!--)")


def sniff(data: bytes) -> FileFormat:
    """The real format of ``data`` from its magic bytes."""
    if not data:
        return FileFormat.empty
    for magic, fmt in _SIMPLE_MAGIC:
        if data.startswith(magic):
            return fmt
    if data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return FileFormat.webp
    if data[:2] == b"BM" and len(data) >= 26 and data[6:10] == b"\x00\x00\x00\x00":
        return FileFormat.bmp
    if is_heif(data):
        return FileFormat.heic
    if data.startswith(_ZIP_MAGIC):
        return _zip_kind(data)
    if b"%PDF-" in data[:_PDF_WINDOW]:
        return FileFormat.pdf
    return _text_kind(data)


def _zip_kind(data: bytes) -> FileFormat:
    """ZIP, or an Office Open XML file (a ZIP with ``word/`` or ``xl/`` entries).

    Only the first entries of the central directory are read (nothing is inflated); a
    damaged archive (or a bare local header) is still a ZIP by its magic.
    """
    names = entry_names(data, _OOXML_ENTRIES)
    if any(name.startswith("word/") for name in names):
        return FileFormat.docx
    if any(name.startswith("xl/") for name in names):
        return FileFormat.xlsx
    return FileFormat.zip


def _text_kind(data: bytes) -> FileFormat:
    head = data[:_TEXT_WINDOW]
    if head.startswith(b"\xef\xbb\xbf"):
        head = head[3:]
    if _RFC822_START.match(head) and (b"\n\n" in data or b"\r\n\r\n" in data):
        return FileFormat.rfc822
    if _HTML_START.match(head):
        return FileFormat.html
    if _looks_like_text(head):
        return FileFormat.text
    return FileFormat.unknown


def _looks_like_text(head: bytes) -> bool:
    if b"\x00" in head:
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        # A multi-byte character cut by the window is still text.
        if exc.start < len(head) - 3:
            return _mostly_printable(head)
    return True


def _mostly_printable(head: bytes) -> bool:
    """Legacy 8-bit text (latin-1, cp1252): few control bytes."""
    controls = sum(1 for b in head if b < 0x20 and b not in (0x09, 0x0A, 0x0C, 0x0D))
    return controls <= len(head) // 100
