"""The capture kinds (samples.passport_captures): each renders as its name says."""

from __future__ import annotations

import pytest

from ingest.pdf import page_images
from samples.passport_kinds import make_kind


def _number(done: list[str], prefix: str) -> float:
    item = next(d for d in done if d.startswith(prefix))
    return float(item.split()[1].rstrip("%"))


def test_a_phone_photo_is_a_large_turned_picture_with_the_booklet_in_part_of_it() -> None:
    sample = make_kind("phone_photo", 0)
    done = sample.truth.degradations
    assert 1600 <= sample.image.width <= 3000
    assert 40 <= _number(done, "booklet") <= 80
    assert 3 <= abs(_number(done, "turned")) <= 12
    assert any(d.startswith("glare") for d in done) and done[-1].startswith("jpeg")
    assert sample.data.startswith(b"\xff\xd8")  # the phone's JPEG


def test_a_booklet_scan_is_an_a4_page_at_150_to_200_dpi() -> None:
    sample = make_kind("booklet_a4", 1)
    dpi = sample.dpi
    assert 150 <= dpi <= 200
    assert sample.image.size == (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))


def test_some_booklet_scans_show_fieldmails_page_and_others_ours() -> None:
    shown = {
        "fieldmail's page" in make_kind("booklet_a4", seed).truth.degradations for seed in range(6)
    }
    assert shown == {True, False}


@pytest.mark.parametrize("seed", [0, 1])
def test_a_pdf_scan_is_a_pdf_holding_a_jpeg_whose_image_the_pipeline_takes_out(seed: int) -> None:
    sample = make_kind("pdf_scan", seed)
    assert sample.data.startswith(b"%PDF") and b"/DCTDecode" in sample.data
    (image,) = page_images(sample.data, 1)
    assert image.size == sample.image.size
