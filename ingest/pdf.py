"""What a PDF holds: pages, text layer, images, encryption. The only module importing pypdf.

``read_pdf`` never raises on any bytes: every failure becomes a ``ContentInfo`` with
``readable=False``, a short ``problem`` code and a one-line ``problem_detail``. A limit
of ``LimitsSettings`` broken is the problem ``limit:<setting name>`` (pages, objects),
or ``limit:pdf_parser_limit`` when one of pypdf's own guards (``LimitReachedError``:
a stream that inflates past 75 MB, a cycle in the page tree…) stopped it.

pypdf logs every repaired cross-reference and odd object at WARNING, and a broken file
can log ten thousand lines: ``pdf_log_budget`` lets ``pdf_warnings_per_file`` of them
through per file (under the ``ingest.pdf`` logger, the file named by a hash prefix, never
by its name) and then one summary line.

pypdf (with the cryptography and fontTools it loads, 0.2 s) is imported when a PDF is
first opened, not at start: a mail without a PDF never loads it.
"""

from __future__ import annotations

import hashlib
import io
import logging
import re
import struct
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING

from PIL import Image

from config.settings import DEFAULT_LIMITS, IngestSettings, LimitsSettings
from fasdip.models import ContentInfo

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

_log = logging.getLogger(__name__)

# "12 0 obj": an object definition, counted on the raw bytes before pypdf reads anything:
# rb"\d{1,10}[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+obj\b". It is searched for in the bytes
# reversed ("jbo 0 21"), where each match begins with the literal "jbo" that the regex
# engine finds at C speed, instead of trying a match at each of the stream's digits
# (6x faster on a scanned page's JPEG). Read backwards, the definition is the same:
# the blank runs and the generation number are whole runs, the object number needs one
# digit, and the "\b" after "obj" is checked on the byte before the match.
_OBJECT_REVERSED = re.compile(rb"jbo[\x00\t\n\f\r ]+\d{1,5}[\x00\t\n\f\r ]+\d")
# The bytes that make "obj" part of a longer word ("\w" of a bytes pattern).
_WORD_BYTES = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_")

