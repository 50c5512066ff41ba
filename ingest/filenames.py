"""Attachment file names: decoded (RFC 2231, RFC 2047), cleaned, never usable as paths.

A file name is untrusted display text. ``clean_filename`` keeps only the last path
component, removes control and bidi-override characters and NFC-normalises it.
"""

from __future__ import annotations

import unicodedata
from email.errors import HeaderParseError
from email.message import Message

from fasdip.models import FileFormat
from ingest.headers import decode_text, fix_surrogates

MAX_NAME_CHARS = 200

EXTENSIONS: dict[FileFormat, str] = {
    FileFormat.pdf: "pdf",
    FileFormat.jpeg: "jpg",
    FileFormat.png: "png",
    FileFormat.gif: "gif",
    FileFormat.tiff: "tif",
    FileFormat.bmp: "bmp",
    FileFormat.webp: "webp",
    FileFormat.heic: "heic",
    FileFormat.zip: "zip",
    FileFormat.docx: "docx",
    FileFormat.xlsx: "xlsx",
    FileFormat.ole: "doc",
    FileFormat.tnef: "dat",
    FileFormat.rfc822: "eml",
    FileFormat.text: "txt",
    FileFormat.html: "html",
    FileFormat.empty: "bin",
    FileFormat.unknown: "bin",
}

# Bidirectional overrides and isolates make "gpj.exe" display as "exe.jpg".
_BIDI = {chr(c) for c in (0x200E, 0x200F, *range(0x202A, 0x202F), *range(0x2066, 0x206A))}


def part_filename(part: Message) -> str:
    """The file name a part declares (Content-Disposition ``filename`` or Content-Type
    ``name``), RFC 2231 continuations joined and RFC 2047 words decoded; "" if none."""
    try:
        raw = part.get_filename()
    except (HeaderParseError, LookupError, UnicodeError, ValueError, TypeError, IndexError):
        # e.g. ``filename*=utf-8\0''n.pdf``: the stdlib chokes on the charset name.
        raw = _salvage_rfc2231(part)
    if not raw:
        return ""
    # Some mailers put RFC 2047 words inside a quoted parameter (not allowed, but common).
    return decode_text(fix_surrogates(raw)) if "=?" in raw else fix_surrogates(raw)


def clean_filename(name: str) -> str:
    """Display-safe name: last path component, no control characters, NFC; may be ""."""
    name = unicodedata.normalize("NFC", name)
    name = "".join(
        " " if ch in "\t\r\n" else ch
        for ch in name
        if ch in "\t\r\n" or (unicodedata.category(ch) != "Cc" and ch not in _BIDI)
    )
    name = name.replace("\\", "/").split("/")[-1]
    name = " ".join(name.split()).strip(" .")
    if len(name) > MAX_NAME_CHARS:
        stem, dot, ext = name.rpartition(".")
        if dot and 0 < len(ext) <= 10:
            name = stem[: MAX_NAME_CHARS - len(ext) - 1] + "." + ext
        else:
            name = name[:MAX_NAME_CHARS]
    return name


def fallback_name(number: int, detected: FileFormat) -> str:
    """``unnamed-3.jpg`` for the third attachment, a JPEG without a name."""
    return f"unnamed-{number}.{EXTENSIONS[detected]}"


def _salvage_rfc2231(part: Message) -> str | None:
    """The RFC 2231 value read as UTF-8 when its declared charset cannot be used."""
    for name, header in (("filename", "content-disposition"), ("name", "content-type")):
        try:
            value = part.get_param(name, header=header)
        except (HeaderParseError, LookupError, UnicodeError, ValueError, TypeError, IndexError):
            continue
        if isinstance(value, tuple):
            return bytes(value[2], "raw-unicode-escape").decode("utf-8", "replace")
        if isinstance(value, str):
            return value
    return None
