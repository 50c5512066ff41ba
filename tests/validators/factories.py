"""Real test files for the validators: PDFs (fpdf2), JPEG photos (Pillow), attachments.

``build_attachment`` fills ``detected_format`` and ``ContentInfo`` from the bytes the way
ingest does (magic bytes, pypdf, Pillow), so that the validators are tested on what they
will really receive.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass

from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw
from pypdf import PdfReader
from pypdf.errors import PdfReadError

from config.catalog import FindingCatalog
from config.office import OfficeConfig, load_office
from config.settings import Settings, load_settings
from fasdip.models import Attachment, ContentInfo, FileFormat

RED = (200, 16, 30)
DARK_RED = (120, 12, 22)
BLUE = (25, 70, 200)
LIGHT_BLUE = (120, 170, 230)
WHITE = (250, 250, 250)
GREY = (128, 128, 128)


@dataclass(frozen=True)
class Office:
    settings: Settings
    config: OfficeConfig
    catalog: FindingCatalog


def load_bundled_office() -> Office:
    settings = load_settings()
    config = load_office(settings)
    return Office(settings, config, FindingCatalog(config.messages, config.requirements))


# --------------------------------------------------------------------------- files


def make_pdf(*pages: str, password: str | None = None) -> bytes:
    """A real PDF with a text layer, one page per argument."""
    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    for text in pages or ("",):
        pdf.add_page()
        pdf.multi_cell(0, 6, text)
    if password is not None:
        pdf.set_encryption(owner_password=password + "-owner", user_password=password)
    return bytes(pdf.output())


def make_photo(
    background: tuple[int, int, int],
    *,
    size: tuple[int, int] = (400, 600),
    noise: int = 0,
    quality: int = 90,
    seed: int = 7,
) -> bytes:
    """A passport-style JPEG: a plain background, a face and shoulders in the middle."""
    width, height = size
    img = Image.new("RGB", size, background)
    if noise:  # independent noise of +/- ``noise`` on each channel, reproducible
        rng = random.Random(seed)
        bands = []
        for band in img.split():
            grain = Image.frombytes("L", size, rng.randbytes(width * height))
            grain = grain.point(lambda v: v * (2 * noise + 1) // 256)
            bands.append(ImageChops.add(band, grain, 1.0, -noise))
        img = Image.merge("RGB", bands)
    draw = ImageDraw.Draw(img)
    draw.ellipse((width * 0.32, height * 0.18, width * 0.68, height * 0.55), fill=(224, 172, 140))
    draw.ellipse((width * 0.30, height * 0.12, width * 0.70, height * 0.30), fill=(40, 30, 25))
    draw.rectangle((width * 0.45, height * 0.52, width * 0.55, height * 0.62), fill=(214, 162, 130))
    draw.ellipse((width * 0.12, height * 0.60, width * 0.88, height * 1.30), fill=(30, 35, 60))
    out = io.BytesIO()
    img.save(out, "JPEG", quality=quality)
    return out.getvalue()


def make_png(background: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (300, 400), background).save(out, "PNG")
    return out.getvalue()


def _sniff(data: bytes) -> FileFormat:
    if not data:
        return FileFormat.empty
    if data.startswith(b"%PDF-"):
        return FileFormat.pdf
    if data.startswith(b"\xff\xd8\xff"):
        return FileFormat.jpeg
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return FileFormat.png
    if data.startswith(b"PK\x03\x04"):
        return FileFormat.zip
    return FileFormat.unknown


def inspect_like_ingest(data: bytes) -> tuple[FileFormat, ContentInfo]:
    fmt = _sniff(data)
    if fmt is FileFormat.empty:
        return fmt, ContentInfo(readable=False, problem="empty", problem_detail="0 bytes")
    if fmt is FileFormat.pdf:
        try:
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted:
                return fmt, ContentInfo(readable=False, problem="encrypted")
            pages = len(reader.pages)
            if pages == 0:
                return fmt, ContentInfo(readable=False, problem="no_pages", page_count=0)
            text = "\n".join(page.extract_text() or "" for page in reader.pages)
        except (PdfReadError, ValueError, KeyError, OSError) as exc:
            return fmt, ContentInfo(readable=False, problem="corrupt", problem_detail=str(exc))
        return fmt, ContentInfo(readable=True, page_count=pages, text=text)
    if fmt in (FileFormat.jpeg, FileFormat.png):
        try:
            with Image.open(io.BytesIO(data)) as img:
                img.load()
                return fmt, ContentInfo(readable=True, width=img.width, height=img.height)
        except (OSError, SyntaxError, ValueError) as exc:
            return fmt, ContentInfo(readable=False, problem="corrupt", problem_detail=str(exc))
    return fmt, ContentInfo(readable=True)


def build_attachment(
    filename: str,
    data: bytes,
    *,
    att_id: str = "a1",
    detected_format: FileFormat | None = None,
    size: int | None = None,
    content: ContentInfo | None = None,
) -> Attachment:
    fmt, info = inspect_like_ingest(data)
    declared = {"pdf": "application/pdf", "jpeg": "image/jpeg", "png": "image/png"}
    return Attachment(
        id=att_id,
        filename=filename,
        declared_type=declared.get(fmt.value, "application/octet-stream"),
        detected_format=detected_format or fmt,
        size=len(data) if size is None else size,
        sha256=hashlib.sha256(data).hexdigest(),
        content=content or info,
        data=data,
    )


def make_pdf_without_pages() -> bytes:
    """A well-formed PDF whose page tree is empty (a real case: a broken export)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [] /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)
