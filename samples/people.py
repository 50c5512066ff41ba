"""People and missions of the sample corpus: names, passports (ICAO 9303 MRZ), KTP NIKs.

Everything here is fictitious and drawn from a seeded ``random.Random``.
"""

from __future__ import annotations

import datetime as dt
import random
import unicodedata
from dataclasses import dataclass, field
from typing import Literal

from fasdip.models import ApplicantCategory
from samples.missions import (
    BIRTH_PLACES,
    ID_GIVEN_F,
    ID_GIVEN_M,
    ID_SURNAMES,
    JAKARTA_AREA,
    LOCAL_JOBS,
    MISSION_BY_KEY,
    MISSIONS,
    POSITIONS_EN,
    POSITIONS_ID,
    REGIONS,
    Mission,
    Region,
)

Sex = Literal["M", "F"]


__all__ = ["MISSIONS", "MISSION_BY_KEY", "Mission", "PeopleFactory", "Person", "Region"]


@dataclass(frozen=True)
class Person:
    given: str  # "María"
    surname: str  # "GARCÍA LÓPEZ" (upper case, as the note prints it)
    sex: Sex
    birth_date: dt.date
    category: ApplicantCategory
    position: str  # English; POSITIONS_ID has the Indonesian
    country_code: str = "IDN"
    nationality: str = "INDONESIA"
    passport_no: str = ""
    passport_issue: dt.date = dt.date(2024, 1, 1)
    passport_expiry: dt.date = dt.date(2034, 1, 1)
    birth_place: str = "JAKARTA"
    region: Region | None = None
    nik: str = ""
    address: str = ""
    extra: dict[str, str] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The name as the truth records it: ``John SMITH``."""
        return f"{self.given} {self.surname}"

    def honorific(self, language: str) -> str:
        if language == "id" and self.category is ApplicantCategory.local_staff:
            return "Bapak" if self.sex == "M" else "Ibu"
        return "Mr." if self.sex == "M" else "Ms."

    def titled(self, language: str) -> str:
        return f"{self.honorific(language)} {self.name}"

    def position_in(self, language: str) -> str:
        return POSITIONS_ID.get(self.position, self.position) if language == "id" else self.position


# --------------------------------------------------------------------------- MRZ

_MRZ_SPECIAL = {
    "Ä": "AE",
    "Ö": "OE",
    "Ü": "UE",
    "ß": "SS",
    "Å": "AA",
    "Æ": "AE",
    "Ø": "OE",
    "Þ": "TH",
    "İ": "I",
    "Ñ": "N",
    # letters whose Unicode form has no separate accent to drop (NFKD leaves them whole)
    "Ł": "L",
    "Đ": "D",
    "Ð": "D",
    "Œ": "OE",
    "Ħ": "H",
}


def mrz_field(text: str) -> str:
    """ICAO 9303 transliteration: upper case A-Z, everything else a filler ``<``."""
    out: list[str] = []
    for char in text.upper().replace("'", "").replace("’", ""):
        if char in _MRZ_SPECIAL:
            out.append(_MRZ_SPECIAL[char])
            continue
        base = unicodedata.normalize("NFKD", char)[0]
        out.append(base if ("A" <= base <= "Z" or base.isdigit()) else "<")
    return "".join(out)


def check_digit(data: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1; ``<`` = 0, A = 10 … Z = 35)."""
    total = 0
    for i, char in enumerate(data):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - 55
        else:
            value = 0
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)


def mrz_lines(person: Person, doc_type: str = "PD") -> tuple[str, str]:
    """The two 44-character lines of a TD3 (passport) machine-readable zone."""
    issuer = person.country_code.ljust(3, "<")
    names = f"{mrz_field(person.surname)}<<{mrz_field(person.given)}"
    line1 = f"{doc_type.ljust(2, '<')}{issuer}{names}"[:44].ljust(44, "<")
    number = person.passport_no.ljust(9, "<")[:9]
    birth = person.birth_date.strftime("%y%m%d")
    expiry = person.passport_expiry.strftime("%y%m%d")
    personal = "<" * 14
    parts = [
        number + check_digit(number),
        issuer,
        birth + check_digit(birth),
        person.sex,
        expiry + check_digit(expiry),
        personal + check_digit(personal),
    ]
    composite = parts[0] + parts[2] + parts[4] + parts[5]
    line2 = "".join(parts) + check_digit(composite)
    assert len(line1) == 44 and len(line2) == 44
    return line1, line2


