"""Passport data pages as offices really receive them, one NAMED degradation kind each.

``make_kind(kind, seed)`` is deterministic from (kind, seed): the person and document
come from ``make_truth(seed)`` (changed where the kind is about the document itself:
numbers full of zeros, other document codes, optional data, the ICAO specimen state
``UTO``, the old German code ``D<<``), the page is printed in the kind's style and
copied the kind's way. ``KINDS`` lists every kind with what it stands for (issue 14).
The truth's ``kind`` names the kind; ``degradations`` says what was done, in numbers.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples import passport_captures
from samples.passport_captures import noisy
from samples.passports import (
    DPI,
    SANS_BOLD_FONT,
    SANS_FONT,
    PassportSample,
    PassportTruth,
    PrintStyle,
    _font,
    _px,
    _stamp,
    degrade,
    make_truth,
    render_page,
    with_mrz,
)
from samples.scan_files import decoded, to_jpeg, to_png

TODAY = dt.date(2025, 6, 1)
CAP_HEIGHT_300 = 29  # px: an OCR-B capital of the MRZ on the 300 dpi page (font size 40)


@dataclass(frozen=True)
class Copy:
    """A page on its way to a file: the image, what was done, the file's format."""

    image: Image.Image
    done: list[str]
    dpi: int = DPI
    png: bool = False
    quality: int = 88
    data: bytes = b""  # the file, when the kind made it itself (a PDF)


# --------------------------------------------------------------------------- copying


def _resized(image: Image.Image, width: int) -> Image.Image:
    height = round(image.height * width / image.width)
    return image.resize((width, height), Image.Resampling.LANCZOS)


def _scan(page: Image.Image, rng: random.Random, done: list[str]) -> Copy:
    """An ordinary flatbed copy: 200-300 dpi, a little blur and noise, JPEG 70-92."""
    dpi = rng.choice((200, 240, 300))
    if dpi != DPI:
        page = _resized(page, round(page.width * dpi / DPI))
    blur = rng.uniform(0.2, 0.6)
    page = noisy(page.filter(ImageFilter.GaussianBlur(blur)), rng, rng.uniform(2, 6))
    quality = rng.randint(70, 92)
    return Copy(
        page, [*done, f"{dpi} dpi", f"blur {blur:.1f}", f"jpeg {quality}"], dpi, False, quality
    )


def _glyphs(width_px: int) -> str:
    return f"MRZ glyphs {CAP_HEIGHT_300 * width_px / round(PAGE_WIDTH):.1f} px"


PAGE_WIDTH = 125.0 / 25.4 * DPI


def _low_res(page: Image.Image, rng: random.Random, low: int, high: int) -> Copy:
    width = rng.randint(low, high)
    small = _resized(page.filter(ImageFilter.GaussianBlur(0.8)), width)
    png = rng.random() < 0.3
    quality = rng.randint(75, 92)
    done = [f"width {width} px", _glyphs(width), "png" if png else f"jpeg {quality}"]
    return Copy(small, done, round(DPI * width / page.width), png, quality)


def _screenshot(page: Image.Image, rng: random.Random) -> Copy:
    """A small picture shown in a viewer or a chat and screenshotted (display scaling)."""
    shown = rng.randint(420, 640)
    scale = rng.choice((1.0, 1.25, 1.5, 2.0))
    small = _resized(page, shown)
    small = small.resize(
        (round(small.width * scale), round(small.height * scale)), Image.Resampling.BILINEAR
    )
    dark = rng.random() < 0.5
    screen = Image.new(
        "RGB", (small.width + 240, small.height + 160), (32, 33, 36) if dark else (246, 246, 246)
    )
    draw = ImageDraw.Draw(screen)
    bar = (60, 62, 66) if dark else (222, 222, 226)
    draw.rectangle((0, 0, screen.width, 44), fill=bar)
    text = (230, 230, 230) if dark else (30, 30, 30)
    draw.text((16, 12), "scan_passport.jpg  -  Photos", fill=text, font=_font(SANS_FONT, 18))
    draw.text(
        (16, screen.height - 34),
        f"{shown} x {round(shown * 0.704)}  |  {int(scale * 100)}%",
        fill=text,
        font=_font(SANS_FONT, 15),
    )
    screen.paste(small, (120, 76))
    png = rng.random() < 0.7
    quality = rng.randint(80, 92)
    done = [
        f"shown {shown} px",
        f"display x{scale}",
        _glyphs(round(shown * scale)),
        "png" if png else f"jpeg {quality}",
    ]
    return Copy(screen, done, 96, png, quality)


