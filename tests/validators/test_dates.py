"""Dates in Indonesian and English prose: examples and a round-trip property."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.validators.factories import load_bundled_office
from validators import find_dates, format_date_en, format_date_id

MONTHS = load_bundled_office().config.keywords.months
D = dt.date


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("15 Januari 2027", D(2027, 1, 15), None),
        ("15 January 2027", D(2027, 1, 15), None),
        ("January 15, 2027", D(2027, 1, 15), None),
        ("15th of January 2027", D(2027, 1, 15), None),
        ("Monday, 15 February 2027", D(2027, 2, 15), None),
        ("Senin, 15 Pebruari 2027", D(2027, 2, 15), None),
        ("10-12 Februari 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("10 to 12 February 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("10 s.d. 12 Februari 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("10 s/d 12 Februari 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("10 sampai dengan 12 Februari 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("10 – 12 Feb 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("30 January – 2 February 2027", D(2027, 1, 30), D(2027, 2, 2)),
        ("30 Desember 2026 - 2 Januari 2027", D(2026, 12, 30), D(2027, 1, 2)),
        ("30 December – 2 January 2027", D(2026, 12, 30), D(2027, 1, 2)),
        ("February 10-12, 2027", D(2027, 2, 10), D(2027, 2, 12)),
        ("15/01/2027", D(2027, 1, 15), None),
        ("15-01-2027", D(2027, 1, 15), None),
        ("15.01.2027", D(2027, 1, 15), None),
        ("05/03/2027", D(2027, 3, 5), None),  # day first
        ("2027-01-15", D(2027, 1, 15), None),
        ("3 Feb. 2027", D(2027, 2, 3), None),
        ("1 MEI 2027", D(2027, 5, 1), None),
        ("22nd of Agustus, 2027", D(2027, 8, 22), None),
    ],
)
def test_supported_forms(text: str, start: dt.date, end: dt.date | None) -> None:
    sentence = f"The visit will take place on {text}. Terima kasih."
    found = find_dates(sentence, MONTHS)
    assert len(found) == 1, found
    assert found[0].date == start
    assert found[0].end == end
    assert found[0].text in text
    assert sentence[found[0].start_index : found[0].end_index] == found[0].text


@pytest.mark.parametrize(
    "text",
    [
        "31 February 2027",
        "29 Februari 2027",
        "30/02/2027",
        "2027-02-30",
        "2027-13-01",
        "15/13/2027",
        "12-10 Februari 2027",  # a range that ends before it starts
        "32 January 2027",
        "15 Januari",  # no year
        "Nota No. 12/2027",
        "phone 0812-3456-7890",
        "GA 881 at 10.30",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, MONTHS) == []


def test_leap_day() -> None:
    assert find_dates("29 Februari 2028", MONTHS)[0].date == D(2028, 2, 29)


def test_several_dates_in_order() -> None:
    text = (
        "Jakarta, 3 February 2027\nThe Embassy informs that the Ambassador will visit "
        "Surabaya on 10-12 March 2027 and Bali on 15/03/2027."
    )
    found = find_dates(text, MONTHS)
    assert [(f.date, f.end) for f in found] == [
        (D(2027, 2, 3), None),
        (D(2027, 3, 10), D(2027, 3, 12)),
        (D(2027, 3, 15), None),
    ]
    assert [f.start_index for f in found] == sorted(f.start_index for f in found)


def test_format_for_readers() -> None:
    assert format_date_id(D(2027, 2, 10)) == "10 Februari 2027"
    assert format_date_en(D(2027, 2, 10)) == "10 February 2027"
    assert format_date_id(D(2027, 8, 1)) == "1 Agustus 2027"


# --------------------------------------------------------------------------- property

WEEKDAYS = {
    "en": ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
    "id": ["Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu"],
}
RANGE_SEPARATORS = [
    "-",
    "–",
    " - ",
    " – ",
    " to ",
    " s.d. ",
    " s/d ",
    " sampai ",
    " hingga ",
    " until ",
    " sampai dengan ",
    " sd ",
]
PREFIXES = ["", "on ", "pada tanggal ", "Kunjungan: ", "(", "tanggal\n", "from\t"]
SUFFIXES = ["", ".", ",", ")", " and the delegation", ". Terima kasih", "\n"]
dates = st.dates(min_value=D(1900, 1, 1), max_value=D(2099, 12, 31))


def ordinal(day: int) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return f"{day}{suffix}"


@st.composite
def month_names(draw: st.DrawFn, month: int) -> str:
    name = draw(st.sampled_from(MONTHS[month]))
    return draw(st.sampled_from([name, name.title(), name.upper()]))


@st.composite
def day_words(draw: st.DrawFn, day: int) -> str:
    return draw(st.sampled_from([str(day), f"{day:02d}", ordinal(day)]))


@st.composite
def single_date(draw: st.DrawFn, d: dt.date) -> str:
    style = draw(st.sampled_from(["dmy", "dmy_of", "mdy", "mdy_nocomma", "num", "iso"]))
    month = draw(month_names(d.month))
    day = draw(day_words(d.day))
    if style == "dmy":
        return f"{day} {month} {d.year}"
    if style == "dmy_of":
        return f"{ordinal(d.day)} of {month} {d.year}"
    if style == "mdy":
        return f"{month} {day}, {d.year}"
    if style == "mdy_nocomma":
        return f"{month} {day} {d.year}"
    if style == "num":
        sep = draw(st.sampled_from(["/", "-", "."]))
        dd = draw(st.sampled_from([str(d.day), f"{d.day:02d}"]))
        mm = draw(st.sampled_from([str(d.month), f"{d.month:02d}"]))
        return f"{dd}{sep}{mm}{sep}{d.year}"
    return d.isoformat()


@given(d=dates, data=st.data())
@settings(max_examples=400, deadline=None, database=None)
def test_any_single_date_is_found_back(d: dt.date, data: st.DataObject) -> None:
    written = data.draw(single_date(d))
    prefix = data.draw(st.sampled_from(PREFIXES))
    if data.draw(st.booleans()):
        lang = data.draw(st.sampled_from(["en", "id"]))
        prefix = f"{prefix}{WEEKDAYS[lang][d.weekday()]}, "
    text = prefix + written + data.draw(st.sampled_from(SUFFIXES))
    found = find_dates(text, MONTHS)
    assert len(found) == 1, (text, found)
    assert found[0].date == d
    assert found[0].end is None
    assert found[0].text == written
    assert text[found[0].start_index : found[0].end_index] == written


@given(start=dates, length=st.integers(min_value=1, max_value=60), data=st.data())
@settings(max_examples=400, deadline=None, database=None)
def test_any_range_is_found_back(start: dt.date, length: int, data: st.DataObject) -> None:
    end = start + dt.timedelta(days=length)
    if end.year > 2099:
        return
    sep = data.draw(st.sampled_from(RANGE_SEPARATORS))
    m1, m2 = data.draw(month_names(start.month)), data.draw(month_names(end.month))
    d1, d2 = data.draw(day_words(start.day)), data.draw(day_words(end.day))
    if (start.year, start.month) == (end.year, end.month):
        style = data.draw(st.sampled_from(["dmy", "mdy", "cross"]))
    else:
        style = "cross"
    if style == "dmy":
        written = f"{d1}{sep}{d2} {m2} {end.year}"
    elif style == "mdy":
        written = f"{m1} {d1}{sep}{d2}, {end.year}"
    elif start.year == end.year and data.draw(st.booleans()):
        written = f"{d1} {m1}{sep}{d2} {m2} {end.year}"
    else:
        written = f"{d1} {m1} {start.year}{sep}{d2} {m2} {end.year}"
    text = data.draw(st.sampled_from(PREFIXES)) + written + data.draw(st.sampled_from(SUFFIXES))
    found = find_dates(text, MONTHS)
    assert len(found) == 1, (text, found)
    assert (found[0].date, found[0].end) == (start, end)
    assert found[0].text == written
