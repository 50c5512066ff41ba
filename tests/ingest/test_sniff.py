"""``sniff`` tells a file's real format from its bytes, whatever its name says."""

from __future__ import annotations

import io
import zipfile

import pytest

from fasdip.models import FileFormat
from ingest import sniff
from tests.ingest.ingest_builders import as_bytes, make_email, make_image, make_jpeg, make_pdf


def _zip(*names: str) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name in names:
            archive.writestr(name, "<xml/>")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        (make_pdf("Nota"), FileFormat.pdf),
        (b"\xef\xbb\xbf junk before the header %PDF-1.7\n", FileFormat.pdf),
        (make_jpeg((40, 40)), FileFormat.jpeg),
        (make_image("PNG", (10, 10)), FileFormat.png),
        (make_image("GIF", (10, 10)), FileFormat.gif),
        (make_image("TIFF", (10, 10)), FileFormat.tiff),
        (make_image("BMP", (10, 10)), FileFormat.bmp),
        (make_image("WEBP", (10, 10)), FileFormat.webp),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic", FileFormat.heic),
        (_zip("word/document.xml", "[Content_Types].xml"), FileFormat.docx),
        (_zip("xl/workbook.xml"), FileFormat.xlsx),
        (_zip("scan1.pdf"), FileFormat.zip),
        (b"PK\x03\x04 a damaged archive", FileFormat.zip),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, FileFormat.ole),
        (b"\x78\x9f\x3e\x22\x01\x00", FileFormat.tnef),
        (as_bytes(make_email()), FileFormat.rfc822),
        (b"<!DOCTYPE html><html><body>Hi</body></html>", FileFormat.html),
        ("Dengan hormat, Kedutaan Besar…".encode(), FileFormat.text),
        (b"", FileFormat.empty),
        (bytes(range(256)) * 4, FileFormat.unknown),
    ],
)
def test_sniff_detects_the_real_format(data: bytes, expected: FileFormat) -> None:
    assert sniff(data) is expected
