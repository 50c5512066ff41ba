"""e-KTP copies as missions really send them, one NAMED degradation kind each.

``make_kind(kind, seed)`` is deterministic from (kind, seed): the holder and card are
``make_truth(seed)``, drawn by ``draw_card`` (300 dpi), then copied the kind's way: a
flat 300 or 600 dpi scan of the card alone, the card in a corner of an A4 flatbed
scan, a phone photo on a wooden table or in a hand (turned about 8 degrees, with
perspective), a grey photocopy, a JPEG at quality 30, and a mock-up whose NIK is in an
ordinary sans font (its truth says ``expect="reject"``: never to be accepted).
``KINDS`` lists them with what each stands for (issue 14).
"""

from __future__ import annotations

import io
import random
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from samples.ktps import (
    BASE_DPI,
    KtpSample,
    KtpTruth,
    _perspective_coeffs,
    degrade,
    draw_card,
    make_truth,
)

SANS_NIK = ("/usr/share/fonts/truetype/liberation2/LiberationSans-Regular.ttf", 36)
A4_MM = (210.0, 297.0)
CORNER_RADIUS_MM = 3.2


@dataclass(frozen=True)
class Copy:
    image: Image.Image
    done: dict[str, str]
    dpi: int
    quality: int


# --------------------------------------------------------------------------- pieces


def _noise(image: Image.Image, rng: random.Random, sigma: float) -> Image.Image:
    arr = np.asarray(image, dtype=np.float32)
    gen = np.random.default_rng(rng.randrange(2**32))
    noise = gen.standard_normal(arr.shape, dtype=np.float32) * np.float32(sigma)
    return Image.fromarray(np.clip(arr + noise, 0, 255).astype(np.uint8))


def _scaled(card: Image.Image, dpi: int) -> Image.Image:
    if dpi == BASE_DPI:
        return card
    size = (round(card.width * dpi / BASE_DPI), round(card.height * dpi / BASE_DPI))
    return card.resize(
        size, Image.Resampling.LANCZOS if dpi < BASE_DPI else Image.Resampling.BICUBIC
    )


def _rounded(card: Image.Image, dpi: int) -> Image.Image:
    """The card's shape (rounded corners) as an L mask."""
    mask = Image.new("L", card.size, 0)
    radius = round(CORNER_RADIUS_MM / 25.4 * dpi)
    ImageDraw.Draw(mask).rounded_rectangle(
        (0, 0, card.width - 1, card.height - 1), radius, fill=255
    )
    return mask


def _turned(card: Image.Image, dpi: int, angle: float) -> tuple[Image.Image, Image.Image]:
    """The card turned by ``angle`` degrees and its shape (L mask), both expanded."""
    mask = _rounded(card, dpi)
    if not angle:
        return card, mask
    return (
        card.rotate(angle, Image.Resampling.BICUBIC, expand=True),
        mask.rotate(angle, Image.Resampling.BILINEAR, expand=True),
    )


def _place(
    background: Image.Image, card: Image.Image, mask: Image.Image, xy: tuple[int, int]
) -> None:
    """The (turned) card laid on ``background`` at ``xy`` with a thin scanner shadow."""
    dark = Image.new("RGB", card.size, (150, 150, 150))
    background.paste(dark, (xy[0] + 3, xy[1] + 3), mask.filter(ImageFilter.GaussianBlur(2)))
    background.paste(card, xy, mask)


def _flat(card: Image.Image, rng: random.Random, dpi: int, done: dict[str, str]) -> Image.Image:
    """The card alone on a flatbed: a few mm of bed around it, barely askew."""
    skew = rng.uniform(-1.5, 1.5)
    blur = rng.uniform(0.3, 0.7) * dpi / BASE_DPI
    card, mask = _turned(_scaled(card, dpi).filter(ImageFilter.GaussianBlur(blur)), dpi, skew)
    margin = round(rng.uniform(2, 8) / 25.4 * dpi)
    bed = Image.new("RGB", (card.width + 2 * margin, card.height + 2 * margin), (247, 247, 245))
    _place(bed, card, mask, (margin, margin))
    done.update(
        {"dpi": str(dpi), "margin_px": str(margin), "skew": f"{skew:.1f}", "blur": f"{blur:.1f}"}
    )
    return _noise(bed, rng, rng.uniform(2, 5))


