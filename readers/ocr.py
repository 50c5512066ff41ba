"""The one module that talks to Tesseract (through pytesseract).

Every reader (passport MRZ, KTP fields) calls ``OcrEngine``: a Tesseract call with a
timeout, an image-size cap, and a cache keyed by the caller's key (the attachment's
sha256 plus what was asked), so the same document is never read twice. Tesseract's
failures are translated into ``OcrError``.
"""

from __future__ import annotations

import logging
import math
import os
import re
import shlex
import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from config.settings import OcrSettings
from fasdip.errors import OcrError
from readers.mrz_model import PACKAGED, mrz_model
from readers.template_cache import TemplateSet, kept

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


# --------------------------------------------------------------------------- OCR-B templates

OCRB_FONT = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
MRZ_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
_CELL = (20, 28)  # width, height of a normalised glyph


@dataclass(frozen=True)
class GlyphRead:
    char: str
    score: float  # correlation with the best template, -1..1
    margin: float  # best minus second best
    second: str
    scores: tuple[float, ...] = ()  # per character of MRZ_CHARS

    def best_of(self, allowed: str) -> tuple[str, float]:
        """The best character among ``allowed`` and its margin over the next allowed one."""
        if not self.scores:
            return self.char, self.margin
        ranked = sorted(
            ((self.scores[i], c) for i, c in zip(char_indices(allowed), allowed, strict=True)),
            reverse=True,
        )
        return ranked[0][1], ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else -1.0)

    def best_score(self, allowed: str) -> float:
        """How well the best of the ``allowed`` characters matches the glyph."""
        if not self.scores:
            return self.score
        return max(self.scores[i] for i in char_indices(allowed))


@lru_cache(maxsize=64)
def char_indices(allowed: str) -> tuple[int, ...]:
    """Where each of ``allowed``'s characters stands in ``MRZ_CHARS`` (and in a
    ``GlyphRead``'s scores)."""
    return tuple(MRZ_CHARS.index(c) for c in allowed)


@lru_cache(maxsize=512)
def _resampler(size: int, out: int) -> np.ndarray:
    """The ``out x size`` matrix of a linear (triangle) resampling, widened when shrinking."""
    scale = size / out
    support = max(1.0, scale)
    centres = (np.arange(out) + 0.5) * scale - 0.5
    weights = np.maximum(0.0, 1.0 - np.abs(np.arange(size)[None, :] - centres[:, None]) / support)
    weights /= np.maximum(weights.sum(axis=1, keepdims=True), 1e-9)
    return weights


def _normalise(cell: np.ndarray) -> np.ndarray:
    """A glyph (ink = 1.0) resized to ``_CELL``, zero mean, unit norm."""
    if cell.size == 0:
        return np.zeros(_CELL[0] * _CELL[1])
    rows = _resampler(cell.shape[0], _CELL[1])
    cols = _resampler(cell.shape[1], _CELL[0])
    vec = (rows @ cell @ cols.T).ravel()
    # As vec.mean() and np.linalg.norm compute them, without their overhead (half the
    # time of a cell read 2 000 times on a faint page).
    vec = vec - vec.sum() / vec.size
    norm = math.sqrt(float(vec @ vec))
    out: np.ndarray = vec / norm if norm > 0 else vec
    return out


def _ink_columns(ink: np.ndarray) -> tuple[int, int] | None:
    cols = np.flatnonzero(ink.sum(axis=0) > 0)
    if cols.size == 0:
        return None
    return int(cols[0]), int(cols[-1]) + 1


class OcrbTemplateReader:
    """Reads MRZ lines printed in OCR-B by matching fixed-pitch glyph cells to templates.

    The 37 templates are rendered from Debian's OCR-B font (``fonts-ocr-b``), each in
    nine variants (ink spread, normal or thin; sharp or blurred), once: they are kept in
    the OCR cache folder (``readers.template_cache``). No trained-data file is needed. A glyph cell (``readers.mrz_read`` cuts them at the fixed pitch),
    normalised to its ink columns and the line's height, is compared with every template
    by correlation.
    """

    def __init__(self, font_path: str = OCRB_FONT) -> None:
        recipe = TemplateSet("ocrb", Path(font_path), Path(__file__), repr((MRZ_CHARS, _CELL)))
        templates = kept(recipe, lambda: _ocrb_templates(font_path))
        # A line of capitals only is this much shorter than the templates' cell.
        self.caps_ratio = float(templates["caps_ratio"])
        # Single precision halves the product's time (a passport's cells are classified
        # 100 to 2 000 times); scores move by 1e-7, far below any margin the readers weigh.
        self._matrix = templates["matrix"].astype(np.float32)

    def classify(self, cell: np.ndarray) -> GlyphRead:
        return self.classify_many([cell])[0]

    def classify_many(self, cells: Sequence[np.ndarray]) -> list[GlyphRead]:
        """Each cell's ``classify``, the correlations taken in one product (a retry's 45
        nudged boxes at once: one product costs little more than one box's)."""
        vectors = np.stack([_normalise(cell) for cell in cells]).astype(np.float32)
        products = self._matrix @ vectors.T
        # Templates are stored character by character, the variants of each together.
        per_char = products.reshape(len(MRZ_CHARS), -1, len(cells)).max(axis=1)
        return [_glyph_read(per_char[:, j]) for j in range(len(cells))]


def _glyph_read(per_char: np.ndarray) -> GlyphRead:
    """A cell's reading from its best correlation with each character's templates."""
    scores = tuple(per_char.astype(np.float64).tolist())
    order = np.argsort(-per_char)
    first, second = int(order[0]), int(order[1])
    return GlyphRead(
        char=MRZ_CHARS[first],
        score=scores[first],
        margin=scores[first] - scores[second],
        second=MRZ_CHARS[second],
        scores=scores,
    )


def _ocrb_templates(font_path: str) -> dict[str, np.ndarray]:
    """The templates' matrix (each character's nine variants together) and the ratio of
    the templates' cell to a line of capitals' height."""
    font = ImageFont.truetype(font_path, 120)
    top = min(font.getbbox(ch)[1] for ch in MRZ_CHARS)
    bottom = max(font.getbbox(ch)[3] for ch in MRZ_CHARS)
    caps_top = min(font.getbbox(ch)[1] for ch in MRZ_CHARS[:26])
    names: list[str] = []
    vectors: list[np.ndarray] = []
    for char in MRZ_CHARS:
        canvas = Image.new("L", (200, 200), 0)
        ImageDraw.Draw(canvas).text((20, 10), char, fill=255, font=font)
        ink = np.asarray(canvas, dtype=np.float64)[10 + top : 10 + bottom] / 255.0
        cols = _ink_columns(ink > 0.5)
        assert cols is not None
        glyph = Image.fromarray((ink[:, cols[0] : cols[1]] * 255).astype(np.uint8))
        # Print and scans vary: ink spread or thin, sharp or blurred.
        for weight in (None, ImageFilter.MaxFilter(7), ImageFilter.MinFilter(5)):
            shaped = glyph.filter(weight) if weight is not None else glyph
            for blur in (0.0, 3.0, 6.0):
                img = shaped.filter(ImageFilter.GaussianBlur(blur)) if blur else shaped
                names.append(char)
                vectors.append(_normalise(np.asarray(img, dtype=np.float64) / 255))
    assert names == [c for c in MRZ_CHARS for _ in range(len(names) // len(MRZ_CHARS))]
    caps_ratio = (bottom - top) / max(1, bottom - caps_top)
    return {"matrix": np.stack(vectors), "caps_ratio": np.array(caps_ratio)}
