"""Width and height of an image, and whether it decodes, via Pillow.

Pillow's decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``) is set explicitly from
``LimitsSettings.max_image_pixels`` before every read, and truncated images are never
loaded as if whole (``ImageFile.LOAD_TRUNCATED_IMAGES`` is left False): a file that trips
either is reported unreadable. A picture over the pixel limit is the problem
``limit:max_image_pixels``, judged from its header alone (a 50,000 x 50,000 PNG can be
a few kilobytes): its pixels are never decoded.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Literal

from PIL import Image, ImageOps, UnidentifiedImageError

from config.settings import DEFAULT_LIMITS, LimitsSettings
from fasdip.heif import ensure_heif_opener
from fasdip.models import ContentInfo

# What Pillow raises on broken or hostile files (besides its own UnidentifiedImageError,
# an OSError): SyntaxError from some plugins' header parsers, ValueError/struct.error/
# IndexError on short headers, zlib.error on corrupt PNG data.
_DECODE_ERRORS = (
    OSError,
    SyntaxError,
    ValueError,
    TypeError,
    IndexError,
    KeyError,
    EOFError,
    struct.error,
    zlib.error,
)


def apply_pixel_limit(limits: LimitsSettings) -> None:
    """Pillow's decompression-bomb guard from the settings (a process-wide value of Pillow)."""
    Image.MAX_IMAGE_PIXELS = limits.max_image_pixels


@contextmanager
def _pillow(
    limits: LimitsSettings, bomb_warning: Literal["ignore", "error"], data: bytes
) -> Iterator[None]:
    """Pillow set up for one read: the pixel limit, and what a picture over it (but under
    twice it, where Pillow only warns) does: ``ignore`` for a header read, ``error`` for a
    decode, to treat it as the bomb it may be, like the error Pillow raises above twice.
    A HEIC picture (an iPhone's) is opened through pillow-heif, loaded on the first one."""
    apply_pixel_limit(limits)
    ensure_heif_opener(data)
    with warnings.catch_warnings():
        warnings.simplefilter(bomb_warning, Image.DecompressionBombWarning)
        yield


def image_size(data: bytes, limits: LimitsSettings = DEFAULT_LIMITS) -> tuple[int, int] | None:
    """Width and height from the header only (nothing is decoded); None if unknown."""
    try:
        with _pillow(limits, "ignore", data), Image.open(io.BytesIO(data)) as image:
            width, height = image.size
    except (Image.DecompressionBombError, *_DECODE_ERRORS):
        return None
    return int(width), int(height)


def decode_image(data: bytes, limits: LimitsSettings = DEFAULT_LIMITS) -> Image.Image | None:
    """The picture with its pixels loaded, upright as its EXIF orientation says (a phone
    keeps a photo's pixels as the sensor saw them and tags the turn), or None if it does
    not decode or is a bomb."""
    try:
        with _pillow(limits, "error", data):
            image = Image.open(io.BytesIO(data))
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning, *_DECODE_ERRORS):
        return None
    return _upright(image)


def _upright(image: Image.Image) -> Image.Image:
    """The picture turned as its EXIF orientation tag says; as decoded when the tag is
    absent or its EXIF block is broken (the pixels are whole: the readers try each turn)."""
    try:
        return ImageOps.exif_transpose(image)
    except _DECODE_ERRORS:
        return image


def read_image(data: bytes, limits: LimitsSettings = DEFAULT_LIMITS) -> ContentInfo:
    """Size of a readable image, or ``readable=False`` with why it cannot be read."""
    if not data:
        return ContentInfo(readable=False, problem="empty", problem_detail="the file has 0 bytes")
    try:
        with _pillow(limits, "error", data):
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
            # verify() needs a fresh file object and checks the data, not just the header;
            # load() decodes the pixels, which catches truncated JPEGs verify() lets pass.
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        # Pillow's message names the image's pixels and the limit (max_image_pixels).
        return _problem("limit:max_image_pixels", exc)
    except UnidentifiedImageError as exc:
        return _problem("not_an_image", exc)
    except _DECODE_ERRORS as exc:
        return _problem("corrupt", exc)
    return ContentInfo(readable=True, width=int(width), height=int(height))


def _problem(code: str, exc: BaseException) -> ContentInfo:
    message = " ".join(str(exc).split()) or "no message"
    return ContentInfo(
        readable=False, problem=code, problem_detail=f"{type(exc).__name__}: {message}"[:200]
    )
