"""Where the card is on a page: a flat scan, the corner of an A4 page, a photocopy, a photo.

The page is looked at about 240 px across. The card is the largest connected region of
card-blue (the e-KTP's background), on a grey copy of "not paper" (darker than the
page's white), or on a photo whose light washes out the card's blue, of light pixels not redder than
blue (lighter in every channel than Otsu's split; wood and skin are reddish); it must have the card's shape (85.6 x 54 mm, either way up) and fill its
box. Its four corners (the region's extreme points, looked for again at a finer scale)
give the quad that a perspective warp turns into an upright rectangle: that straightens
a phone photo's turn and perspective, and a scan's skew. A region that is not card-shaped
is no card: the page is read whole, as before (the reading's doubts then say so).
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageFilter

from readers.images import otsu

CARD_BLUE = 18  # blue above red by this much: the e-KTP's background
CARD_ASPECT = 85.6 / 54.0
ASPECT_TOLERANCE = 0.12  # of the aspect, either side (perspective; a passport page is 1.42)
FILL = (0.8, 1.15)  # the region's area over its corners' quad: a card fills it, no more
MIN_AREA = 0.01  # of the page: smaller is a logo or a stamp, not a card
PAPER_DROP = 12  # "not paper": this much darker than the page's white (averaged over a cell)
_COARSE = 240  # px across, to find the region
_FINE = 900  # px across, to find its corners
Quad = tuple[tuple[float, float], ...]  # top-left, top-right, bottom-right, bottom-left


@dataclass(frozen=True)
class CardQuad:
    corners: Quad  # in page pixels
    by: str  # "blue", "grey" or "light"


def _small(image: Image.Image, across: int) -> tuple[np.ndarray, float]:
    factor = max(1.0, max(image.size) / across)
    size = (max(1, round(image.width / factor)), max(1, round(image.height / factor)))
    small = image.convert("RGB").resize(size, Image.Resampling.BOX)
    return np.asarray(small, dtype=np.int16), factor


def _masks(a: np.ndarray) -> list[tuple[str, np.ndarray]]:
    blue = (a[..., 2] - a[..., 0]) > CARD_BLUE
    grey = a.mean(axis=2)
    paper = float(np.percentile(grey, 95))
    # A photo's light part that is not reddish: a card whose blue the light washes out at
    # one end, on a table or a hand (wood and skin are redder than blue).
    palest = a.min(axis=2).astype(np.uint8)
    light = (palest > otsu(palest)) & (a[..., 2] >= a[..., 0])
    return [("blue", blue), ("grey", grey < paper - PAPER_DROP), ("light", light)]


def _closed(mask: np.ndarray) -> np.ndarray:
    """Text holes and speckles filled: a closing, then an opening, of 3 px."""
    image = Image.fromarray(mask.astype(np.uint8) * 255, "L")
    image = image.filter(ImageFilter.MaxFilter(3)).filter(ImageFilter.MinFilter(3))
    image = image.filter(ImageFilter.MinFilter(3)).filter(ImageFilter.MaxFilter(3))
    return np.asarray(image) > 127


def _despeckled(mask: np.ndarray) -> np.ndarray:
    """``mask`` without specks: an opening of 3 px (a photocopy's toner dots on the paper
    around the card are "not paper" too, and one of them is an extreme point)."""
    image = Image.fromarray(mask.astype(np.uint8) * 255, "L")
    return np.asarray(image.filter(ImageFilter.MinFilter(3)).filter(ImageFilter.MaxFilter(3))) > 127


def _largest_region(mask: np.ndarray) -> np.ndarray | None:
    """The largest 4-connected region of ``mask`` (a boolean image of the same shape)."""
    seen = np.zeros(mask.shape, dtype=bool)
    best: list[tuple[int, int]] = []
    height, width = mask.shape
    for y0, x0 in zip(*np.nonzero(mask), strict=True):
        if seen[y0, x0]:
            continue
        seen[y0, x0] = True
        region = [(int(y0), int(x0))]
        todo = deque(region)
        while todo:
            y, x = todo.popleft()
            for ny, nx in ((y - 1, x), (y + 1, x), (y, x - 1), (y, x + 1)):
                if 0 <= ny < height and 0 <= nx < width and mask[ny, nx] and not seen[ny, nx]:
                    seen[ny, nx] = True
                    region.append((ny, nx))
                    todo.append((ny, nx))
        if len(region) > len(best):
            best = region
    if not best:
        return None
    out = np.zeros(mask.shape, dtype=bool)
    ys, xs = zip(*best, strict=True)
    out[list(ys), list(xs)] = True
    return out


def _corners(region: np.ndarray) -> Quad:
    """The region's extreme points: top-left, top-right, bottom-right, bottom-left."""
    ys, xs = np.nonzero(region)
    s, d = xs + ys, xs - ys
    picks = (np.argmin(s), np.argmax(d), np.argmax(s), np.argmin(d))
    return tuple((float(xs[i]) + 0.5, float(ys[i]) + 0.5) for i in picks)


