"""The generator writes names into the MRZ as ICAO 9303-3 transliterates them: a page
whose truth lost a letter (Łukasz written <UKASZ) teaches the readers a wrong name."""

from __future__ import annotations

import pytest

from samples.people import mrz_field

_TRANSLITERATED = [
    ("Łukasz", "LUKASZ"),
    ("Małgorzata", "MALGORZATA"),
    ("Đorđević", "DORDEVIC"),
    ("Müller", "MUELLER"),
    ("Øyvind", "OEYVIND"),
    ("Œuvray", "OEUVRAY"),
    ("Conceição", "CONCEICAO"),
    ("O'Brien", "OBRIEN"),
    ("Bin Abdullah", "BIN<ABDULLAH"),
]


@pytest.mark.parametrize(("printed", "mrz"), _TRANSLITERATED)
def test_a_printed_name_is_written_in_the_mrz_as_icao_says(printed: str, mrz: str) -> None:
    assert mrz_field(printed) == mrz
