"""O or 0 told by the glyph's height (readers.mrz_zero): digits stand taller than O."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from readers.mrz_zero import decide

# A line at 30 px digit height: digits' tops at row 10, flat capitals' at 13 (3 px lower).
CHARS = list("L898O2C36UTO7408122F12O4159")
TOPS: list[int | None] = [13, 10, 10, 10, 12, 10, 13, 10, 10, 13, 13, 12, 10, 10]
TOPS += [10, 10, 10, 10, 13, 10, 10, 10, 10, 10, 10, 10, 10]


def tops_with(o_top: int) -> list[int | None]:
    tops = list(TOPS)
    tops[4] = o_top
    return tops


def test_a_glyph_as_high_as_the_digits_is_0_and_one_as_low_as_o_is_o() -> None:
    assert decide(CHARS, tops_with(10), 30)[4] == "0"
    assert decide(CHARS, tops_with(12), 30)[4] == "O"


def test_half_way_between_the_glyph_cannot_decide() -> None:
    assert decide(CHARS, tops_with(11), 30)[4] is None  # 1 px of 3: neither


def test_a_line_too_small_to_measure_decides_nothing() -> None:
    tops = [t // 3 if t is not None else None for t in tops_with(12)]  # gap of 1 px
    assert decide(CHARS, tops, 10)[4] is None


@given(st.lists(st.sampled_from("ABC123<"), min_size=5, max_size=44), st.integers(0, 40))
def test_positions_other_than_o_and_0_are_never_decided(chars: list[str], top: int) -> None:
    assert decide(chars, [top] * len(chars), 30) == [None] * len(chars)
