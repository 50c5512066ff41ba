"""The generator writes names into the MRZ as ICAO 9303-3 transliterates them: a page
whose truth lost a letter (Łukasz written <UKASZ) teaches the readers a wrong name."""

from __future__ import annotations

import pytest

from samples.passport_truth import make_truth
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


def test_a_generated_passport_name_never_repeats_a_word() -> None:
    """ "Aoife Aoife", "KACKAR KACKAR": a second name drawn equal to the first is another."""
    for seed in range(2000):
        truth = make_truth(seed)
        for name in (truth.given_names_printed, truth.surname_printed):
            words = name.split()
            assert len(set(words)) == len(words), (seed, name)
