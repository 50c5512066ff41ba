"""People of the field corpus: names (with their ASCII spellings), passports' MRZ, KTP NIKs.

Written from ICAO Doc 9303 part 3/4 (TD3 machine-readable zone, 7-3-1 check digits) and
from the Kemendagri NIK layout (province 2, regency 2, district 2, DDMMYY with day + 40
for women, serial 4), not from ``samples/``.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata

from pydantic import BaseModel, ConfigDict

from fieldmail.truth import KtpTruth, MrzTruth

# ICAO 9303 transliteration of letters that do not decompose into A-Z + a mark.
_SPECIAL = {"Ø": "OE", "Æ": "AE", "Å": "AA", "ß": "SS", "Þ": "TH", "Ð": "D", "Ł": "L", "Œ": "OE"}
_GERMANIC = {"Ä": "AE", "Ö": "OE", "Ü": "UE"}


class Person(BaseModel):
    """One person of a mail; ``surname`` in the spelling of the passport (accents kept)."""

    model_config = ConfigDict(frozen=True)

    given: str
    surname: str
    nationality: str  # ICAO 3-letter code
    sex: str  # "M" or "F"
    birth: dt.date
    local: bool = False  # an Indonesian citizen (local staff, honorary consul)
    home: str = ""  # the province a local person lives in, as a KTP prints it ("" any)

    @property
    def full(self) -> str:
        """ "Given SURNAME" (the truth's form)."""
        return f"{self.given} {self.surname.upper()}".strip()


# Surnames with letters a mission's clerk will spell three ways (MÜLLER, Muller, Mueller).
FOREIGNERS: list[tuple[str, str, str, str]] = [
    ("Jürgen", "Müller", "DEU", "M"),
    ("Annegret", "Schröder", "DEU", "F"),
    ("Søren", "Sørensen", "DNK", "M"),
    ("Ingrid", "Bjørnstad", "NOR", "F"),
    ("Hélène", "Lefèvre", "FRA", "F"),
    ("François", "Bérenger", "FRA", "M"),
    ("José Luis", "Peña", "ESP", "M"),
    ("María", "Núñez Ortega", "ESP", "F"),
    ("Björn", "Åkesson", "SWE", "M"),
    ("Zoë", "Van der Berg", "NLD", "F"),
    ("Tomasz", "Wójcik", "POL", "M"),
    ("Ágnes", "Szőke", "HUN", "F"),
    ("Mehmet", "Yılmaz", "TUR", "M"),
    ("João", "Gonçalves", "PRT", "M"),
    ("Kateřina", "Dvořáková", "CZE", "F"),
    ("Liam", "O'Connor", "IRL", "M"),
    ("Oluwaseun", "Adébáyọ̀", "NGA", "F"),
    ("Hiroshi", "Tanaka", "JPN", "M"),
    ("Nguyen Thi", "Lan", "VNM", "F"),
    ("Rashid", "Al-Mansouri", "ARE", "M"),
    ("Pieter", "De Vries", "NLD", "M"),
    ("Siobhán", "Ní Bhriain", "IRL", "F"),
    ("Matthias", "Brückner", "AUT", "M"),
    ("Élodie", "Caron", "BEL", "F"),
]
INDONESIANS: list[tuple[str, str, str]] = [
    ("Muhammad Rahmat", "Hidayat", "M"),
    ("Siti", "Nurhaliza", "F"),
    ("Dewi Ayu", "Lestari", "F"),
    ("Agus", "Setiawan", "M"),
    ("Rini", "Wulandari", "F"),
    ("Bambang", "Sutrisno", "M"),
    ("Ni Made", "Sukmawati", "F"),
    ("I Gusti Ngurah", "Putra", "M"),
    ("Yohanes", "Siregar", "M"),
    ("Fitri", "Handayani", "F"),
    ("Hendra", "Gunawan", "M"),
    ("Kartika", "Sari", "F"),
    ("Teguh", "Prasetyo", "M"),
    ("Maria Magdalena", "Simanjuntak", "F"),
]
# Kemendagri district codes (province.regency.district), with the names printed on a KTP.
DISTRICTS: list[tuple[str, str, str, str]] = [
    ("317401", "DKI JAKARTA", "JAKARTA SELATAN", "TEBET"),
    ("317406", "DKI JAKARTA", "JAKARTA SELATAN", "CILANDAK"),
    ("317101", "DKI JAKARTA", "JAKARTA PUSAT", "GAMBIR"),
    ("317105", "DKI JAKARTA", "JAKARTA PUSAT", "CEMPAKA PUTIH"),
    ("327301", "JAWA BARAT", "KOTA BANDUNG", "SUKASARI"),
    ("357808", "JAWA TIMUR", "KOTA SURABAYA", "GUBENG"),
    ("517101", "BALI", "KOTA DENPASAR", "DENPASAR SELATAN"),
    ("127101", "SUMATERA UTARA", "KOTA MEDAN", "MEDAN KOTA"),
]


def plain(text: str, *, germanic: bool = False) -> str:
    """``text`` without diacritics as a clerk types it: Müller -> Muller, Sørensen -> Sorensen;
    ``germanic`` spells them out instead: Mueller, Soerensen (ICAO 9303's transliteration)."""
    out: list[str] = []
    for ch in text:
        up = ch.upper()
        if germanic and up in _GERMANIC:
            rep = _GERMANIC[up]
            out.append(rep if ch.isupper() else rep.capitalize() if not out else rep.lower())
            continue
        if up in _SPECIAL:
            rep = _SPECIAL[up] if germanic else _SPECIAL[up][0]
            out.append(rep if ch.isupper() else rep.lower())
            continue
        base = unicodedata.normalize("NFKD", ch)
        out.append("".join(c for c in base if not unicodedata.combining(c)))
    return "".join(out).replace("ı", "i")


def mrz_name_part(text: str) -> str:
    """A name in the MRZ alphabet: ICAO transliteration, spaces and hyphens as ``<``."""
    upper = plain(text, germanic=True).upper().replace("'", "")
    return "".join(c if c.isalpha() else "<" for c in upper)


def check_digit(field: str) -> str:
    """ICAO 9303 check digit: weights 7, 3, 1; digits, A=10..Z=35, ``<`` = 0."""
    total = 0
    for i, ch in enumerate(field):
        if ch.isdigit():
            value = int(ch)
        elif ch.isalpha():
            value = ord(ch) - ord("A") + 10
        else:
            value = 0
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def make_mrz(person: Person, number: str, expiry: dt.date) -> MrzTruth:
    """The two 44-character lines of a TD3 passport for ``person``."""
    names = f"{mrz_name_part(person.surname)}<<{mrz_name_part(person.given)}"
    line1 = f"P<{person.nationality}{names}".ljust(44, "<")[:44]
    num = number.ljust(9, "<")
    birth = person.birth.strftime("%y%m%d")
    exp = expiry.strftime("%y%m%d")
    body = f"{num}{check_digit(num)}{person.nationality}{birth}{check_digit(birth)}{person.sex}"
    body += f"{exp}{check_digit(exp)}"
    optional = "<" * 14
    body += optional + check_digit(optional)
    composite = body[0:10] + body[13:20] + body[21:43]
    line2 = body + check_digit(composite)
    return MrzTruth(
        line1=line1,
        line2=line2,
        document_number=number,
        surname=mrz_name_part(person.surname).replace("<", " "),
        given_names=mrz_name_part(person.given).replace("<", " "),
        nationality=person.nationality,
        birth_date=person.birth,
        expiry_date=expiry,
        sex=person.sex,
    )


def passport_number(rng: random.Random) -> str:
    letters = "".join(rng.choice("CFGHJKLMNPRTVWXYZ") for _ in range(rng.choice((1, 2))))
    return letters + "".join(rng.choice("0123456789") for _ in range(9 - len(letters) - 1))


def make_nik(person: Person, district: str, serial: int) -> str:
    """16 digits: district code, birth DDMMYY (day + 40 for a woman), serial."""
    day = person.birth.day + (40 if person.sex == "F" else 0)
    return f"{district}{day:02d}{person.birth:%m%y}{serial:04d}"


def make_ktp(person: Person, rng: random.Random) -> tuple[KtpTruth, tuple[str, str, str, str]]:
    homes = [d for d in DISTRICTS if d[1] == person.home]
    district = rng.choice(homes or DISTRICTS)
    nik = make_nik(person, district[0], rng.randint(1, 2999))
    truth = KtpTruth(
        nik=nik,
        name=f"{person.given} {person.surname}".upper(),
        birth_date=person.birth,
        sex="LAKI-LAKI" if person.sex == "M" else "PEREMPUAN",
        region_code=district[0],
    )
    return truth, district


def pick_people(rng: random.Random, count: int, *, local: bool, today: dt.date) -> list[Person]:
    """``count`` different people of one kind, adults aged 24-62."""
    people: list[Person] = []
    if local:
        for given, surname, sex in rng.sample(INDONESIANS, count):
            people.append(
                Person(
                    given=given,
                    surname=surname,
                    nationality="IDN",
                    sex=sex,
                    birth=_birth(rng, today),
                    local=True,
                )
            )
    else:
        for given, surname, nat, sex in rng.sample(FOREIGNERS, count):
            people.append(
                Person(
                    given=given, surname=surname, nationality=nat, sex=sex, birth=_birth(rng, today)
                )
            )
    return people


def _birth(rng: random.Random, today: dt.date) -> dt.date:
    age_days = rng.randint(24 * 365, 62 * 365)
    return today - dt.timedelta(days=age_days)
