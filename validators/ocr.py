"""The one module that talks to Tesseract (through pytesseract).

Every reader (passport MRZ, KTP fields) calls ``OcrEngine``: a Tesseract call with a
timeout, an image-size cap, and a cache keyed by the caller's key (the attachment's
sha256 plus what was asked), so the same document is never read twice. Tesseract's
failures are translated into ``OcrError``.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass

import pytesseract
from PIL import Image

from config.settings import OcrSettings
from fasdip.errors import OcrError


@dataclass(frozen=True)
class OcrWord:
    text: str
    confidence: float  # 0..100 as Tesseract gives it; -1 for non-words
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line): words of one line share it


class OcrEngine:
    def __init__(self, settings: OcrSettings) -> None:
        self._settings = settings
        self._cache: OrderedDict[tuple[str, ...], object] = OrderedDict()
        self._lock = threading.Lock()

    def version(self) -> str:
        self._use_command()
        try:
            return str(pytesseract.get_tesseract_version())
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrError(
                "tesseract is not installed or not on PATH: run scripts/setup.sh "
                "(or set FASDIP_OCR__TESSERACT_CMD)",
                reason="ocr_missing",
            ) from exc

    def text(
        self,
        image: Image.Image,
        *,
        lang: str = "eng",
        psm: int = 6,
        whitelist: str | None = None,
        extra: str = "",
        cache_key: str | None = None,
    ) -> str:
        """The text Tesseract reads in ``image`` (one string, lines separated by newlines)."""
        config = self._config(psm, whitelist, extra)
        key = (cache_key, "text", lang, config) if cache_key else None
        cached = self._cached(key)
        if isinstance(cached, str):
            return cached
        result = str(self._call(pytesseract.image_to_string, image, lang, config))
        self._store(key, result)
        return result

    def words(
        self,
        image: Image.Image,
        *,
        lang: str = "eng",
        psm: int = 11,
        whitelist: str | None = None,
        extra: str = "",
        cache_key: str | None = None,
    ) -> list[OcrWord]:
        """Each word with its box and confidence (to find labels by position)."""
        config = self._config(psm, whitelist, extra)
        key = (cache_key, "words", lang, config) if cache_key else None
        cached = self._cached(key)
        if isinstance(cached, list):
            return cached
        data = self._call(
            pytesseract.image_to_data, image, lang, config, output_type=pytesseract.Output.DICT
        )
        assert isinstance(data, dict)
        words = [
            OcrWord(
                text=str(data["text"][i]),
                confidence=float(data["conf"][i]),
                left=int(data["left"][i]),
                top=int(data["top"][i]),
                width=int(data["width"][i]),
                height=int(data["height"][i]),
                line=(int(data["block_num"][i]), int(data["par_num"][i]), int(data["line_num"][i])),
            )
            for i in range(len(data["text"]))
            if str(data["text"][i]).strip()
        ]
        self._store(key, words)
        return words

    # ------------------------------------------------------------------ internals

    @staticmethod
    def _config(psm: int, whitelist: str | None, extra: str) -> str:
        parts = [f"--psm {psm}"]
        if whitelist:
            parts.append(f"-c tessedit_char_whitelist={whitelist}")
        if extra:
            parts.append(extra)
        return " ".join(parts)

    def _call(
        self, function: object, image: Image.Image, lang: str, config: str, **kw: object
    ) -> object:
        if image.width * image.height > self._settings.max_pixels:
            raise OcrError(
                f"image of {image.width}x{image.height} pixels is above the OCR limit "
                f"({self._settings.max_pixels} pixels; setting ocr.max_pixels)",
                reason="ocr_image_too_large",
            )
        assert callable(function)
        self._use_command()
        try:
            return function(
                image, lang=lang, config=config, timeout=self._settings.timeout_seconds, **kw
            )
        except pytesseract.TesseractNotFoundError as exc:
            raise OcrError(
                "tesseract is not installed or not on PATH: run scripts/setup.sh",
                reason="ocr_missing",
            ) from exc
        except pytesseract.TesseractError as exc:
            raise OcrError(f"tesseract failed (status {exc.status})", reason="ocr_failed") from exc
        except RuntimeError as exc:  # pytesseract's timeout (it kills the process)
            raise OcrError(
                f"tesseract gave no answer within {self._settings.timeout_seconds} s "
                "(setting ocr.timeout_seconds)",
                reason="ocr_timeout",
            ) from exc

    def _use_command(self) -> None:
        # pytesseract keeps the command in a module global: set ours before each call.
        pytesseract.pytesseract.tesseract_cmd = self._settings.tesseract_cmd or "tesseract"

    def _cached(self, key: tuple[str, ...] | None) -> object | None:
        if key is None:
            return None
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        return None

    def _store(self, key: tuple[str, ...] | None, value: object) -> None:
        if key is None:
            return
        with self._lock:
            self._cache[key] = value
            while len(self._cache) > self._settings.cache_entries:
                self._cache.popitem(last=False)
