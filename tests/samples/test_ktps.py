"""The KTP generator: deterministic, a valid NIK that agrees with what is printed."""

from __future__ import annotations

from readers.nik import check_nik
from samples.ktps import make_ktp, scanned_pdf


def test_the_same_seed_gives_the_same_card() -> None:
    assert make_ktp(11, degraded=True).jpeg == make_ktp(11, degraded=True).jpeg


def test_every_nik_is_valid_and_agrees_with_the_card() -> None:
    for seed in range(40):
        truth = make_ktp(seed).truth
        check = check_nik(truth.nik, truth.birth_date, truth.sex)
        assert check.valid and check.consistent, (seed, check)


def test_a_scanned_pdf_embeds_the_jpeg() -> None:
    sample = make_ktp(4)
    pdf = scanned_pdf(sample)
    assert pdf.startswith(b"%PDF") and b"/DCTDecode" in pdf
