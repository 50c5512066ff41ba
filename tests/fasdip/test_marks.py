"""Letters a PDF's font lost ("Mai Ph?m" for Phạm): one name with unknown letters."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from fasdip.folding import fold
from fasdip.marks import fold_marked, has_marks, words_fit

_NAME = st.lists(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyzạêüøé", min_size=2, max_size=9),
    min_size=1,
    max_size=4,
)


@given(words=_NAME, data=st.data())
def test_a_name_with_accented_letters_lost_still_fits_the_name(
    words: list[str], data: st.DataObject
) -> None:
    """Each accented letter a "?" or U+FFFD: the words fit the name written plainly."""
    mark = data.draw(st.sampled_from(["?", "\ufffd"]))
    name = " ".join(w.title() for w in words)
    lost = "".join(mark if not c.isascii() else c for c in name)
    marked = fold_marked(lost).split()
    assert len(marked) == len(words)  # not cut at the mark
    assert words_fit(marked, fold(name).split())


def test_marks_stay_in_their_words_and_stand_for_few_letters() -> None:
    assert fold_marked("Ms. Mai Ph?m, Attaché") == "ms mai ph?m attache"
    assert fold_marked("J\ufffdrgen M\ufffdLLER") == "j?rgen m?ller"
    assert words_fit(["j?rgen", "m?ller"], ["juergen", "mueller", "hans"])
    assert not words_fit(["ph?m"], ["phantom"])  # a mark is not any run of letters
    assert not words_fit(["mai", "ph?m"], ["mai"])  # every marked word needs its match
    assert not has_marks("? see the note")
    assert fold_marked("Hans MÜLLER") == fold("Hans MÜLLER")
    assert fold_marked("Mr. ?? Van An") == "mr ?? van an"  # every letter of "Đỗ" lost
