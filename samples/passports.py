"""Passport data pages with their truth: the visual zone, a photo area and an OCR-B MRZ.

``make_passport(seed)`` draws a person and a document (deterministic from the seed,
``samples.passport_truth``) and renders a TD3 data page (125 x 88 mm at 300 dpi); ``degraded=True`` then applies a
seeded mix of what real mail does to a copy: a quarter turn or upside down, a few
degrees of skew, a photo taken at an angle, blur, Gaussian noise, 150-300 dpi, a
coloured stamp across part of the MRZ, JPEG quality 30-90. The page comes out as JPEG
bytes or as a scanned PDF whose page is an embedded JPEG (DCT), PNG (Flate) or
1-bit CCITT group 4 image.
"""

from __future__ import annotations

import datetime as dt
import io
import math
import random
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont
from pydantic import BaseModel, ConfigDict

from samples.passport_truth import PassportTruth, make_truth, with_mrz
from samples.people import check_digit
from samples.scan_files import PdfImageKind, to_jpeg, to_pdf

# Re-exported: tests and benches import them from here.
__all__ = ["PassportTruth", "PdfImageKind", "make_truth", "to_jpeg", "to_pdf", "with_mrz"]

OCRB_FONT = "/usr/share/fonts/opentype/ocr-b/OCRB.otf"
SANS_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
SANS_BOLD_FONT = "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf"

DPI = 300
PAGE_MM = (125.0, 88.0)
MRZ_PITCH_MM = 2.54  # ICAO 9303: 10 characters per inch

MONTHS = ("JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC")


class PassportSample(BaseModel):
    model_config = ConfigDict(frozen=True, arbitrary_types_allowed=True)

    truth: PassportTruth
    image: Image.Image  # as decoded from ``data`` when the kind names a file
    dpi: int = DPI
    data: bytes = b""  # the file as a mission sends it (PNG or JPEG), when a kind made one

    def jpeg(self, quality: int = 88) -> bytes:
        return to_jpeg(self.image, quality)

    def pdf(self, kind: PdfImageKind = "jpeg", quality: int = 85) -> bytes:
        return to_pdf(self.image, self.dpi, kind=kind, quality=quality)


# --------------------------------------------------------------------------- rendering


@lru_cache(maxsize=16)
def _font(path: str, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size)


def _px(mm: float, dpi: int = DPI) -> int:
    return round(mm / 25.4 * dpi)


def _visual_date(value: dt.date) -> str:
    return f"{value.day:02d} {MONTHS[value.month - 1]} {value.year}"


@dataclass(frozen=True)
class PrintStyle:
    """How a printer put the page down (the defaults are a clean ICAO page).

    ``weight`` thickens (+) or thins (-) the MRZ strokes by that many pixels a side;
    ``spread`` is ink spreading into the paper (blur radius in pixels, ink kept dark);
    ``washout`` = (start, end, kept) fades line 1 between those fractions of its width
    to ``kept`` of its ink; ``busy`` draws a dense, dark guilloche over the whole page.
    """

    mrz_ink: tuple[int, int, int] = (0, 0, 0)
    mrz_font_size: int = 40
    pitch_mm: float = MRZ_PITCH_MM
    weight: int = 0
    spread: float = 0.0
    washout: tuple[float, float, float] | None = None
    busy: bool = False


def _busy_guilloche(page: Image.Image, rng: random.Random) -> None:
    """Two crossing families of dark, dense waves, through the MRZ as well."""
    draw = ImageDraw.Draw(page)
    width, height = page.size
    for family in range(2):
        colour = (rng.randint(110, 170), rng.randint(120, 180), rng.randint(130, 200))
        phase, step = rng.random() * 6.28, rng.randint(9, 14)
        sign = 1 if family == 0 else -1
        for k in range(-height, height, step):
            points = [
                (x, k + sign * x * 0.25 + 7 * math.sin(x / 31 + phase + k / 40))
                for x in range(0, width, 8)
            ]
            draw.line(points, fill=colour, width=2)


