"""The one module that talks to Tesseract through tesserocr (in-process, model kept loaded).

``TesserocrEngine`` is an ``OcrEngine`` (same cache, size cap, words and text) whose two
tool calls go to a ``PyTessBaseAPI`` kept per language and init-time variables (the
dictionaries are init-time in Tesseract), instead of a process per call: the same
readings at a fraction of the CPU (bench/ocr_engines.py). The wheel bundles its own
Tesseract (5.5.x); the models are Debian's (setting ``ocr.tessdata``). ``ocr_engine``
chooses by ``ocr.engine`` and falls back to a Tesseract process, saying why, when
tesserocr cannot load.

``WarmStart`` loads the English model on another thread while the program imports and
loads the rest (Tesseract reads its model without holding the GIL): ``fasdip triage``
starts it as soon as its settings are read, so that a one-off command does not wait
0.2 s for the model after its imports. ``ocr_engine`` takes the model it loaded, or
loads it again when it could not (and then says why, as without a warm start).
"""

from __future__ import annotations

import logging
import threading
from typing import Any

from PIL import Image

from config.settings import OcrSettings
from fasdip.errors import OcrError
from readers.ocr import OcrEngine, OcrRequest, OcrWord

log = logging.getLogger(__name__)


class TesserocrEngine(OcrEngine):
    def __init__(self, settings: OcrSettings, tesserocr: Any) -> None:
        super().__init__(settings)
        self._tesserocr = tesserocr
        self._apis: dict[tuple[str, tuple[tuple[str, str], ...]], Any] = {}
        self._tool_lock = threading.Lock()  # one API is not safe across threads

    def version(self) -> str:
        return str(self._tesserocr.tesseract_version()).split()[1]

    def adopt(self, api: Any) -> None:
        """Use ``api`` (the English model, no variables, loaded by a ``WarmStart``)."""
        self._apis.setdefault(("eng", ()), api)

    def load(self, lang: str = "eng", variables: tuple[tuple[str, str], ...] = ()) -> Any:
        """The API for ``lang`` with ``variables`` set at start, created once."""
        key = (lang, variables)
        if key not in self._apis:
            try:
                self._apis[key] = self._tesserocr.PyTessBaseAPI(
                    path=self._settings.tessdata, lang=lang, variables=dict(variables)
                )
            except RuntimeError as exc:
                raise OcrError(
                    f"tesserocr could not load the {lang!r} model from {self._settings.tessdata} "
                    f"({exc}): install tesseract-ocr-{lang} or set ocr.tessdata",
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


class WarmStart:
    """The English model of ``settings`` loading on a thread of its own, started at once."""

    def __init__(self, settings: OcrSettings) -> None:
        self.settings = settings
        self._api: Any = None
        self._thread = threading.Thread(target=self._load, name="ocr-warm-start", daemon=True)
        self._started = settings.engine == "tesserocr"
        if self._started:
            self._thread.start()

    def _load(self) -> None:
        try:
            import tesserocr

            self._api = tesserocr.PyTessBaseAPI(
                path=self.settings.tessdata, lang="eng", variables={}
            )
        except (ImportError, RuntimeError):
            # Not kept: ocr_engine loads the model again and logs why it cannot.
            self._api = None

    def take(self, settings: OcrSettings) -> Any:
        """The loaded model (waiting for it), or None: not started, failed, other settings."""
        if not self._started:
            return None
        self._thread.join()
        api, self._api = self._api, None
        return api if settings == self.settings else None


def ocr_engine(settings: OcrSettings, warm: WarmStart | None = None) -> OcrEngine:
    """The engine ``ocr.engine`` names; a Tesseract process when tesserocr cannot load.

    With ``warm``, the English model it loaded meanwhile is used rather than loaded again.
    """
    if settings.engine == "tesseract":
        return OcrEngine(settings)
    try:
        import tesserocr  # the optional wheel: only this setting needs it

        engine = TesserocrEngine(settings, tesserocr)
        warmed = warm.take(settings) if warm is not None else None
        if warmed is not None:
            engine.adopt(warmed)
        engine.load("eng")
    except (ImportError, OcrError) as exc:
        log.warning(
            "ocr.engine is tesserocr but it cannot load (%s): reading with a Tesseract "
            "process per call instead (pip install tesserocr, or set ocr.engine: tesseract)",
            exc,
        )
        return OcrEngine(settings)
    return engine
