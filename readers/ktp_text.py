"""A KTP copy whose PDF carries a text layer: the fields read from the text, no OCR.

The labels are those printed on the card ("NIK", "Nama", "Tempat/Tgl Lahir", "Jenis
Kelamin"…); the text is exact, so the read is as sure as the text, and the NIK is
checked as for an OCR read.
"""

from __future__ import annotations

import datetime as dt
import re

from fasdip.models import FieldRead, KtpReading
from readers.nik import check_nik

_LABELS = {
    "nik": r"NIK",
    "name": r"Nama",
    "birth": r"Tempat\s*/\s*Tgl\.?\s*Lahir",
    "sex": r"Jenis\s+Kelamin",
    "address": r"Alamat",
    "rt_rw": r"RT\s*/\s*RW",
    "kelurahan_desa": r"Kel\s*/\s*Desa",
    "kecamatan": r"Kecamatan",
    "religion": r"Agama",
    "marital_status": r"Status\s+Perkawinan",
    "occupation": r"Pekerjaan",
    "citizenship": r"Kewarganegaraan",
}
_PROVINCE = re.compile(r"^\s*PROVINSI\s+(.+?)\s*$", re.MULTILINE)
_REGENCY = re.compile(r"^\s*((?:KABUPATEN|KOTA)\s+.+?)\s*$", re.MULTILINE)
_DATE = re.compile(r"(\d{1,2})[-/.](\d{1,2})[-/.](\d{4})")
_SURE = 0.99


def _value(text: str, label: str) -> str | None:
    match = re.search(rf"^\s*{label}\s*:\s*(.+?)\s*$", text, re.IGNORECASE | re.MULTILINE)
    return match.group(1) if match else None


def _read(value: str | None) -> FieldRead:
    return FieldRead(value=value, confidence=_SURE) if value else FieldRead()


def ktp_from_text(text: str, attachment_id: str) -> KtpReading | None:
    """The KTP fields in ``text``; None when the text has no NIK line (not a KTP's text)."""
    nik_line = _value(text, _LABELS["nik"])
    if not nik_line:
        return None
    nik = re.sub(r"\D", "", nik_line)
    birth = _value(text, _LABELS["birth"]) or ""
    place, _, when = birth.partition(",")
    date_match = _DATE.search(when or birth)
    birth_date: dt.date | None = None
    if date_match:
        day, month, year = (int(g) for g in date_match.groups())
        try:
            birth_date = dt.date(year, month, day)
        except ValueError:
            birth_date = None
    sex_text = (_value(text, _LABELS["sex"]) or "").upper()
    sex = "PEREMPUAN" if "PEREMPUAN" in sex_text else "LAKI-LAKI" if "LAKI" in sex_text else None
    check = check_nik(nik, birth_date, sex)
    fields = {
        key: _read(_value(text, pattern))
        for key, pattern in _LABELS.items()
        if key not in ("nik", "birth", "sex")
    }
    province = _PROVINCE.search(text)
    regency = _REGENCY.search(text)
    return KtpReading(
        attachment=attachment_id,
        nik=FieldRead(value=nik, confidence=_SURE),
        birth_place=_read(place.strip() or None),
        birth_date=_read(birth_date.isoformat() if birth_date else None),
        sex=_read(sex),
        province=_read(province.group(1) if province else None),
        regency_city=_read(regency.group(1) if regency else None),
        nik_valid=check.valid and check.consistent is not False,
        nik_problems=[*check.problems, *check.mismatches],
        notes=check.notes,
        accepted=True,
        **fields,
    )
