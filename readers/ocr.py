"""The one module that talks to Tesseract (through pytesseract).

Every reader (passport MRZ, KTP fields) calls ``OcrEngine``: a Tesseract call with a
timeout, an image-size cap, and a cache keyed by the caller's key (the attachment's
sha256 plus what was asked), so the same document is never read twice. Tesseract's
failures are translated into ``OcrError``.
"""

from __future__ import annotations

import logging
import os
import re
import shlex
import threading
from collections import OrderedDict
from dataclasses import dataclass

from PIL import Image

from config.settings import OcrSettings
from fasdip.errors import OcrError
from readers.mrz_model import PACKAGED, mrz_model

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OcrWord:
    text: str
    confidence: float  # 0..100 as Tesseract gives it; -1 for non-words
    left: int
    top: int
    width: int
    height: int
    line: tuple[int, int, int]  # (block, paragraph, line): words of one line share it


# Tesseract's dictionaries off: names and codes are not words of a language.
NO_DICTIONARY = "-c load_system_dawg=0 -c load_freq_dawg=0"


@dataclass(frozen=True)
class OcrRequest:
    """What a caller asks of the engine besides the image: page segmentation mode, allowed
    characters, and Tesseract variables as ``-c name=value`` pairs (``NO_DICTIONARY``)."""

    psm: int
    whitelist: str | None
    extra: str

    def config(self) -> str:
        """The request as Tesseract's command-line options."""
        parts = [f"--psm {self.psm}"]
        if self.whitelist:
            parts.append(f"-c tessedit_char_whitelist={self.whitelist}")
        if self.extra:
            parts.append(self.extra)
        return " ".join(parts)

    def variables(self) -> tuple[tuple[str, str], ...]:
        """The ``-c name=value`` pairs of ``extra``."""
        return tuple((name, value) for name, value in re.findall(r"-c\s+(\w+)=(\S*)", self.extra))


def mean_confidence(words: list[OcrWord]) -> float:
    """The words' mean confidence, 0..1 (non-words left out; 0 when there is none)."""
    confidences = [w.confidence for w in words if w.confidence >= 0]
    return sum(confidences) / len(confidences) / 100 if confidences else 0.0


class OcrEngine:
    def __init__(self, settings: OcrSettings) -> None:
        self._settings = settings
        # Tesseract on one thread: its OpenMP threads cost more than they give on the
        # small crops read here (measured with bench/pipeline.py --serial), and the worker
        # pool already keeps every core busy. Tesseract runs as a child process, so it
        # reads this from our environment.
        os.environ.setdefault("OMP_THREAD_LIMIT", "1")
        self._cache: OrderedDict[tuple[str, ...], object] = OrderedDict()
        self._lock = threading.Lock()
        # Models outside ``ocr.tessdata`` (the MRZ model): their name and folder.
        self._folders: dict[str, str] = {}
        model = mrz_model(settings.mrz_model)
        if model is not None:
            self._folders[model.lang] = model.folder
            self._mrz_lang = model.lang
        else:
            self._mrz_lang = "eng"
            if settings.mrz_model.strip() == PACKAGED:
                log.warning(
                    "ocr.mrz_model: the MRZ model is not in place (run scripts/setup.sh); "
                    "Tesseract's English model reads the passport's MRZ band instead"
                )

    @property
    def mrz_lang(self) -> str:
        """The model that reads an MRZ band: the one trained for it (``ocr.mrz_model``),
        or English when there is none."""
        return self._mrz_lang

    def folder(self, lang: str) -> str:
        """The folder Tesseract loads ``lang`` from."""
        return self._folders.get(lang, self._settings.tessdata)

    def version(self) -> str:
        import pytesseract  # here: the tesserocr engine never needs it

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
        request = OcrRequest(psm, whitelist, extra)
        key = (cache_key, "text", lang, request.config()) if cache_key else None
        cached = self._cached(key)
        if isinstance(cached, str):
            return cached
        self._check_size(image)
        result = self._read_text(image, lang, request)
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
        request = OcrRequest(psm, whitelist, extra)
        key = (cache_key, "words", lang, request.config()) if cache_key else None
        cached = self._cached(key)
        if isinstance(cached, list):
            return cached
        self._check_size(image)
        words = self._read_words(image, lang, request)
        self._store(key, words)
        return words

    def clear_cache(self) -> None:
        """Forget every reading kept (the models stay loaded)."""
        with self._lock:
            self._cache.clear()

    # ------------------------------------------------------------------ the tool
    # An adapter for another engine (readers/ocr_tesserocr.py) overrides these two.

    def _read_text(self, image: Image.Image, lang: str, request: OcrRequest) -> str:
        import pytesseract

        return str(
            self._call(pytesseract.image_to_string, image, lang, self._config(lang, request))
        )

    def _read_words(self, image: Image.Image, lang: str, request: OcrRequest) -> list[OcrWord]:
        import pytesseract

        data = self._call(
            pytesseract.image_to_data,
            image,
            lang,
            self._config(lang, request),
            output_type=pytesseract.Output.DICT,
        )
        assert isinstance(data, dict)
        return [
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

    # ------------------------------------------------------------------ internals

    def _config(self, lang: str, request: OcrRequest) -> str:
        """Tesseract's options; a model outside Tesseract's own folder is named by its own."""
        folder = self._folders.get(lang)
        return (
            request.config()
            if folder is None
            else f"--tessdata-dir {shlex.quote(folder)} {request.config()}"
        )

    def _check_size(self, image: Image.Image) -> None:
        if image.width * image.height > self._settings.max_pixels:
            raise OcrError(
                f"image of {image.width}x{image.height} pixels is above the OCR limit "
                f"({self._settings.max_pixels} pixels; setting ocr.max_pixels)",
                reason="ocr_image_too_large",
            )

    def _call(
        self, function: object, image: Image.Image, lang: str, config: str, **kw: object
    ) -> object:
        import pytesseract

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
        import pytesseract

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
