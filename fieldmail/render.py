"""Files as a mission's office produces them: typed PDFs, scans, Word files, photos.

Fonts differ from ``samples/`` on purpose: DejaVu Serif and Liberation Serif/Mono for the
letters, OCR-B drawn heavier and at its own pitch for machine-readable zones, and the KTP's NIK in
OCR-A Bold (a real e-KTP prints it in OCR-A; ``samples/`` uses the regular weight).
Degradations: scanner noise, a slight rotation, grey photocopies, stamps, JPEG 40-70.
"""

from __future__ import annotations

import datetime as dt
import io
import random
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np
from fpdf import FPDF
from PIL import Image, ImageChops, ImageDraw, ImageFilter, ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype")
FONTS = {
    "serif": FONT_DIR / "dejavu/DejaVuSerif.ttf",
    "serif-bold": FONT_DIR / "dejavu/DejaVuSerif-Bold.ttf",
    "libserif": FONT_DIR / "liberation2/LiberationSerif-Regular.ttf",
    "libserif-bold": FONT_DIR / "liberation2/LiberationSerif-Bold.ttf",
    "mono": FONT_DIR / "liberation2/LiberationMono-Regular.ttf",
    "mono-bold": FONT_DIR / "liberation2/LiberationMono-Bold.ttf",
    "sans-bold": FONT_DIR / "dejavu/DejaVuSans-Bold.ttf",
    "ocrb": Path("/usr/share/fonts/opentype/ocr-b/OCRB.otf"),
    "ocra-bold": FONT_DIR / "ocr-a/OCRABold.ttf",
}
CREATED = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
A4_SCAN = (827, 1169)  # 100 dpi: what an office scanner's "e-mail" preset produces


@dataclass
class Page:
    """One page: either typed text (a text layer) or a picture (a scan, no text layer)."""

    title: str = ""
    lines: list[str] = field(default_factory=list)
    font: str = "serif"
    picture: Image.Image | None = None


def text_pdf(pages: list[Page]) -> bytes:
    """A PDF whose typed pages have a text layer; picture pages are embedded as JPEG."""
    pdf = _pdf()
    pdf.set_auto_page_break(True, margin=18)
    for key in sorted({p.font for p in pages if p.picture is None}):
        pdf.add_font(key, fname=str(FONTS[key]))  # only the faces used: loading one costs ~0.3 s
        pdf.add_font(_bold(key), fname=str(FONTS[_bold(key)]))
    for page in pages:
        pdf.add_page()
        if page.picture is not None:
            pdf.image(_jpeg_stream(page.picture, 60), x=0, y=0, w=210, h=297)
            continue
        pdf.set_font(_bold(page.font), size=13)
        if page.title:
            pdf.multi_cell(0, 8, page.title, align="C", new_x="LMARGIN", new_y="NEXT")
            pdf.ln(4)
        pdf.set_font(page.font, size=10.5)
        for line in page.lines:
            pdf.multi_cell(0, 5.6, line or " ", new_x="LMARGIN", new_y="NEXT")
    return bytes(pdf.output())


def _pdf() -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_creation_date(CREATED)  # not the clock: the same seed gives the same bytes
    return pdf


def _bold(key: str) -> str:
    return f"{key}-bold"


def scan_pdf(pictures: list[Image.Image], quality: int) -> bytes:
    """An image-only PDF (what a scanner writes): one JPEG per page, no text layer."""
    pdf = _pdf()
    for picture in pictures:
        pdf.add_page()
        width = 210.0
        height = min(297.0, width * picture.height / picture.width)
        pdf.image(_jpeg_stream(picture, quality), x=0, y=0, w=width, h=height)
    return bytes(pdf.output())


def _jpeg_stream(picture: Image.Image, quality: int) -> io.BytesIO:
    buf = io.BytesIO()
    picture.convert("RGB").save(buf, "JPEG", quality=quality)
    buf.seek(0)
    return buf


def jpeg(picture: Image.Image, quality: int) -> bytes:
    return _jpeg_stream(picture, quality).getvalue()


def png(picture: Image.Image) -> bytes:
    buf = io.BytesIO()
    picture.convert("RGB").save(buf, "PNG")
    return buf.getvalue()


