"""A photographed MRZ band under uneven light, evened: what a phone photo's shadow,
light fall-off and glare do to a band, undone before it is read again.

A phone photo's light is uneven across the band: a shadow darkens part of it and a
glare spot washes the print out (light added, so the ink under it turns grey). One
threshold for the whole band then loses letters on one side or merges them on the other
(phone_photo dev seeds 22, 49, 54, 94, 98: digits of a date or letters of a name misread
where the glare or the shadow lies).

The band is evened locally: the paper's level is the band's grey closing (glyph strokes
are far thinner than half a character's height), the ink's level the running minimum
over two character heights (every such window holds a stroke of the lines), both
smoothed; each pixel is set where it lies between the two. Where no ink lies near (a
margin) the span is kept from shrinking to the noise's.
"""

from __future__ import annotations

import dataclasses

import numpy as np
from numpy.typing import NDArray
from PIL import Image, ImageFilter

from readers.mrz_band import MrzBand
from readers.mrz_ink import slide
from readers.numeric import percentile

PAPER_REACH = 0.5  # character heights: the closing that leaves the paper only
INK_REACH = 2.0  # character heights: the window whose minimum is the ink's level
LEAST_SPAN = 0.35  # of the band's whole contrast: the least span a pixel is stretched over
PAPER_SHARE = 75  # percentile of the evened band set to white


def _filtered(values: NDArray[np.int16], size: int, take_max: bool) -> NDArray[np.int16]:
    out = values
    for axis in (0, 1):
        out = slide(out, size, axis, take_max=take_max)
    return out


def _smooth(values: NDArray[np.int16], size: int) -> NDArray[np.float64]:
    image = Image.fromarray(np.clip(values, 0, 255).astype(np.uint8))
    return np.asarray(image.filter(ImageFilter.BoxBlur(size)), dtype=np.float64)


def evened(band: MrzBand, *, glare: bool) -> MrzBand:
    """``band`` with its paper made one white, locally (a shadow, light falling off);
    ``glare``: its ink made one black too (print washed grey under a glare spot)."""
    values = np.asarray(band.image.convert("L"), dtype=np.int16)
    paper_size = round(PAPER_REACH * band.char_height) | 1
    ink_size = round(INK_REACH * band.char_height) | 1
    closed = _filtered(_filtered(values, paper_size, True), paper_size, False)
    paper = np.maximum(_smooth(closed, paper_size), closed.astype(np.float64))
    ink = _smooth(_filtered(values, ink_size, False), ink_size) if glare else np.zeros_like(paper)
    whole = percentile(values, 75) - percentile(values, 2)
    span = np.maximum(paper - ink, max(LEAST_SPAN * whole, 1.0))
    # Measured down from the paper over the span: where the span is kept from
    # shrinking (no ink near: a margin, or what ``readers.mrz_edges`` made paper), paper
    # stays white; measured up from the ink's level, the paper's noise turned black
    # there and was read as a letter (phone_photo report seed 1000006: ``JP<``).
    out = 1.0 - (paper - values.astype(np.float64)) / span
    top = max(percentile(out, PAPER_SHARE), 1e-6)
    image = Image.fromarray(np.clip(out * (255.0 / top), 0, 255).astype(np.uint8), "L")
    return dataclasses.replace(band, image=image)
