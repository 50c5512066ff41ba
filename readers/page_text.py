"""What a scanned page says: its text read by Tesseract (``ind+eng``), for typing a scan
by its words and for reading a scanned note (names, dates).

A page is downscaled first (text at about 150 dpi reads as well and costs a fraction of
a 300 dpi page); the text of every page is kept per document sha256 in the readings
cache's memory, so a document is read once however often a worker looks at it (not in
the shared file: free text of a document is personal data, and that file is not sealed).
"""

from __future__ import annotations

import json
import logging
import re
import time

import numpy as np
from PIL import Image

from fasdip.errors import OcrError
from fasdip.models import Attachment
from readers.cache import ReadingCache
from readers.ocr import OcrEngine

log = logging.getLogger(__name__)

PAGE_TEXT_LANG = "ind+eng"
PAGE_TEXT_WIDTH = 1240  # pixels across a page: an A4 page at 150 dpi
_PSM_AUTO = 3  # Tesseract's automatic page segmentation (columns, stamps, blocks)


_BROKEN_PARAGRAPH = re.compile(r"(?<![.!?:;])[ \t]*\n[ \t]*\n\s*(?=[a-z0-9(])")


def rejoined(text: str) -> str:
    """OCR's text with a sentence cut by a blank line made whole again: Tesseract leaves a
    blank line where a scan's lines are set wide apart, and a blank line ends a sentence
    for the rules that look for a date next to its cue word."""
    return _BROKEN_PARAGRAPH.sub("\n", text)


def downscaled(image: Image.Image, width: int = PAGE_TEXT_WIDTH) -> Image.Image:
    """A grey copy of ``image`` no wider than ``width`` (a small image is left its size)."""
    grey = image.convert("L")
    if grey.width <= width:
        return grey
    height = max(1, round(grey.height * width / grey.width))
    return grey.resize((width, height), Image.Resampling.BILINEAR)


class PageTextReader:
    """The text of each page of a scan, read once per document (``ReadingCache`` kind
    ``page_text``)."""

    def __init__(
        self, engine: OcrEngine, cache: ReadingCache, width: int = PAGE_TEXT_WIDTH
    ) -> None:
        self._engine = engine
        self._cache = cache
        self._width = width

    def read(self, att: Attachment, pages: list[Image.Image]) -> list[str]:
        """One text per page image; a page Tesseract cannot read gives ``""`` (and a log
        line naming the attachment), never an exception."""
        kept = self._cache.get("page_text", att.sha256)
        if kept is not None:
            texts = json.loads(kept)
            return [str(t) for t in texts] if isinstance(texts, list) else []
        started = time.perf_counter()
        texts = [self._read_page(att, index, page) for index, page in enumerate(pages)]
        log.info(
            "page text of %s: %d page(s), %d characters, %.2f s",
            att.id,
            len(texts),
            sum(len(t) for t in texts),
            time.perf_counter() - started,
        )
        # In memory only: a page's text is free personal text, and the shared readings file
        # is not sealed with the store's key.
        self._cache.put("page_text", att.sha256, json.dumps(texts), persist=False)
        return texts

    def _read_page(self, att: Attachment, index: int, page: Image.Image) -> str:
        """The page's text; a page whose text is no words and whose lines run down the page
        (a note scanned sideways) is read again turned a quarter either way, the better kept."""
        try:
            text = self._read_turned(att, index, page, 0)
            if lines_run_down(page):
                turned = [self._read_turned(att, index, page, angle) for angle in (90, 270)]
                text = max([text, *turned], key=word_share)
            return rejoined(text)
        except OcrError as err:
            log.info("page text of %s, page %d not read: %s", att.id, index + 1, err.message)
            return ""

    def _read_turned(self, att: Attachment, index: int, page: Image.Image, angle: int) -> str:
        image = page.rotate(angle, expand=True) if angle else page
        return self._engine.text(
            downscaled(image, self._width),
            lang=PAGE_TEXT_LANG,
            psm=_PSM_AUTO,
            cache_key=f"{att.sha256}:page{index}" + (f":turned{angle}" if angle else ""),
        )


_WORD = re.compile(r"^(?:[A-Za-z][a-z]{2,}|[A-Z]{3,})[.,;:]?$")
_VOWELS = frozenset("AEIOU")


def _is_word(token: str) -> bool:
    """A word ("Embassy", "GUBERNUR"), not OCR's junk from lines read the wrong way
    ("UEpAW", "S2JPUY", "NNVWQHWON": a capitals word has its share of vowels)."""
    if not _WORD.match(token):
        return False
    letters = token.strip(".,;:").upper()
    return 0.2 <= sum(c in _VOWELS for c in letters) / len(letters) <= 0.8


def word_share(text: str) -> float:
    """The share of a text's tokens that are words: how well a page was read."""
    tokens = text.split()
    return sum(_is_word(t) for t in tokens) / len(tokens) if tokens else 0.0


def lines_run_down(page: Image.Image) -> bool:
    """Whether a page's lines of text run top to bottom: more blank columns than blank rows
    between its inked ones (a page the right way up has blank rows between its lines)."""
    ink = np.asarray(downscaled(page, 400), dtype=np.uint8) < 128
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    if rows.size == 0:
        return False
    inked = ink[int(rows[0]) : int(rows[-1]) + 1, int(cols[0]) : int(cols[-1]) + 1]
    blank_rows = float((inked.mean(axis=1) < 0.005).mean())
    blank_cols = float((inked.mean(axis=0) < 0.005).mean())
    return blank_cols > blank_rows + 0.15