def _side(a: tuple[float, float], b: tuple[float, float]) -> float:
    return float(np.hypot(a[0] - b[0], a[1] - b[1]))


def _card_shaped(region: np.ndarray, quad: Quad) -> bool:
    """The region has a card's aspect (either way up), fills its quad, and is not tiny."""
    tl, tr, br, bl = quad
    across = (_side(tl, tr) + _side(bl, br)) / 2
    down = (_side(tl, bl) + _side(tr, br)) / 2
    if min(across, down) < 4:
        return False
    aspect = max(across, down) / min(across, down)
    xs, ys = zip(*quad, strict=True)
    area = 0.5 * abs(sum(xs[i] * ys[(i + 1) % 4] - xs[(i + 1) % 4] * ys[i] for i in range(4)))
    return (
        abs(aspect - CARD_ASPECT) <= CARD_ASPECT * ASPECT_TOLERANCE
        and FILL[0] <= region.sum() / max(area, 1.0) <= FILL[1]
        and region.sum() >= MIN_AREA * region.size
    )


def find_quad(image: Image.Image) -> CardQuad | None:
    """The card's four corners on the page, or None when no region is card-shaped."""
    coarse, factor = _small(image, _COARSE)
    fine, fine_factor = _small(image, _FINE)
    fine_masks = dict(_masks(fine))
    for by, mask in _masks(coarse):
        region = _largest_region(_closed(mask))
        if region is None or not _card_shaped(region, _corners(region)):
            continue
        # The corners again at the finer scale, within the coarse region (grown by a cell).
        grown = Image.fromarray(region.astype(np.uint8) * 255, "L").filter(ImageFilter.MaxFilter(5))
        near = np.asarray(grown.resize((fine.shape[1], fine.shape[0])), dtype=np.uint8) > 127
        fine_region = _despeckled(fine_masks[by]) & near
        quad = _corners(fine_region) if fine_region.any() else _corners(region)
        scale = fine_factor if fine_region.any() else factor
        return CardQuad(tuple((x * scale, y * scale) for x, y in quad), by)
    return None


def _perspective_coeffs(dst: Quad, src: Quad) -> list[float]:
    """PIL's PERSPECTIVE coefficients mapping output points ``dst`` to input points ``src``."""
    rows = []
    for (x, y), (u, v) in zip(dst, src, strict=True):
        rows.append([x, y, 1, 0, 0, 0, -u * x, -u * y])
        rows.append([0, 0, 0, x, y, 1, -v * x, -v * y])
    target = np.array([c for point in src for c in point], dtype=np.float64)
    solved = np.linalg.solve(np.array(rows, dtype=np.float64), target)
    return [float(c) for c in solved]


def straighten(image: Image.Image, quad: CardQuad) -> Image.Image:
    """The card cut out of the page along its quad, as an upright rectangle (long side
    across), at the resolution it has on the page."""
    tl, tr, br, bl = quad.corners
    across = max(_side(tl, tr), _side(bl, br))
    down = max(_side(tl, bl), _side(tr, br))
    width, height = round(across), round(down)
    dst: Quad = (
        (0.0, 0.0),
        (float(width), 0.0),
        (float(width), float(height)),
        (0.0, float(height)),
    )
    coeffs = _perspective_coeffs(dst, quad.corners)
    card = image.convert("RGB").transform(
        (width, height), Image.Transform.PERSPECTIVE, coeffs, Image.Resampling.BICUBIC
    )
    return card.rotate(90, expand=True) if height > width else card
