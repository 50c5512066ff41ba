"""Image files as scanners write them: JPEG bytes, and a one-page scanned PDF whose page
is one embedded image (JPEG/DCT, Flate or 1-bit CCITT group 4), written by hand."""

from __future__ import annotations

import io
import zlib
from typing import Literal

from PIL import Image, ImageOps

DPI = 300

PdfImageKind = Literal["jpeg", "flate", "ccitt"]


def to_jpeg(image: Image.Image, quality: int = 88) -> bytes:
    out = io.BytesIO()
    image.convert("RGB").save(out, "JPEG", quality=quality)
    return out.getvalue()


def _pdf_bytes(image_dict: str, stream: bytes, width_pt: float, height_pt: float) -> bytes:
    """A one-page PDF whose page is one image (written by hand: any filter, no library)."""
    content = f"q {width_pt:.2f} 0 0 {height_pt:.2f} 0 0 cm /Im0 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        (
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {width_pt:.2f} {height_pt:.2f}] "
            "/Resources << /XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>"
        ).encode(),
        f"<< /Type /XObject /Subtype /Image {image_dict} /Length {len(stream)} >>\nstream\n".encode()
        + stream
        + b"\nendstream",
        f"<< /Length {len(content)} >>\nstream\n".encode() + content + b"\nendstream",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def _ccitt_g4(image: Image.Image) -> bytes:
    """The raw CCITT group 4 data of a 1-bit image (Pillow writes it inside a TIFF)."""
    buffer = io.BytesIO()
    # One strip (strips are coded separately), ink as 1 bits the way fax coding sees it.
    inverted = ImageOps.invert(image.convert("L")).convert("1")
    inverted.save(buffer, "TIFF", compression="group4", tiffinfo={278: image.height})
    buffer.seek(0)
    tiff = Image.open(buffer)
    tags = tiff.getexif()
    offsets = tags[273]
    counts = tags[279]
    if isinstance(offsets, int):
        offsets, counts = [offsets], [counts]
    data = buffer.getvalue()
    return b"".join(data[o : o + c] for o, c in zip(offsets, counts, strict=True))


def to_pdf(
    image: Image.Image, dpi: int = DPI, *, kind: PdfImageKind = "jpeg", quality: int = 85
) -> bytes:
    """A scanned PDF: one page, the image embedded as DCT (JPEG), Flate or CCITT G4."""
    w, h = image.size
    width_pt, height_pt = w * 72 / dpi, h * 72 / dpi
    if kind == "jpeg":
        rgb = image.convert("RGB")
        stream = to_jpeg(rgb, quality)
        head = (
            f"/Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Filter /DCTDecode"
        )
    elif kind == "flate":
        gray = image.convert("L")
        stream = zlib.compress(gray.tobytes(), 6)
        head = f"/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode"
    else:
        gray = image.convert("L")
        bw = gray.point(lambda v: 255 if v > 150 else 0).convert("1")
        stream = _ccitt_g4(bw)
        head = (
            f"/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 1 "
            f"/Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns {w} /Rows {h} /BlackIs1 false >>"
        )
    return _pdf_bytes(head, stream, width_pt, height_pt)


def to_png(image: Image.Image) -> bytes:
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def decoded(data: bytes) -> Image.Image:
    """The image a reader gets from the file's bytes (pixels loaded)."""
    image = Image.open(io.BytesIO(data))
    image.load()
    return image
