"""The photo's background must be red: measured on the border band, in HSV.

The only validators module that touches images (Pillow). The image is decoded at a
reduced size (JPEG draft mode, then a 200 px thumbnail), converted to HSV, and the
band of ``settings.border_fraction`` of the width/height on each side is measured with
masked histograms (no per-pixel Python loop). ``Image.MAX_IMAGE_PIXELS`` is left on:
a decompression bomb is an undecodable image like any other.
"""

from __future__ import annotations

import io
import math
from typing import Literal

from PIL import Image, ImageChops, ImageDraw, UnidentifiedImageError
from pydantic import BaseModel, ConfigDict

from config.catalog import FindingCatalog
from config.settings import PhotoSettings
from fasdip.heif import ensure_heif_opener
from fasdip.models import IMAGE_FORMATS, Attachment, DocumentType, FileFormat, Finding, FindingCode

THUMBNAIL_SIDE = 200
CHECK = "photo_red_background"

# Besides red, name the background for officers: blue and white are the usual mistakes.
BLUE_HUE_DEGREES = (190.0, 260.0)
WHITE_MAX_SATURATION = 0.2
WHITE_MIN_VALUE = 0.75
OTHER_MIN_FRACTION = 0.5  # a colour named "blue"/"white" must cover half the border

# Pillow is tried on every image format, and on bytes no signature named.
_MEASURED_FORMATS = IMAGE_FORMATS | {FileFormat.unknown}

DECODE_ERRORS: tuple[type[BaseException], ...] = (
    UnidentifiedImageError,
    Image.DecompressionBombError,
    OSError,
    SyntaxError,
    ValueError,
    EOFError,  # a truncated HEIC (pillow-heif's decoder)
)


class BackgroundMeasure(BaseModel):
    """What the border band of a photo looks like. Hue in degrees, the rest 0..1."""

    model_config = ConfigDict(frozen=True)

    red_fraction: float
    mean_hue: float
    mean_saturation: float
    mean_value: float
    dominant: Literal["red", "blue", "white", "other"]


def _decode(data: bytes) -> Image.Image:
    """The image as a small RGB picture; raises one of ``DECODE_ERRORS``."""
    ensure_heif_opener(data)
    with Image.open(io.BytesIO(data)) as img:
        if img.format == "JPEG":
            img.draft("RGB", (THUMBNAIL_SIDE * 2, THUMBNAIL_SIDE * 2))
        img.load()
        if img.mode in ("RGBA", "LA", "PA") or (img.mode == "P" and "transparency" in img.info):
            rgba = img.convert("RGBA")
            rgb = Image.new("RGB", rgba.size, (255, 255, 255))  # transparent reads as white
            rgb.paste(rgba, mask=rgba.getchannel("A"))
        else:
            rgb = img.convert("RGB")
    rgb.thumbnail((THUMBNAIL_SIDE, THUMBNAIL_SIDE))
    if rgb.width < 1 or rgb.height < 1:
        raise ValueError("image has no pixels")
    return rgb


def _border_mask(width: int, height: int, fraction: float) -> Image.Image:
    band_x = max(1, round(width * fraction))
    band_y = max(1, round(height * fraction))
    mask = Image.new("L", (width, height), 255)
    if width > 2 * band_x and height > 2 * band_y:
        ImageDraw.Draw(mask).rectangle(
            (band_x, band_y, width - band_x - 1, height - band_y - 1), fill=0
        )
    return mask


def _threshold(channel: Image.Image, low: int, high: int = 255) -> Image.Image:
    """255 where ``low <= value <= high``, else 0."""
    return channel.point(lambda v: 255 if low <= v <= high else 0)


def _hue_bins(degrees_low: float, degrees_high: float) -> range:
    return range(math.ceil(degrees_low * 256 / 360), math.floor(degrees_high * 256 / 360) + 1)


def measure_background(jpeg: bytes, settings: PhotoSettings) -> BackgroundMeasure:
    """Measure the border band of an image (JPEG, or any format Pillow decodes).

    Raises ``PIL.UnidentifiedImageError``, ``OSError``, ``SyntaxError``, ``ValueError``
    or ``PIL.Image.DecompressionBombError`` when the bytes are not a decodable image.
    """
    rgb = _decode(jpeg)
    hue, sat, val = rgb.convert("HSV").split()
    border = _border_mask(rgb.width, rgb.height, settings.border_fraction)
    total = border.histogram()[255]

    vivid = ImageChops.multiply(
        _threshold(sat, math.ceil(settings.min_saturation * 255)),
        _threshold(val, math.ceil(settings.min_value * 255)),
    )
    vivid_border = ImageChops.multiply(vivid, border)
    vivid_hues = hue.histogram(mask=vivid_border)

    # Pillow's hue runs 0..255 for 0..360 degrees; red wraps around 0.
    tol = settings.hue_tolerance_degrees
    red = sum(n for b, n in enumerate(vivid_hues) if min(b, 256 - b) * 360 / 256 <= tol)
    blue = sum(vivid_hues[b] for b in _hue_bins(*BLUE_HUE_DEGREES))
    white_mask = ImageChops.multiply(
        ImageChops.multiply(
            _threshold(sat, 0, math.floor(WHITE_MAX_SATURATION * 255)),
            _threshold(val, math.ceil(WHITE_MIN_VALUE * 255)),
        ),
        border,
    )
    white = white_mask.histogram()[255]

    hue_hist = hue.histogram(mask=border)
    sin_sum = sum(n * math.sin(b * 2 * math.pi / 256) for b, n in enumerate(hue_hist) if n)
    cos_sum = sum(n * math.cos(b * 2 * math.pi / 256) for b, n in enumerate(hue_hist) if n)
    mean_hue = math.degrees(math.atan2(sin_sum, cos_sum)) % 360.0
    sat_hist = sat.histogram(mask=border)
    val_hist = val.histogram(mask=border)
    mean_sat = sum(i * n for i, n in enumerate(sat_hist)) / (255 * total)
    mean_val = sum(i * n for i, n in enumerate(val_hist)) / (255 * total)

    red_fraction = red / total
    dominant: Literal["red", "blue", "white", "other"]
    if red_fraction >= settings.min_red_fraction:
        dominant = "red"
    elif blue / total >= OTHER_MIN_FRACTION:
        dominant = "blue"
    elif white / total >= OTHER_MIN_FRACTION:
        dominant = "white"
    else:
        dominant = "other"
    return BackgroundMeasure(
        red_fraction=round(red_fraction, 4),
        mean_hue=round(mean_hue, 1),
        mean_saturation=round(mean_sat, 4),
        mean_value=round(mean_val, 4),
        dominant=dominant,
    )


def check_photo(
    att: Attachment,
    settings: PhotoSettings,
    catalog: FindingCatalog,
    applicant: str | None = None,
) -> tuple[dict[str, bool], list[Finding]]:
    """``photo_red_background`` for a photo; no key when the image cannot be decoded.

    Undecodable bytes are ``check_file``'s business (unreadable_file / wrong_format).
    """
    if not att.data or att.detected_format not in _MEASURED_FORMATS:
        return {}, []
    try:
        measure = measure_background(att.data, settings)
    except DECODE_ERRORS:
        return {}, []
    red = measure.dominant == "red"
    findings: list[Finding] = []
    if not red:
        findings.append(
            catalog.make(
                FindingCode.photo_background_not_red,
                attachment=att,
                document=DocumentType.photo,
                applicant=applicant,
                background=measure.dominant,
                red_fraction=f"{measure.red_fraction:.2f}",
            )
        )
    return {CHECK: red}, findings
