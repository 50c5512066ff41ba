"""Property tests of the small parsers: header values, file names, sniffing, the ZIP
directory and winmail.dat readers. None raises on any input; each keeps its promise."""

from __future__ import annotations

import datetime as dt
import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from config.settings import LimitsSettings
from fasdip.models import FileFormat
from ingest import headers as hdr
from ingest import sniff
from ingest.archives import list_zip
from ingest.filenames import _BIDI, MAX_NAME_CHARS, clean_filename, fallback_name
from ingest.inspect import read_winmail, read_zip
from ingest.mime import header_block, long_line
from ingest.tnef import list_tnef
from samples import hostile_files
from tests.ingest.test_properties import FUZZ, _mutate, _mutation

_header_text = st.one_of(
    st.text(max_size=300),
    st.binary(max_size=300).map(lambda b: b.decode("utf-8", "surrogateescape")),
    st.builds(
        lambda charset, enc, body: f"=?{charset}?{enc}?{body}?=",
        st.sampled_from(["utf-8", "iso-8859-1", "x-unknown", "utf-8\x00", ""]),
        st.sampled_from(["b", "q", "B", "Q", "x"]),
        st.text(max_size=60),
    ),
)


@FUZZ
@given(_header_text)
def test_header_decoding_never_raises_and_gives_clean_text(value: str) -> None:
    for text in (hdr.as_text(value), hdr.decode_text(value), hdr.fix_surrogates(value)):
        text.encode("utf-8")  # no lone surrogates left
    assert "\n" not in hdr.decode_text(value)


@FUZZ
@given(_header_text)
def test_dates_are_aware_or_none(value: str) -> None:
    parsed = hdr.parse_date(value)
    assert parsed is None or (isinstance(parsed, dt.datetime) and parsed.tzinfo is not None)
    hdr.received_date([value, value])


@FUZZ
@given(st.lists(_header_text, max_size=4))
def test_addresses_are_lower_case_and_never_empty(values: list[str]) -> None:
    for name, address in hdr.addresses(values):
        assert address == address.strip().lower() and address
        assert isinstance(name, str)
    for message_id in hdr.message_ids(" ".join(values)):
        assert message_id


_hostile_name = st.one_of(
    st.text(max_size=400),
    st.lists(
        st.sampled_from(
            ["..", "/", "\\", "etc", "passwd", "\u202e", "\u2066", "\x00", "\r\n", "a", ".pdf", " "]
        ),
        max_size=30,
    ).map("".join),
)


@FUZZ
@given(_hostile_name)
def test_clean_filename_is_never_a_path_nor_spoofable(name: str) -> None:
    cleaned = clean_filename(name)
    assert "/" not in cleaned and "\\" not in cleaned
    assert cleaned not in (".", "..")
    assert not any(unicodedata.category(ch) == "Cc" for ch in cleaned)
    assert not set(cleaned) & _BIDI
    assert len(cleaned) <= MAX_NAME_CHARS
    assert cleaned == cleaned.strip(" .")
    assert clean_filename(cleaned) == cleaned  # idempotent


@given(st.integers(min_value=1, max_value=10_000), st.sampled_from(list(FileFormat)))
def test_fallback_names_are_plain(number: int, fmt: FileFormat) -> None:
    name = fallback_name(number, fmt)
    assert clean_filename(name) == name


_SEEDS = [
    hostile_files.text_pdf(),
    hostile_files.jpeg((40, 30)),
    hostile_files.png_bomb_header(),
    hostile_files.docx_bytes(),
    hostile_files.zip_of([("a.pdf", b"x")]),
    hostile_files.winmail([("a.pdf", b"%PDF")]),
    b"From: a@b.example\r\nSubject: x\r\n\r\nbody",
]


@FUZZ
@given(st.sampled_from(_SEEDS), st.lists(_mutation, max_size=8))
def test_sniff_never_raises_and_empty_is_only_empty(seed: bytes, mutations) -> None:
    data = _mutate(seed, mutations)
    fmt = sniff(data)
    assert isinstance(fmt, FileFormat)
    assert (fmt is FileFormat.empty) == (data == b"")


@FUZZ
@given(st.binary(max_size=600).map(lambda b: b"%PDF-1.7\n" + b))
def test_sniff_trusts_magic_bytes_not_names(data: bytes) -> None:
    assert sniff(data) is FileFormat.pdf


_ARCHIVES = [
    hostile_files.zip_of([(f"f{i}.pdf", b"%PDF" * i) for i in range(5)]),
    hostile_files.zip_bomb(1),
    hostile_files.winmail([("a.pdf", b"%PDF"), ("b.jpg", b"\xff\xd8")]),
]


@FUZZ
@given(st.sampled_from(_ARCHIVES), st.lists(_mutation, min_size=1, max_size=10))
def test_archive_readers_never_raise_and_stay_bounded(seed: bytes, mutations) -> None:
    data = _mutate(seed, mutations)
    listing = list_zip(data, 50)
    assert len(listing.paths) <= 50
    assert all("/" not in name for name in listing.names)
    tnef = list_tnef(data, 50)
    assert len(tnef.names) <= 50
    limits = LimitsSettings(max_archive_entries=50)
    for info in (read_zip(data, limits), read_winmail(data, limits)):
        assert info.readable and info.problem


@FUZZ
@given(st.binary(max_size=2_000), st.integers(min_value=1, max_value=200))
def test_header_block_and_long_line_agree_with_a_plain_reading(raw: bytes, limit: int) -> None:
    size, fields = header_block(raw)
    assert 0 <= size <= len(raw) and 0 <= fields <= raw[:size].count(b"\n") + 1
    lines = raw.split(b"\n")
    longest = max(len(line[:-1] if line.endswith(b"\r") else line) for line in lines)
    assert long_line(raw, limit) == (longest > limit)


def test_long_line_examples() -> None:
    assert long_line(b"x\rab\r\n", 3)  # a CR inside a line counts
    assert not long_line(b"abc\r\nabc\r\n", 3)
    assert long_line(b"abcd", 3)
    assert not long_line(b"abc\r", 3)
