"""Binary makers: text PDFs (fpdf2), photos and scans (Pillow), broken and wrong files.

Every maker is deterministic: randomness comes from an explicit ``seed``, PDFs carry a
fixed creation date, ZIP entries a fixed timestamp.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import io
import os
import random
import tempfile
import unicodedata
import zipfile
from pathlib import Path
from typing import Literal
from xml.sax.saxutils import escape

from fpdf import FPDF
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = FONT_DIR / "DejaVuSans.ttf"
FONT_BOLD = FONT_DIR / "DejaVuSans-Bold.ttf"
FONT_MONO = FONT_DIR / "DejaVuSansMono.ttf"
PDF_DATE = dt.datetime(2026, 11, 1, 9, 0, tzinfo=dt.UTC)
MAX_BYTES = 1_048_576

Background = Literal["red", "blue", "white"]
BACKGROUNDS: dict[str, tuple[int, int, int]] = {
    "red": (196, 22, 34),
    "blue": (38, 96, 196),
    "white": (246, 246, 244),
}

Page = tuple[str, list[str]]  # (title, lines)


def _latin1(text: str) -> str:
    """Fallback when no Unicode font is installed: strip accents, drop the rest."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return plain.replace("–", "-")


def _is_mrz(line: str) -> bool:
    return len(line) == 44 and "<" in line and " " not in line


def _has_unicode_font() -> bool:
    return FONT.exists() and FONT_BOLD.exists() and FONT_MONO.exists()


# Latin (with Extended-A/B), general punctuation, the euro sign: every name the corpus prints.
_UNICODES = [*range(0x20, 0x250), *range(0x2000, 0x2070), 0x20AC]


@functools.cache
def _latin_fonts() -> dict[str, str]:
    """DejaVu fonts cut down to Latin, written once to a temp dir.

    fpdf2 parses the whole TTF for every document; DejaVu Sans has ~6,000 glyphs, which
    makes a corpus of hundreds of PDFs slow. The cut-down copies parse ten times faster
    and print the same text.
    """
    from fontTools import subset as ftsubset  # type: ignore[import-untyped]
    from fontTools.ttLib import TTFont  # type: ignore[import-untyped]

    out: dict[str, str] = {}
    for key, source in (("regular", FONT), ("bold", FONT_BOLD), ("mono", FONT_MONO)):
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        folder = Path(tempfile.gettempdir()) / f"fasdip-samples-fonts-{digest}"
        target = folder / f"{source.stem}-latin.ttf"
        if not target.exists():
            folder.mkdir(parents=True, exist_ok=True)
            options = ftsubset.Options()
            options.glyph_names = True
            options.notdef_outline = True
            options.name_IDs = ["*"]
            # FontForge's timestamp table: fontTools cannot subset it and says so on stderr.
            options.drop_tables += ["FFTM"]
            font = TTFont(str(source), recalcTimestamp=False)
            subsetter = ftsubset.Subsetter(options)
            subsetter.populate(unicodes=_UNICODES)
            subsetter.subset(font)
            partial = folder / f"{target.name}.{os.getpid()}.part"
            font.save(str(partial))
            os.replace(partial, target)
        out[key] = str(target)
    return out


def new_pdf(bold: bool = False, mono: bool = False) -> FPDF:
    """A fresh A4 FPDF with a fixed creation date and DejaVu Sans (plus bold / mono if asked).

    Only the fonts a document uses are loaded: each one costs time at output.
    """
    pdf = FPDF(format="A4")
    pdf.set_creation_date(PDF_DATE)
    if _has_unicode_font():
        fonts = _latin_fonts()
        pdf.add_font("DejaVu", "", fonts["regular"])
        if bold:
            pdf.add_font("DejaVu", "B", fonts["bold"])
        if mono:
            pdf.add_font("DejaVuMono", "", fonts["mono"])
    return pdf


