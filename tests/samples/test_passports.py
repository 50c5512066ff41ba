"""The passport generator: deterministic, valid MRZ, truth consistent with the lines."""

from __future__ import annotations

import datetime as dt

from readers.mrz import parse_mrz
from samples.passports import make_passport, make_truth


def test_the_same_seed_gives_the_same_page() -> None:
    a, b = make_passport(5, degraded=True), make_passport(5, degraded=True)
    assert a.truth == b.truth
    assert a.image.tobytes() == b.image.tobytes()


def test_every_truth_has_a_valid_mrz_that_parses_back() -> None:
    for seed in range(60):
        truth = make_truth(seed)
        reading = parse_mrz(truth.mrz, today=dt.date(2025, 6, 1))
        assert reading.accepted, (seed, reading.doubts)
        assert reading.document_number.value == truth.document_number
        assert reading.surname.value == truth.surname
        assert (reading.given_names.value or "") == truth.given_names


def test_a_page_is_about_125_by_88_mm_at_300_dpi() -> None:
    sample = make_passport(1)
    assert abs(sample.image.width - 1476) < 5 and abs(sample.image.height - 1039) < 5
