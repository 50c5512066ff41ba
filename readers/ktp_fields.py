"""The values of a KTP's fields, each read by its own step (``readers.ktp`` tells the story).

Each step takes the ``CardPage`` (the upright card, its ink image, its labels and the
OCR engine) and returns ``FieldRead``s: list fields snap to their allowed values, the
birth date and RT/RW are re-read digits-only, regions snap to the Kemendagri names.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

import numpy as np
from PIL import Image
from rapidfuzz import fuzz, process

from fasdip.models import FieldRead
from readers.ktp_feet import grey_copy_doubt
from readers.ktp_layout import COLON_LIKE, VALUE_RIGHT, Label, Line
from readers.ktp_name import read_name
from readers.ktp_regions import children, province_names, snap_region
from readers.ocr import NO_DICTIONARY, OcrEngine, mean_confidence

SEXES = ("LAKI-LAKI", "PEREMPUAN")
RELIGIONS = ("ISLAM", "KRISTEN", "KATOLIK", "HINDU", "BUDDHA", "KONGHUCU", "KEPERCAYAAN")
MARITAL = ("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")
CITIZENSHIP = ("WNI", "WNA")
# Common Dukcapil occupation entries (the full list has about 90; others are kept as read).
OCCUPATIONS = (
    "BELUM/TIDAK BEKERJA",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "PENSIUNAN",
    "PEGAWAI NEGERI SIPIL",
    "TENTARA NASIONAL INDONESIA",
    "KEPOLISIAN RI",
    "PERDAGANGAN",
    "PETANI/PEKEBUN",
    "NELAYAN/PERIKANAN",
    "KARYAWAN SWASTA",
    "KARYAWAN BUMN",
    "KARYAWAN BUMD",
    "KARYAWAN HONORER",
    "BURUH HARIAN LEPAS",
    "WIRASWASTA",
    "PEDAGANG",
    "GURU",
    "DOSEN",
    "DOKTER",
    "BIDAN",
    "PERAWAT",
    "SOPIR",
    "PENGACARA",
    "WARTAWAN",
)
Box = tuple[int, int, int, int]
# How far left of Tesseract's first name word (in line heights) the name's box reaches
# back to the colon: a one-letter word and its space (``I GUSTI``) fit with room.
NAME_REACH = 2.0
COLON_MARGIN = 3  # px right of the colon's box: its bled edge is no letter
LETTER_ROWS = 0.6


@dataclass(frozen=True)
class CardPage:
    """The upright card normalised to ``CARD_WIDTH``, what was found on it, and the engine."""

    card: Image.Image
    binary: Image.Image  # the ink image (black ink on white)
    labels: dict[str, Label]
    engine: OcrEngine
    key: str  # the cache key of this card's reading

    def text_of(self, field: str) -> tuple[str, float]:
        """The words after ``field``'s label, cleaned, and their mean confidence."""
        label = self.labels.get(field)
        if label is None:
            return "", 0.0
        words = label.value_words
        return clean(" ".join(w.text for w in words)), mean_confidence(words)

    def box(self, label: Label, right: float | None = None) -> Box | None:
        """The box of ``label``'s value words (a margin around), inside the card."""
        if not label.value_words:
            return None
        left = min(w.left for w in label.value_words) - 6
        end = right if right is not None else max(w.left + w.width for w in label.value_words) + 8
        return _inside((left, label.line.top - 6, int(end), label.line.bottom + 6), self.card.size)

    def reread(self, box: Box, whitelist: str) -> tuple[str, float]:
        """The text in ``box`` of the ink image read again, one line, ``whitelist`` only."""
        crop = self.binary.crop(box)
        crop = crop.resize((crop.width * 2, crop.height * 2), Image.Resampling.LANCZOS)
        words = self.engine.words(
            crop, psm=7, whitelist=whitelist, extra=NO_DICTIONARY, cache_key=f"{self.key}:{box}"
        )
        return "".join(w.text for w in words), mean_confidence(words)


def _inside(box: Box, size: tuple[int, int]) -> Box | None:
    """``box`` clipped to an image of ``size``; None when nothing of it is left."""
    left, top = max(0, box[0]), max(0, box[1])
    right, bottom = min(size[0], box[2]), min(size[1], box[3])
    return (left, top, right, bottom) if right > left + 1 and bottom > top + 1 else None


def clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" :;,.|#>")
    return text.upper()


