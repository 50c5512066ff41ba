"""Passport data pages as people really capture them: kinds no reader was tuned on.

Each is a named degradation, deterministic from the ``rng`` it is given (itself drawn
from (kind, seed) by ``samples.passport_kinds.make_kind``), and says what it did in
numbers (``Capture.done``):

- ``phone_photo``: the open booklet photographed on a table: turned 3-12 degrees, keystone,
  uneven light (a gradient and a soft shadow), a glare spot, motion or defocus blur, phone
  JPEG 70-85, 1600-3000 px wide, the booklet filling 40-80 % of the width.
- ``booklet_a4``: the open booklet (data page and the facing visa page) flatbed-scanned on
  an A4 page at 150-200 dpi, anywhere on the glass, turned 0-3 degrees, grey lid around.
- ``laminate``: the page under its laminate: a faint rainbow hologram pattern and a
  reflective sheen across the page, partly over the MRZ, the print a little soft.
- ``pdf_scan``: the page scanned into a PDF as a JPEG (Pillow's PDF writer), and the
  page image taken out of the PDF the way the pipeline does (``ingest.pdf.page_images``).

Half the phone photos and booklet scans show fieldmail's data page (another author's
layout, OCR-B heavier at its own pitch), drawn with the same truth.
"""

from __future__ import annotations

import io
import math
import random
import time
from dataclasses import dataclass

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageDraw, ImageFilter

from fieldmail.cards import passport_page
from fieldmail.identity import Person
from fieldmail.truth import MrzTruth
from ingest.pdf import page_images
from samples.passports import DPI, SANS_BOLD_FONT, SANS_FONT, PassportTruth, _font, render_page

PAGE_WIDTH_MM = 125.0
FIELDMAIL_PAGE = (50, 60, 770, 560)  # where fieldmail pastes its data page on its A4 sheet

Array = NDArray[np.float32]


@dataclass(frozen=True)
class Capture:
    """A captured page: the image a reader is given, what was done, the file's format
    (``data``: the file itself when the capture made one, a PDF)."""

    image: Image.Image
    done: list[str]
    dpi: int
    quality: int
    data: bytes = b""


# --------------------------------------------------------------------------- pages


def fieldmail_page(truth: PassportTruth, rng: random.Random) -> Image.Image:
    """fieldmail's data page (its layout, its OCR-B pitch and weight) showing ``truth``."""
    person = Person(
        given=truth.given_names_printed,
        surname=truth.surname_printed,
        nationality=truth.nationality,
        sex=truth.sex,
        birth=truth.birth_date,
    )
    mrz = MrzTruth(
        line1=truth.mrz[0],
        line2=truth.mrz[1],
        document_number=truth.document_number,
        surname=truth.surname,
        given_names=truth.given_names,
        nationality=truth.nationality,
        birth_date=truth.birth_date,
        expiry_date=truth.expiry_date,
        sex=truth.sex,
    )
    return passport_page(person, mrz, truth.issue_date, rng).crop(FIELDMAIL_PAGE)


def data_page(truth: PassportTruth, rng: random.Random, done: list[str]) -> Image.Image:
    """Ours or fieldmail's data page, one time in two each."""
    if rng.random() < 0.5:
        done.append("fieldmail's page")
        return fieldmail_page(truth, rng)
    return render_page(truth, rng)


