"""Birth dates a note states next to a name: an ID card for a child under 17 is refused."""

from __future__ import annotations

import datetime as dt

import pytest

from tests.validators.factories import Office
from validators.stated import stated_birth_date

FATHER, SON = "Paulo GONÇALVES", "Junior GONÇALVES"


@pytest.mark.parametrize(
    ("text", "name", "born"),
    [
        (
            f"identity cards for {FATHER}, and his son, {SON}, born on 4 March 2014.",
            SON,
            dt.date(2014, 3, 4),
        ),
        # the son's date is after the son's name: not the father's
        (f"identity cards for {FATHER}, and his son, {SON}, born on 4 March 2014.", FATHER, None),
        (
            f"Kartu Identitas untuk anaknya, {SON}, lahir tanggal 12-05-2012.",
            SON,
            dt.date(2012, 5, 12),
        ),
        (f"{SON}, Attaché, arrived on 4 March 2024.", SON, None),  # a date, not a birth
        (f"an identity card for {FATHER}.", SON, None),  # not named
    ],
    ids=["the son's", "not the father's", "Indonesian", "arrival date", "not named"],
)
def test_a_birth_date_next_to_the_name(
    office: Office, text: str, name: str, born: dt.date | None
) -> None:
    keywords = office.config.keywords
    others = [n for n in (FATHER, SON) if n != name]
    cues = keywords.details["birth_date"]
    assert stated_birth_date(text, name, others, cues, keywords.months) == born