def _mrz_mask(truth: PassportTruth, size: tuple[int, int], style: PrintStyle) -> Image.Image:
    """The MRZ ink coverage (L): OCR-B at the style's pitch, the lower line 5 mm from
    the bottom, then the printer's weight, spread and washout."""
    width, height = size
    mask = Image.new("L", size, 0)
    draw = ImageDraw.Draw(mask)
    pitch = style.pitch_mm / 25.4 * DPI
    font = _font(OCRB_FONT, style.mrz_font_size)
    left = (width - pitch * 44) / 2
    line_gap = _px(4.3)
    base_y = height - _px(6) - line_gap
    for row, line in enumerate(truth.mrz):
        ty = base_y + row * line_gap
        for i, char in enumerate(line):
            draw.text((left + i * pitch, ty), char, fill=255, font=font, anchor="ls")
    if style.weight > 0:
        mask = mask.filter(ImageFilter.MaxFilter(2 * style.weight + 1))
    elif style.weight < 0:
        mask = mask.filter(ImageFilter.MinFilter(-2 * style.weight + 1))
    if style.spread:
        mask = mask.filter(ImageFilter.GaussianBlur(style.spread)).point(
            lambda v: min(255, int(v * 1.9))
        )
    if style.washout is not None:
        start, end, kept = style.washout
        fade = np.ones((height, width), np.float32)
        x = np.arange(width, dtype=np.float32)
        x0, x1 = left + start * pitch * 44, left + end * pitch * 44
        ramp = np.clip(np.minimum(x - x0, x1 - x) / (0.08 * pitch * 44), 0, 1)
        top, bottom = int(base_y - _px(4)), int(base_y + _px(1.2))
        fade[top:bottom, :] = 1 - (1 - kept) * ramp
        mask = Image.fromarray((np.asarray(mask, np.float32) * fade).astype(np.uint8), "L")
    return mask


def render_page(
    truth: PassportTruth, rng: random.Random | None = None, style: PrintStyle | None = None
) -> Image.Image:
    """The data page at 300 dpi (RGB), clean unless ``style`` says otherwise."""
    rng = rng or random.Random(truth.seed)
    style = style or PrintStyle()
    width, height = _px(PAGE_MM[0]), _px(PAGE_MM[1])
    tint = (rng.randint(236, 250), rng.randint(236, 250), rng.randint(222, 246))
    page = Image.new("RGB", (width, height), tint)
    draw = ImageDraw.Draw(page)
    # Guilloche: pale waves across the page.
    wave = (rng.randint(180, 225), rng.randint(195, 230), rng.randint(200, 235))
    phase = rng.random() * 6.28
    for k in range(0, height, 22):
        points = [(x, k + 9 * math.sin(x / 47 + phase + k / 60)) for x in range(0, width, 12)]
        draw.line(points, fill=wave, width=2)
    if style.busy:
        _busy_guilloche(page, rng)
    # Header.
    draw.text(
        (_px(6), _px(3)), "PASSPORT / PASSEPORT", fill=(40, 40, 90), font=_font(SANS_BOLD_FONT, 34)
    )
    # Photo area with a silhouette.
    px0, py0, px1, py1 = _px(6), _px(12), _px(38), _px(56)
    photo = Image.new("RGB", (px1 - px0, py1 - py0), (205, 210, 215))
    pdraw = ImageDraw.Draw(photo)
    cx = photo.width // 2
    pdraw.ellipse((cx - 80, 60, cx + 80, 260), fill=(150, 130, 120))
    pdraw.ellipse((20, 290, photo.width - 20, photo.height + 200), fill=(70, 70, 90))
    page.paste(photo, (px0, py0))
    draw.rectangle((px0, py0, px1, py1), outline=(120, 120, 120), width=2)
    # Visual zone.
    label_font, value_font = _font(SANS_FONT, 20), _font(SANS_BOLD_FONT, 30)
    x0 = _px(42)
    top: list[tuple[str, str, float]] = [
        ("Type / Type", truth.document_code, 0.0),
        ("Code / Code", truth.issuing_state, 22.0),
        ("Passport No. / No. du passeport", truth.document_number, 44.0),
    ]
    rows: list[tuple[str, str]] = [
        ("Surname / Nom", truth.surname_printed),
        ("Given names / Prénoms", truth.given_names_printed),
        ("Nationality / Nationalité", truth.nationality),
        ("Date of birth / Date de naissance", _visual_date(truth.birth_date)),
        ("Sex / Sexe", truth.sex),
        ("Date of issue / Date de délivrance", _visual_date(truth.issue_date)),
        ("Date of expiry / Date d'expiration", _visual_date(truth.expiry_date)),
    ]
    y = _px(10)
    for label, value, dx in top:
        draw.text((x0 + _px(dx), y), label, fill=(60, 60, 110), font=label_font)
        draw.text((x0 + _px(dx), y + 22), value, fill=(20, 20, 20), font=value_font)
    for label, value in rows:
        y += _px(6.3)
        draw.text((x0, y), label, fill=(60, 60, 110), font=label_font)
        draw.text((x0, y + 22), value, fill=(20, 20, 20), font=value_font)
    ink = Image.new("RGB", page.size, style.mrz_ink)
    page.paste(ink, (0, 0), _mrz_mask(truth, page.size, style))
    return page


