"""The pictures OCR reads from an attachment: a PDF's page images or the picture itself,
cut, when asked, to what is printed on them. The images come from ingest."""

from __future__ import annotations

from PIL import Image

import ingest.pdf
from config.settings import LimitsSettings
from fasdip.models import Attachment, FileFormat
from ingest.images import decode_image
from readers.page_text import PageTextReader


def page_images(
    att: Attachment, limits: LimitsSettings, max_pages: int = 2, *, to_content: bool = False
) -> list[Image.Image]:
    """The pictures OCR reads: a PDF's page images (its first ``max_pages``), or the image
    itself; [] if none decode (or a picture is over ``limits.max_image_pixels``).
    ``to_content``: each cut to what is printed on it (``content_of``)."""
    if att.detected_format == FileFormat.pdf:
        images = ingest.pdf.page_images(att.data, max_pages, limits=limits)
    else:
        image = decode_image(att.data, limits)
        images = [image] if image is not None else []
    return [content_of(image) for image in images] if to_content else images


def first_page_text(pages: PageTextReader, att: Attachment, limits: LimitsSettings) -> str:
    """A scan's first page read whole (cut to what is printed): a KTP's second reading."""
    images = page_images(att, limits, 1, to_content=True)
    return "\n".join(pages.read(att, images)) if images else ""


def content_of(page: Image.Image) -> Image.Image:
    """The page cut to the box of what is printed on it, with a margin: a photocopied card
    in a corner of a grey A4 scan gives Tesseract's page layout nothing to read on the whole
    page, and all of it once cut out. A page printed edge to edge is left whole."""
    grey = page.convert("L")
    small = grey.resize((max(1, grey.width // 4), max(1, grey.height // 4)))
    paper = _median(small.histogram())  # most of a page is paper
    ink = small.point(lambda v: 255 if v < paper - _INK_BELOW_PAPER else 0)
    box = ink.getbbox()
    if box is None:
        return page
    left, top, right, bottom = (4 * edge for edge in box)
    margin = _CONTENT_MARGIN * max(page.width, page.height) // 100
    cut = (
        max(0, left - margin),
        max(0, top - margin),
        min(page.width, right + margin),
        min(page.height, bottom + margin),
    )
    if (cut[2] - cut[0]) * (cut[3] - cut[1]) > 0.8 * page.width * page.height:
        return page
    return page.crop(cut)


_INK_BELOW_PAPER = 40  # grey levels darker than the paper that count as printed
_CONTENT_MARGIN = 2  # percent of the page's long side left around what is printed


def _median(histogram: list[int]) -> int:
    half, seen = sum(histogram) / 2, 0
    for level, count in enumerate(histogram):
        seen += count
        if seen >= half:
            return level
    return len(histogram) - 1
