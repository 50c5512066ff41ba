"""Hostile files for ``samples.hostile``: truncated, encrypted, looping and bomb-sized PDFs,
pictures and archives, each as bytes, deterministic from its arguments."""

from __future__ import annotations

import datetime as dt
import io
import random
import struct
import zipfile
import zlib

from fpdf import FPDF
from PIL import Image
from pypdf import PdfReader, PdfWriter

# --------------------------------------------------------------------------- files


FIXED_TIME = dt.datetime(2026, 11, 16, 9, 15, tzinfo=dt.UTC)


def noise(size: tuple[int, int], seed: int) -> Image.Image:
    """Grey noise, the same for the same seed (Pillow's effect_noise is not seeded)."""
    pixels = random.Random(seed).randbytes(size[0] * size[1])
    return Image.frombytes("L", size, pixels).convert("RGB")


def text_pdf(text: str = "PASSPORT / PASPOR") -> bytes:
    pdf = FPDF()
    pdf.set_creation_date(FIXED_TIME)
    pdf.set_font("helvetica", size=12)
    pdf.add_page()
    pdf.multi_cell(0, 10, text=text)
    return bytes(pdf.output())


def encrypted_pdf(algorithm: str, password: str = "rahasia") -> bytes:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(text_pdf())))
    writer.encrypt(user_password=password, owner_password="owner-" + password, algorithm=algorithm)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def raw_pdf(objects: list[bytes], root: int = 1, prev_loop: bool = False) -> bytes:
    """A hand-written PDF: ``objects[i]`` is object ``i + 1``; a correct xref table."""
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, root)
    if prev_loop:
        trailer += b" /Prev %d" % xref  # the previous table is this one: a loop
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def looping_pdf(variant: int) -> bytes:
    choice = variant % 3
    if choice == 0:  # the page tree holds itself
        return raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [2 0 R 3 0 R] /Count 2 >>",
                b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
            ]
        )
    if choice == 1:  # two page-tree nodes hold each other
        return raw_pdf(
            [
                b"<< /Type /Catalog /Pages 2 0 R >>",
                b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                b"<< /Type /Pages /Kids [2 0 R] /Count 1 /Parent 2 0 R >>",
            ]
        )
    # a stream whose /Length is itself, and an xref chain that points back to itself
    return raw_pdf(
        [
            b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [2 0 R] /Count 1 >>",
            b"<< /Length 3 0 R >>\nstream\nBT ET\nendstream",
        ],
        prev_loop=True,
    )


def object_flood_pdf(count: int) -> bytes:
    """A PDF with ``count`` objects (all but the first three empty dictionaries)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
    ]
    objects += [b"<< >>"] * (count - len(objects))
    return raw_pdf(objects)


def jpeg(size: tuple[int, int] = (400, 600), seed: int = 0) -> bytes:
    out = io.BytesIO()
    noise(size, seed).save(out, format="JPEG", quality=85)
    return out.getvalue()


def png_bomb_header(width: int = 50_000, height: int = 50_000) -> bytes:
    """A PNG that declares ``width`` x ``height`` pixels in a few hundred bytes."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    rows = zlib.compress(b"\x00" * (1 + 3 * 64) * 4, 9)  # a start of the pixel data
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", rows) + chunk(b"IEND", b"")
    )


def jpeg_bomb_header(width: int = 50_000, height: int = 50_000) -> bytes:
    """A real small JPEG whose frame header (SOF0) is rewritten to ``width`` x ``height``."""
    data = bytearray(jpeg((64, 64)))
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, height, width)
    return bytes(data)


def zip_of(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=(2026, 11, 16, 9, 15, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data)
    return out.getvalue()


def zip_bomb(variant: int) -> bytes:
    choice = variant % 3
    if choice == 0:  # real deflate of zeros: ratio about 1000:1
        return zip_of([("passport.pdf", b"\x00" * (20_000_000 + variant))])
    if choice == 1:  # a small entry whose directory claims a terabyte (lying sizes)
        data = bytearray(zip_of([("passport.pdf", b"%PDF-1.4 tiny")]))
        central = data.rfind(b"PK\x01\x02")
        struct.pack_into("<I", data, central + 24, 0xFFFFFFF0)  # uncompressed size
        entry = bytes(data[central : central + 46 + len("passport.pdf")])
        for _ in range(300):  # the same entry listed again and again (overlapping bomb)
            data[central:central] = entry
        return _fix_end_record(bytes(data), 301)
    return zip_of([(f"scan-{i:05d}.pdf", b"%PDF") for i in range(5_000)])


def _fix_end_record(data: bytes, entries: int) -> bytes:
    out = bytearray(data)
    end = out.rfind(b"PK\x05\x06")
    central = out.find(b"PK\x01\x02")
    struct.pack_into("<HHII", out, end + 8, entries, entries, end - central, central)
    return bytes(out)


def winmail(files: list[tuple[str, bytes]]) -> bytes:
    """A winmail.dat (TNEF) carrying ``files``, as Outlook sends with Rich Text on."""
    signature, key = 0x223E9F78, 0x1234
    out = bytearray(struct.pack("<IH", signature, key))

    def attribute(level: int, ident: int, value: bytes) -> bytes:
        checksum = sum(value) & 0xFFFF
        return struct.pack("<BII", level, ident, len(value)) + value + struct.pack("<H", checksum)

    out += attribute(1, 0x00089006, struct.pack("<I", 0x00010000))  # attTnefVersion
    out += attribute(1, 0x00078008, b"IPM.Microsoft Mail.Note\x00")  # attMessageClass
    for name, data in files:
        out += attribute(2, 0x00069002, b"\x01\x00\xff\xff\xff\xff" + b"\x00" * 8)
        out += attribute(2, 0x00018010, name.encode("cp1252", "replace")[:63] + b"\x00")
        out += attribute(2, 0x0006800F, data)
        encoded = name.encode("utf-16-le") + b"\x00\x00"
        props = struct.pack("<I", 2)
        props += struct.pack("<HHI", 0x0003, 0x0E21, 1)  # PR_ATTACH_NUM
        props += struct.pack("<HH", 0x001F, 0x3707)  # PR_ATTACH_LONG_FILENAME (unicode)
        props += struct.pack("<II", 1, len(encoded)) + encoded + b"\x00" * (-len(encoded) % 4)
        out += attribute(2, 0x00069005, props)
    return bytes(out)


def docx_bytes() -> bytes:
    return zip_of(
        [
            ("[Content_Types].xml", b"<Types/>"),
            (
                "word/document.xml",
                b'<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                b'2006/main"><w:body><w:p><w:r><w:t>PASSPORT</w:t></w:r></w:p></w:body>'
                b"</w:document>",
            ),
        ]
    )