def _a4(
    card: Image.Image, rng: random.Random, dpi: int, done: dict[str, str], grey: bool = False
) -> Image.Image:
    """The card on an A4 flatbed page, near a corner (or in the upper half, for copies)."""
    skew = rng.uniform(-2.0, 2.0)
    card, mask = _turned(_scaled(card, dpi).filter(ImageFilter.GaussianBlur(0.4)), dpi, skew)
    page = Image.new(
        "RGB", (round(A4_MM[0] / 25.4 * dpi), round(A4_MM[1] / 25.4 * dpi)), (250, 250, 248)
    )
    gap = round(rng.uniform(3, 15) / 25.4 * dpi)
    corner = rng.choices(("top-left", "top-right", "bottom-left", "bottom-right"), (6, 2, 1, 1))[0]
    if grey:
        corner = "upper half"
        x = rng.randint(gap, page.width - card.width - gap)
        y = rng.randint(gap, page.height // 2 - card.height)
    else:
        x = gap if corner.endswith("left") else page.width - card.width - gap
        y = gap if corner.startswith("top") else page.height - card.height - gap
    _place(page, card, mask, (x, y))
    done.update(
        {"dpi": str(dpi), "page": "A4", "corner": corner, "gap_px": str(gap), "skew": f"{skew:.1f}"}
    )
    return _noise(page, rng, rng.uniform(2, 4))


def _photocopy(image: Image.Image, rng: random.Random, done: dict[str, str]) -> Image.Image:
    """Grey toner: contrast pushed (pale blues go white-grey), speckles, a grey cast."""
    grey = np.asarray(image.convert("L"), dtype=np.float32)
    gamma = rng.uniform(1.3, 1.8)
    out = 255 * (grey / 255) ** gamma
    out = np.clip((out - 30) * 1.25, 0, 255) * rng.uniform(0.88, 0.95) + 6
    speckle = np.random.default_rng(rng.randrange(2**32)).random(out.shape) < 0.002
    out[speckle] = rng.randint(60, 120)
    done.update({"photocopy_gamma": f"{gamma:.2f}"})
    result = Image.fromarray(np.clip(out, 0, 255).astype(np.uint8), "L").convert("RGB")
    return result.filter(ImageFilter.GaussianBlur(0.5))


def _wood(size: tuple[int, int], rng: random.Random) -> Image.Image:
    w, h = size
    y, x = np.mgrid[0:h, 0:w].astype(np.float32)
    grain = np.sin(
        y / rng.uniform(9, 16) + 3 * np.sin(x / rng.uniform(120, 260)) + rng.random() * 6
    )
    base = np.array((150, 100, 60), np.float32) * (0.85 + 0.15 * grain[..., None])
    return Image.fromarray(np.clip(base, 0, 255).astype(np.uint8), "RGB")


def _hand(size: tuple[int, int], rng: random.Random) -> Image.Image:
    skin = (rng.randint(190, 225), rng.randint(140, 170), rng.randint(110, 140))
    back = Image.new("RGB", size, (70, 72, 80))
    draw = ImageDraw.Draw(back)
    w, h = size
    draw.ellipse((int(0.05 * w), int(0.2 * h), int(0.95 * w), int(1.4 * h)), fill=skin)
    for k in range(4):  # fingers behind the card's upper edge
        x0 = int((0.18 + 0.17 * k) * w)
        draw.rounded_rectangle((x0, int(0.02 * h), x0 + int(0.12 * w), int(0.6 * h)), 40, fill=skin)
    return back.filter(ImageFilter.GaussianBlur(3))


def _phone(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Image.Image:
    """A phone photo: the card ~8 degrees askew in perspective on a table or in a hand,
    light falling off across the frame, a little soft."""
    size = (1600, 1200)
    on = "table" if rng.random() < 0.6 else "hand"
    back = _wood(size, rng) if on == "table" else _hand(size, rng)
    scale = rng.uniform(0.55, 0.7) * size[0] / card.width
    card = card.resize(
        (round(card.width * scale), round(card.height * scale)), Image.Resampling.LANCZOS
    )
    layer = Image.new("RGB", size, (0, 0, 0))
    mask = Image.new("L", size, 0)
    x, y = (size[0] - card.width) // 2, (size[1] - card.height) // 2
    layer.paste(card, (x, y))
    mask.paste(_rounded(card, round(BASE_DPI * scale)), (x, y))
    angle = rng.uniform(6, 10) * rng.choice((-1, 1))
    w, h = size
    d = rng.uniform(0.04, 0.08) * w
    dst = (
        [(d, 0.0), (w - d, 0.0), (w, h), (0.0, h)]
        if rng.random() < 0.5
        else [(0.0, 0.0), (w, 0.0), (w - d, h), (d, h)]
    )
    coeffs = _perspective_coeffs([(0, 0), (w, 0), (w, h), (0, h)], dst)
    warp = [(layer, Image.Resampling.BICUBIC), (mask, Image.Resampling.BILINEAR)]
    layer, mask = (
        im.transform(size, Image.Transform.PERSPECTIVE, coeffs, r).rotate(
            angle, r, center=(w / 2, h / 2)
        )
        for im, r in warp
    )
    back.paste(layer, (0, 0), mask)
    yy, xx = np.mgrid[0:h, 0:w].astype(np.float32)
    light = 1.05 - 0.3 * ((xx / w - rng.random()) ** 2 + (yy / h - rng.random()) ** 2)
    lit = np.asarray(back, dtype=np.float32) * light[..., None]
    photo = Image.fromarray(np.clip(lit, 0, 255).astype(np.uint8), "RGB")
    blur = rng.uniform(0.6, 1.2)
    done.update(
        {"on": on, "angle": f"{angle:.1f}", "perspective": f"{d / w:.2f}", "blur": f"{blur:.1f}"}
    )
    return _noise(photo.filter(ImageFilter.GaussianBlur(blur)), rng, rng.uniform(3, 7))


# --------------------------------------------------------------------------- kinds


def _clean(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
    return Copy(card, done, BASE_DPI, 92)


def _mixed(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
    image, what = degrade(card, rng)
    done.update(what)
    return Copy(image, done, int(what["dpi"]), int(what["jpeg_quality"]))


def _flat_at(dpi: int) -> Callable[[Image.Image, random.Random, dict[str, str]], Copy]:
    def make(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
        return Copy(_flat(card, rng, dpi, done), done, dpi, rng.randint(82, 92))

    return make


def _a4_corner(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
    dpi = rng.choice((200, 300))
    return Copy(_a4(card, rng, dpi, done), done, dpi, rng.randint(75, 90))


def _phone_photo(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
    return Copy(_phone(card, rng, done), done, 72, rng.randint(75, 90))


def _grey_copy(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
    page = _a4(card, rng, 200, done, grey=True)
    return Copy(_photocopy(page, rng, done), done, 200, rng.randint(75, 90))


def _jpeg30(card: Image.Image, rng: random.Random, done: dict[str, str]) -> Copy:
    dpi = rng.choice((200, 300))
    return Copy(_flat(card, rng, dpi, done), done, dpi, 30)


Maker = Callable[[Image.Image, random.Random, dict[str, str]], Copy]

KINDS: dict[str, tuple[str, Maker]] = {
    "clean": ("the generator's clean card, 300 dpi, JPEG 92", _clean),
    "mixed": ("the generator's seeded mix (dpi, skew, turns, perspective, blur, noise)", _mixed),
    "flat_300": ("flat scan of the card alone at 300 dpi", _flat_at(300)),
    "flat_600": ("flat scan of the card alone at 600 dpi", _flat_at(600)),
    "a4_corner": ("the card in a corner of an A4 flatbed scan (200 or 300 dpi)", _a4_corner),
    "phone_photo": ("phone photo, ~8 degrees, perspective, on a table or a hand", _phone_photo),
    "photocopy": ("grey photocopy on A4 at 200 dpi", _grey_copy),
    "jpeg_q30": ("flat scan saved at JPEG quality 30", _jpeg30),
    "sans_nik_mockup": (
        "mock-up: the NIK in an ordinary sans font (must be rejected)",
        _flat_at(300),
    ),
}


def make_kind(kind: str, seed: int) -> KtpSample:
    """One copy of ``kind`` with its truth, deterministic from (kind, seed)."""
    if kind not in KINDS:
        raise ValueError(f"unknown KTP kind {kind!r}: one of {', '.join(KINDS)}")
    rng = random.Random(f"ktp:{kind}:{seed}")
    mockup = kind == "sans_nik_mockup"
    truth: KtpTruth = make_truth(seed).model_copy(
        update={"kind": kind, "expect": "reject" if mockup else "accept"}
    )
    card = draw_card(truth, SANS_NIK) if mockup else draw_card(truth)
    done: dict[str, str] = {"nik_font": "sans"} if mockup else {}
    copy = KINDS[kind][1](card, rng, done)
    out = io.BytesIO()
    copy.image.save(out, "JPEG", quality=copy.quality, dpi=(copy.dpi, copy.dpi))
    done["jpeg_quality"] = str(copy.quality)
    return KtpSample(truth=truth.model_copy(update={"degradations": done}), jpeg=out.getvalue())
