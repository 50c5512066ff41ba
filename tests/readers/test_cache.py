"""A document already read is not read again: not by another worker, not after a restart."""

from __future__ import annotations

import sqlite3
import stat
from pathlib import Path

import pytest
from PIL import Image

from config.settings import DEFAULT_LIMITS, OcrSettings
from fasdip.models import Attachment, ContentInfo, FileFormat
from fasdip.pages import page_images
from readers.cache import ReadingCache
from readers.identity import IdentityReader
from readers.ocr import OcrEngine
from samples.ktps import make_ktp

pytestmark = pytest.mark.slow  # Tesseract on a KTP card


def pages(att: Attachment) -> list[Image.Image]:
    return page_images(att, DEFAULT_LIMITS)


def ktp_scan(seed: int) -> tuple[Attachment, str]:
    sample = make_ktp(seed)
    attachment = Attachment(
        id="a2",
        filename="scan.jpg",
        declared_type="image/jpeg",
        detected_format=FileFormat.jpeg,
        size=len(sample.jpeg),
        sha256=f"sha-of-ktp-{seed}",
        content=ContentInfo(readable=True),
        data=sample.jpeg,
    )
    return attachment, sample.truth.nik


def test_a_ktp_read_by_one_worker_is_not_read_again_by_another(tmp_path: Path) -> None:
    path = tmp_path / "readings.sqlite3"
    scan, nik = ktp_scan(41)
    first = IdentityReader(OcrEngine(OcrSettings()), pages, ReadingCache(path=path)).ktp(scan)
    assert first is not None and first.nik.value == nik

    # Another process with its own memory, and no Tesseract at all: only the file can answer.
    no_ocr = OcrEngine(OcrSettings(tesseract_cmd=str(tmp_path / "no-tesseract")))
    again = IdentityReader(no_ocr, pages, ReadingCache(path=path)).ktp(
        scan.model_copy(update={"id": "m1-a2"})
    )

    assert again is not None
    assert again.nik.value == nik and not any("OCR failed" in d for d in again.doubts)
    assert again.attachment == "m1-a2"  # the reading is told under the id it has now


def test_without_a_file_nothing_is_kept_between_readers(tmp_path: Path) -> None:
    scan, _ = ktp_scan(42)
    IdentityReader(OcrEngine(OcrSettings()), pages, ReadingCache()).ktp(scan)
    no_ocr = OcrEngine(OcrSettings(tesseract_cmd=str(tmp_path / "no-tesseract")))
    again = IdentityReader(no_ocr, pages, ReadingCache()).ktp(scan)
    assert again is None or any("OCR failed" in d for d in again.doubts)


def test_the_file_is_private_and_forgets_old_readings(tmp_path: Path) -> None:
    path = tmp_path / "readings.sqlite3"
    cache = ReadingCache(path=path, max_age_days=30)
    cache.put("ktp", "old", '{"x": 1}')
    cache.put("ktp", "new", '{"x": 2}')
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    with sqlite3.connect(path) as db:
        db.execute("UPDATE readings SET read_at = '2000-01-01T00:00:00+00:00' WHERE key = 'old'")

    reopened = ReadingCache(path=path, max_age_days=30)
    assert reopened.get("ktp", "old") is None
    assert reopened.get("ktp", "new") == '{"x": 2}'