# What pypdf leaks besides its own errors on broken files (seen in tests and fuzzing);
# with pypdf's DeprecationError (``_or_leaked``).
_LEAKED_BUILTIN = (
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


def _or_leaked(*errors: type[BaseException]) -> tuple[type[BaseException], ...]:
    """``errors`` and what pypdf leaks besides its own errors: the built-in ones above,
    and (found by fuzzing) its DeprecationError, which is not a PyPdfError, on a damaged
    stream naming an abbreviated filter (/Fl)."""
    from pypdf.errors import DeprecationError

    return (*errors, DeprecationError, *_LEAKED_BUILTIN)


class _WarningBudget(logging.Handler):
    """Takes pypdf's log records: the first ``allowed`` of a file go on, the rest are counted."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.allowed = DEFAULT_LIMITS.pdf_warnings_per_file
        self.label = "pdf"
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1
        if self.count <= self.allowed:
            message = " ".join(record.getMessage().split())[:200]
            # INFO: the file's problem is already a finding; this is for diagnosis (-v).
            _log.info("pypdf on PDF %s: %s", self.label, message)


_BUDGET = _WarningBudget()
_PYPDF_LOGGER = logging.getLogger("pypdf")
_PYPDF_LOGGER.setLevel(logging.WARNING)
_PYPDF_LOGGER.addHandler(_BUDGET)
_PYPDF_LOGGER.propagate = False  # every pypdf record goes through the budget


@contextmanager
def pdf_log_budget(data: bytes, allowed: int) -> Iterator[None]:
    """At most ``allowed`` pypdf warnings for this file, then one summary line."""
    saved = (_BUDGET.allowed, _BUDGET.label, _BUDGET.count)
    _BUDGET.allowed, _BUDGET.count = allowed, 0
    _BUDGET.label = "sha256:" + hashlib.sha256(data).hexdigest()[:12]
    try:
        yield
    finally:
        extra = _BUDGET.count - _BUDGET.allowed
        if extra > 0:
            _log.info(
                "pypdf on PDF %s: %d more warning(s) not logged (limit pdf_warnings_per_file=%d)",
                _BUDGET.label,
                extra,
                _BUDGET.allowed,
            )
        _BUDGET.allowed, _BUDGET.label, _BUDGET.count = saved


def count_objects(data: bytes) -> int:
    """Object definitions in the raw bytes (objects packed in object streams not included)."""
    if b"obj" not in data:
        return 0
    backwards = data[::-1]
    return sum(
        1
        for found in _OBJECT_REVERSED.finditer(backwards)
        if found.start() == 0 or backwards[found.start() - 1] not in _WORD_BYTES
    )


def read_pdf(
    data: bytes, settings: IngestSettings, limits: LimitsSettings = DEFAULT_LIMITS
) -> ContentInfo:
    """Page count, text of the first pages, images on them; or why it cannot be read."""
    if not data:
        return _problem("empty", "the file has 0 bytes")
    objects = count_objects(data)
    if objects > limits.max_pdf_objects:
        return _problem(
            "limit:max_pdf_objects",
            f"the PDF defines {objects} objects, above the limit of {limits.max_pdf_objects}; "
            "it was not opened",
        )
    with pdf_log_budget(data, limits.pdf_warnings_per_file):
        return _read_pdf(data, settings, limits)


def _read_pdf(data: bytes, settings: IngestSettings, limits: LimitsSettings) -> ContentInfo:
    from pypdf.errors import (
        DependencyError,
        FileNotDecryptedError,
        LimitReachedError,
        PdfReadError,
        PdfStreamError,
        PyPdfError,
    )

    try:
        reader = _reader(data, limits)
        locked = _unlock(reader)
        if locked is not None:
            return locked
        objects = len(reader.xref_objStm) + sum(len(ids) for ids in reader.xref.values())
        if objects > limits.max_pdf_objects:
            return _problem(
                "limit:max_pdf_objects",
                f"the PDF's cross-reference table lists {objects} objects, above the limit "
                f"of {limits.max_pdf_objects}",
            )
        page_count = len(reader.pages)
    except (DependencyError, FileNotDecryptedError) as exc:
        return _problem("encrypted", _line(exc))
    except LimitReachedError as exc:
        return _problem("limit:pdf_parser_limit", _line(exc))
    except _or_leaked(PdfStreamError, PdfReadError, PyPdfError) as exc:
        return _problem("corrupt", _line(exc))
    if page_count == 0:
        return ContentInfo(
            readable=False, problem="no_pages", problem_detail="the PDF has no pages", page_count=0
        )
    if page_count > limits.max_pdf_pages:
        return ContentInfo(
            readable=False,
            problem="limit:max_pdf_pages",
            problem_detail=f"the PDF has {page_count} pages, above the limit of "
            f"{limits.max_pdf_pages}; its pages were not read",
            page_count=page_count,
        )
    text, starts, image_count, detail = _read_pages(reader, page_count, settings)
    return ContentInfo(
        readable=True,
        page_count=page_count,
        text=text,
        page_starts=starts,
        image_count=image_count,
        problem=None if detail is None else "partly_read",
        problem_detail=detail,
    )


def _reader(data: bytes, limits: LimitsSettings) -> PdfReader:
    from pypdf import PdfReader

    return PdfReader(
        io.BytesIO(data),
        strict=False,
        xref_stream_maximum_entries=max(limits.max_pdf_objects, 1_000),
    )


def _unlock(reader: PdfReader) -> ContentInfo | None:
    """Open an encrypted PDF with the empty user password, or say it needs one."""
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

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
) -> tuple[str, list[int], int, str | None]:
    """Text (capped), where each page's text starts in it, and image count of the first
    pages; a page that fails is skipped."""
    from pypdf.errors import PyPdfError

    chunks: list[str] = []
    starts: list[int] = []
    length = 0
    images = 0
    failures: list[str] = []
    for index in range(min(page_count, settings.pdf_text_max_pages)):
        try:
            page = reader.pages[index]
            images += len(page.images)
            if length < settings.pdf_text_max_chars:
                text = page.extract_text() or ""
                starts.append(length)
                chunks.append(text)
                length += len(text) + 1
        except _or_leaked(PyPdfError, Image.DecompressionBombError) as exc:
            failures.append(f"page {index + 1}: {_line(exc)}")
    text = "\n".join(chunks)[: settings.pdf_text_max_chars]
    detail = "; ".join(failures)[:300] if failures else None
    return text, [s for s in starts if s < len(text)], images, detail


def _problem(code: str, detail: str) -> ContentInfo:
    return ContentInfo(readable=False, problem=code, problem_detail=detail)


def _line(exc: BaseException) -> str:
    message = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {message}"[:200]


def page_images(
    data: bytes, max_pages: int = 2, limits: LimitsSettings = DEFAULT_LIMITS
) -> list[Image.Image]:
    """The embedded images of a scanned PDF's first pages (JPEG, Flate, CCITT fax).

    pypdf decodes each image XObject to a Pillow image (no poppler needed). Never raises:
    bytes that are not a readable PDF, or an image that does not decode, give ``[]`` or
    are skipped.
    """
    if not data or count_objects(data) > limits.max_pdf_objects:
        return []
    with pdf_log_budget(data, limits.pdf_warnings_per_file):
        return _page_images(data, max_pages, limits)


def largest_image_per_page(
    data: bytes, max_pages: int = 2, limits: LimitsSettings = DEFAULT_LIMITS
) -> list[Image.Image | None]:
    """For each of a PDF's first ``max_pages`` pages, its largest embedded image (a scanned
    page of a PDF that also has text pages), or None for a page with no image. Never raises."""
    if not data or count_objects(data) > limits.max_pdf_objects:
        return []
    with pdf_log_budget(data, limits.pdf_warnings_per_file):
        return [
            max(images, key=lambda i: i.width * i.height) if images else None
            for images in _images_by_page(data, max_pages, limits)
        ]


def _page_images(data: bytes, max_pages: int, limits: LimitsSettings) -> list[Image.Image]:
    return [image for images in _images_by_page(data, max_pages, limits) for image in images]


def _images_by_page(data: bytes, max_pages: int, limits: LimitsSettings) -> list[list[Image.Image]]:
    from pypdf.errors import PyPdfError

    try:
        reader = _reader(data, limits)
        if _unlock(reader) is not None or len(reader.pages) > limits.max_pdf_pages:
            return []
        pages = [reader.pages[index] for index in range(min(max_pages, len(reader.pages)))]
    except _or_leaked(PyPdfError):
        return []
    return [_images_of(page, limits) for page in pages]


def _images_of(page: PageObject, limits: LimitsSettings) -> list[Image.Image]:
    from pypdf.errors import PyPdfError

    found: list[Image.Image] = []
    try:
        for image_file in page.images:
            image = image_file.image
            if image is None:
                continue
            if image.width * image.height > limits.max_image_pixels:
                continue  # a decompression bomb in a PDF: never decoded
            image.load()
            found.append(image)
    except _or_leaked(PyPdfError, Image.DecompressionBombError):
        pass  # the images decoded before the damaged one are kept
    return found
