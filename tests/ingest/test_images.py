"""A picture is decoded the way a viewer shows it: upright as its EXIF orientation says."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from ingest.images import decode_image

# EXIF orientation -> how the sensor's pixels are stored, relative to the upright picture
_STORED = {
    1: None,
    3: Image.Transpose.ROTATE_180,
    6: Image.Transpose.ROTATE_90,
    8: Image.Transpose.ROTATE_270,
}
_ORIENTATION = 0x0112


def _upright_picture() -> Image.Image:
    """A portrait 60 x 100 picture, red in its top-left corner, white elsewhere."""
    picture = Image.new("RGB", (60, 100), (255, 255, 255))
    picture.paste((200, 0, 0), (0, 0, 20, 20))
    return picture


def _phone_jpeg(orientation: int) -> bytes:
    """The picture as a phone saves it: pixels as stored, the turn in the EXIF tag."""
    picture = _upright_picture()
    turn = _STORED[orientation]
    stored = picture.transpose(turn) if turn is not None else picture
    exif = Image.Exif()
    exif[_ORIENTATION] = orientation
    out = io.BytesIO()
    stored.save(out, "JPEG", quality=95, exif=exif)
    return out.getvalue()


@pytest.mark.parametrize("orientation", sorted(_STORED))
def test_a_phone_photo_is_decoded_upright(orientation: int) -> None:
    image = decode_image(_phone_jpeg(orientation))

    assert image is not None
    assert image.size == (60, 100)
    red, green, _ = image.convert("RGB").getpixel((8, 8))  # type: ignore[misc]
    assert red > 150 and green < 80, "the red corner is top-left, as the viewer shows it"


def test_a_broken_exif_block_leaves_the_picture_readable() -> None:
    jpeg = _phone_jpeg(6)
    app1 = jpeg.index(b"Exif\x00\x00")
    broken = jpeg[: app1 + 6] + b"\xff" * 8 + jpeg[app1 + 14 :]

    image = decode_image(broken)

    assert image is not None, "a JPEG whose pixels decode is read, whatever its EXIF"
