"""Reading generated e-KTP cards with the real Tesseract: NIK and name exact, doubt never accepted."""

from __future__ import annotations

import pytest

from config.settings import OcrSettings
from readers.ktp import read_ktp
from readers.ocr import OcrEngine
from samples.ktps import make_ktp, rotated


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine(OcrSettings())


@pytest.mark.parametrize("seed", [1, 2, 5])
def test_a_clean_card_reads_its_nik_and_name(engine: OcrEngine, seed: int) -> None:
    sample = make_ktp(seed)
    reading = read_ktp([sample.image()], engine, "a1", f"clean-{seed}")
    assert reading.nik.value == sample.truth.nik
    assert reading.accepted and reading.nik_valid
    assert reading.name.value == sample.truth.name
    assert reading.birth_date.value == sample.truth.birth_date.isoformat()
    assert reading.sex.value == sample.truth.sex
    assert reading.province.value == sample.truth.province


def test_a_card_turned_upside_down_is_read(engine: OcrEngine) -> None:
    sample = rotated(make_ktp(3), 180)
    reading = read_ktp([sample.image()], engine, "a1", "turned")
    assert reading.nik.value == sample.truth.nik and reading.accepted


def test_a_degraded_card_is_either_right_or_not_accepted(engine: OcrEngine) -> None:
    for seed in (104, 112):  # 150 dpi, skew, noise, JPEG 30-89
        sample = make_ktp(seed, degraded=True)
        reading = read_ktp([sample.image()], engine, "a1", f"degraded-{seed}")
        assert reading.nik.value == sample.truth.nik or not reading.accepted


def test_a_page_without_a_card_is_not_a_reading(engine: OcrEngine) -> None:
    from PIL import Image

    reading = read_ktp([Image.new("RGB", (600, 400), "white")], engine, "a1", "blank")
    assert not reading.accepted and reading.doubts


@pytest.mark.parametrize(
    "seed",
    [
        1002,  # IIS MATONDANG: the two bold I's were read as T or H
        1028,  # SITI SUSANTO: the two words were read as one
        1048,  # IRMA FIRMANSYAH: one word was read as two
        1101,  # EUIS NINA HERMAWAN: U read as V
    ],
)
def test_a_clean_card_reads_names_that_are_not_words(engine: OcrEngine, seed: int) -> None:
    sample = make_ktp(seed)
    reading = read_ktp([sample.image()], engine, "a1", f"name-{seed}")
    assert reading.name.value == sample.truth.name


@pytest.mark.parametrize("seed", [1000, 1018])  # degraded: TUTI and TARI read with doubt
def test_a_name_read_in_doubt_is_not_accepted(engine: OcrEngine, seed: int) -> None:
    sample = make_ktp(seed, degraded=True)
    reading = read_ktp([sample.image()], engine, "a1", f"name-doubt-{seed}")
    if reading.name.value != sample.truth.name:
        assert reading.name.doubt and not reading.accepted
        assert any(d.startswith("name:") for d in reading.doubts)
