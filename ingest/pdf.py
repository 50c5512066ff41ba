"""What a PDF holds: pages, text layer, images, encryption. The only module importing pypdf.

``read_pdf`` never raises on any bytes: every failure becomes a ``ContentInfo`` with
``readable=False``, a short ``problem`` code and a one-line ``problem_detail``.
"""

from __future__ import annotations

import io
import logging
import struct
import zlib

from PIL import Image
from pypdf import PasswordType, PdfReader
from pypdf.errors import (
    DependencyError,
    DeprecationError,
    FileNotDecryptedError,
    LimitReachedError,
    PdfReadError,
    PdfStreamError,
    PyPdfError,
)

from config.settings import IngestSettings
from fasdip.models import ContentInfo

# pypdf logs every repaired xref and odd object at WARNING: a mission's scanner produces
# hundreds of those. Real failures reach us as exceptions.
logging.getLogger("pypdf").setLevel(logging.ERROR)

# What pypdf leaks besides its own errors on broken files (seen in tests and fuzzing).
_LEAKED = (
    # Found by fuzzing: a damaged stream naming an abbreviated filter (/Fl) makes pypdf 7
    # raise its DeprecationError, which is not a PyPdfError.
    DeprecationError,
    ValueError,
    KeyError,
    TypeError,
    IndexError,
    AttributeError,
    AssertionError,
    RecursionError,
    OSError,
    EOFError,
    struct.error,
    zlib.error,
    UnicodeError,
    ZeroDivisionError,
    OverflowError,
    NotImplementedError,  # "Unsupported filter" on a damaged stream
)


def read_pdf(data: bytes, settings: IngestSettings) -> ContentInfo:
    """Page count, text of the first pages, images on them; or why it cannot be read."""
    if not data:
        return _problem("empty", "the file has 0 bytes")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        locked = _unlock(reader)
        if locked is not None:
            return locked
        page_count = len(reader.pages)
    except (DependencyError, FileNotDecryptedError) as exc:
        return _problem("encrypted", _line(exc))
    except LimitReachedError as exc:
        return _problem("too_complex", _line(exc))
    except (PdfStreamError, PdfReadError, PyPdfError, *_LEAKED) as exc:
        return _problem("corrupt", _line(exc))
    if page_count == 0:
        return ContentInfo(
            readable=False, problem="no_pages", problem_detail="the PDF has no pages", page_count=0
        )
    text, image_count, detail = _read_pages(reader, page_count, settings)
    return ContentInfo(
        readable=True,
        page_count=page_count,
        text=text,
        image_count=image_count,
        problem=None if detail is None else "partly_read",
        problem_detail=detail,
    )


def _unlock(reader: PdfReader) -> ContentInfo | None:
    """Open an encrypted PDF with the empty user password, or say it needs one."""
    if not reader.is_encrypted:
        return None
    try:
        opened = reader.decrypt("")
    except (DependencyError, NotImplementedError) as exc:
        # AES without the optional ``cryptography`` package, or an unknown handler.
        return _problem("encrypted", f"unsupported encryption: {_line(exc)}")
    if opened == PasswordType.NOT_DECRYPTED:
        return _problem("encrypted", "the PDF needs a password to open")
    return None


def _read_pages(
    reader: PdfReader, page_count: int, settings: IngestSettings
) -> tuple[str, int, str | None]:
    """Text (capped) and image count of the first pages; a page that fails is skipped."""
    chunks: list[str] = []
    length = 0
    images = 0
    failures: list[str] = []
    for index in range(min(page_count, settings.pdf_text_max_pages)):
        try:
            page = reader.pages[index]
            images += len(page.images)
            if length < settings.pdf_text_max_chars:
                text = page.extract_text() or ""
                chunks.append(text)
                length += len(text) + 1
        except (PyPdfError, *_LEAKED) as exc:
            failures.append(f"page {index + 1}: {_line(exc)}")
    text = "\n".join(chunks)[: settings.pdf_text_max_chars]
    detail = "; ".join(failures)[:300] if failures else None
    return text, images, detail


def _problem(code: str, detail: str) -> ContentInfo:
    return ContentInfo(readable=False, problem=code, problem_detail=detail)


def _line(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {message}"[:200]


def page_images(data: bytes, max_pages: int = 2) -> list[Image.Image]:
    """The embedded images of a scanned PDF's first pages (JPEG, Flate, CCITT fax).

    pypdf decodes each image XObject to a Pillow image (no poppler needed). Never raises:
    bytes that are not a readable PDF, or an image that does not decode, give ``[]`` or
    are skipped.
    """
    if not data:
        return []
    found: list[Image.Image] = []
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if _unlock(reader) is not None:
            return []
        pages = list(reader.pages)[:max_pages]
    except (PyPdfError, *_LEAKED):
        return []
    for page in pages:
        try:
            for image_file in page.images:
                image = image_file.image
                if image is not None:
                    image.load()
                    found.append(image)
        except (PyPdfError, *_LEAKED):
            continue
    return found