def booklet(page: Image.Image, rng: random.Random) -> Image.Image:
    """The open booklet: the facing visa page above the data page, a cover rim around."""
    w, h = page.size
    rim = max(4, w // 90)
    cover = rng.choice(((110, 30, 35), (20, 45, 90), (25, 70, 45), (40, 30, 30)))
    out = Image.new("RGB", (w + 2 * rim, 2 * h + 2 * rim), cover)
    facing = Image.new("RGB", (w, h), (rng.randint(238, 250), rng.randint(236, 248), 228))
    draw = ImageDraw.Draw(facing)
    for k in range(0, h, max(6, h // 60)):  # the visa page's pale print
        draw.line([(0, k), (w, k + h // 12)], fill=(222, 226, 232), width=max(1, w // 700))
    size = max(10, w // 40)
    draw.text((w // 2, h // 10), "VISAS", fill=(120, 120, 150), font=_font(SANS_BOLD_FONT, size))
    draw.text(
        (w - 3 * size, h - 2 * size),
        str(rng.randint(3, 30)),
        fill=(120, 120, 150),
        font=_font(SANS_FONT, size),
    )
    out.paste(facing, (rim, rim))
    out.paste(page, (rim, rim + h))
    ImageDraw.Draw(out).line([(rim, rim + h), (rim + w, rim + h)], fill=(150, 150, 150), width=2)
    return out


# --------------------------------------------------------------------------- geometry and light


def _homography(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """PIL's PERSPECTIVE coefficients mapping ``dst`` (output) points to ``src`` (input)."""
    rows, rhs = [], []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
        rhs += [u, v]
    return [float(c) for c in np.linalg.solve(np.array(rows), np.array(rhs))]


def _placed_quad(
    size: tuple[int, int], centre: tuple[float, float], angle: float, keystone: float, side: int
) -> list[tuple[float, float]]:
    """The corners (top-left, top-right, bottom-right, bottom-left) of a ``size`` rectangle
    turned ``angle`` degrees about ``centre``, one side (0 top, 1 right, 2 bottom, 3 left)
    shortened by ``keystone`` (a camera held at an angle)."""
    w, h = size
    corners = [[-w / 2, -h / 2], [w / 2, -h / 2], [w / 2, h / 2], [-w / 2, h / 2]]
    a, b = side, (side + 1) % 4
    for i, j in ((a, b), (b, a)):
        corners[i] = [
            corners[i][0] + (corners[j][0] - corners[i][0]) * keystone / 2,
            corners[i][1] + (corners[j][1] - corners[i][1]) * keystone / 2,
        ]
    t = math.radians(angle)
    cos, sin = math.cos(t), math.sin(t)
    return [(centre[0] + x * cos - y * sin, centre[1] + x * sin + y * cos) for x, y in corners]


def _warp_onto(
    picture: Image.Image, ground: Image.Image, quad: list[tuple[float, float]]
) -> Image.Image:
    """``picture`` laid on ``ground`` with its corners at ``quad``."""
    w, h = picture.size
    coeffs = _homography([(0, 0), (w, 0), (w, h), (0, h)], quad)
    warped = picture.transform(
        ground.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    mask = Image.new("L", picture.size, 255).transform(
        ground.size, Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BILINEAR
    )
    out = ground.copy()
    out.paste(warped, (0, 0), mask)
    return out


def _table(size: tuple[int, int], rng: random.Random) -> Image.Image:
    """A wooden table or a dark desk: streaks along its grain, a little noise."""
    w, h = size
    base = np.array(rng.choice(((150, 105, 70), (95, 70, 50), (60, 60, 64), (185, 170, 150))))
    small = np.random.default_rng(rng.randrange(2**32)).normal(0, 1, (max(2, h // 40), 8))
    grain = np.asarray(
        Image.fromarray(small.astype(np.float32)).resize((w, h), Image.Resampling.BICUBIC)
    )
    arr = base[None, None, :] * (1 + 0.08 * grain[:, :, None])
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), "RGB")


def _light(arr: Array, rng: random.Random, done: list[str], glare_at: tuple[float, float]) -> Array:
    """Uneven light on a float image (0-1): a gradient, a soft shadow, a glare spot."""
    h, w = arr.shape[:2]
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = rng.uniform(0, 2 * math.pi)
    ramp = (xx * math.cos(t) + yy * math.sin(t)) / max(w, h)
    ramp = (ramp - ramp.min()) / max(float(np.ptp(ramp)), 1e-6)
    low = rng.uniform(0.6, 0.85)
    gain = low + (1.05 - low) * ramp
    # A soft shadow (the phone, a hand) over part of the picture, edge blurred.
    shade = Image.new("L", (w, h), 0)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    r = rng.uniform(0.25, 0.5) * max(w, h)
    ImageDraw.Draw(shade).ellipse((cx - r, cy - r * 0.7, cx + r, cy + r * 0.7), fill=255)
    soft = np.asarray(shade.filter(ImageFilter.GaussianBlur(0.06 * max(w, h))), np.float32) / 255
    depth = rng.uniform(0.2, 0.4)
    gain = gain * (1 - depth * soft)
    arr = arr * gain[:, :, None]
    # A glare spot: light added as a screen blend, so ink under it keeps some contrast.
    gx, gy = glare_at
    radius = rng.uniform(0.03, 0.08) * w
    peak = rng.uniform(0.35, 0.6)
    glare = peak * np.exp(-((xx - gx) ** 2 + (yy - gy) ** 2) / (2 * radius**2))
    arr = 1 - (1 - arr) * (1 - glare[:, :, None])
    done += [f"light {low:.2f}-1.05", f"shadow {depth:.2f}", f"glare {peak:.2f} r {radius:.0f}"]
    return arr


def _motion_blur(image: Image.Image, rng: random.Random, done: list[str]) -> Image.Image:
    """A slight shake (a few pixels along a line) or defocus (a Gaussian)."""
    if rng.random() < 0.5:
        radius = rng.uniform(0.6, 1.6)
        done.append(f"defocus {radius:.1f}")
        return image.filter(ImageFilter.GaussianBlur(radius))
    length = rng.randint(2, 5)
    t = rng.uniform(0, math.pi)
    arr = np.asarray(image, np.float32)
    acc = np.zeros_like(arr)
    for k in range(length + 1):
        s = k - length / 2
        acc += np.roll(arr, (round(s * math.sin(t)), round(s * math.cos(t))), axis=(0, 1))
    done.append(f"shake {length} px at {math.degrees(t):.0f} deg")
    return Image.fromarray(np.clip(acc / (length + 1), 0, 255).astype(np.uint8), "RGB")


def noisy(image: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    """Sensor or scanner grain: Gaussian noise of ``sigma`` levels."""
    arr = np.asarray(image, dtype=np.float32)
    arr = arr + np.random.default_rng(rng.randrange(2**32)).normal(0, sigma, arr.shape).astype(
        np.float32
    )
    return Image.fromarray(np.clip(arr, 0, 255).astype(np.uint8), image.mode)


# --------------------------------------------------------------------------- the kinds


def phone_photo(truth: PassportTruth, rng: random.Random) -> Capture:
    done: list[str] = []
    opened = booklet(data_page(truth, rng, done), rng)
    width = rng.randint(1600, 3000)
    portrait = rng.random() < 0.6
    size = (width, round(width * 4 / 3)) if portrait else (width, round(width * 3 / 4))
    fill = rng.uniform(0.4, 0.8)
    scale = min(fill * size[0] / opened.width, 0.92 * size[1] / opened.height)
    shown = (round(opened.width * scale), round(opened.height * scale))
    angle = rng.uniform(3, 12) * rng.choice((-1, 1))
    keystone = rng.uniform(0.03, 0.12)
    half = math.hypot(*shown) / 2
    cx = rng.uniform(min(half, size[0] / 2), max(size[0] - half, size[0] / 2))
    cy = rng.uniform(min(half, size[1] / 2), max(size[1] - half, size[1] / 2))
    quad = _placed_quad(shown, (cx, cy), angle, keystone, rng.randrange(4))
    picture = _warp_onto(opened.resize(shown, Image.Resampling.LANCZOS), _table(size, rng), quad)
    # The glare near the MRZ one time in two (the foot of the data page), else anywhere.
    bl, br = quad[3], quad[2]
    near = rng.random() < 0.5
    along = rng.uniform(0.2, 0.8)
    at = (
        (bl[0] + along * (br[0] - bl[0]), bl[1] + along * (br[1] - bl[1]) - 0.06 * shown[1])
        if near
        else (rng.uniform(0, size[0]), rng.uniform(0, size[1]))
    )
    arr = _light(np.asarray(picture, np.float32) / np.float32(255), rng, done, at)
    picture = Image.fromarray(np.clip(arr * 255, 0, 255).astype(np.uint8), "RGB")
    picture = noisy(_motion_blur(picture, rng, done), rng, rng.uniform(2, 5))
    quality = rng.randint(70, 85)
    done = [
        f"{size[0]}x{size[1]} px",
        f"booklet {fill:.0%} wide",
        f"turned {angle:+.1f} deg",
        f"keystone {keystone:.2f}",
        *done,
        f"glare {'near the MRZ' if near else 'anywhere'}",
        f"jpeg {quality}",
    ]
    page_px = shown[0] * PAGE_WIDTH_MM / (PAGE_WIDTH_MM + 2 * 25.4 / 90)
    return Capture(picture, done, round(page_px / PAGE_WIDTH_MM * 25.4), quality)


def booklet_a4(truth: PassportTruth, rng: random.Random) -> Capture:
    done: list[str] = []
    page = data_page(truth, rng, done)
    dpi = rng.choice((150, 175, 200))
    scale = PAGE_WIDTH_MM / 25.4 * dpi / page.width
    page = page.resize(
        (round(page.width * scale), round(page.height * scale)), Image.Resampling.LANCZOS
    )
    opened = booklet(page, rng)
    a4 = (round(210 / 25.4 * dpi), round(297 / 25.4 * dpi))
    lid = rng.randint(150, 215)
    sheet = Image.new("RGB", a4, (lid, lid, lid + 3))
    angle = rng.uniform(-3, 3)
    opened = opened.rotate(
        angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor=(lid, lid, lid + 3)
    )
    x = rng.randint(0, max(0, a4[0] - opened.width))
    y = rng.randint(0, max(0, a4[1] - opened.height))
    sheet.paste(opened, (x, y))
    blur = rng.uniform(0.3, 0.8)
    sheet = noisy(sheet.filter(ImageFilter.GaussianBlur(blur)), rng, rng.uniform(2, 5))
    quality = rng.randint(70, 90)
    done += [
        f"{dpi} dpi A4",
        f"at {x},{y}",
        f"turned {angle:+.1f} deg",
        f"lid grey {lid}",
        f"blur {blur:.1f}",
        f"jpeg {quality}",
    ]
    return Capture(sheet, done, dpi, quality)


def _hologram(size: tuple[int, int], rng: random.Random) -> Array:
    """A rainbow pattern (RGB, -1..1): concentric waves whose hue turns with the phase."""
    w, h = size
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    cx, cy = rng.uniform(0, w), rng.uniform(0, h)
    period = rng.uniform(0.02, 0.05) * w
    phase = np.hypot(xx - cx, yy - cy) / period + 0.3 * np.sin(xx / (0.07 * w))
    shifts = (0.0, 2 * math.pi / 3, 4 * math.pi / 3)
    return np.stack([np.sin(2 * math.pi * phase + s) for s in shifts], axis=2).astype(np.float32)


def laminate(truth: PassportTruth, rng: random.Random) -> Capture:
    page = render_page(truth, rng)
    soft = rng.uniform(0.8, 1.5)
    arr = np.asarray(page.filter(ImageFilter.GaussianBlur(soft)), np.float32) / 255
    w, h = page.size
    strength = rng.uniform(0.04, 0.09)
    arr = arr + strength * _hologram((w, h), rng)
    # The sheen: a broad diagonal band of reflected light crossing the page and the MRZ.
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    t = math.radians(rng.uniform(20, 70))
    across = xx * math.cos(t) - yy * math.sin(t)
    over = (rng.uniform(0.2, 0.8) * w, rng.uniform(0.6, 0.95) * h)  # a point by the MRZ
    centre = over[0] * math.cos(t) - over[1] * math.sin(t)
    width = rng.uniform(0.08, 0.2) * w
    peak = rng.uniform(0.3, 0.5)
    sheen = peak * np.exp(-((across - centre) ** 2) / (2 * width**2))
    arr = 1 - (1 - np.clip(arr, 0, 1)) * (1 - sheen[:, :, None])
    image = Image.fromarray(np.clip(arr * 255, 0, 255).astype(np.uint8), "RGB")
    dpi = rng.choice((200, 240, 300))
    if dpi != DPI:
        image = image.resize((round(w * dpi / DPI), round(h * dpi / DPI)), Image.Resampling.LANCZOS)
    image = noisy(image, rng, rng.uniform(2, 5))
    quality = rng.randint(75, 90)
    done = [
        f"soft {soft:.1f}",
        f"hologram {strength:.2f}",
        f"sheen {peak:.2f} wide {width:.0f} px",
        f"{dpi} dpi",
        f"jpeg {quality}",
    ]
    return Capture(image, done, dpi, quality)


def pdf_scan(truth: PassportTruth, rng: random.Random) -> Capture:
    page = render_page(truth, rng)
    dpi = rng.choice((150, 200, 300))
    done = [f"{dpi} dpi"]
    if rng.random() < 0.5:  # the page alone on an A4 sheet, somewhere near the top
        a4 = Image.new("RGB", (round(210 / 25.4 * DPI), round(297 / 25.4 * DPI)), "white")
        a4.paste(page, (rng.randint(60, a4.width - page.width - 60), rng.randint(60, 900)))
        page = a4
        done.append("on A4")
    angle = rng.uniform(-1.5, 1.5)
    page = page.rotate(angle, resample=Image.Resampling.BICUBIC, expand=True, fillcolor="white")
    page = page.resize(
        (round(page.width * dpi / DPI), round(page.height * dpi / DPI)), Image.Resampling.LANCZOS
    )
    blur = rng.uniform(0.3, 0.7)
    page = noisy(page.filter(ImageFilter.GaussianBlur(blur)), rng, rng.uniform(2, 5))
    grey = rng.random() < 0.4
    if grey:
        page = page.convert("L")
    quality = rng.randint(50, 85)
    out = io.BytesIO()
    fixed = time.gmtime(1748736000)  # 2025-06-01: the same file from the same seed
    page.save(out, "PDF", resolution=float(dpi), quality=quality, creationDate=fixed, modDate=fixed)
    data = out.getvalue()
    images = page_images(data, 1)
    if not images:
        raise ValueError("pdf_scan: the PDF written holds no page image")
    done += [f"turned {angle:+.1f} deg", f"blur {blur:.1f}", "grey" if grey else "colour"]
    done += [f"PDF jpeg {quality}"]
    return Capture(images[0], done, dpi, quality, data)
