"""The holder's name on KTP copies (samples.ktp_kinds, dev seeds): a name is read right or
carries a doubt, never wrong and sure; a word Tesseract reads with marks at its ends is
read alone and kept."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from config.settings import OcrSettings
from readers.ktp import read_ktp
from readers.ktp_name import ink_grey
from readers.ktp_nik import INK_THRESHOLD
from readers.ktp_words import narrow_gaps, soft_gaps, soft_ink, stands_apart, word_boxes
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
    assert narrow_gaps([(0, 70), (78, 96), (99, 160)]) != []
    assert narrow_gaps([(0, 70), (78, 120), (127, 160)]) == []  # 8 and 7: both word gaps
    assert narrow_gaps([(0, 70), (73, 120)]) == []  # one gap: nothing to weigh it with


def test_a_one_letter_word_stands_apart_by_gaps_like_the_others() -> None:
    """I GUSTI NGURAH PUTRA: the I parted by 8 px, the other words by 10 and 8."""
    spans = [(0, 5), (13, 80), (90, 190), (198, 275)]
    assert stands_apart(spans, 0)
    assert not stands_apart([(0, 60), (62, 67), (75, 140)], 1)  # a letter cut off: 2 px
    assert not stands_apart([(0, 5), (13, 80)], 0)  # no other gap to compare with


def _printed(faint_foot: bool) -> Image.Image:
    """AYU LESTARI in Liberation Serif Bold on the card's blue, its L's foot reaching the E
    (a scan's blur); the foot faint when ``faint_foot`` (lighter than the ink threshold,
    as a JPEG scan left it), then the scan's blur."""
    font = ImageFont.truetype("/usr/share/fonts/truetype/liberation2/LiberationSerif-Bold.ttf", 24)
    card = Image.new("RGB", (300, 34), (160, 200, 228))
    draw = ImageDraw.Draw(card)
    draw.text((6, 4), "AYU L", fill=(25, 25, 30), font=font)
    stem = 6 + round(draw.textlength("AYU ", font=font)) + 6
    end = 6 + round(draw.textlength("AYU L", font=font))
    draw.text((end - 3, 4), "ESTARI", fill=(25, 25, 30), font=font)
    pixels = np.asarray(card).copy()
    if faint_foot:
        foot = pixels[20:28, stem : end - 2]
        foot[foot.max(axis=2) < 128] = 110
    return Image.fromarray(pixels).filter(ImageFilter.GaussianBlur(0.6))


def test_a_letter_parted_from_its_word_by_a_faint_stroke_lost_is_a_doubt() -> None:
    """fieldmail dev seed 515: LESTARI's serif L lost its light foot in the black-and-white
    ink; the stem stood apart as a word of its own, DEWI AYU I ESTARI was accepted."""
    for faint, words in ((True, 3), (False, 2)):  # AYU, the L's stem, ESTARI
        card = _printed(faint)
        ink = np.asarray(card).max(axis=2) < INK_THRESHOLD
        spans, (top, bottom) = word_boxes(ink)
        assert len(spans) == words
        assert (soft_gaps(soft_ink(card), spans, top, bottom) != []) == faint
