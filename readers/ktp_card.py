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

from dataclasses import dataclass

import numpy as np
from PIL import Image

from readers.images import otsu
from readers.numeric import percentile

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


MASKS = ("blue", "grey", "light")  # tried in this order


def _mask(a: np.ndarray, by: str) -> np.ndarray:
    """Where the page (RGB, int16) may be card, by one of ``MASKS``."""
    if by == "blue":
        return np.asarray((a[..., 2] - a[..., 0]) > CARD_BLUE)
    if by == "grey":
        grey = a.mean(axis=2)
        return np.asarray(grey < percentile(grey, 95) - PAPER_DROP)
    # A photo's light part that is not reddish: a card whose blue the light washes out at
    # one end, on a table or a hand (wood and skin are redder than blue).
    palest = a.min(axis=2).astype(np.uint8)
    return np.asarray((palest > otsu(palest)) & (a[..., 2] >= a[..., 0]))


def _ranked(mask: np.ndarray, size: int, keep_all: bool) -> np.ndarray:
    """A ``size`` x ``size`` erosion (``keep_all``) or dilation of ``mask``, its edge rows and
    columns repeated outward (as PIL's Min/MaxFilter), by shifted views: no per-pixel sort."""
    r = size // 2
    padded = np.pad(mask, r, mode="edge")
    h, w = mask.shape
    out = padded[r : r + h, r : r + w].copy()
    for dy in range(size):
        for dx in range(size):
            view = padded[dy : dy + h, dx : dx + w]
            out = (out & view) if keep_all else (out | view)
    return out


def _opened(mask: np.ndarray, size: int = 3) -> np.ndarray:
    return _ranked(_ranked(mask, size, True), size, False)


def _closed(mask: np.ndarray) -> np.ndarray:
    """Text holes and speckles filled: a closing, then an opening, of 3 px."""
    return _opened(_ranked(_ranked(mask, 3, False), 3, True))


def _despeckled(mask: np.ndarray) -> np.ndarray:
    """``mask`` without specks: an opening of 3 px (a photocopy's toner dots on the paper
    around the card are "not paper" too, and one of them is an extreme point). Noise is
    not blue: a blue mask is taken as it is, its corners where they were."""
    return _opened(mask)


def _row_runs(mask: np.ndarray) -> list[tuple[int, int, int]]:
    """The runs of True in each row of ``mask``: (row, start, end), in raster order."""
    edges = np.diff(np.pad(mask.astype(np.int8), ((0, 0), (1, 1))), axis=1)
    runs: list[tuple[int, int, int]] = []
    for y in range(mask.shape[0]):
        starts, ends = np.flatnonzero(edges[y] == 1), np.flatnonzero(edges[y] == -1)
        runs += [(y, int(a), int(b)) for a, b in zip(starts, ends, strict=True)]
    return runs


def _largest_region(mask: np.ndarray) -> np.ndarray | None:
    """The largest 4-connected region of ``mask`` (a boolean image of the same shape); of
    regions as large, the first in raster order. Labelled by rows' runs of pixels, joined
    when they overlap the row above (a few hundred runs, not tens of thousands of pixels)."""
    runs = _row_runs(mask)
    if not runs:
        return None
    parent = list(range(len(runs)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    above: list[int] = []  # the runs of the previous row
    here: list[int] = []
    row = runs[0][0]
    for i, (y, a, b) in enumerate(runs):
        if y != row:
            above, here, row = (here if y == row + 1 else []), [], y
        for j in above:
            if runs[j][1] < b and a < runs[j][2]:  # overlapping columns: 4-connected
                ri, rj = root(i), root(j)
                parent[max(ri, rj)] = min(ri, rj)
        here.append(i)
    sizes: dict[int, int] = {}
    for i, (_, a, b) in enumerate(runs):
        r = root(i)
        sizes[r] = sizes.get(r, 0) + b - a
    best = min(sizes, key=lambda r: (-sizes[r], r))
    out = np.zeros(mask.shape, dtype=bool)
    for i, (y, a, b) in enumerate(runs):
        if root(i) == best:
            out[y, a:b] = True
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
    for by in MASKS:
        region = _largest_region(_closed(_mask(coarse, by)))
        if region is None or not _card_shaped(region, _corners(region)):
            continue
        # The corners again at the finer scale, within the coarse region (grown by a cell).
        fine, fine_factor = _small(image, _FINE)
        grown = Image.fromarray(_ranked(region, 5, False).astype(np.uint8) * 255, "L")
        near = np.asarray(grown.resize((fine.shape[1], fine.shape[0])), dtype=np.uint8) > 127
        fine_mask = _mask(fine, by)
        fine_region = (fine_mask if by == "blue" else _despeckled(fine_mask)) & near
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