def snap(
    value: str,
    choices: tuple[str, ...] | list[str],
    conf: float,
    cutoff: float = 66,
    keep: bool = False,
) -> FieldRead:
    """The allowed value ``value`` was read as; ``keep``: an open list, keep what was read."""
    if not value:
        return FieldRead(doubt="not read")
    match = process.extractOne(value, choices, scorer=fuzz.ratio, score_cutoff=cutoff)
    if match is None and keep:
        return FieldRead(value=value, confidence=conf)
    if match is None:
        return FieldRead(value=value, confidence=conf * 0.5, doubt="not an allowed value")
    choice, score, _ = match
    return FieldRead(value=choice, confidence=conf * score / 100)


def parse_date(text: str) -> dt.date | None:
    m = re.search(r"(\d{2})-?(\d{2})-?(\d{4})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# --------------------------------------------------------------------------- the steps


def read_header(page: CardPage, lines: list[Line]) -> tuple[dict[str, FieldRead], str | None]:
    """Province and regency/city from the lines above the NIK, and the regency's code."""
    header = [ln for ln in lines if clean(ln.text)]
    fields: dict[str, FieldRead] = {}
    province_code: str | None = None
    regency_code: str | None = None
    if header:
        first = header[0]
        text = clean(first.text)
        if fuzz.ratio(text.split()[0], "PROVINSI") >= 70:
            text = re.sub(r"^\S*\s?", "", text)
        fields["province"], province_code = snap_region(
            text, province_names(), mean_confidence(first.words)
        )
    if len(header) > 1 and province_code:
        second = header[1]
        fields["regency_city"], regency_code = snap_region(
            clean(second.text), children(province_code), mean_confidence(second.words)
        )
    elif len(header) > 1:
        fields["regency_city"] = FieldRead(
            value=clean(header[1].text), confidence=mean_confidence(header[1].words) * 0.6
        )
    return fields, regency_code


def read_holder_name(page: CardPage) -> FieldRead:
    """The name: words cut at the ink gaps, read twice, letters checked against the face
    (on a grey copy each U and V by its foot too)."""
    label = page.labels.get("name")
    width = page.card.width
    if label is None or not label.value_words:
        box = _name_box_by_position(page)
    else:
        words_right = max(w.left + w.width for w in label.value_words)
        box = page.box(label, min(width * VALUE_RIGHT, words_right + 40))
        box = _from_label(page, label, box)
    if box is None:
        return FieldRead(doubt="not read")
    name = read_name(page.binary, page.card, box, page.engine, page.key)
    read = FieldRead(value=name.text or None, confidence=name.confidence, doubt=name.doubt)
    return grey_copy_doubt(page.card, page.binary, box, read)


def _from_label(page: CardPage, label: Label, box: Box | None) -> Box | None:
    """``box`` widened left to just after the colon before the name when a letter stands
    there: Tesseract's first name word can start after a one-letter word (``I GUSTI``
    boxed from the G) or take that word for a colon (``: 1 GUSTI``), and a box cut from
    the words lost it. Only ink as tall as a letter widens it (rows over ``LETTER_ROWS``
    of the line's): a sliver of the colon's dots is no letter, and read as one."""
    if box is None:
        return None
    first = label.value_words[0]
    before = [w for w in label.line.words if w.left + w.width <= first.left]
    # The colon: the first short mark after the label (``:``, ``>:``; a ``1`` after it may
    # be the letter); none read: the label's end.
    marks = [w for w in before if len(w.text) <= 2 and set(w.text) <= COLON_LIKE]
    words = [w for w in before if w not in marks]
    if marks:
        colon = min(marks, key=lambda w: w.left)
        after = colon.left + colon.width + COLON_MARGIN
    elif words:
        after = max(w.left + w.width for w in words) + COLON_MARGIN
    else:
        return box
    height = label.line.bottom - label.line.top
    left = int(max(after, first.left - NAME_REACH * height))
    if left >= box[0]:
        return box
    line = (left, label.line.top, box[0], label.line.bottom)
    strip = np.asarray(page.binary.crop(line)) < 128
    if int(strip.any(axis=1).sum()) < LETTER_ROWS * height:
        return box
    return (left, *box[1:])


def _name_box_by_position(page: CardPage) -> Box | None:
    """The name's box when the page pass dropped its line (a photocopy's ``Nama`` line not
    in Tesseract's lines at all): between the NIK's line and the birth line, in the value
    column the birth's words start (the card's layout is fixed); None when either line is
    missing or no line fits between them."""
    nik, birth = page.labels.get("nik"), page.labels.get("birth")
    if nik is None or birth is None or not birth.value_words:
        return None
    top, bottom = nik.line.bottom + 2, birth.line.top - 2
    if bottom - top < birth.line.bottom - birth.line.top:
        return None
    left = min(w.left for w in birth.value_words) - 6
    return _inside((left, top, int(page.card.width * VALUE_RIGHT), bottom), page.card.size)


def read_address(page: CardPage) -> FieldRead:
    value, conf = page.text_of("address")
    value = re.sub(r"^JL\.?\s*", "JL. ", value)
    value = re.sub(r"\bNO[.,]?\s*(?=\d)", "NO. ", value)
    return FieldRead(value=value or None, confidence=conf, doubt=None if value else "not read")


def read_birth(page: CardPage) -> dict[str, FieldRead]:
    """Birth place, and the birth date re-read digits-only."""
    label = page.labels.get("birth")
    if label is None:
        return {}
    value, conf = page.text_of("birth")
    m = re.match(r"([^\d]*?)[,.]?\s*(\d.*)?$", value)
    place, date_text = (m.group(1), m.group(2) or "") if m else (value, "")
    fields = {"birth_place": FieldRead(value=place.strip() or None, confidence=conf)}
    box = date_box(page)
    digits, dconf = page.reread(box, "0123456789-") if box else ("", 0.0)
    printed = parse_date(digits) or parse_date(date_text)
    if printed is not None:
        fields["birth_date"] = FieldRead(value=printed.isoformat(), confidence=dconf)
    else:
        fields["birth_date"] = FieldRead(
            value=date_text.strip() or None, confidence=dconf * 0.3, doubt="not a date"
        )
    return fields


def date_box(page: CardPage) -> Box | None:
    """The box of the birth date's words (those with digits), a margin around."""
    label = page.labels.get("birth")
    date_words = [w for w in label.value_words if re.search(r"\d", w.text)] if label else []
    if label is None or not date_words:
        return None
    return _inside(
        (
            min(w.left for w in date_words) - 6,
            label.line.top - 6,
            max(w.left + w.width for w in date_words) + 8,
            label.line.bottom + 6,
        ),
        page.card.size,
    )


def read_sex(page: CardPage) -> dict[str, FieldRead]:
    """Sex: the words left of "Gol. Darah"."""
    label = page.labels.get("sex")
    if label is None:
        return {}
    kept = []
    for w in label.value_words:
        if fuzz.ratio(w.text.lower().strip("."), "gol") >= 65:
            break
        kept.append(w)
    return {"sex": snap(clean(" ".join(w.text for w in kept)), SEXES, mean_confidence(kept))}


def read_rt_rw(page: CardPage) -> dict[str, FieldRead]:
    """RT/RW: digits and a slash, NNN/NNN."""
    label = page.labels.get("rt_rw")
    if label is None:
        return {}
    box = page.box(label)
    raw, rconf = page.reread(box, "0123456789/") if box else ("", 0.0)
    m = re.fullmatch(r"(\d{3})/?(\d{3})", raw)
    if m:
        return {"rt_rw": FieldRead(value=f"{m.group(1)}/{m.group(2)}", confidence=rconf)}
    value, conf = page.text_of("rt_rw")
    return {
        "rt_rw": FieldRead(value=value or raw or None, confidence=conf * 0.5, doubt="not NNN/NNN")
    }


def read_districts(
    page: CardPage, regency_code: str | None
) -> tuple[dict[str, FieldRead], str | None]:
    """Kecamatan and kelurahan/desa snapped to the Kemendagri names under the regency."""
    fields: dict[str, FieldRead] = {}
    value, conf = page.text_of("kecamatan")
    district_code: str | None = None
    if regency_code:
        fields["kecamatan"], district_code = snap_region(value, children(regency_code), conf)
    else:
        fields["kecamatan"] = FieldRead(value=value or None, confidence=conf * 0.8)
    value, conf = page.text_of("kelurahan_desa")
    if district_code:
        fields["kelurahan_desa"], _ = snap_region(value, children(district_code), conf)
    else:
        fields["kelurahan_desa"] = FieldRead(value=value or None, confidence=conf * 0.8)
    return fields, district_code


def read_listed(page: CardPage) -> dict[str, FieldRead]:
    """Religion, marital status, citizenship and occupation snapped to their lists."""
    fields: dict[str, FieldRead] = {}
    for field, choices in (
        ("religion", RELIGIONS),
        ("marital_status", MARITAL),
        ("citizenship", CITIZENSHIP),
    ):
        value, conf = page.text_of(field)
        fields[field] = snap(value, choices, conf)
    value, conf = page.text_of("occupation")
    fields["occupation"] = snap(value, OCCUPATIONS, conf, cutoff=85, keep=True)
    return fields
