"""A checked field's passing look-alike candidates (readers.mrz_repair), summed for all
candidates at once: the same candidates, in the same order, as joining each combination
and computing its check digit (issue 14: a document number has up to 4,096)."""

from __future__ import annotations

import itertools
import random

import pytest

from fasdip.icao import check_digit
from readers.mrz_repair import Checked, _options, _passing_candidates

LOOK_ALIKES = "01OIDQL8B5S2Z6GKC<"
ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"


def _one_by_one(read: str, digit: str, filler_ok: bool) -> list[str]:
    """The candidates that pass, each joined and checked (the reading before)."""
    joined = ["".join(combo) for combo in itertools.product(*_options(read))]
    if digit == "<":
        return [value for value in joined if filler_ok and set(value) <= {"<"}]
    return [value for value in joined if check_digit(value) == digit]


@pytest.mark.parametrize("seed", range(4))
def test_the_passing_candidates_are_those_checked_one_by_one(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(150):
        pool = LOOK_ALIKES if rng.random() < 0.7 else ALPHABET
        read = "".join(rng.choice(pool) for _ in range(rng.choice((0, 1, 6, 9, 14))))
        digit = rng.choice("0123456789<")
        filler_ok = rng.random() < 0.5
        assert _passing_candidates(_options(read), digit, filler_ok) == _one_by_one(
            read, digit, filler_ok
        )


def test_a_digit_heavy_number_keeps_its_one_passing_read() -> None:
    number = "X89907830"
    field = Checked("document_number", number, check_digit(number), digits_only=False)
    assert field.first == number
    assert field.read_passes
    assert (number, check_digit(number)) in (field.passing or [])
    assert field.stage(wide=False) == [(number, check_digit(number))]
    # every passing candidate is a look-alike of the read, with the read's check digit
    for value, digit in field.passing or []:
        assert check_digit(value) == digit == check_digit(number)
        assert len(value) == len(number)


def test_a_check_digit_read_as_no_digit_passes_nothing() -> None:
    assert _passing_candidates(_options("X89907830"), "X", filler_ok=False) == []
    assert Checked("document_number", "X89907830", "X", digits_only=False).passing == []
