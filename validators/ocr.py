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

import numpy as np
import pytesseract
from PIL import Image, ImageDraw, ImageFilter, ImageFont

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
        ranked = sorted(((self.scores[MRZ_CHARS.index(c)], c) for c in allowed), reverse=True)
        return ranked[0][1], ranked[0][0] - (ranked[1][0] if len(ranked) > 1 else -1.0)


def _normalise(cell: np.ndarray) -> np.ndarray:
    """A glyph (ink = 1.0) resized to ``_CELL``, zero mean, unit norm."""
    image = Image.fromarray((cell * 255).astype(np.uint8)).resize(_CELL, Image.Resampling.BILINEAR)
    vec = np.asarray(image, dtype=np.float64).ravel() / 255.0
    vec = vec - vec.mean()
    norm = float(np.linalg.norm(vec))
    out: np.ndarray = vec / norm if norm > 0 else vec
    return out


def _ink_columns(ink: np.ndarray) -> tuple[int, int] | None:
    cols = np.flatnonzero(ink.sum(axis=0) > 0)
    if cols.size == 0:
        return None
    return int(cols[0]), int(cols[-1]) + 1


class OcrbTemplateReader:
    """Reads MRZ lines printed in OCR-B by matching fixed-pitch glyph cells to templates.

    The 37 templates are rendered at start-up from Debian's OCR-B font (``fonts-ocr-b``):
    no trained-data file is needed. A line image is binarised (Otsu), cut into glyph
    cells at the gaps between characters (cells wider than the pitch are split by it),
    and each cell, normalised to its ink columns and the line's height, is compared with
    every template by correlation.
    """

    def __init__(self, font_path: str = OCRB_FONT) -> None:
        font = ImageFont.truetype(font_path, 120)
        top = min(font.getbbox(ch)[1] for ch in MRZ_CHARS)
        bottom = max(font.getbbox(ch)[3] for ch in MRZ_CHARS)
        names: list[str] = []
        vectors: list[np.ndarray] = []
        for char in MRZ_CHARS:
            canvas = Image.new("L", (200, 200), 0)
            ImageDraw.Draw(canvas).text((20, 10), char, fill=255, font=font)
            ink = np.asarray(canvas, dtype=np.float64)[10 + top : 10 + bottom] / 255.0
            cols = _ink_columns(ink > 0.5)
            assert cols is not None
            for blur in (0.0, 1.5):
                cell = ink[:, cols[0] : cols[1]]
                if blur:
                    img = Image.fromarray((cell * 255).astype(np.uint8))
                    cell = (
                        np.asarray(img.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float64)
                        / 255
                    )
                names.append(char)
                vectors.append(_normalise(cell))
        self._names = names
        self._matrix = np.stack(vectors)

    def classify(self, cell: np.ndarray) -> GlyphRead:
        scores = self._matrix @ _normalise(cell)
        best: dict[str, float] = {}
        for name, score in zip(self._names, scores, strict=True):
            if score > best.get(name, -2.0):
                best[name] = float(score)
        ranked = sorted(best.items(), key=lambda item: -item[1])
        (c1, s1), (c2, s2) = ranked[0], ranked[1]
        return GlyphRead(
            char=c1,
            score=s1,
            margin=s1 - s2,
            second=c2,
            scores=tuple(best[c] for c in MRZ_CHARS),
        )

    def read_line(self, gray: Image.Image) -> list[GlyphRead]:
        """The characters of one MRZ line image (dark text on light ground)."""
        values = np.asarray(gray.convert("L"), dtype=np.uint8)
        if values.size == 0:
            return []
        threshold = _otsu(values)
        ink = values <= threshold
        rows = ink.sum(axis=1)
        on = rows > max(1, 0.02 * ink.shape[1] / 10)
        top, bottom = _longest_run(on)
        if bottom - top < 6:
            return []
        band = ink[top:bottom]
        height = bottom - top
        cells = _cells(band, height)
        soft = 1.0 - values[top:bottom].astype(np.float64) / 255.0
        return [self.classify(soft[:, a:b]) for a, b in cells]


def _otsu(values: np.ndarray) -> int:
    hist = np.bincount(values.ravel(), minlength=256).astype(np.float64)
    total = hist.sum()
    weights = np.cumsum(hist)
    means = np.cumsum(hist * np.arange(256))
    valid = (weights > 0) & (weights < total)
    between = np.zeros(256)
    w0, m0 = weights[valid], means[valid]
    between[valid] = (means[-1] * w0 / total - m0) ** 2 / (w0 * (total - w0))
    return int(np.argmax(between))


def _longest_run(on: np.ndarray) -> tuple[int, int]:
    best = (0, 0)
    start = None
    for i, flag in enumerate([*on.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            if i - start > best[1] - best[0]:
                best = (start, i)
            start = None
    return best


def _cells(band: np.ndarray, height: int) -> list[tuple[int, int]]:
    """Glyph cells: column runs of ink, tiny specks dropped, merged glyphs split by pitch."""
    cols = band.sum(axis=0) > 0
    runs: list[tuple[int, int]] = []
    start = None
    for i, flag in enumerate([*cols.tolist(), False]):
        if flag and start is None:
            start = i
        elif not flag and start is not None:
            runs.append((start, i))
            start = None
    # Specks: runs with very little ink.
    runs = [(a, b) for a, b in runs if band[:, a:b].sum() > 0.04 * height * height * 0.5]
    if len(runs) < 2:
        return runs
    centres = np.array([(a + b) / 2 for a, b in runs])
    widths = np.array([b - a for a, b in runs])
    steps = np.diff(centres)
    pitch = (
        float(np.median(steps[steps > 0.6 * height])) if np.any(steps > 0.6 * height) else height
    )
    out: list[tuple[int, int]] = []
    for (a, _end), w in zip(runs, widths, strict=True):
        parts = max(1, round(w / pitch)) if w > 1.35 * pitch else 1
        for k in range(parts):
            out.append((a + round(k * w / parts), a + round((k + 1) * w / parts)))
    return out
