"""The one module that talks to Tesseract through tesserocr (in-process, model kept loaded).

``TesserocrEngine`` is an ``OcrEngine`` (same cache, size cap, words and text) whose two
tool calls go to a ``PyTessBaseAPI`` kept per language and init-time variables (the
dictionaries are init-time in Tesseract), instead of a process per call: the same
readings at a fraction of the CPU (bench/ocr_engines.py). The wheel bundles its own
Tesseract (5.5.x); the models are Debian's (setting ``ocr.tessdata``). ``ocr_engine``
chooses by ``ocr.engine`` and falls back to a Tesseract process, saying why, when
tesserocr is not installed or ``ocr.tessdata`` holds no English model.

Nothing is loaded before it is read with: tesserocr and each model (the English one:
0.1 s of CPU, a tenth of a ``fasdip triage``) load at the first reading that needs them.
A mail whose passport the OCR-B templates read, or with no scan at all, never loads
them. A model that is there but cannot load is an ``OcrError`` at that reading (its
doubt names the setting), as a missing Indonesian model always was.
"""

from __future__ import annotations

import importlib.util
import logging
import threading
from pathlib import Path
from typing import Any

from PIL import Image

from config.settings import OcrSettings
from fasdip.errors import OcrError
from readers.ocr import OcrEngine, OcrRequest, OcrWord

log = logging.getLogger(__name__)


class TesserocrEngine(OcrEngine):
    def __init__(self, settings: OcrSettings) -> None:
        super().__init__(settings)
        self._module: Any = None  # tesserocr, imported at the first reading
        self._apis: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}
        self._tool_lock = threading.Lock()  # one API is not safe across threads

    @property
    def _tesserocr(self) -> Any:
        if self._module is None:
            try:
                import tesserocr  # the optional wheel: only this engine needs it
            except ImportError as exc:
                raise OcrError(
                    f"tesserocr cannot be imported ({exc}): pip install tesserocr, "
                    "or set ocr.engine: tesseract",
                    reason="ocr_missing",
                ) from exc
            self._module = tesserocr
        return self._module

    def version(self) -> str:
        return str(self._tesserocr.tesseract_version()).split()[1]

    def load(self, lang: str = "eng", variables: tuple[tuple[str, str], ...] = ()) -> Any:
        """The API for ``lang`` with ``variables`` set at start, created once."""
        key = (lang, variables)
        if key not in self._apis:
            try:
                self._apis[key] = self._tesserocr.PyTessBaseAPI(
                    path=self.folder(lang), lang=lang, variables=dict(variables)
                )
            except RuntimeError as exc:
                raise OcrError(
                    f"tesserocr could not load the {lang!r} model from {self.folder(lang)} "
                    f"({exc}): install tesseract-ocr-{lang} or set ocr.tessdata "
                    "(ocr.mrz_model for the MRZ model)",
                    reason="ocr_missing",
                ) from exc
        return self._apis[key]

    def _recognised(self, image: Image.Image, lang: str, request: OcrRequest) -> Any:
        api = self.load(lang, request.variables())
        api.SetPageSegMode(request.psm)
        api.SetVariable("tessedit_char_whitelist", request.whitelist or "")
        api.SetImage(image)
        if not api.Recognize(timeout=int(self._settings.timeout_seconds * 1000)):
            raise OcrError(
                f"tesserocr gave no answer within {self._settings.timeout_seconds} s "
                "(setting ocr.timeout_seconds)",
                reason="ocr_timeout",
            )
        return api

    def _read_text(self, image: Image.Image, lang: str, request: OcrRequest) -> str:
        with self._tool_lock:
            return _text_of(self._recognised(image, lang, request))

    def _read_words(self, image: Image.Image, lang: str, request: OcrRequest) -> list[OcrWord]:
        ril = self._tesserocr.RIL
        words: list[OcrWord] = []
        block = paragraph = line = 0
        with self._tool_lock:
            iterator = self._recognised(image, lang, request).GetIterator()
            if iterator is None:  # nothing recognised
                return words
            for word in self._tesserocr.iterate_level(iterator, ril.WORD):
                # Numbered as Tesseract's TSV numbers them: lines within paragraphs within blocks.
                if word.IsAtBeginningOf(ril.BLOCK):
                    block, paragraph, line = block + 1, 0, 0
                if word.IsAtBeginningOf(ril.PARA):
                    paragraph, line = paragraph + 1, 0
                if word.IsAtBeginningOf(ril.TEXTLINE):
                    line += 1
                text = _text_of(word, ril.WORD)
                box = word.BoundingBox(ril.WORD)
                if not text or not text.strip() or box is None:
                    continue
                x0, y0, x1, y1 = box
                words.append(
                    OcrWord(
                        text=text,
                        confidence=float(word.Confidence(ril.WORD)),
                        left=x0,
                        top=y0,
                        width=x1 - x0,
                        height=y1 - y0,
                        line=(block, paragraph, line),
                    )
                )
        return words


def _text_of(source: Any, *level: Any) -> str:
    """The text of an API or a result iterator; "" where tesserocr says "No text returned"
    (an empty page or word is no failure)."""
    try:
        return str(source.GetUTF8Text(*level))
    except RuntimeError:
        return ""


def ocr_engine(settings: OcrSettings) -> OcrEngine:
    """The engine ``ocr.engine`` names; a Tesseract process when tesserocr is not
    installed or ``ocr.tessdata`` has no English model (said in one warning)."""
    if settings.engine == "tesseract":
        return OcrEngine(settings)
    why = _why_tesserocr_cannot_load(settings)
    if why is not None:
        log.warning(
            "ocr.engine is tesserocr but it cannot load (%s): reading with a Tesseract "
            "process per call instead (pip install tesserocr, or set ocr.engine: tesseract)",
            why,
        )
        return OcrEngine(settings)
    return TesserocrEngine(settings)


def _why_tesserocr_cannot_load(settings: OcrSettings) -> str | None:
    """What stops tesserocr before any reading (None: nothing seen), without loading it."""
    if importlib.util.find_spec("tesserocr") is None:
        return "the tesserocr package is not installed"
    model = Path(settings.tessdata) / "eng.traineddata"
    if not model.is_file():
        return (
            f"no English model {model}: install tesseract-ocr-eng "
            "or set ocr.tessdata to the folder of the .traineddata files"
        )
    return None