def _faint(truth: PassportTruth, rng: random.Random) -> tuple[Image.Image, list[str]]:
    grey = rng.randint(95, 140)
    start = rng.uniform(0.0, 0.35)
    end = min(1.0, start + rng.uniform(0.3, 0.6))
    kept = rng.uniform(0.3, 0.5)
    style = PrintStyle(mrz_ink=(grey, grey, grey + 5), washout=(start, end, kept))
    page = render_page(truth, rng, style)
    return page, [f"ink grey {grey}", f"line 1 washed {start:.2f}-{end:.2f} to {kept:.2f}"]


def _specimen_stamp(page: Image.Image, rng: random.Random) -> tuple[Image.Image, str]:
    """A red SPECIMEN across the start of line 1, ink multiplied into the page."""
    overlay = Image.new("RGB", page.size, (255, 255, 255))
    draw = ImageDraw.Draw(overlay)
    red = (rng.randint(190, 230), rng.randint(20, 60), rng.randint(30, 70))
    size = rng.randint(70, 110)
    line1_y = page.height - _px(6) - _px(4.3) - _px(1.2)
    x = _px(rng.uniform(4, 20))
    draw.text((x, line1_y), "SPECIMEN", fill=red, font=_font(SANS_BOLD_FONT, size), anchor="lm")
    angle = rng.uniform(-12, 12)
    overlay = overlay.rotate(angle, center=(x, line1_y), fillcolor=(255, 255, 255))
    a = np.asarray(page, dtype=np.float32) * np.asarray(overlay, dtype=np.float32) / 255.0
    return Image.fromarray(a.astype(np.uint8)), f"SPECIMEN {size} px at {angle:+.0f} deg"


def _colour_cast(page: Image.Image, rng: random.Random) -> tuple[Image.Image, list[str]]:
    """A photo-booth-like print: a strong cast, low contrast, warmer towards the MRZ."""
    casts = {
        "magenta": (1.0, 0.72, 0.92),
        "yellow": (1.0, 0.93, 0.55),
        "cyan": (0.62, 0.92, 1.0),
        "orange": (1.0, 0.78, 0.5),
    }
    name = rng.choice(sorted(casts))
    gains = np.array(casts[name], np.float32)
    arr = np.asarray(page, dtype=np.float32) / 255.0
    low, high = rng.uniform(0.1, 0.25), rng.uniform(0.8, 0.92)
    arr = low + (high - low) * arr  # lifted blacks, dull whites
    h = arr.shape[0]
    ramp = np.linspace(0.0, 1.0, h, dtype=np.float32)[:, None, None] ** 2
    arr = arr * (1 - ramp * (1 - gains)) * (0.85 + 0.15 * gains)
    out = Image.fromarray(np.clip(arr * 255, 0, 255).astype(np.uint8), "RGB")
    return out.filter(ImageFilter.GaussianBlur(0.7)), [
        f"{name} cast",
        f"levels {low:.2f}-{high:.2f}",
    ]


def _alpha_png(page: Image.Image, rng: random.Random) -> Copy:
    """A cut-out page: transparent margin and rounded corners whose colour is black."""
    margin = rng.randint(20, 90)
    w, h = page.width + 2 * margin, page.height + 2 * margin
    rgba = Image.new("RGBA", (w, h), (0, 0, 0, 0))
    mask = Image.new("L", page.size, 0)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, page.width - 1, page.height - 1), radius=_px(3), fill=255
    )
    rgba.paste(page.convert("RGBA"), (margin, margin), mask)
    width = rng.randint(700, 1200)
    rgba = rgba.resize((width, round(h * width / w)), Image.Resampling.LANCZOS)
    return Copy(rgba, [f"RGBA margin {margin} px", f"width {width} px", "png"], DPI, True)


