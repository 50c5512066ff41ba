"""Reading identity documents: the MRZ of each passport copy, the fields of each KTP.

A text layer is read as text (exact, no OCR); a scan or a photo goes to the OCR readers
(``readers.passport``, ``readers.ktp``). Readings are kept per attachment sha256, so a
document is read once even when it is looked at twice (an OCR hint before classification,
then the reading). The pictures come from ``pages`` (the application passes ingest's PDF
page images and its one image decoder): readers do not decode files themselves.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence

from PIL import Image

from fasdip.errors import OcrError
from fasdip.models import IMAGE_FORMATS, Attachment, FileFormat, KtpReading, PassportReading
from readers.cache import ReadingCache
from readers.mrz import parse_mrz
from readers.ocr import OcrEngine
from readers.passport import read_passport

PageImages = Callable[[Attachment], list[Image.Image]]
"""The pictures OCR reads of an attachment ([] when none decode or one is over a limit)."""

_MRZ_LINE = re.compile(r"^[A-Z0-9<]{30,44}$")


def has_text(att: Attachment) -> bool:
    return bool(att.content and att.content.text.strip())


def is_scan(att: Attachment) -> bool:
    """An image, or a PDF without a text layer: only OCR can read it."""
    if att.detected_format in IMAGE_FORMATS:
        return bool(att.content and att.content.readable)
    return (
        att.detected_format == FileFormat.pdf
        and not has_text(att)
        and bool(att.content and att.content.readable)
    )


class IdentityReader:
    """Readings kept per document hash (``ReadingCache``: in memory, and in the service
    also in a file the worker processes share), so a document is read once."""

    def __init__(
        self,
        engine: OcrEngine,
        pages: PageImages,
        cache: ReadingCache | None = None,
    ) -> None:
        self._engine = engine
        self._pages = pages
        self._cache = cache or ReadingCache()

    def passport(
        self, att: Attachment, today_iso: str, pages: Sequence[int] = ()
    ) -> PassportReading:
        """The MRZ of a passport copy; ``pages``: the pages that show it (a combined PDF),
        else the pages that have one."""
        key = f"{att.sha256}:{today_iso}" + (f":p{'-'.join(map(str, pages))}" if pages else "")
        kept = self._cache.get("passport", key)
        if kept is not None:
            reading = PassportReading.model_validate_json(kept)
        else:
            reading = self._read_passport(att, today_iso, pages)
            self._cache.put("passport", key, reading.model_dump_json())
        return reading.model_copy(update={"attachment": att.id})

    def ktp(self, att: Attachment) -> KtpReading | None:
        kept = self._cache.get("ktp", att.sha256)
        if kept is not None:
            reading = None if kept == "null" else KtpReading.model_validate_json(kept)
        else:
            reading = self._read_ktp(att)
            self._cache.put("ktp", att.sha256, reading.model_dump_json() if reading else "null")
        return reading.model_copy(update={"attachment": att.id}) if reading else None

    def shows_a_card(self, att: Attachment) -> bool:
        """Whether the first page shows the blue of an e-KTP (a cheap look, no OCR)."""
        from readers.ktp_layout import shows_a_card  # the KTP modules load for a KTP only

        images = self._pages(att)
        return bool(images) and shows_a_card(images[0])

    def _read_passport(
        self, att: Attachment, today_iso: str, pages: Sequence[int] = ()
    ) -> PassportReading:
        today = dt.date.fromisoformat(today_iso)
        if has_text(att) and att.content:
            lines = [line.replace(" ", "") for line in att.content.text.splitlines()]
            mrz = [line for line in lines if _MRZ_LINE.match(line) and "<" in line]
            if mrz:
                return parse_mrz(mrz, attachment=att.id, today=today)
        images = self._pages(att)
        chosen = [image for index, image in enumerate(images) if index in pages]
        images = chosen or images  # the passport's own pages of a combined PDF, if pictured
        if not images:
            return PassportReading(attachment=att.id, doubts=["no page image to read"])
        try:
            return read_passport(images, self._engine, att.id, att.sha256, today)
        except OcrError as err:
            return PassportReading(attachment=att.id, doubts=[f"OCR failed: {err.message}"])

    def _read_ktp(self, att: Attachment) -> KtpReading | None:
        if has_text(att) and att.content:
            from readers.ktp_text import ktp_from_text  # like the other KTP modules

            return ktp_from_text(att.content.text, att.id)
        images = self._pages(att)
        if not images:
            return None
        from readers.ktp import read_ktp  # the KTP modules load for a KTP only (0.04 s)

        try:
            return read_ktp(images, self._engine, att.id, att.sha256)
        except OcrError as err:
            return KtpReading(attachment=att.id, doubts=[f"OCR failed: {err.message}"])
