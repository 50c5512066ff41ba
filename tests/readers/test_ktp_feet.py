"""A grey copy's U and V told apart by their feet (readers.ktp_feet), and its words parted
on its grey ink (readers.ktp_name.name_words): a photocopy's name with a U or V is accepted
when each one's foot says the letter read, and a U read as V (or a V read as U) stays a
doubt, on words drawn as a copy prints them and on photocopies (samples.ktp_kinds, dev
seeds) of cards printed with their U and V swapped."""

from __future__ import annotations

import io
import random

import numpy as np
import pytest
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from config.settings import OcrSettings
from fasdip.models import FieldRead
from readers.ktp import read_ktp
from readers.ktp_feet import feet_agree, foot_ratio, grey_copy_doubt
from readers.ktp_letters import SANS_BOLD
from readers.ocr import OcrEngine
from readers.ocr_tesserocr import ocr_engine
from samples.ktp_kinds import KINDS, make_kind
from samples.ktps import draw_card, make_truth


def _copied(text: str, blur: float = 0.9) -> tuple[Image.Image, Image.Image]:
    """``text`` as a grey copy prints it (the card's bold face at its 13-px capitals, toner
    blurred and grey on grey paper), and its black-and-white ink image."""
    font = ImageFont.truetype(SANS_BOLD, 38)
    canvas = Image.new("L", (40 * len(text) + 40, 70), 255)
    ImageDraw.Draw(canvas).text((20, 12), text, fill=0, font=font)
    small = canvas.resize((canvas.width // 2, canvas.height // 2), Image.Resampling.LANCZOS)
    toner = np.asarray(small.filter(ImageFilter.GaussianBlur(blur)), dtype=np.float32)
    grey = Image.fromarray((20 + toner * 0.72).astype(np.uint8), "L").convert("RGB")
    binary = Image.fromarray(np.where(np.asarray(grey)[:, :, 0] < 125, 0, 255).astype(np.uint8))
    return grey, binary


@pytest.mark.parametrize(
    ("printed", "read", "agree"),
    [
        ("EUIS", "EUIS", True),
        ("EUIS", "EVIS", False),  # the copy's U read as V
        ("KEVIN", "KEVIN", True),
        ("KEVIN", "KEUIN", False),
        ("BUDI SANTOSO", "BUDI SANTOSO", True),
        ("BUDI SANTOSO", "BVDI SANTOSO", False),
        ("PUTU", "PUTV", False),  # one foot of two wrong is enough
        ("SITI RAHAYU", "SITI", False),  # words lost: nothing is told
        ("ENIS", "EUIS", False),  # an N is as wide low down as a U, but is no U
        ("AHMAD", "AHMUD", False),
    ],
)
def test_each_u_and_v_is_the_letter_its_foot_says(printed: str, read: str, agree: bool) -> None:
    grey, binary = _copied(printed)
    assert feet_agree(read, grey, binary) is agree


@pytest.mark.parametrize("blur", [0.5, 0.9, 1.2])
def test_a_u_is_as_wide_low_down_as_at_its_top_and_a_v_about_half_as_wide(blur: float) -> None:
    for letter, other in (("U", "V"), ("V", "U")):
        grey, binary = _copied(f"E{letter}I", blur)
        assert feet_agree(f"E{letter}I", grey, binary), (letter, blur)
        assert not feet_agree(f"E{other}I", grey, binary), (letter, blur)


def test_a_name_read_with_a_u_for_a_v_shows_the_letter_its_foot_says_still_in_doubt() -> None:
    """Photocopy dev seed 93: EUIS SANTI HALIM read EVIS, kept as read (in doubt): the name
    shown to the officer was wrong though the foot said U."""
    grey, binary = _copied("EUIS SANTI")
    card = Image.new("RGB", (1011, 638), (128, 128, 128))
    card.paste(grey, (300, 200))
    ink = Image.new("L", card.size, 255)
    ink.paste(binary, (300, 200))
    box = (300, 200, 300 + grey.width, 200 + grey.height)
    read = grey_copy_doubt(card, ink, box, FieldRead(value="EVIS SANTI", confidence=0.9))
    assert read.value == "EUIS SANTI"
    assert read.doubt is not None
    right = grey_copy_doubt(card, ink, box, FieldRead(value="EUIS SANTI", confidence=0.9))
    assert right.value == "EUIS SANTI" and right.doubt is None


def test_a_cell_that_is_no_single_letter_has_no_foot() -> None:
    assert foot_ratio(np.ones((13, 30), dtype=bool)) is None  # two letters bled into one
    assert foot_ratio(np.ones((5, 5), dtype=bool)) is None  # a speck
    u = np.zeros((13, 11), dtype=bool)
    u[:, :3] = u[:, -3:] = u[-3:, :] = True
    assert foot_ratio(u) == 1.0


@pytest.mark.parametrize(
    ("colour", "doubted"),
    [((128, 128, 128), True), ((60, 120, 200), False)],
    ids=["grey-copy", "card-blue"],
)
def test_a_grey_copy_whose_name_ink_is_not_found_doubts_a_u(
    colour: tuple[int, int, int], doubted: bool
) -> None:
    card = Image.new("RGB", (1011, 638), colour)
    binary = Image.new("L", card.size, 255)
    read = grey_copy_doubt(
        card, binary, (300, 200, 700, 240), FieldRead(value="EUIS", confidence=0.9)
    )
    assert (read.doubt is not None) is doubted
    no_u = FieldRead(value="SITI RAHMA", confidence=0.9)
    assert grey_copy_doubt(card, binary, (300, 200, 700, 240), no_u) == no_u


@pytest.fixture(scope="module")
def engine() -> OcrEngine:
    return ocr_engine(OcrSettings(engine="tesserocr"))


def _swapped_copy(seed: int) -> tuple[str, Image.Image]:
    """Photocopy dev seed ``seed`` of a card printed with its name's U and V swapped."""
    truth = make_truth(seed)
    name = truth.name.translate(str.maketrans("UV", "VU"))
    card = draw_card(truth.model_copy(update={"name": name}))
    copy = KINDS["photocopy"][1](card, random.Random(f"ktp:photocopy:{seed}"), {})
    out = io.BytesIO()
    copy.image.save(out, "JPEG", quality=copy.quality)
    return name, Image.open(io.BytesIO(out.getvalue()))


@pytest.mark.slow
@pytest.mark.parametrize("seed", [4, 58, 24000002, 24000019])
def test_a_photocopys_u_read_as_v_is_not_accepted(engine: OcrEngine, seed: int) -> None:
    """KEUIN and STEUEN printed, the copy's U read as V (KEVIN, STEVEN, each letter sure);
    DEDI DAVLAY and WVLAN WAHYVDI, whose V stands beside letters the toner joined."""
    name, image = _swapped_copy(seed)
    reading = read_ktp([image], engine, "a1", f"swapped-{seed}")
    assert reading.name.value == name or reading.name.doubt is not None
    assert not reading.accepted or reading.name.value == name


@pytest.mark.slow
@pytest.mark.parametrize("seed", [3, 4, 8])
def test_a_photocopys_name_with_u_is_accepted_when_its_feet_say_u(
    engine: OcrEngine, seed: int
) -> None:
    """YUSUF SUGIARTO, KEVIN PURBA, ASEP PUTU: each was a doubt for its U or V alone."""
    sample = make_kind("photocopy", seed)
    reading = read_ktp([sample.image()], engine, "a1", f"feet-{seed}")
    assert reading.name.value == sample.truth.name
    assert reading.name.doubt is None


@pytest.mark.slow
@pytest.mark.parametrize("seed", [24, 43, 45])
def test_a_photocopys_words_bled_together_are_parted_on_its_grey_ink(
    engine: OcrEngine, seed: int
) -> None:
    """TUTI SARI HARYANTO, JOKO HARTONO, NINA GUNAWAN: the toner bled across the gap
    between two words in the black-and-white ink (read SARIIHARYANTO, JOKOHARTONO)."""
    sample = make_kind("photocopy", seed)
    reading = read_ktp([sample.image()], engine, "a1", f"parted-{seed}")
    assert reading.name.value == sample.truth.name


@pytest.mark.slow
@pytest.mark.parametrize("seed", [24000002, 24000019])
def test_a_photocopys_u_beside_letters_the_toner_joined_is_told_by_its_foot(
    engine: OcrEngine, seed: int
) -> None:
    """DEDI DAULAY (its L and A one piece of toner at every cut), WULAN WAHYUDI: the words
    did not part into as many letters as they have, and each U was a doubt. Each U is
    found by the letters before it (or after it), standing apart."""
    sample = make_kind("photocopy", seed)
    reading = read_ktp([sample.image()], engine, "a1", f"joined-{seed}")
    assert reading.name.value == sample.truth.name
    assert reading.name.doubt is None
