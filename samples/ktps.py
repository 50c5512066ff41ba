"""Generated e-KTP card images with their truth (for the KTP reader's tests and bench).

The card is drawn as the real one is laid out: 85.6 x 54 mm, a light-blue patterned
background, the header ``PROVINSI …`` / regency or city, ``NIK : …`` with the digits in
OCR-A, then the labelled fields in their real order and spelling, in Liberation Sans
Bold, and a photo area on the right. What it says is ``samples.ktp_truth`` (regions
from the Kemendagri list, a valid NIK that agrees with the printed birth date and
sex). ``degrade`` then scans it badly: resolution, skew or a quarter
turn, perspective, blur, noise and JPEG quality. Everything follows from the seed.
"""

from __future__ import annotations

import io
import math
import random
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pydantic import BaseModel, ConfigDict

from samples.ktp_truth import KtpTruth, make_nik, make_truth

# Re-exported: tests and benches import them from here.
__all__ = ["KtpTruth", "make_nik", "make_truth"]

OCR_A = "/usr/share/fonts/truetype/ocr-a/OCRA.ttf"
SANS_BOLD = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"

CARD_MM = (85.6, 54.0)
BASE_DPI = 300


class KtpSample(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    truth: KtpTruth
    jpeg: bytes

    def image(self) -> Image.Image:
        return Image.open(io.BytesIO(self.jpeg)).convert("RGB")


# --------------------------------------------------------------------------- drawing

# (label, attribute) in the order printed on the card.
FIELDS: tuple[tuple[str, str], ...] = (
    ("Nama", "name"),
    ("Tempat/Tgl Lahir", "birth"),
    ("Jenis Kelamin", "sex"),
    ("Alamat", "address"),
    ("RT/RW", "rt_rw"),
    ("Kel/Desa", "kelurahan_desa"),
    ("Kecamatan", "kecamatan"),
    ("Agama", "religion"),
    ("Status Perkawinan", "marital_status"),
    ("Pekerjaan", "occupation"),
    ("Kewarganegaraan", "citizenship"),
    ("Berlaku Hingga", "valid_until"),
)


@lru_cache(maxsize=8)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _background(width: int, height: int, rng: random.Random) -> Image.Image:
    """Light-blue gradient with guilloche-like sine lines."""
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    t = x / width * 0.6 + y / height * 0.4
    base = np.stack([185 + 40 * t, 215 + 25 * t, 240 + 10 * (1 - t)], axis=-1)  # pale blue to paler
    phase = rng.uniform(0, 2 * math.pi)
    waves = np.zeros((height, width), np.float32)
    for k in range(3):
        freq = rng.uniform(0.02, 0.05) * (k + 1)
        amp = rng.uniform(15, 40)
        waves += np.sin(x * freq * 0.3 + amp * np.sin(y * 0.02 + phase + k))
    lines = (np.abs(np.sin(waves * 2.0)) < 0.12).astype(np.float32)
    base[..., 0] -= 55 * lines
    base[..., 1] -= 40 * lines
    base[..., 2] -= 15 * lines
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")


def draw_card(truth: KtpTruth, nik_font: tuple[str, int] = (OCR_A, 38)) -> Image.Image:
    """The clean card at 300 dpi (1011 x 638 pixels); ``nik_font`` (path, size) is OCR-A
    on a real card, an ordinary font on a mock-up."""
    rng = random.Random(truth.seed * 7919 + 1)
    width = round(CARD_MM[0] / 25.4 * BASE_DPI)
    height = round(CARD_MM[1] / 25.4 * BASE_DPI)
    card = _background(width, height, rng)
    draw = ImageDraw.Draw(card)
    ink = (25, 25, 30)
    header = _font(SANS_BOLD, 25)
    for text, top in ((f"PROVINSI {truth.province}", 14), (truth.regency_city, 46)):
        w = draw.textlength(text, font=header)
        draw.text(((width - w) / 2, top), text, fill=ink, font=header)
    nik_face = _font(*nik_font)
    nik_label = _font(SANS_BOLD, 30)
    draw.text((28, 92), "NIK", fill=ink, font=nik_label)
    draw.text((170, 92), ":", fill=ink, font=nik_label)
    draw.text((195, 88), truth.nik, fill=ink, font=nik_face)

    label = _font(SANS_BOLD, 19)
    values = {
        "name": truth.name,
        "birth": f"{truth.birth_place}, {truth.birth_date:%d-%m-%Y}",
        "sex": truth.sex,
        "address": truth.address,
        "rt_rw": truth.rt_rw,
        "kelurahan_desa": truth.kelurahan_desa,
        "kecamatan": truth.kecamatan,
        "religion": truth.religion,
        "marital_status": truth.marital_status,
        "occupation": truth.occupation,
        "citizenship": truth.citizenship,
        "valid_until": truth.valid_until,
    }
    top = 148
    step = 36
    for text, attr in FIELDS:
        indent = 28 + (22 if attr in ("rt_rw", "kelurahan_desa", "kecamatan") else 0)
        draw.text((indent, top), text, fill=ink, font=label)
        draw.text((232, top), ":", fill=ink, font=label)
        draw.text((248, top), values[attr], fill=ink, font=label)
        if attr == "sex":
            draw.text((500, top), "Gol. Darah", fill=ink, font=label)
            draw.text((610, top), f": {truth.blood_type}", fill=ink, font=label)
        top += step
    # Photo area, issue place and date on the right.
    px, py, pw, ph = 760, 130, 210, 270
    draw.rectangle(
        (px, py, px + pw, py + ph), fill=(200, 40, 40) if rng.random() < 0.5 else (40, 80, 170)
    )
    draw.ellipse((px + 55, py + 40, px + 155, py + 150), fill=(225, 185, 150))
    draw.rectangle((px + 35, py + 170, px + 175, py + ph), fill=(40, 40, 50))
    small = _font(SANS_BOLD, 17)
    place = truth.regency_city.removeprefix("KOTA ").removeprefix("KABUPATEN ")
    for text, y in ((place, 415), (f"{truth.issue_date:%d-%m-%Y}", 440)):
        w = draw.textlength(text, font=small)
        draw.text((px + (pw - w) / 2, y), text, fill=ink, font=small)
    draw.line((px + 40, 500, px + 170, 480), fill=ink, width=2)  # signature
    return card


# --------------------------------------------------------------------------- degradation


def _perspective_coeffs(
    src: list[tuple[float, float]], dst: list[tuple[float, float]]
) -> list[float]:
    matrix = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        matrix.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        matrix.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    a = np.array(matrix, dtype=np.float64)
    b = np.array([c for point in src for c in point], dtype=np.float64)
    return [float(c) for c in np.linalg.solve(a, b)]


def degrade(card: Image.Image, rng: random.Random) -> tuple[Image.Image, dict[str, str]]:
    """A bad scan of ``card``: what was done is returned for the truth."""
    done: dict[str, str] = {}
    dpi = rng.choice((150, 200, 240, 300))
    done["dpi"] = str(dpi)
    image = card
    if dpi != BASE_DPI:
        scale = dpi / BASE_DPI
        image = image.resize(
            (round(image.width * scale), round(image.height * scale)), Image.Resampling.LANCZOS
        )
    # On a scanner bed: a white margin around the card.
    margin = image.width // 12
    bed = Image.new("RGB", (image.width + 2 * margin, image.height + 2 * margin), (246, 246, 244))
    bed.paste(image, (margin, margin))
    image = bed
    if rng.random() < 0.35:
        w, h = image.size
        d = 0.035 * w
        dst = [
            (rng.uniform(0, d), rng.uniform(0, d)),
            (w - rng.uniform(0, d), rng.uniform(0, d)),
            (w - rng.uniform(0, d), h - rng.uniform(0, d)),
            (rng.uniform(0, d), h - rng.uniform(0, d)),
        ]
        coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], dst)
        image = image.transform(
            (w, h),
            Image.Transform.PERSPECTIVE,
            coeffs,
            Image.Resampling.BICUBIC,
            fillcolor=(246, 246, 244),
        )
        done["perspective"] = "yes"
    skew = rng.uniform(-3.0, 3.0)
    image = image.rotate(
        skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(246, 246, 244)
    )
    done["skew"] = f"{skew:.1f}"
    turn = rng.choices((0, 90, 180, 270), weights=(70, 10, 12, 8))[0]
    if turn:
        image = image.rotate(turn, expand=True)
        done["turn"] = str(turn)
    blur = rng.choice((0.0, 0.0, 0.5, 0.8, 1.1))
    if blur:
        image = image.filter(ImageFilter.GaussianBlur(blur * dpi / BASE_DPI))
        done["blur"] = str(blur)
    sigma = rng.choice((0.0, 4.0, 8.0, 12.0))
    if sigma:
        nprng = np.random.default_rng(rng.randrange(2**32))
        noisy = np.asarray(image, dtype=np.float64) + nprng.normal(
            0, sigma, (image.height, image.width, 3)
        )
        image = Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8), "RGB")
        done["noise"] = str(sigma)
    done["jpeg_quality"] = str(rng.randint(30, 90))
    return image, done


