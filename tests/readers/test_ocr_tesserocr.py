"""The tesserocr adapter reads what a Tesseract process reads, and a setting that names it
falls back to a Tesseract process, saying why, when it cannot load."""

from __future__ import annotations

import logging
from collections import Counter

import pytest
from PIL import Image
from pydantic import ValidationError

from config.settings import OcrSettings
from readers.ktp import read_ktp
from readers.ocr import NO_DICTIONARY, OcrEngine
from readers.ocr_tesserocr import TesserocrEngine, WarmStart, ocr_engine
from samples.ktps import make_ktp

tesserocr = pytest.importorskip("tesserocr")
pytestmark = pytest.mark.slow  # Tesseract on generated KTP cards


def test_the_setting_names_a_known_engine() -> None:
    with pytest.raises(ValidationError):
        OcrSettings(engine="easyocr")
    assert type(ocr_engine(OcrSettings(engine="tesseract"))) is OcrEngine


def test_tesserocr_is_the_default_and_loads_debians_indonesian_and_english_models() -> None:
    engine = ocr_engine(OcrSettings())
    assert isinstance(engine, TesserocrEngine)
    for lang in ("ind", "eng", "ind+eng"):
        assert engine.load(lang) is not None


def test_tesserocr_reads_the_card_as_a_tesseract_process_does() -> None:
    engine = ocr_engine(OcrSettings(engine="tesserocr"))
    assert isinstance(engine, TesserocrEngine)
    sample = make_ktp(2)
    reading = read_ktp([sample.image()], engine, "a1", "tesserocr-2")
    assert reading.accepted and reading.nik.value == sample.truth.nik
    assert reading.name.value == sample.truth.name
    image = sample.image().convert("L")
    words = [w.text for w in engine.words(image, psm=6, extra=NO_DICTIONARY)]
    process = [w.text for w in OcrEngine(OcrSettings()).words(image, psm=6, extra=NO_DICTIONARY)]
    same = sum((Counter(words) & Counter(process)).values())
    assert same >= 0.9 * len(process)


def test_a_missing_model_falls_back_to_a_tesseract_process(
    tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING):
        engine = ocr_engine(OcrSettings(engine="tesserocr", tessdata=str(tmp_path)))
    assert type(engine) is OcrEngine
    assert "ocr.engine is tesserocr but it cannot load" in caplog.text
    assert "ocr.tessdata" in caplog.text


def test_a_blank_image_is_no_text_not_an_error() -> None:
    engine = ocr_engine(OcrSettings(engine="tesserocr"))
    blank = Image.new("L", (300, 80), 255)
    # A Tesseract process gives nothing; in-process Tesseract may give one word of
    # confidence 0 over the whole line: no error either way, and nothing trusted.
    assert all(w.confidence < 10 for w in engine.words(blank, psm=7))
    assert len(engine.text(blank, psm=6).strip()) <= 2


def test_a_warm_start_hands_its_model_to_the_engine_which_reads_the_same() -> None:
    settings = OcrSettings(engine="tesserocr")
    warm = WarmStart(settings)
    engine = ocr_engine(settings, warm)
    assert isinstance(engine, TesserocrEngine)
    assert warm.take(settings) is None  # handed over once, then gone
    image = make_ktp(2).image().convert("L")
    cold = ocr_engine(settings)
    assert engine.text(image, psm=6) == cold.text(image, psm=6)


def test_a_warm_start_for_other_settings_or_engine_is_not_used(
    tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    warm = WarmStart(OcrSettings(engine="tesserocr"))
    broken = OcrSettings(engine="tesserocr", tessdata=str(tmp_path))
    with caplog.at_level(logging.WARNING):
        engine = ocr_engine(broken, warm)  # the model of other settings is not taken
    assert type(engine) is OcrEngine
    assert "ocr.engine is tesserocr but it cannot load" in caplog.text
    process = OcrSettings(engine="tesseract")
    assert WarmStart(process).take(process) is None  # nothing is loaded for a process


def test_a_warm_start_that_cannot_load_falls_back_as_without_it(
    tmp_path: object, caplog: pytest.LogCaptureFixture
) -> None:
    broken = OcrSettings(engine="tesserocr", tessdata=str(tmp_path))
    with caplog.at_level(logging.WARNING):
        engine = ocr_engine(broken, WarmStart(broken))
    assert type(engine) is OcrEngine
    assert "ocr.tessdata" in caplog.text