# --------------------------------------------------------------------------- degradations


def _stamp(
    page: Image.Image, rng: random.Random, over_line: int | None = None, *, left: bool = False
) -> Image.Image:
    """A coloured ink stamp (ellipse with text) over part of the MRZ, ink multiplied.

    ``over_line`` (1 or 2, for a 300 dpi page) centres it on that MRZ line; ``left``
    puts it over the line's start.
    """
    w, h = page.size
    overlay = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(overlay)
    colour = rng.choice(((60, 70, 200), (150, 40, 160), (200, 40, 50), (40, 120, 60)))
    rw, rh = int(w * rng.uniform(0.18, 0.28)), int(h * rng.uniform(0.16, 0.24))
    cx = int(w * (rng.uniform(0.1, 0.25) if left else rng.uniform(0.25, 0.8)))
    cy = int(h - _px(11) + rng.uniform(-0.04, 0.04) * h)
    if over_line is not None:
        cy = h - _px(6) - (_px(4.3) if over_line == 1 else 0) - _px(1.2)
    draw.ellipse((cx - rw // 2, cy - rh // 2, cx + rw // 2, cy + rh // 2), outline=colour, width=7)
    draw.ellipse(
        (cx - rw // 2 + 16, cy - rh // 2 + 16, cx + rw // 2 - 16, cy + rh // 2 - 16),
        outline=colour,
        width=3,
    )
    font = _font(SANS_BOLD_FONT, 34)
    draw.text((cx, cy - 20), "IMIGRASI", fill=colour, font=font, anchor="mm")
    draw.text(
        (cx, cy + 22), "SOEKARNO-HATTA", fill=colour, font=_font(SANS_BOLD_FONT, 22), anchor="mm"
    )
    overlay = overlay.rotate(rng.uniform(-25, 25), center=(cx, cy), fillcolor=(255, 255, 255))
    a = np.asarray(page, dtype=np.float32) * np.asarray(overlay, dtype=np.float32) / 255.0
    return Image.fromarray(a.astype(np.uint8))


def _perspective(page: Image.Image, rng: random.Random) -> Image.Image:
    """A photo taken at an angle: the page as a trapezoid on a table."""
    w, h = page.size
    margin = int(0.08 * w)
    canvas = Image.new("RGB", (w + 2 * margin, h + 2 * margin), (90, 80, 70))
    canvas.paste(page, (margin, margin))
    W, H = canvas.size
    d = rng.uniform(0.03, 0.07)
    # Quad corners (source) for the output rectangle: squeeze one side.
    quad: tuple[float, ...]
    if rng.random() < 0.5:
        quad = (0.0, 0.0, 0.0, H, W, H - d * H, W, d * H)
    else:
        quad = (d * W, 0.0, 0.0, H, W, H, W - d * W, 0.0)
    out = canvas.transform((W, H), Image.Transform.QUAD, quad, resample=Image.Resampling.BICUBIC)
    return out


def degrade(page: Image.Image, rng: random.Random) -> tuple[Image.Image, list[str], int, int]:
    """A seeded mix of degradations; returns (image, names, dpi, jpeg quality)."""
    done: list[str] = []
    if rng.random() < 0.3:
        page = _stamp(page, rng)
        done.append("stamp")
    if rng.random() < 0.25:
        page = _perspective(page, rng)
        done.append("perspective")
    skew = rng.uniform(1.0, 4.0) * rng.choice((-1, 1)) if rng.random() < 0.5 else 0.0
    if skew:
        page = page.rotate(
            skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255)
        )
        done.append(f"skew {skew:+.1f}")
    dpi = rng.choice((150, 200, 240, 300))
    if dpi != DPI:
        page = page.resize(
            (round(page.width * dpi / DPI), round(page.height * dpi / DPI)),
            Image.Resampling.LANCZOS,
        )
        done.append(f"{dpi} dpi")
    if rng.random() < 0.5:
        radius = rng.uniform(0.4, 1.1) * dpi / DPI
        page = page.filter(ImageFilter.GaussianBlur(radius))
        done.append(f"blur {radius:.1f}")
    if rng.random() < 0.5:
        sigma = rng.uniform(4, 14)
        arr = np.asarray(page, dtype=np.float64)
        arr = arr + np.random.default_rng(rng.randrange(2**32)).normal(0, sigma, arr.shape)
        page = Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8))
        done.append(f"noise {sigma:.0f}")
    turn = rng.choice((0, 0, 90, 180, 270))
    if turn:
        page = page.rotate(turn, expand=True)
        done.append(f"rotate {turn}")
    quality = rng.randint(30, 90)
    done.append(f"jpeg {quality}")
    return page, done, dpi, quality


