"""The tesserocr adapter reads what a Tesseract process reads, and a setting that names it
falls back to a Tesseract process, saying why, when it cannot load; a model that is there
but broken is a clear ``OcrError`` at the first reading."""

from __future__ import annotations

import logging
from collections import Counter
from pathlib import Path

import pytest
from PIL import Image
from pydantic import ValidationError

from config.settings import OcrSettings
from fasdip.errors import OcrError
from readers.ktp import read_ktp
from readers.ocr import NO_DICTIONARY, OcrEngine
from readers.ocr_tesserocr import TesserocrEngine, ocr_engine
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


def test_a_broken_model_is_an_ocr_error_naming_the_setting_at_the_first_reading(
    tmp_path: Path,
) -> None:
    (tmp_path / "eng.traineddata").write_bytes(b"not a model")
    engine = ocr_engine(OcrSettings(engine="tesserocr", tessdata=str(tmp_path)))
    assert isinstance(engine, TesserocrEngine)  # nothing is loaded before a reading
    with pytest.raises(OcrError) as raised:
        engine.text(Image.new("L", (300, 80), 255), psm=6)
    assert raised.value.reason == "ocr_missing"
    assert "ocr.tessdata" in str(raised.value)