# --------------------------------------------------------------------------- documents


def _zeros_number(rng: random.Random) -> str:
    letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
    shapes = (
        lambda: "0" * rng.choice((8, 9)),
        lambda: "".join(rng.choices(letters, k=2)) + "000000",
        lambda: (
            "".join(rng.choices(letters, k=2)) + "000" + "".join(rng.choices("0123456789", k=4))
        ),
        lambda: rng.choice(letters) + "00" + "".join(rng.choices("00000123456789", k=6)),
        lambda: "".join(rng.choices("0000000001", k=9)),
    )
    return rng.choice(shapes)()


def _optional(rng: random.Random) -> str:
    chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"
    body = "".join(rng.choices(chars, k=rng.randint(6, 13)))
    return body if rng.random() < 0.5 else body[:5] + "<" + body[5:]


def _document(kind: str, truth: PassportTruth, rng: random.Random) -> PassportTruth:
    if kind == "zeros":
        return with_mrz(truth, document_number=_zeros_number(rng))
    if kind == "document_code":
        return with_mrz(truth, document_code=rng.choice(("PD", "PA", "PO")))
    if kind == "optional_data":
        return with_mrz(truth, optional_data=_optional(rng))
    if kind == "specimen_uto":
        return with_mrz(truth, issuing_state="UTO", nationality="UTO")
    if kind == "old_code_d":
        return with_mrz(truth, issuing_state="D", nationality="D")
    return truth


# --------------------------------------------------------------------------- kinds


def _styled(
    style: Callable[[random.Random], PrintStyle], label: str
) -> Callable[[PassportTruth, random.Random], Copy]:
    def make(truth: PassportTruth, rng: random.Random) -> Copy:
        chosen = style(rng)
        page = render_page(truth, rng, chosen)
        return _scan(page, rng, [label.format(s=chosen)])

    return make


def _stamped(truth: PassportTruth, rng: random.Random) -> Copy:
    page = render_page(truth, rng)
    if rng.random() < 0.5:
        page, what = _specimen_stamp(page, rng)
    else:
        page, what = _stamp(page, rng, over_line=1, left=True), "consular stamp on line 1 start"
    return _scan(page, rng, [what])


def _busy(truth: PassportTruth, rng: random.Random) -> Copy:
    page = render_page(truth, rng, PrintStyle(busy=True))
    width = rng.randint(600, 900)
    sigma = rng.uniform(8, 18)
    small = noisy(_resized(page, width), rng, sigma)
    quality = rng.randint(70, 90)
    done = [
        f"busy guilloche, width {width} px",
        _glyphs(width),
        f"noise {sigma:.0f}",
        f"jpeg {quality}",
    ]
    return Copy(small, done, round(DPI * width / page.width), False, quality)


def _mixed(truth: PassportTruth, rng: random.Random) -> Copy:
    page, done, dpi, quality = degrade(render_page(truth, rng), rng)
    return Copy(page, done, dpi, False, quality)


def _mild(truth: PassportTruth, rng: random.Random) -> Copy:
    return _scan(render_page(truth, rng), rng, [])


def _cast(truth: PassportTruth, rng: random.Random) -> Copy:
    page, done = _colour_cast(render_page(truth, rng), rng)
    return _scan(page, rng, done)


def _faint_copy(truth: PassportTruth, rng: random.Random) -> Copy:
    page, done = _faint(truth, rng)
    return _scan(page, rng, done)


Maker = Callable[[PassportTruth, random.Random], Copy]


def _captured(
    capture: Callable[[PassportTruth, random.Random], passport_captures.Capture],
) -> Maker:
    def make(truth: PassportTruth, rng: random.Random) -> Copy:
        c = capture(truth, rng)
        return Copy(c.image, c.done, c.dpi, False, c.quality, c.data)

    return make


