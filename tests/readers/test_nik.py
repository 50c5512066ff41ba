"""The NIK rules: 16 digits, Kemendagri region codes, DDMMYY with day + 40 for women."""

from __future__ import annotations

import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from readers.nik import check_nik

TODAY = dt.date(2026, 1, 15)


def test_a_valid_nik_decodes_region_date_and_sex() -> None:
    # 31.74.07: Kebayoran Baru, Kota Administrasi Jakarta Selatan (Kemendagri codes).
    check = check_nik("3174071508900001", dt.date(1990, 8, 15), "LAKI-LAKI", today=TODAY)
    assert check.valid and check.consistent
    assert check.district == "Kebayoran Baru"
    assert check.birth_date == dt.date(1990, 8, 15) and check.sex == "M"


def test_a_woman_has_forty_added_to_the_day() -> None:
    check = check_nik("3174075508900001", dt.date(1990, 8, 15), "PEREMPUAN", today=TODAY)
    assert check.valid and check.consistent and check.sex == "F"


def test_an_unknown_region_is_a_problem() -> None:
    assert check_nik("9901011508900001", None, None, today=TODAY).problems == [
        "unknown province code 99"
    ]
    assert "unknown regency/city code 31.99" in check_nik("3199011508900001", None, None).problems


def test_february_30_is_impossible() -> None:
    check = check_nik("3174073002900001", None, None, today=TODAY)
    assert not check.valid and check.problems == ["impossible birth date 300290"]


def test_not_sixteen_digits() -> None:
    assert not check_nik("317407150890001", None, None).valid


def test_a_nik_that_disagrees_with_the_printed_sex_or_date_is_a_mismatch() -> None:
    male = check_nik("3174071508900001", dt.date(1990, 8, 15), "PEREMPUAN", today=TODAY)
    assert male.valid and male.consistent is False
    assert male.mismatches == ["NIK says male, card says female"]
    other_day = check_nik("3174071508900001", dt.date(1990, 8, 16), "LAKI-LAKI", today=TODAY)
    assert other_day.mismatches == ["NIK birth date 1990-08-15, printed 1990-08-16"]


def test_a_pre_2022_papua_code_is_valid_with_a_note() -> None:
    # 91.01 was Merauke (Papua) before the split; now 93.01 (Papua Selatan).
    check = check_nik("9101011508900001", None, None, today=TODAY)
    assert check.valid and check.regency == "Kabupaten Merauke"
    assert "pre-2022" in check.notes[0]


DISTRICTS = ["31.74.07", "32.76.01", "35.78.09", "51.71.01", "93.01.01", "91.01.01", "92.71.01"]


@settings(max_examples=150, deadline=None)
@given(
    district=st.sampled_from(DISTRICTS),
    birth=st.dates(dt.date(1930, 1, 1), dt.date(2025, 12, 31)),
    female=st.booleans(),
    serial=st.integers(1, 9999),
)
def test_any_nik_built_from_a_region_date_and_sex_validates_and_decodes_back(
    district: str, birth: dt.date, female: bool, serial: int
) -> None:
    day = birth.day + (40 if female else 0)
    nik = f"{district.replace('.', '')}{day:02d}{birth:%m%y}{serial:04d}"
    sex = "PEREMPUAN" if female else "LAKI-LAKI"
    check = check_nik(nik, birth, sex, today=TODAY)
    assert check.valid and check.consistent, check
    assert check.birth_date == birth and check.sex == ("F" if female else "M")
