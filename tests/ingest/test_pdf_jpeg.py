"""A scanned PDF's page image: a plain JPEG is decoded from the file's own bytes, not from
pypdf's re-encoding of it (issue 14: 2.7 % of a one-passport triage's instructions); any
other image (a /Decode array, a mask, Flate) is read by pypdf as before."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image

from ingest.pdf import page_images
from samples.passport_kinds import make_kind
from samples.scan_files import _pdf_bytes, decoded, to_jpeg, to_pdf


def _page() -> Image.Image:
    return make_kind("clean", 0).image


def _pypdf_image(pdf: bytes) -> Image.Image:
    """The page image as pypdf's ``page.images`` gives it (the reading before)."""
    from pypdf import PdfReader

    image = PdfReader(io.BytesIO(pdf)).pages[0].images[0].image
    assert image is not None
    image.load()
    return image


def test_a_scanned_pages_jpeg_is_its_own_bytes_decoded() -> None:
    page = _page().convert("RGB")
    [image] = page_images(to_pdf(page, quality=85))
    own = decoded(to_jpeg(page, 85))
    assert image.mode == own.mode == "RGB"
    assert np.array_equal(np.asarray(image), np.asarray(own))
    # pypdf's re-encoding moves pixels: the old reading was not the file's
    assert not np.array_equal(np.asarray(_pypdf_image(to_pdf(page, quality=85))), np.asarray(own))


def test_a_grey_jpeg_stays_grey() -> None:
    page = _page().convert("L")
    out = io.BytesIO()
    page.save(out, "JPEG", quality=80)
    w, h = page.size
    head = f"/Width {w} /Height {h} /ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /DCTDecode"
    [image] = page_images(_pdf_bytes(head, out.getvalue(), w * 0.24, h * 0.24))
    assert image.mode == "L"
    assert np.array_equal(np.asarray(image), np.asarray(decoded(out.getvalue())))


def test_a_jpeg_with_a_decode_array_is_read_by_pypdf_inverted() -> None:
    page = _page().convert("RGB")
    w, h = page.size
    head = (
        f"/Width {w} /Height {h} /ColorSpace /DeviceRGB /BitsPerComponent 8 "
        "/Filter /DCTDecode /Decode [1 0 1 0 1 0]"
    )
    pdf = _pdf_bytes(head, to_jpeg(page, 85), w * 0.24, h * 0.24)
    [image] = page_images(pdf)
    assert np.array_equal(np.asarray(image), np.asarray(_pypdf_image(pdf)))
    # inverted: the page's paper is dark
    assert float(np.asarray(image.convert("L")).mean()) < 128


def test_a_flate_scan_is_read_by_pypdf_as_before() -> None:
    page = _page()
    pdf = to_pdf(page, kind="flate")
    [image] = page_images(pdf)
    assert np.array_equal(np.asarray(image), np.asarray(_pypdf_image(pdf)))