KINDS: dict[str, tuple[str, Maker]] = {
    "clean": (
        "the generator's clean 300 dpi page",
        lambda t, r: Copy(render_page(t, r), [], DPI, True),
    ),
    "mixed": ("the generator's seeded mix (skew, stamp, perspective, turns, blur, noise)", _mixed),
    "low_res_270": (
        "whole page 270-300 px wide (MRZ glyphs 5-6 px)",
        lambda t, r: _low_res(render_page(t, r), r, 270, 300),
    ),
    "low_res_400": (
        "whole page 320-400 px wide (MRZ glyphs 6-8 px)",
        lambda t, r: _low_res(render_page(t, r), r, 320, 400),
    ),
    "screenshot": (
        "a small image (420-640 px) screenshotted in a viewer",
        lambda t, r: _screenshot(render_page(t, r), r),
    ),
    "faint": ("faint grey print, line 1 partly washed out", _faint_copy),
    "stamp_line1": ("red SPECIMEN or a consular stamp across the start of line 1", _stamped),
    "busy_background": ("small page (600-900 px) on a dense guilloche with noise", _busy),
    "colour_cast": ("photo-booth-like colour cast, low contrast", _cast),
    "png_alpha": (
        "PNG with alpha: transparent black margin, rounded corners",
        lambda t, r: _alpha_png(render_page(t, r), r),
    ),
    "ocrb_heavy": (
        "OCR-B printed heavier (+1 or +2 px a side)",
        _styled(lambda r: PrintStyle(weight=r.choice((1, 2))), "heavier {s.weight}"),
    ),
    "ocrb_thin": (
        "OCR-B printed thinner (-1 px a side)",
        _styled(lambda r: PrintStyle(weight=-1), "thinner 1"),
    ),
    "ocrb_spread": (
        "OCR-B with ink spread",
        _styled(lambda r: PrintStyle(spread=r.uniform(1.2, 2.2)), "ink spread {s.spread:.1f}"),
    ),
    "ocrb_pitch": (
        "OCR-B at another pitch and size",
        _styled(
            lambda r: PrintStyle(
                pitch_mm=r.choice((2.36, 2.42, 2.66, 2.72)), mrz_font_size=r.randint(36, 43)
            ),
            "pitch {s.pitch_mm} mm size {s.mrz_font_size}",
        ),
    ),
    "zeros": ("document numbers full of zeros (00000000, XX000000, BD0002028)", _mild),
    "document_code": ("document codes PD, PA, PO", _mild),
    "optional_data": ("optional data in line 2 (letters and digits)", _mild),
    "specimen_uto": ("the ICAO specimen state UTO", _mild),
    "old_code_d": ("the old German code D<<", _mild),
    # Captures no reader was tuned on (samples.passport_captures).
    "phone_photo": (
        "the open booklet photographed on a table: turned, keystone, shadow, glare, blur",
        _captured(passport_captures.phone_photo),
    ),
    "booklet_a4": (
        "the open booklet flatbed-scanned on A4 at 150-200 dpi, grey lid",
        _captured(passport_captures.booklet_a4),
    ),
    "laminate": (
        "under the laminate: rainbow hologram and a sheen over the MRZ, soft print",
        _captured(passport_captures.laminate),
    ),
    "pdf_scan": (
        "scanned into a PDF as a JPEG, the image taken out as the pipeline does",
        _captured(passport_captures.pdf_scan),
    ),
}


def make_kind(kind: str, seed: int) -> PassportSample:
    """One page of ``kind`` with its truth, deterministic from (kind, seed)."""
    if kind not in KINDS:
        raise ValueError(f"unknown passport kind {kind!r}: one of {', '.join(KINDS)}")
    rng = random.Random(f"passport:{kind}:{seed}")
    truth = _document(kind, make_truth(seed, TODAY), rng).model_copy(update={"kind": kind})
    copy = KINDS[kind][1](truth, rng)
    truth = truth.model_copy(update={"degradations": copy.done})
    if copy.data:  # the kind made its file (a PDF) and took the image out of it
        return PassportSample(truth=truth, image=copy.image, dpi=copy.dpi, data=copy.data)
    data = to_png(copy.image) if copy.png else to_jpeg(copy.image, copy.quality)
    return PassportSample(truth=truth, image=decoded(data), dpi=copy.dpi, data=data)
