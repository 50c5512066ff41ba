"""Width and height of an image, and whether it decodes, via Pillow.

Pillow's decompression-bomb guard (``Image.MAX_IMAGE_PIXELS``) stays on and truncated
images are never loaded as if whole: a file that trips either is reported unreadable.
"""

from __future__ import annotations

import io
import struct
import warnings
import zlib

from PIL import Image, UnidentifiedImageError

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


def image_size(data: bytes) -> tuple[int, int] | None:
    """Width and height from the header only (nothing is decoded); None if unknown."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
    except (Image.DecompressionBombError, *_DECODE_ERRORS):
        return None
    return int(width), int(height)


def read_image(data: bytes) -> ContentInfo:
    """Size of a readable image, or ``readable=False`` with why it cannot be read."""
    if not data:
        return ContentInfo(readable=False, problem="empty", problem_detail="the file has 0 bytes")
    try:
        with warnings.catch_warnings():
            # A picture over MAX_IMAGE_PIXELS (but under twice it) only warns: treat it as
            # the bomb it may be, like the error Pillow raises above twice the limit.
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                width, height = image.size
            # verify() needs a fresh file object and checks the data, not just the header;
            # load() decodes the pixels, which catches truncated JPEGs verify() lets pass.
            with Image.open(io.BytesIO(data)) as image:
                image.verify()
            with Image.open(io.BytesIO(data)) as image:
                image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        return _problem("too_large_image", exc)
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
