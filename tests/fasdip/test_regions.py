"""Provinces and regencies named in a text, and the province a KTP prints."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from fasdip.regions import province_family, province_of, regions_in


@pytest.mark.parametrize(
    ("text", "provinces"),
    [
        ("the Province of East Java", ["35"]),
        ("Provinsi Jawa Timur dan Bali", ["35", "51"]),
        ("covering Kota Surabaya", ["35"]),
        ("Jawa Timur", ["35"]),  # not "Jawa" twice over
        ("the Special Region of Yogyakarta", ["34"]),
        ("Nusa Tenggara Barat and Nusa Tenggara Timur", ["52", "53"]),
        ("a metro area of batu houses", []),  # plain words, not Kota Metro or Kota Batu
        ("Kota Batu", ["35"]),
        ("", []),
    ],
)
def test_regions_named_in_a_text(text: str, provinces: list[str]) -> None:
    assert sorted(r.province for r in regions_in(text)) == sorted(provinces)


@pytest.mark.parametrize(
    ("printed", "code"),
    [
        ("JAWA TIMUR", "35"),
        ("PROVINSI JAWA TIMUR", "35"),
        ("JAWA TlMUR", "35"),  # one OCR letter off
        ("DKI JAKARTA", "31"),
        ("SUMATERA UTARA", "12"),
        ("JAWA", None),  # which Java?
        ("XQZ", None),
    ],
)
def test_the_province_a_card_prints(printed: str, code: str | None) -> None:
    assert province_of(printed) == code


def test_papua_s_six_provinces_are_one_family() -> None:
    assert province_family("91") == province_family("93") != province_family("81")


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_any_text_is_read_without_error(text: str) -> None:
    assert all(len(r.province) == 2 for r in regions_in(text))