def _jpeg(image: Image.Image, quality: int, dpi: int) -> bytes:
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, dpi=(dpi, dpi))
    return out.getvalue()


def make_ktp(seed: int, *, degraded: bool = False) -> KtpSample:
    """One card from ``seed``: clean (300 dpi, quality 92) or degraded."""
    truth = make_truth(seed)
    card = draw_card(truth)
    if not degraded:
        return KtpSample(truth=truth, jpeg=_jpeg(card, 92, BASE_DPI))
    image, done = degrade(card, random.Random(seed * 104729 + 3))
    truth = truth.model_copy(update={"degradations": done})
    return KtpSample(truth=truth, jpeg=_jpeg(image, int(done["jpeg_quality"]), int(done["dpi"])))


def rotated(sample: KtpSample, degrees: int) -> KtpSample:
    """The same card turned by a multiple of 90 degrees (counter-clockwise)."""
    image = sample.image().rotate(degrees, expand=True)
    truth = sample.truth.model_copy(
        update={"degradations": {**sample.truth.degradations, "turn": str(degrees)}}
    )
    return KtpSample(truth=truth, jpeg=_jpeg(image, 92, BASE_DPI))


def scanned_pdf(sample: KtpSample) -> bytes:
    """A one-page A4 PDF with the card's JPEG embedded, as a scanner makes it."""
    from fpdf import FPDF

    pdf = FPDF(unit="mm", format="A4")
    pdf.add_page()
    image = sample.image()
    dpi = int(sample.truth.degradations.get("dpi", BASE_DPI))
    pdf.image(io.BytesIO(sample.jpeg), x=20, y=20, w=image.width / dpi * 25.4)
    return bytes(pdf.output())
