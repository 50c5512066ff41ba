"""The red background, measured on real JPEGs made with Pillow."""

from __future__ import annotations

import io
import time

import pillow_heif
import pytest
from PIL import Image

from config.settings import PhotoSettings
from fasdip.models import DocumentType, FindingCode, Severity
from tests.validators.factories import (
    BLUE,
    DARK_RED,
    GREY,
    LIGHT_BLUE,
    RED,
    WHITE,
    Office,
    build_attachment,
    make_pdf,
    make_photo,
    make_png,
)
from validators.photo import check_photo, measure_background

SETTINGS = PhotoSettings()


@pytest.mark.parametrize(
    ("background", "dominant"),
    [
        (RED, "red"),
        (DARK_RED, "red"),
        ((230, 40, 40), "red"),  # a lighter, orange-ish red
        ((190, 20, 70), "red"),  # a crimson leaning to magenta
        (BLUE, "blue"),
        (LIGHT_BLUE, "blue"),
        (WHITE, "white"),
        (GREY, "other"),
        ((240, 140, 20), "other"),  # orange is not red
        ((40, 140, 60), "other"),  # green
    ],
)
def test_measure_background(background: tuple[int, int, int], dominant: str) -> None:
    measure = measure_background(make_photo(background), SETTINGS)
    assert measure.dominant == dominant
    if dominant == "red":
        assert measure.red_fraction >= SETTINGS.min_red_fraction
        assert measure.mean_saturation > 0.6
    else:
        assert measure.red_fraction < 0.05


def test_red_with_jpeg_noise_is_red() -> None:
    data = make_photo(RED, noise=25, quality=70)
    measure = measure_background(data, SETTINGS)
    assert measure.dominant == "red"
    assert measure.red_fraction > 0.7


def test_measures_of_a_plain_red_border() -> None:
    img = Image.new("RGB", (300, 400), (255, 0, 0))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=95)
    measure = measure_background(out.getvalue(), SETTINGS)
    assert measure.red_fraction == pytest.approx(1.0)
    assert min(measure.mean_hue, 360 - measure.mean_hue) < 3
    assert measure.mean_saturation > 0.95
    assert measure.mean_value > 0.95


def test_red_face_on_white_is_not_red() -> None:
    """Only the border counts: a big red shirt in the middle does not make a red background."""
    img = Image.new("RGB", (400, 600), WHITE)
    img.paste((200, 16, 30), (60, 80, 340, 520))
    out = io.BytesIO()
    img.save(out, "JPEG")
    assert measure_background(out.getvalue(), SETTINGS).dominant == "white"


def test_png_is_measured_too() -> None:
    assert measure_background(make_png(RED), SETTINGS).dominant == "red"


def test_too_dark_red_is_not_red_by_settings() -> None:
    strict = PhotoSettings(min_value=0.6)
    assert measure_background(make_photo(DARK_RED), strict).dominant != "red"


def test_check_photo_red_passes(office: Office) -> None:
    att = build_attachment("Foto John Smith.jpg", make_photo(RED))
    checks, findings = check_photo(att, office.settings.photo, office.catalog, "p1")
    assert checks == {"photo_red_background": True}
    assert findings == []


@pytest.mark.parametrize("background", [BLUE, WHITE, GREY], ids=["blue", "white", "grey"])
def test_check_photo_not_red(office: Office, background: tuple[int, int, int]) -> None:
    att = build_attachment("pasfoto_maria.jpg", make_photo(background), att_id="a4")
    checks, findings = check_photo(att, office.settings.photo, office.catalog, "p2")
    assert checks == {"photo_red_background": False}
    assert [f.code for f in findings] == [FindingCode.photo_background_not_red]
    finding = findings[0]
    assert finding.severity is Severity.blocking
    assert finding.attachment == "a4"
    assert finding.applicant == "p2"
    assert finding.document is DocumentType.photo
    assert '"pasfoto_maria.jpg"' in finding.text_id
    assert '"pasfoto_maria.jpg"' in finding.text_en
    assert "berlatar belakang merah" in finding.text_id
    assert "must have a red background" in finding.text_en
    assert "1 MB" in finding.text_en


@pytest.mark.parametrize(
    "data",
    [b"", b"\xff\xd8\xff\xe0 not really a jpeg", make_photo(RED)[:200]],
    ids=["empty", "garbage", "truncated"],
)
def test_undecodable_image_gives_no_photo_finding(office: Office, data: bytes) -> None:
    att = build_attachment("foto.jpg", data)
    checks, findings = check_photo(att, office.settings.photo, office.catalog)
    assert checks == {}
    assert findings == []


def heic(jpeg: bytes) -> bytes:
    """The picture as an iPhone saves it (HEIF, HEVC-coded), by pillow-heif."""
    out = io.BytesIO()
    pillow_heif.from_pillow(Image.open(io.BytesIO(jpeg))).save(out)
    return out.getvalue()


def test_an_iphone_photo_in_heic_has_its_background_measured(office: Office) -> None:
    """The mission is told both things to fix: HEIC (check_file) and the blue background."""
    att = build_attachment("IMG_4471.HEIC", heic(make_photo(BLUE)))
    checks, findings = check_photo(att, office.settings.photo, office.catalog)
    assert checks == {"photo_red_background": False}
    assert [f.code for f in findings] == [FindingCode.photo_background_not_red]


def test_a_truncated_heic_gives_no_photo_finding(office: Office) -> None:
    data = heic(make_photo(RED))
    att = build_attachment("IMG_4471.HEIC", data[: len(data) * 3 // 4])
    assert check_photo(att, office.settings.photo, office.catalog) == ({}, [])


def test_pdf_sent_as_photo_is_left_to_check_file(office: Office) -> None:
    att = build_attachment("foto.jpg", make_pdf("x"))
    assert check_photo(att, office.settings.photo, office.catalog) == ({}, [])


def test_decompression_bomb_is_caught(office: Office, monkeypatch: pytest.MonkeyPatch) -> None:
    att = build_attachment("foto.jpg", make_photo(RED))  # 400 x 600 pixels
    monkeypatch.setattr(Image, "MAX_IMAGE_PIXELS", 1000)
    assert check_photo(att, office.settings.photo, office.catalog) == ({}, [])


def test_measure_is_fast() -> None:
    data = make_photo(RED, size=(1200, 1600), noise=10)
    measure_background(data, SETTINGS)
    start = time.perf_counter()
    for _ in range(5):
        measure_background(data, SETTINGS)
    per_image = (time.perf_counter() - start) / 5
    assert per_image < 0.25
