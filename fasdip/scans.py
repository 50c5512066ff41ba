"""Scans read before they are classified: what OCR finds that the file name does not say.

A scan (an image, or a PDF without a text layer) is typed by its file name when the name
is clear. Otherwise, or when its words matter whatever its name (a scanned diplomatic
note: who the request is for, the dates of a visit), or when it has several pages (one
PDF holding several documents), its pages are read by Tesseract and typed by their words
with the same cues as a text layer. A scan that nothing names is looked at the cheap
way first: a KTP's NIK on a card's blue makes it a KTP; else its words are read, and
only when they do not type it as another document is its MRZ looked for (two or three
full lines passing a check digit make it a passport). Reading an MRZ that is not there
costs seconds (bench/pipeline.py: three quarters of the OCR time went to the MRZ of
stay permits, CVs and letters before their words were read).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from PIL import ImageStat

import ingest.pdf
from classifiers.documents import DocumentClassifier, DocumentScores
from config.settings import LimitsSettings, OcrSettings
from fasdip.models import Attachment, DocumentType, FileFormat, InboundEmail
from fasdip.pages import page_images
from ingest.images import decode_image
from readers.identity import IdentityReader, is_scan
from readers.mrz import shows_an_mrz
from readers.page_text import PageTextReader

_NO_TEXT_NEEDED = {DocumentType.photo}
# Words that type a scan as one of these leave it to be read as an identity document.
_IDENTITY_OR_UNSURE = {
    DocumentType.passport,
    DocumentType.ktp,
    DocumentType.other,
}  # a portrait: what it shows is checked, not read
_PAGE_MIN_HEIGHT = 1000  # pixels: a portrait for a pass is smaller than a page's picture
_PAPER_BRIGHTNESS = 170  # mean grey (0-255) of a sheet of paper; a red-backed portrait is darker


@dataclass(frozen=True)
class ScanEvidence:
    """Per attachment id: an identity hint (type, cue) and the text of each page read."""

    hints: dict[str, tuple[DocumentType, str]] = field(default_factory=dict)
    page_texts: dict[str, list[str]] = field(default_factory=dict)


class ScanReader:
    def __init__(
        self,
        identity: IdentityReader,
        pages: PageTextReader,
        limits: LimitsSettings,
        ocr: OcrSettings,
        confidence_threshold: float,
    ) -> None:
        self._identity = identity
        self._pages = pages
        self._limits = limits
        self._max_pages = ocr.page_text_max_pages
        self._threshold = confidence_threshold

    def evidence(
        self, email: InboundEmail, documents: DocumentClassifier, today: dt.date
    ) -> ScanEvidence:
        found = ScanEvidence()
        for att in email.attachments:
            if not is_scan(att):
                filled = self._scanned_pages_filled(att, documents)
                if filled is not None:
                    found.page_texts[att.id] = filled
                continue
            scored = documents.score(att)
            kind, _, confidence = scored.best()
            hint, texts = None, None
            if not scored.scores:
                hint, texts = self._unnamed(att, documents, today)
            if hint is not None:
                found.hints[att.id] = hint
            unnamed_page = kind == DocumentType.photo and self._paper_not_portrait(att, scored)
            if unnamed_page or self._text_needed(att, kind, confidence, hint is not None):
                found.page_texts[att.id] = texts if texts is not None else self._page_texts(att)
        return found

    def _page_texts(self, att: Attachment) -> list[str]:
        """The text of the scan's first pages (read once per sha256: ``PageTextReader``)."""
        images = page_images(att, self._limits, self._max_pages, to_content=True)
        return self._pages.read(att, images) if images else []

    def _unnamed(
        self, att: Attachment, documents: DocumentClassifier, today: dt.date
    ) -> tuple[tuple[DocumentType, str] | None, list[str] | None]:
        """(identity hint, page texts) of a scan nothing names, the cheap looks first.

        A card's blue is a glance: a KTP whose NIK reads needs no other look. Otherwise
        its words are read (about 0.5 s a page) before its MRZ is looked for: the template
        reader spends seconds on the lines of a page that has none (a stay permit, a CV),
        so a page its words type as another document with confidence is not read as a
        passport. Page texts are None when the words were not read."""
        card = self._identity.shows_a_card(att)
        if card:
            ktp = self._ktp_hint(att)
            if ktp is not None:
                return ktp, None
        texts = self._page_texts(att)
        by_words, _, confidence = documents.score(att, None, texts).best()
        if confidence >= self._threshold and by_words not in _IDENTITY_OR_UNSURE:
            return None, texts
        if shows_an_mrz(self._identity.passport(att, today.isoformat())):
            return (DocumentType.passport, "MRZ read by OCR"), texts
        return None, texts

    def _ktp_hint(self, att: Attachment) -> tuple[DocumentType, str] | None:
        ktp = self._identity.ktp(att)
        return (DocumentType.ktp, "NIK read by OCR") if ktp is not None and ktp.nik.value else None

    def _scanned_pages_filled(
        self, att: Attachment, documents: DocumentClassifier
    ) -> list[str] | None:
        """The pages of a PDF that has a text layer but also scanned pages (a passport page
        and a stay permit scanned, a CV typed, in one file): each scanned page read by OCR,
        the others as their text layer. None when no page is only a picture."""
        if att.detected_format != FileFormat.pdf:
            return None
        texts = documents.pages_of(att)[: self._max_pages]
        blank = [index for index, text in enumerate(texts) if not text.strip()]
        if len(texts) < 2 or not blank:
            return None
        images = ingest.pdf.largest_image_per_page(att.data, self._max_pages, self._limits)
        scanned = [i for i in blank if i < len(images) and images[i] is not None]
        if not scanned:
            return None
        read = self._pages.read(att, [img for i in scanned if (img := images[i]) is not None])
        for index, text in zip(scanned, read, strict=False):
            texts[index] = text
        return texts

    def _text_needed(
        self, att: Attachment, kind: DocumentType, confidence: float, hinted: bool
    ) -> bool:
        several_pages = (att.content.page_count or 1) > 1 if att.content else False
        if several_pages:
            return True  # one PDF may hold several documents: each page is typed
        if hinted or (kind in _NO_TEXT_NEEDED and confidence >= self._threshold):
            return False
        return kind == DocumentType.diplomatic_note or confidence < self._threshold

    def _paper_not_portrait(self, att: Attachment, scored: DocumentScores) -> bool:
        """An image called a photo only for being taller than wide, that looks like a sheet
        of paper (large and light): a phone's picture of a document, to be read."""
        if set(scored.evidence) != {DocumentType.photo} or any(
            not e.source.startswith("image:") for e in scored.evidence[DocumentType.photo]
        ):
            return False
        content = att.content
        if not content or (content.height or 0) < _PAGE_MIN_HEIGHT:
            return False
        image = decode_image(att.data, self._limits)
        if image is None:
            return False
        mean = ImageStat.Stat(image.convert("L").resize((32, 48))).mean[0]
        return mean >= _PAPER_BRIGHTNESS