def text_pdf_pages(pages: list[Page], image: bytes | None = None) -> bytes:
    """A PDF with a text layer, one page per (title, lines); ``image`` goes top right of page 1."""
    has_mrz = any(_is_mrz(line) for _, lines in pages for line in lines)
    pdf = new_pdf(mono=has_mrz)
    unicode_font = _has_unicode_font()
    body, mono = ("DejaVu", "DejaVuMono") if unicode_font else ("Helvetica", "Courier")
    fix = (lambda s: s) if unicode_font else _latin1
    for number, (title, lines) in enumerate(pages):
        pdf.add_page()
        if image is not None and number == 0:
            pdf.image(io.BytesIO(image), x=160, y=12, w=35)
        width = 140 if image is not None and number == 0 else 0  # beside the picture
        pdf.set_font(body, "", 15)
        pdf.multi_cell(width, 8, fix(title), new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.ln(4)
        for line in lines:
            if _is_mrz(line):
                pdf.set_font(mono, "", 10.5)
                pdf.cell(0, 6, line, new_x="LMARGIN", new_y="NEXT", align="L")
                continue
            pdf.set_font(body, "", 10.5)
            if not line:
                pdf.ln(4)
                continue
            pdf.multi_cell(width, 5.5, fix(line), new_x="LMARGIN", new_y="NEXT", align="L")
    return bytes(pdf.output())


def text_pdf(title: str, lines: list[str], image: bytes | None = None) -> bytes:
    """A one-document PDF with a text layer; the title is the first line."""
    return text_pdf_pages([(title, lines)], image)


# --------------------------------------------------------------------------- images


def _noise(size: tuple[int, int], seed: int) -> Image.Image:
    rng = random.Random(seed)
    return Image.frombytes("RGB", size, rng.randbytes(size[0] * size[1] * 3))


def photo_jpeg(
    background: Background = "red", width: int = 400, height: int = 600, seed: int = 0
) -> bytes:
    """A passport-style portrait: plain background, head-and-shoulders silhouette, light noise."""
    rng = random.Random(seed)
    image = Image.new("RGB", (width, height), BACKGROUNDS[background])
    draw = ImageDraw.Draw(image)
    cx = width // 2 + rng.randint(-8, 8)
    skin = rng.choice(((224, 184, 150), (198, 144, 108), (150, 104, 72), (236, 200, 170)))
    hair = rng.choice(((30, 24, 20), (80, 56, 36), (150, 120, 80), (60, 60, 60)))
    suit = rng.choice(((28, 32, 44), (50, 50, 56), (20, 40, 80)))
    head_w, head_h = int(width * 0.36), int(height * 0.33)
    top = int(height * 0.16)
    # shoulders and torso
    draw.ellipse(
        (cx - int(width * 0.48), int(height * 0.66), cx + int(width * 0.48), int(height * 1.25)),
        fill=suit,
    )
    draw.polygon(
        [
            (cx - width // 10, int(height * 0.66)),
            (cx + width // 10, int(height * 0.66)),
            (cx, int(height * 0.86)),
        ],
        fill=(235, 235, 235),
    )
    draw.rectangle(
        (cx - width // 14, int(height * 0.52), cx + width // 14, int(height * 0.68)), fill=skin
    )
    # hair, head, eyes, mouth
    draw.ellipse(
        (cx - head_w // 2 - 6, top - 14, cx + head_w // 2 + 6, top + head_h // 2 + 10), fill=hair
    )
    draw.ellipse((cx - head_w // 2, top, cx + head_w // 2, top + head_h), fill=skin)
    eye_y = top + int(head_h * 0.45)
    for dx in (-head_w // 5, head_w // 5):
        draw.ellipse((cx + dx - 6, eye_y - 4, cx + dx + 6, eye_y + 4), fill=(40, 30, 30))
    draw.line(
        (cx - head_w // 8, top + int(head_h * 0.75), cx + head_w // 8, top + int(head_h * 0.75)),
        fill=(150, 70, 70),
        width=3,
    )
    image = image.filter(ImageFilter.GaussianBlur(1.2))
    image = Image.blend(image, _noise(image.size, seed + 1), 0.05)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _font(size: int, mono: bool = False) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
    path = FONT_MONO if mono else FONT
    if path.exists():
        return ImageFont.truetype(str(path), size)
    return ImageFont.load_default()


def page_scan_jpeg(
    title: str, lines: list[str], seed: int = 0, photo: bytes | None = None
) -> bytes:
    """An A4 page at 120 dpi with the text drawn on it, slightly tilted and grey: a scan."""
    width, height = 992, 1403
    page = Image.new("L", (width, height), 250)
    draw = ImageDraw.Draw(page)
    y = 90
    draw.text((80, y), title, fill=20, font=_font(30))
    y += 70
    for line in lines:
        mono = _is_mrz(line)
        draw.text((80, y), line, fill=30, font=_font(19 if mono else 20, mono))
        y += 34
    if photo is not None:
        portrait = Image.open(io.BytesIO(photo)).convert("L").resize((150, 225))
        page.paste(portrait, (width - 250, 80))
    rng = random.Random(seed)
    page = page.rotate(rng.uniform(-0.8, 0.8), fillcolor=235, resample=Image.Resampling.BICUBIC)
    noise = Image.frombytes("L", page.size, rng.randbytes(width * height))
    page = Image.blend(page, noise, 0.04)
    out = io.BytesIO()
    page.save(out, "JPEG", quality=70)
    return out.getvalue()


def scanned_pdf(image_jpeg: bytes) -> bytes:
    """A PDF whose only page is the given JPEG: no text layer, like a scanner's output."""
    pdf = FPDF(format="A4")
    pdf.set_creation_date(PDF_DATE)
    pdf.set_producer("HP Digital Sending Software 5.0")
    pdf.add_page()
    pdf.image(io.BytesIO(image_jpeg), x=0, y=0, w=210, h=297)
    return bytes(pdf.output())


def oversized_pdf(
    title: str, lines: list[str], seed: int = 0, min_bytes: int = MAX_BYTES + 150_000
) -> bytes:
    """A valid text PDF padded with an incompressible (noise) image to above ``min_bytes``."""
    side = 700
    while True:
        out = io.BytesIO()
        _noise((side, side), seed).save(out, "JPEG", quality=95)
        pdf = new_pdf()
        if _has_unicode_font():
            pdf.set_font("DejaVu", "", 10.5)
        else:
            pdf.set_font("Helvetica", "", 10.5)
            title, lines = _latin1(title), [_latin1(x) for x in lines]
        pdf.add_page()
        pdf.multi_cell(0, 8, title, new_x="LMARGIN", new_y="NEXT", align="L")
        for line in lines:
            pdf.multi_cell(0, 5.5, line or " ", new_x="LMARGIN", new_y="NEXT", align="L")
        pdf.add_page()
        pdf.image(out, x=10, y=10, w=190)  # "a high-resolution scan of the signature page"
        data = bytes(pdf.output())
        if len(data) > min_bytes:
            return data
        side += 150


def encrypted_pdf(pdf_bytes: bytes, password: str = "emb-2026", seed: int = 0) -> bytes:
    """The given PDF encrypted with a user password (RC4-128, a fixed file ID: reproducible)."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf_bytes)))
    file_id = ByteStringObject(random.Random(seed).randbytes(16))
    writer._ID = ArrayObject((file_id, file_id))
    writer.encrypt(user_password=password, owner_password=password + "-owner", algorithm="RC4-128")
    writer._ID = ArrayObject((file_id, file_id))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def corrupt_pdf(pdf_bytes: bytes, seed: int = 0) -> bytes:
    """A PDF cut short and garbled in the middle (a broken transfer): starts with ``%PDF-``."""
    rng = random.Random(seed)
    cut = pdf_bytes[: max(400, len(pdf_bytes) * 2 // 5)]
    middle = len(cut) // 2
    return cut[:middle] + rng.randbytes(600) + cut[middle + 600 :]


def docx_bytes(title: str, lines: list[str]) -> bytes:
    """A minimal Word document (OOXML zip): "a Word file where a PDF was asked"."""
    paragraphs = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(text)}</w:t></w:r></w:p>'
        for text in [title, *lines]
    )
    files = {
        "[Content_Types].xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
            'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.'
            'openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
        ),
        "_rels/.rels": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
        ),
        "word/document.xml": (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body>{paragraphs}</w:body></w:document>"
        ),
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in files.items():
            archive.writestr(
                zipfile.ZipInfo(name, date_time=(2026, 11, 1, 9, 0, 0)),
                text,
                compress_type=zipfile.ZIP_DEFLATED,
            )
    return out.getvalue()


def emblem_jpeg(seed: int = 0, size: int = 220) -> bytes:
    """A round letterhead seal for notes (keeps a note at a realistic size)."""
    rng = random.Random(seed)
    image = Image.new("RGB", (size, size), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    colour = rng.choice(((20, 40, 120), (120, 20, 30), (20, 90, 50), (90, 70, 20)))
    draw.ellipse((6, 6, size - 6, size - 6), outline=colour, width=8)
    draw.ellipse((30, 30, size - 30, size - 30), outline=colour, width=3)
    for _ in range(7):
        r = rng.randint(12, 40)
        x, y = rng.randint(60, size - 60), rng.randint(60, size - 60)
        draw.regular_polygon((x, y, r), rng.randint(3, 8), fill=colour)
    image = Image.blend(image, _noise(image.size, seed), 0.08)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=90)
    return out.getvalue()