# --------------------------------------------------------------------------- NIK


def make_nik(region: Region, birth: dt.date, sex: Sex, serial: int) -> str:
    """A valid NIK: province, regency, district, DDMMYY (day + 40 for women), serial."""
    day = birth.day + (40 if sex == "F" else 0)
    return (
        f"{region.province_code}{region.regency_code}{region.district_code}"
        f"{day:02d}{birth.month:02d}{birth.year % 100:02d}{serial:04d}"
    )


# --------------------------------------------------------------------------- factory


class PeopleFactory:
    """Draws distinct people from a seeded generator."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng
        self.used: set[str] = set()

    def _unique(self, given: tuple[str, ...], surnames: tuple[str, ...]) -> tuple[str, str]:
        for _ in range(200):
            pair = (self.rng.choice(given), self.rng.choice(surnames))
            if f"{pair[0]} {pair[1]}" not in self.used:
                self.used.add(f"{pair[0]} {pair[1]}")
                return pair
        pair = (self.rng.choice(given), self.rng.choice(surnames))
        return pair  # the pools are exhausted: a repeat is acceptable

    def _birth(self, low: int, high: int) -> dt.date:
        return dt.date(
            self.rng.randint(low, high), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )

    def foreign(
        self, mission: Mission, position: str | None = None, sex: Sex | None = None
    ) -> Person:
        sex = sex or ("M" if self.rng.random() < 0.5 else "F")
        given, surname = self._unique(
            mission.given_m if sex == "M" else mission.given_f, mission.surnames
        )
        issue = dt.date(
            self.rng.randint(2022, 2025), self.rng.randint(1, 12), self.rng.randint(1, 28)
        )
        letter = self.rng.choice("CDEFGHJKLMNPRTX")
        return Person(
            given=given,
            surname=surname,
            sex=sex,
            birth_date=self._birth(1965, 1995),
            category=ApplicantCategory.foreign_official,
            position=position or self.rng.choice(POSITIONS_EN),
            country_code=mission.country_code,
            nationality=mission.nationality,
            passport_no=f"{letter}{self.rng.randint(10_000_000, 99_999_999)}",
            passport_issue=issue,
            passport_expiry=issue.replace(year=issue.year + 10) - dt.timedelta(1),
            birth_place=mission.nationality.split(" / ")[-1].title(),
        )

    def local(
        self, region_key: str | None = None, position: str | None = None, sex: Sex | None = None
    ) -> Person:
        sex = sex or ("M" if self.rng.random() < 0.5 else "F")
        given, surname = self._unique(ID_GIVEN_M if sex == "M" else ID_GIVEN_F, ID_SURNAMES)
        region = REGIONS[region_key or self.rng.choice(JAKARTA_AREA)]
        birth = self._birth(1970, 2000)
        street = self.rng.choice(
            (
                "JL. KEMANG RAYA",
                "JL. MARGONDA",
                "JL. MELATI",
                "JL. SUDIRMAN",
                "GG. MAWAR",
                "JL. BY PASS NGURAH RAI",
                "JL. DARMO",
            )
        )
        return Person(
            given=given,
            surname=surname,
            sex=sex,
            birth_date=birth,
            category=ApplicantCategory.local_staff,
            position=position or self.rng.choice(LOCAL_JOBS),
            birth_place=self.rng.choice(BIRTH_PLACES),
            region=region,
            nik=make_nik(region, birth, sex, self.rng.randint(1, 9999)),
            address=f"{street} NO. {self.rng.randint(1, 120)}",
            extra={
                "rt_rw": f"{self.rng.randint(1, 15):03d}/{self.rng.randint(1, 12):03d}",
                "religion": self.rng.choice(("ISLAM", "KRISTEN", "KATOLIK", "HINDU", "BUDDHA")),
                "blood": self.rng.choice(("A", "B", "AB", "O", "-")),
                "marital": self.rng.choice(("KAWIN", "BELUM KAWIN")),
            },
        )
