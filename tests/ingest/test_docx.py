"""The text of a Word document (issue 13 leftover): what a note sent as .docx says is read
as a text PDF's layer is, and a broken, encrypted or oversized one is a clear problem
(never a traceback, never more than the limit inflated)."""

from __future__ import annotations

import io
import struct
import zipfile

import pytest
from hypothesis import given
from hypothesis import strategies as st

from config.settings import IngestSettings, LimitsSettings
from fasdip.models import FileFormat
from ingest import sniff
from ingest.docx import read_docx
from ingest.inspect import read_content
from tests.ingest.test_properties import FUZZ, _mutate, _mutation

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
STRICT = "http://purl.oclc.org/ooxml/wordprocessingml/main"
MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"
TYPES = (
    b'<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/'
    b'content-types"><Override PartName="/word/document.xml" ContentType="application/'
    b'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
)


def document(body: str, namespace: str = W) -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{namespace}"'
        f' xmlns:mc="{MC}"><w:body>{body}<w:sectPr/></w:body></w:document>'
    ).encode()


def package(xml: bytes, name: str = "word/document.xml", entries: int = 0) -> bytes:
    """A Word package as Word writes it: the content types, then the main part."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", TYPES)
        archive.writestr(name, xml)
        for i in range(entries):
            archive.writestr(f"word/media/image{i}.png", b"")
    return buffer.getvalue()


def p(*runs: str) -> str:
    return "<w:p>" + "".join(f"<w:r>{run}</w:r>" for run in runs) + "</w:p>"


def t(text: str) -> str:
    return f'<w:t xml:space="preserve">{text}</w:t>'


def row(*cells: str) -> str:
    return "<w:tr>" + "".join(f"<w:tc>{p(t(cell))}</w:tc>" for cell in cells) + "</w:tr>"


TEXTS = [
    (
        "paragraphs, one a line",
        p(t("NOTE VERBALE")) + p(t("The Embassy "), t("requests a pass for Mr. Ola NORDMANN")),
        "NOTE VERBALE\nThe Embassy requests a pass for Mr. Ola NORDMANN",
    ),
    (
        "a table of applicants: one row a line, cells apart",
        "<w:tbl>" + row("Name", "Position") + row("Ola NORDMANN", "First Secretary") + "</w:tbl>",
        "Name   Position\nOla NORDMANN   First Secretary",
    ),
    (
        "a line break and a tab inside a paragraph",
        p(t("from 14"), "<w:tab/>", t("to 16 December 2026"), "<w:br/>", t("Yogyakarta")),
        "from 14\tto 16 December 2026\nYogyakarta",
    ),
    (
        "a text box is read once (Word writes it twice: DrawingML and a VML fallback)",
        p(
            "<mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>"
            + p(t("No. 123/2026"))
            + "</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>"
            + p(t("No. 123/2026"))
            + "</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent>"
        )
        + p(t("NOTE VERBALE")),
        "No. 123/2026\nNOTE VERBALE",
    ),
    (
        "deleted text of tracked changes and field codes are not the text",
        p(t("for Mr. "), "<w:delText>John DOE</w:delText>", t("Ola NORDMANN"))
        + p("<w:instrText>PAGE \\* MERGEFORMAT</w:instrText>", t("1")),
        "for Mr. Ola NORDMANN\n1",
    ),
    (
        "accents and escaped characters",
        p(t("Mr. Jürgen MÜLLER &amp; Ms. Ø. HANSEN")),
        "Mr. Jürgen MÜLLER & Ms. Ø. HANSEN",
    ),
]


@pytest.mark.parametrize(("kind", "body", "text"), TEXTS, ids=[c[0] for c in TEXTS])
def test_the_text_of_a_word_document_is_read(kind: str, body: str, text: str) -> None:
    data = package(document(body))
    assert sniff(data) is FileFormat.docx
    info = read_content(data, FileFormat.docx, IngestSettings())
    assert info.readable and info.problem is None
    assert info.text == text


def test_strict_ooxml_is_read_too() -> None:
    info = read_docx(package(document(p(t("NOTE VERBALE")), STRICT)), LimitsSettings())
    assert info.text == "NOTE VERBALE"


def _encrypted(data: bytes) -> bytes:
    """The same package with every entry flagged as password-protected (bit 0)."""
    out = bytearray(data)
    for magic, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        start = out.find(magic)
        while start >= 0:
            (flags,) = struct.unpack_from("<H", out, start + offset)
            struct.pack_into("<H", out, start + offset, flags | 1)
            start = out.find(magic, start + 4)
    return bytes(out)


def _lying_size(data: bytes) -> bytes:
    """The main part declares 100 bytes in the central directory but inflates to far more."""
    out = bytearray(data)
    start = out.find(b"PK\x01\x02", out.find(b"word/document.xml") + 1)
    while start >= 0:
        (name_len,) = struct.unpack_from("<H", out, start + 28)
        if out[start + 46 : start + 46 + name_len] == b"word/document.xml":
            struct.pack_into("<I", out, start + 24, 100)
        start = out.find(b"PK\x01\x02", start + 4)
    return bytes(out)


BOMB = document(p(t(" " * 6_000_000)))  # 6 MB of markup, a few KB compressed
LAUGHS = (
    b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY a "aaaaaaaaaa">'
    b'<!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">]><w:document xmlns:w="' + W.encode() + b'">'
    b"<w:body><w:p><w:r><w:t>&b;</w:t></w:r></w:p></w:body></w:document>"
)
GOOD = package(document(p(t("NOTE VERBALE"))))
BROKEN = [
    ("cut off", GOOD[: len(GOOD) // 2], "corrupt"),
    ("no word/document.xml", package(document(p(t("x"))), name="word/other.xml"), "corrupt"),
    ("markup not well-formed", package(b"<w:document><w:body>"), "corrupt"),
    ("a DTD with entities (billion laughs)", package(LAUGHS), "corrupt"),
    ("parts password-protected", _encrypted(GOOD), "encrypted"),
    ("a zip bomb: 6 MB of markup", package(BOMB), "limit:max_docx_xml_bytes"),
    ("too many parts", package(document(""), entries=60), "limit:max_archive_entries"),
    ("the main part lies about its size", _lying_size(package(BOMB)), None),
]


@pytest.mark.parametrize(("kind", "data", "problem"), BROKEN, ids=[c[0] for c in BROKEN])
def test_a_word_document_that_cannot_be_read_says_why(
    kind: str, data: bytes, problem: str | None
) -> None:
    limits = LimitsSettings(max_archive_entries=50)
    info = read_content(data, FileFormat.docx, IngestSettings(), limits)
    assert not info.readable and info.text == ""
    assert info.problem_detail and "Word document" in info.problem_detail
    if problem is not None:
        assert info.problem == problem
    else:  # stopped either by the limit or by the CRC of what it said it held
        assert info.problem in ("corrupt", "limit:max_docx_xml_bytes")


def test_the_limit_is_a_setting() -> None:
    data = package(BOMB)
    assert read_docx(data, LimitsSettings(max_docx_xml_bytes=7_000_000)).text == ""
    assert read_docx(data, LimitsSettings(max_docx_xml_bytes=7_000_000)).readable
    small = read_docx(GOOD, LimitsSettings(max_docx_xml_bytes=100))
    assert small.problem == "limit:max_docx_xml_bytes"


@FUZZ
@given(st.sampled_from([GOOD, package(LAUGHS)]), st.lists(_mutation, min_size=1, max_size=10))
def test_reading_a_word_document_never_raises(seed: bytes, mutations) -> None:
    info = read_docx(_mutate(seed, mutations), LimitsSettings(max_docx_xml_bytes=100_000))
    assert info.readable == (info.problem is None)
    assert len(info.text) <= 100_000
