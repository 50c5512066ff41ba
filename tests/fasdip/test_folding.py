"""One fold for every stage: a cue written any way a mission punctuates it matches alike in
the classifiers (document and request cues) and in the validators (detail cues, dates)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from classifiers.text import CueSet
from fasdip.folding import fold, fold_with_origins
from validators._text import find_cues, has_cue
from validators.rules import dates_near_cues

MONTHS = {1: ["january", "januari"], 3: ["march", "maret"]}


@pytest.mark.parametrize(
    ("written", "folded"),
    [
        ("Surat-Keterangan", "surat keterangan"),
        ("surat_keterangan", "surat keterangan"),
        ("SURAT  KETERANGAN.pdf", "surat keterangan pdf"),
        ("Yurisdiksí", "yurisdiksi"),
        ("MÜLLER", "muller"),
        ("Søren Ærø", "soren aero"),
        ("Weiß", "weiss"),
        ("  (Izin/Tinggal)  ", "izin tinggal"),
        ("", ""),
    ],
)
def test_fold_spells_a_word_one_way(written: str, folded: str) -> None:
    assert fold(written) == folded


@pytest.mark.parametrize(
    "text",
    [
        "Surat-Keterangan kerja terlampir",
        "Please find the surat_keterangan attached",
        "SURAT KETERANGAN (employment)",
    ],
)
def test_a_hyphenated_cue_matches_in_classifiers_and_validators_alike(text: str) -> None:
    cue = "surat keterangan"
    assert CueSet.flat([cue]).matches(fold(text))
    assert has_cue(text, [cue])
    assert find_cues(fold(text), ["surat-keterangan"])


def test_a_date_after_a_punctuated_cue_is_found_in_the_original_text() -> None:
    text = "The delegation's visit-date: 12 March 2027, returning 14 March 2027."
    found = dates_near_cues(text, ["visit date"], MONTHS)
    assert [d.date for d in found] == [dt.date(2027, 3, 12), dt.date(2027, 3, 14)]


@given(st.text(max_size=60))
def test_origins_point_back_at_the_character_each_folded_one_came_from(text: str) -> None:
    folded = fold_with_origins(text)
    assert folded.text == fold(text)
    assert len(folded.origins) == len(folded.text)
    assert list(folded.origins) == sorted(folded.origins)
    for char, origin in zip(folded.text, folded.origins, strict=True):
        if char != " ":
            assert char in fold(text[origin])


@given(st.text(alphabet="abcÄöü-_ .,/ßø", max_size=40))
def test_a_cue_span_maps_to_the_original_words(text: str) -> None:
    folded = fold_with_origins(text)
    for start, end, _cue in find_cues(folded.text, ["a b"]):
        o_start, o_end = folded.original_span(start, end)
        assert fold(text[o_start:o_end]) == "a b"