def id_card_mrz(number: str, birth: str, expiry: str, names: str, state: str) -> list[str]:
    """The three 30-character lines of a TD1 (ID card) zone, check digits computed."""
    line1 = f"I<{state}{number}{check_digit(number)}".ljust(30, "<")
    line2 = f"{birth}{check_digit(birth)}F{expiry}{check_digit(expiry)}{state}".ljust(29, "<")
    line2 += check_digit(line1[5:30] + line2[0:7] + line2[8:15] + line2[18:29])
    return [line1, line2, names.ljust(30, "<")[:30]]


def render_id_card(lines: list[str], skew: float = 0.0) -> Image.Image:
    """A TD1 card (85.6 x 54 mm at 300 dpi): a header and the three-line OCR-B zone."""
    card = Image.new("RGB", (_px(85.6), _px(54)), (235, 240, 245))
    draw = ImageDraw.Draw(card)
    draw.text((40, 40), "IDENTITY CARD", fill=(30, 30, 80), font=_font(SANS_BOLD_FONT, 40))
    pitch = MRZ_PITCH_MM / 25.4 * DPI
    for row, line in enumerate(lines):
        for i, char in enumerate(line):
            xy = (55 + i * pitch, card.height - 170 + row * 50)
            draw.text(xy, char, fill=(0, 0, 0), font=_font(OCRB_FONT, 40), anchor="ls")
    if skew:
        card = card.rotate(skew, expand=True, fillcolor=(255, 255, 255))
    return card


def photographed(
    seed: int,
    *,
    skew: float = 0.0,
    stamp_on_line: int | None = None,
    perspective: bool = False,
    turn: int = 0,
    dpi: int = DPI,
    blur: float = 0.0,
    quality: int = 85,
) -> PassportSample:
    """One page with chosen degradations (for tests that name what a user sent)."""
    truth = make_truth(seed)
    rng = random.Random(seed * 7919 + 1)
    page = render_page(truth, rng)
    done: list[str] = []
    if stamp_on_line is not None:
        page = _stamp(page, rng, over_line=stamp_on_line)
        done.append(f"stamp on line {stamp_on_line}")
    if perspective:
        page = _perspective(page, rng)
        done.append("perspective")
    if skew:
        page = page.rotate(
            skew, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(255, 255, 255)
        )
        done.append(f"skew {skew:+.1f}")
    if dpi != DPI:
        size = (round(page.width * dpi / DPI), round(page.height * dpi / DPI))
        page = page.resize(size, Image.Resampling.LANCZOS)
        done.append(f"{dpi} dpi")
    if blur:
        page = page.filter(ImageFilter.GaussianBlur(blur))
        done.append(f"blur {blur:.1f}")
    if turn:
        page = page.rotate(turn, expand=True)
        done.append(f"rotate {turn}")
    page = Image.open(io.BytesIO(to_jpeg(page, quality)))
    page.load()
    done.append(f"jpeg {quality}")
    return PassportSample(
        truth=truth.model_copy(update={"degradations": done}), image=page, dpi=dpi
    )


def make_passport(
    seed: int, *, degraded: bool = False, today: dt.date | None = None
) -> PassportSample:
    """One passport data page with its truth, deterministic from ``seed``."""
    truth = make_truth(seed, today)
    rng = random.Random(seed * 7919 + 1)
    page = render_page(truth, rng)
    if not degraded:
        return PassportSample(truth=truth, image=page)
    page, done, dpi, quality = degrade(page, rng)
    # The JPEG loss is part of the image itself (re-encoding later changes little).
    page = Image.open(io.BytesIO(to_jpeg(page, quality)))
    page.load()
    truth = truth.model_copy(update={"degradations": done})
    return PassportSample(truth=truth, image=page, dpi=dpi)
