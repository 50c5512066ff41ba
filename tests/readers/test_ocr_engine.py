"""The OCR adapter runs the real Tesseract, caches by key and translates its failures."""

from __future__ import annotations

import pytest
from PIL import Image, ImageDraw, ImageFont

from config.settings import OcrSettings
from fasdip.errors import OcrError
from readers.ocr import OcrEngine

MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"


def line_image(text: str) -> Image.Image:
    image = Image.new("L", (900, 80), 255)
    ImageDraw.Draw(image).text((10, 20), text, fill=0, font=ImageFont.truetype(MONO, 20))
    return image


def test_a_printed_mrz_line_is_read_back() -> None:
    engine = OcrEngine(OcrSettings())
    line = "P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<"
    assert (
        engine.text(
            line_image(line), psm=7, whitelist="ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"
        ).strip()
        == line
    )


def test_the_same_key_is_read_once() -> None:
    engine = OcrEngine(OcrSettings())
    first = engine.text(line_image("HELLO WORLD"), psm=7, cache_key="sha-1")
    # A different image under the same key and settings: the cache answers.
    assert engine.text(line_image("SOMETHING ELSE"), psm=7, cache_key="sha-1") == first


def test_an_image_above_the_pixel_cap_is_refused_before_tesseract_runs() -> None:
    engine = OcrEngine(OcrSettings(max_pixels=1000))
    with pytest.raises(OcrError, match="above the OCR limit") as err:
        engine.text(line_image("X"))
    assert err.value.reason == "ocr_image_too_large"


def test_a_missing_tesseract_names_the_setting() -> None:
    engine = OcrEngine(OcrSettings(tesseract_cmd="/nonexistent/tesseract"))
    with pytest.raises(OcrError, match="not installed") as err:
        engine.text(line_image("X"))
    assert err.value.reason == "ocr_missing"
