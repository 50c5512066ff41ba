"""The holder's name on KTP copies (samples.ktp_kinds, dev seeds): a name is read right or
carries a doubt, never wrong and sure; a word Tesseract reads with marks at its ends is
read alone and kept."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from config.settings import OcrSettings
from readers.ktp import read_ktp
from readers.ktp_name import _narrow_gaps, _stands_apart, ink_grey
from readers.ocr import OcrEngine
from samples.ktp_kinds import make_kind

pytestmark = pytest.mark.slow  # Tesseract on generated KTP copies


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return OcrEngine(OcrSettings())


@pytest.mark.parametrize(
    ("kind", "seed", "was"),
    [
        ("clean", 9, "VINA SRE HARAHAP accepted"),
        ("flat_300", 18, "TONG DEDI PANJAITAN accepted"),
        ("flat_600", 10, "TONG SATRIA DAMANIK accepted"),
        ("jpeg_q30", 10, "TONG SATRIA DAMANIK accepted"),
        ("a4_corner", 10, "TONS SATRIA DAMANIK accepted"),
        ("mixed", 31, "ASEP TEGUM PURBA without doubt"),
        ("mixed", 36, "BUTE I without doubt"),
        ("photocopy", 13, "JESSICATAMBUNAN without doubt (toner bled the space shut)"),
    ],
)
def test_a_name_is_right_or_in_doubt_never_wrong_and_sure(
    engine: OcrEngine, kind: str, seed: int, was: str
) -> None:
    sample = make_kind(kind, seed)
    reading = read_ktp([sample.image()], engine, "a1", f"name-{kind}-{seed}")
    if reading.name.value != sample.truth.name:
        assert reading.name.doubt is not None, (kind, seed, reading.name.value, was)
        assert not reading.accepted


@pytest.mark.parametrize(
    ("kind", "seed", "word"),
    [("clean", 6, "TONO"), ("clean", 15, "AHMAD"), ("flat_600", 15, "AHMAD")],
)
def test_a_word_read_with_marks_at_its_ends_is_read_alone_and_kept(
    engine: OcrEngine, kind: str, seed: int, word: str
) -> None:
    """These words came with a low confidence (``TONO-`` at 15%): a doubt on a clean card."""
    sample = make_kind(kind, seed)
    assert word in sample.truth.name.split()
    reading = read_ktp([sample.image()], engine, "a1", f"alone-{kind}-{seed}")
    assert reading.name.value == sample.truth.name
    assert reading.name.doubt is None


def test_the_grey_ink_keeps_the_letters_and_drops_the_cards_blue() -> None:
    card = Image.new("RGB", (40, 20), (150, 190, 240))  # the card's pattern: dark in red only
    card.paste((20, 20, 30), (10, 5, 30, 15))  # ink: dark in every channel
    grey = ink_grey(card)
    assert grey[10, 20] == 0 and grey[0, 0] == 255
    flat = ink_grey(Image.new("RGB", (8, 8), (200, 200, 200)))  # no contrast: left as it is
    assert np.all(flat == 200)


def test_a_word_parted_by_a_narrow_gap_is_a_doubt() -> None:
    """SUTRISNO parted at its broken U (gap 3 px against a word gap of 8) was read
    BAMBANG ST TRISNO and accepted."""
    assert _narrow_gaps([(0, 70), (78, 96), (99, 160)]) != []
    assert _narrow_gaps([(0, 70), (78, 120), (127, 160)]) == []  # 8 and 7: both word gaps
    assert _narrow_gaps([(0, 70), (73, 120)]) == []  # one gap: nothing to weigh it with


def test_a_one_letter_word_stands_apart_by_gaps_like_the_others() -> None:
    """I GUSTI NGURAH PUTRA: the I parted by 8 px, the other words by 10 and 8."""
    spans = [(0, 5), (13, 80), (90, 190), (198, 275)]
    assert _stands_apart(spans, 0)
    assert not _stands_apart([(0, 60), (62, 67), (75, 140)], 1)  # a letter cut off: 2 px
    assert not _stands_apart([(0, 5), (13, 80)], 0)  # no other gap to compare with