def font(key: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(str(FONTS[key]), size)


def typed_sheet(title: str, lines: list[str], key: str = "libserif") -> Image.Image:
    """A typed A4 page as a picture (to be scanned)."""
    sheet = Image.new("RGB", A4_SCAN, "white")
    draw = ImageDraw.Draw(sheet)
    head, body = font(_bold(key), 22), font(key, 17)
    y = 70
    if title:
        width = draw.textlength(title, font=head)
        draw.text(((A4_SCAN[0] - width) / 2, y), title, fill="black", font=head)
        y += 60
    for line in lines:
        for piece in _wrap(draw, line, body, A4_SCAN[0] - 150):
            draw.text((75, y), piece, fill="black", font=body)
            y += 25
        if not line:
            y += 10
        if y > A4_SCAN[1] - 60:
            break
    return sheet


def _wrap(
    draw: ImageDraw.ImageDraw, text: str, face: ImageFont.FreeTypeFont, width: int
) -> list[str]:
    words, out, cur = text.split(), [], ""
    for word in words:
        trial = f"{cur} {word}".strip()
        if draw.textlength(trial, font=face) > width and cur:
            out.append(cur)
            cur = word
        else:
            cur = trial
    if cur:
        out.append(cur)
    return out or [""]


def stamp(sheet: Image.Image, rng: random.Random, words: str) -> Image.Image:
    """A round office stamp, violet or red, pressed a little crooked over the lower half."""
    size = 210
    seal = Image.new("RGBA", (size, size), (0, 0, 0, 0))
    draw = ImageDraw.Draw(seal)
    ink = rng.choice([(92, 40, 160, 190), (190, 30, 40, 180), (30, 60, 150, 180)])
    draw.ellipse((6, 6, size - 6, size - 6), outline=ink, width=6)
    draw.ellipse((34, 34, size - 34, size - 34), outline=ink, width=3)
    face = font("sans-bold", 17)
    for i, word in enumerate(words.upper().split()[:3]):
        w = draw.textlength(word, font=face)
        draw.text(((size - w) / 2, 70 + i * 24), word, fill=ink, font=face)
    seal = seal.rotate(rng.uniform(-25, 25), resample=Image.Resampling.BICUBIC)
    out = sheet.convert("RGBA")
    x = rng.randint(sheet.width // 2, sheet.width - size - 20)
    y = rng.randint(int(sheet.height * 0.55), sheet.height - size - 20)
    out.alpha_composite(seal, (x, y))
    return out.convert("RGB")


def degrade(sheet: Image.Image, rng: random.Random, *, grey: bool) -> Image.Image:
    """Scanner noise, a slight rotation, and optionally a grey photocopy's washed contrast."""
    img = sheet.convert("L") if grey else sheet.copy()
    if grey:
        img = img.point(lambda v: int(45 + v * 0.72))
    img = img.rotate(
        rng.uniform(-1.8, 1.8),
        resample=Image.Resampling.BICUBIC,
        expand=False,
        fillcolor="white" if not grey else 230,
    )
    noise = _noise(img.size, rng.uniform(8, 22), rng)
    if img.mode == "RGB":
        noise = Image.merge("RGB", (noise, noise, noise))
    img = Image.blend(img, ImageChops.add(img, noise, scale=1.0, offset=0), 0.35)
    if rng.random() < 0.5:
        img = img.filter(ImageFilter.GaussianBlur(rng.uniform(0.3, 0.7)))
    return img.convert("RGB")


def _noise(size: tuple[int, int], sigma: float, rng: random.Random) -> Image.Image:
    """Gaussian grain from the mail's own random source (Pillow's effect_noise is unseeded)."""
    gen = np.random.default_rng(rng.getrandbits(64))
    grain = np.clip(np.abs(gen.normal(0.0, sigma, (size[1], size[0]))), 0, 255)
    return Image.fromarray(grain.astype(np.uint8), "L")


def oversized(picture: Image.Image, rng: random.Random) -> Image.Image:
    """The same page scanned at 300 dpi in colour with heavy noise: far more than 1 MB."""
    big = picture.resize((picture.width * 3, picture.height * 3))
    gen = np.random.default_rng(rng.getrandbits(64))
    noise = Image.fromarray(gen.integers(0, 256, (big.height, big.width, 3), dtype=np.uint8), "RGB")
    return Image.blend(big.convert("RGB"), noise, 0.18 + rng.random() * 0.05)


def docx(paragraphs: list[str]) -> bytes:
    """A real (minimal) Word document: a zip with [Content_Types].xml and word/document.xml."""
    body = "".join(
        f'<w:p><w:r><w:t xml:space="preserve">{escape(p)}</w:t></w:r></w:p>' for p in paragraphs
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body>{body}</w:body></w:document>"
    )
    types = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
        "</Types>"
    )
    rels = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>'
        "</Relationships>"
    )
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in (
            ("[Content_Types].xml", types),
            ("_rels/.rels", rels),
            ("word/document.xml", document),
        ):
            info = zipfile.ZipInfo(name, date_time=(2026, 1, 5, 9, 0, 0))
            archive.writestr(info, text)
    return buf.getvalue()


def portrait(rng: random.Random, background: tuple[int, int, int]) -> Image.Image:
    """A passport-style photo: a head and shoulders on a plain background."""
    w, h = 354, 472
    img = Image.new("RGB", (w, h), background)
    draw = ImageDraw.Draw(img)
    skin = rng.choice([(236, 200, 170), (198, 150, 112), (150, 104, 72), (96, 64, 44)])
    suit = rng.choice([(30, 34, 48), (60, 60, 64), (20, 40, 80), (240, 240, 240)])
    draw.ellipse((40, 330, w - 40, h + 180), fill=suit)
    draw.rectangle((150, 270, 204, 345), fill=skin)
    draw.ellipse((105, 90, 249, 290), fill=skin)
    hair = rng.choice([(20, 16, 12), (90, 60, 30), (160, 150, 140), (200, 170, 90)])
    draw.chord((100, 70, 254, 210), 180, 360, fill=hair)
    for x in (145, 195):
        draw.ellipse((x - 8, 175, x + 8, 187), fill=(40, 30, 30))
    draw.arc((150, 220, 204, 255), 20, 160, fill=(120, 40, 40), width=3)
    return img.filter(ImageFilter.GaussianBlur(0.6))
