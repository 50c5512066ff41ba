"""HEIF/HEIC pictures (what an iPhone saves by default) opened by Pillow, via pillow-heif.

Ground floor, shared by ingest (which sniffs, sizes and decodes attachments) and the photo
validator (which measures a photo's background): both open pictures with Pillow, and a
HEIC photo of a portrait or of a passport page is typed by what it shows like a JPG, then
refused by the format rule ("please send it as JPG / PDF"). pillow-heif is imported only
when a HEIC file arrives: start-up does not pay for libheif.
"""

from __future__ import annotations

import functools

# The ISO base-media "ftyp" brands of HEIF pictures (HEVC-coded, and the generic image brands).
HEIF_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis", b"hevc", b"hevx", b"mif1", b"msf1"})


def is_heif(data: bytes) -> bool:
    """Whether ``data`` starts as a HEIF file: an ``ftyp`` box naming a HEIF brand."""
    return data[4:8] == b"ftyp" and data[8:12] in HEIF_BRANDS


def ensure_heif_opener(data: bytes) -> None:
    """Teach Pillow HEIF before it opens ``data``, if ``data`` is HEIF (once per process)."""
    if is_heif(data):
        _register_heif_opener()


@functools.cache
def _register_heif_opener() -> None:
    import pillow_heif  # lazy: only a HEIC attachment needs libheif

    pillow_heif.register_heif_opener()
