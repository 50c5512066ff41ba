"""A scan's page text: read once per document, kept in memory, never in the shared file."""

from __future__ import annotations

import io
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from PIL import Image

from config.settings import OcrSettings
from fasdip.models import Attachment, ContentInfo, FileFormat
from readers.cache import ReadingCache
from readers.ocr import OcrEngine
from readers.page_text import PageTextReader, lines_run_down, rejoined, word_share
from samples.files import page_scan_jpeg


def _scan() -> tuple[Attachment, Image.Image]:
    jpeg = page_scan_jpeg("CURRICULUM VITAE", ["Name: Ola NORDMANN", "Education: Oslo"])
    att = Attachment(
        id="a3",
        filename="scan0002.jpg",
        declared_type="image/jpeg",
        detected_format=FileFormat.jpeg,
        size=len(jpeg),
        sha256="sha-of-a-cv-scan",
        content=ContentInfo(readable=True, width=992, height=1403),
        data=jpeg,
    )
    return att, Image.open(io.BytesIO(jpeg))


def test_a_page_is_read_once_and_its_text_stays_out_of_the_shared_file(tmp_path: Path) -> None:
    path = tmp_path / "readings.sqlite3"
    cache = ReadingCache(path=path)
    att, page = _scan()
    [text] = PageTextReader(OcrEngine(OcrSettings()), cache).read(att, [page])
    assert "CURRICULUM VITAE" in text and "NORDMANN" in text

    no_ocr = OcrEngine(OcrSettings(tesseract_cmd=str(tmp_path / "no-tesseract")))
    assert PageTextReader(no_ocr, cache).read(att, [page]) == [text]  # memory: not read again
    rows = sqlite3.connect(path).execute("SELECT count(*) FROM readings").fetchone()[0]
    assert rows == 0  # free personal text is not written to the unsealed file


def test_without_tesseract_a_page_is_empty_text_not_an_exception(tmp_path: Path) -> None:
    att, page = _scan()
    no_ocr = OcrEngine(OcrSettings(tesseract_cmd=str(tmp_path / "no-tesseract")))
    assert PageTextReader(no_ocr, ReadingCache()).read(att, [page]) == [""]


@given(st.lists(st.sampled_from(["word", "Word", "2026", "end.", "", " "]), max_size=30))
def test_rejoining_keeps_every_word_in_order(words: list[str]) -> None:
    text = "\n\n".join(words)
    assert rejoined(text).split() == text.split()


def test_a_page_scanned_sideways_is_read_the_right_way_up(tmp_path: Path) -> None:
    """A note laid sideways on the scanner: read as it lies, its text is junk ("UEpAW
    S2JPUY") and a roster would take that junk for people. It is read turned."""
    att, page = _scan()
    for angle in (90, 270):
        sideways = page.rotate(angle, expand=True)
        assert lines_run_down(sideways) and not lines_run_down(page)
        reader = PageTextReader(OcrEngine(OcrSettings()), ReadingCache(path=None))
        [text] = reader.read(att.model_copy(update={"sha256": f"turned-{angle}"}), [sideways])
        assert "CURRICULUM VITAE" in text and "NORDMANN" in text


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("The Embassy presents its compliments", True),
        ("'SaDURJINSSE 94} Maual 0) ANunyoddo siy Jo jjasy", False),
        ("UEpAW YISIA JIIM WN3d S2JPUY JW", False),
        ("", False),
    ],
)
def test_a_text_reads_as_words_or_as_junk(text: str, words: bool) -> None:
    assert (word_share(text) >= 0.6) is words
