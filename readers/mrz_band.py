"""Find the machine-readable zone on a page image and cut it out, rectified.

The page may be turned a quarter or half turn, a few degrees askew, photographed at an
angle (perspective), and stamped in colour across the zone. Steps, on a small copy:

1.-3. Ink, colour-aware and against its surroundings, and the page's text lines, each
   fitted with a straight centre line (``readers.mrz_ink``).
4. The MRZ is the group of two (TD3, TD2) or three (TD1) adjacent lines of the same
   length and height, ends aligned, the longest such group of the page
   (``readers.mrz_groups``), searched upright, a quarter turned and at the page's own
   angle.
5. The four ends of the outer lines give a homography: the band is cut from the
   full-resolution page with skew and perspective removed, lines horizontal, the
   characters at a constant pitch. When one of those ends was found off (a line's fit
   run on into the booklet's edge), the band comes out sheared, its glyphs leaning: it
   is cut again with them upright (``readers.mrz_lean``).

Which way up the band reads (0 or 180 degrees) is left to the reader.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import numpy as np
from PIL import Image, ImageOps

from readers.mrz_edges import beyond_ends, solid_line, without_edges
from readers.mrz_groups import PageInk, ToPage
from readers.mrz_ink import LineFit
from readers.mrz_lean import band_lean
from readers.numeric import median, percentile

# Top-hat depth that still counts as ink when the usual level finds no band: grey print
# with line 1 washed out to a third of its contrast.
FAINT_LEVEL = 20
# Last, when no level above finds a band: line 1 washed out to a fifth of its contrast
# falls apart even at the faint level (faint dev seeds 62, 66, 67, 86, 89: no band found).
FAINTER_LEVELS = (12, 9)
TARGET_HEIGHT = 30.0  # character height in the cut band (the templates' sweet spot)


# --------------------------------------------------------------------------- the band


@dataclass(frozen=True)
class MrzBand:
    """The rectified band (lines horizontal, top line first as found) and its geometry."""

    image: Image.Image
    count: int  # lines: 2 or 3
    char_height: float  # in ``image`` pixels
    in_lower_half: bool  # where it lay on the page (upside down when False, usually)
    line_ys: tuple[float, ...] = ()  # each line's centre row in ``image``, top first
    left: float = 0.0  # where the lines' ink begins and ends in ``image``
    right: float = 0.0
    source_height: float = 0.0  # character height on the page as received (0: not known)
    # Whether ``left`` and ``right`` are known to be the glyphs' own ends: a leaning band
    # stood upright (``_upright_cut``), the inner line's end there.
    ends_known: tuple[bool, bool] = (False, False)

    def turned(self) -> MrzBand:
        """The band upside down, its geometry with it."""
        w, h = self.image.size
        return MrzBand(
            image=self.image.transpose(Image.Transpose.ROTATE_180),
            count=self.count,
            char_height=self.char_height,
            in_lower_half=not self.in_lower_half,
            line_ys=tuple(h - y for y in reversed(self.line_ys)),
            left=w - self.right,
            right=w - self.left,
            source_height=self.source_height,
            ends_known=(self.ends_known[1], self.ends_known[0]),
        )


def _homography(src: list[tuple[float, float]], dst: list[tuple[float, float]]) -> list[float]:
    """The 8 coefficients that map ``dst`` points to ``src`` points (PIL's PERSPECTIVE)."""
    rows: list[list[float]] = []
    rhs: list[float] = []
    for (x, y), (u, v) in zip(src, dst, strict=True):
        rows.append([u, v, 1, 0, 0, 0, -u * x, -v * x])
        rows.append([0, 0, 0, u, v, 1, -u * y, -v * y])
        rhs += [x, y]
    solved = np.linalg.solve(np.array(rows), np.array(rhs))
    return [float(c) for c in solved]


NEGATIVE_SPREAD = (2, 50, 98)  # percentiles: its dark end, its paper, its light end


def _cut(gray: Image.Image, size: tuple[int, int], coeffs: list[float]) -> Image.Image:
    """The band's image: the page through the homography ``coeffs``, paper light."""
    image = gray.transform(
        size, Image.Transform.PERSPECTIVE, coeffs, resample=Image.Resampling.BICUBIC, fillcolor=255
    )
    # Paper is most of a band: a band whose median lies nearer its darkest than its
    # lightest was turned negative with its page (a page shown small on a dark screen
    # makes the page's median dark). Not every dark band: paper in a phone photo's
    # shadow is grey under darker print (phone_photo dev 214, 238: cut white on grey).
    pixels = np.asarray(image)
    low, middle, high = (percentile(pixels, q) for q in NEGATIVE_SPREAD)
    if high - middle > middle - low:
        image = ImageOps.invert(image)
    return image


def _band_from(
    gray: Image.Image,
    group: list[LineFit],
    to_page: Callable[[float, float], tuple[float, float]],
    lower_half: bool,
) -> MrzBand:
    """The band cut from the page: ``to_page`` maps mask points to page pixels."""
    factor = float(np.hypot(*np.subtract(to_page(1.0, 0.0), to_page(0.0, 0.0))))
    factor = 1.0 / factor if factor else 1.0
    lines = list(group)
    left = [to_page(f.x0, f.y(f.x0)) for f in lines]
    right = [to_page(f.x1, f.y(f.x1)) for f in lines]
    # A proper rotation, never a mirror: the next line lies clockwise of the reading way.
    along = (right[0][0] - left[0][0], right[0][1] - left[0][1])
    down = (left[-1][0] - left[0][0], left[-1][1] - left[0][1])
    if along[0] * down[1] - along[1] * down[0] < 0:
        lines.reverse()
        left.reverse()
        right.reverse()
    height = median([f.height for f in lines]) / factor
    scale = TARGET_HEIGHT / max(height, 1.0)
    length = float(np.mean([f.length for f in lines])) / factor * scale
    spacing = [
        abs(lines[k + 1].middle - lines[k].middle) / factor * scale for k in range(len(lines) - 1)
    ]
    margin_x, margin_y = 1.5 * TARGET_HEIGHT, 1.1 * TARGET_HEIGHT
    y_first = margin_y
    y_last = margin_y + sum(spacing)
    size = (round(length + 2 * margin_x), round(y_last + margin_y))
    dst = [
        (margin_x, y_first),
        (margin_x + length, y_first),
        (margin_x, y_last),
        (margin_x + length, y_last),
    ]
    src = [left[0], right[0], left[-1], right[-1]]
    line_ys = [y_first + sum(spacing[:k]) for k in range(len(lines))]
    image, ends, known = _upright_cut(gray, size, src, dst, line_ys)
    image = without_edges(image, line_ys, ends, TARGET_HEIGHT)
    bar = solid_line(image, line_ys, ends, TARGET_HEIGHT)
    if bar is not None:
        # The band cut again from the lines of print only.
        return _band_from(gray, [f for k, f in enumerate(lines) if k != bar], to_page, lower_half)
    return MrzBand(
        image=image,
        count=len(lines),
        char_height=TARGET_HEIGHT,
        in_lower_half=lower_half,
        line_ys=tuple(line_ys),
        left=ends[0],
        right=ends[1],
        source_height=height,
        ends_known=known,
    )


LEAN_PASSES = 2  # cuts again with the glyphs stood upright, at most


def _upright_cut(
    gray: Image.Image,
    size: tuple[int, int],
    src: list[tuple[float, float]],
    dst: list[tuple[float, float]],
    line_ys: list[float],
) -> tuple[Image.Image, tuple[float, float], tuple[bool, bool]]:
    """The band cut from the page through the homography of ``src`` (the outer lines'
    ends on the page) to ``dst`` (left and right of the first line, then of the last),
    where its lines begin and end, and whether those ends are known to be the glyphs'.

    When its glyphs lean at an end (``readers.mrz_lean``: one line's end found off, its
    fit run on into the booklet's edge), that end of each line is moved along it by the
    lean and the band cut again; the lines' end there is the inner one (the end found
    off lay further out, in the edge), and the band beyond it is made paper: the edge
    there, read as a glyph, would move every cell (phone_photo dev seeds 8, 45, 48)."""
    image = _cut(gray, size, _homography(src, dst))
    ends = (dst[0][0], dst[1][0])
    middle = (line_ys[0] + line_ys[-1]) / 2
    leaned = [False, False]
    for _ in range(LEAN_PASSES):
        lean = band_lean(image, line_ys, ends, TARGET_HEIGHT)
        if lean == (0.0, 0.0):
            break
        leaned = [leaned[0] or bool(lean[0]), leaned[1] or bool(lean[1])]
        dst = [(x + lean[k % 2] * (y - middle), y) for k, (x, y) in enumerate(dst)]
        image = _cut(gray, size, _homography(src, dst))
        ends = (max(dst[0][0], dst[2][0]), min(dst[1][0], dst[3][0]))
    known = (leaned[0], leaned[1])
    if any(known):
        image = beyond_ends(image, ends, TARGET_HEIGHT, known)
    return image, ends, known


FALLBACK_ANGLES = (15.0, -15.0)
OWN_ANGLE_MIN = 2.5  # degrees: a page turned less is searched upright only
# At the usual level, the lines found at the page's own angle are taken over those found
# upright when this much longer: upright, a page turned 14 degrees gave three quarters of its MRZ (seed 6);
# at its own angle, a page's lines may take in the booklet's edge (seed 14).
OWN_ANGLE_GAIN = 1.1


def _turn(group: list[LineFit]) -> float:
    """How many degrees a group's lines are turned in their search's mask."""
    return math.degrees(math.atan(float(np.mean([f.slope for f in group]))))


SHEAR_SLACK = 0.3  # line heights: lines' ends further apart than this shear the band


def _ends_differ(group: list[LineFit]) -> bool:
    """Whether the lines' own ends lie apart (an MRZ's lines begin and end together)."""
    height = median([f.height for f in group])
    starts, stops = [f.x0 for f in group], [f.x1 for f in group]
    return max(max(starts) - min(starts), max(stops) - min(stops)) > SHEAR_SLACK * height


def _parallel(group: list[LineFit]) -> list[LineFit]:
    """The lines given the longest one's slope and ends, each through its own middle: a
    washed-out line's own fit may tilt (its ends faded), and the band cut from it shears."""
    best = max(group, key=lambda f: f.length)
    # The innermost ends: the faint level also takes in the paper's noise at a line's end.
    x0, x1 = max(f.x0 for f in group), min(f.x1 for f in group)
    return [
        LineFit(
            best.slope, f.y((f.x0 + f.x1) / 2) - best.slope * (f.x0 + f.x1) / 2, x0, x1, f.height
        )
        for f in group
    ]


def _stages(ink: PageInk) -> Iterator[tuple[int | None, tuple[float, ...], bool]]:
    """The searches of ``find_band`` in turn: ink level, turns of the page, lines split.

    Upright and quarter-turned first, and at the page's own angle when it is turned
    (``PageInk.own_angle``), at the usual level then the faint print's; turned 15 degrees
    only when neither level finds a band so (a faint page's usual level finds none: its
    two turned top-hats were a third of its time, for nothing). Then, upright, lines
    joined by ink between them split (a small page's close MRZ lines on its guilloche):
    only then, for a split thick stretch is two lines of one length. Last, fainter levels.
    """
    own: tuple[float, ...] = ()
    for level in (None, FAINT_LEVEL):
        if not own:
            angle = ink.own_angle(level)
            own = (angle,) if angle is not None and abs(angle) >= OWN_ANGLE_MIN else ()
        yield level, (0.0, *own), False
    for level in (None, FAINT_LEVEL):
        yield level, FALLBACK_ANGLES, False
    yield None, (0.0,), True
    for level in FAINTER_LEVELS:
        yield level, (0.0,), False


def find_band(
    gray: Image.Image, *, faint: bool = False, ink: PageInk | None = None
) -> MrzBand | None:
    """The MRZ of a page (``ink_gray`` output), rectified; ``None`` when there is none.

    ``faint``: looked for at the faint print's level only (the usual level may find a
    title's two lines of strokes while a washed-out MRZ line 1 falls apart). ``ink``:
    the same page's work from an earlier search, reused."""
    ink = ink if ink is not None else PageInk(gray)
    found: list[tuple[float, list[LineFit], ToPage, bool]] = []
    for level, angles, split in _stages(ink):
        if faint and level is None:
            continue
        for angle in angles:
            for transposed in (False, True):
                group, to_page = ink.group(level, angle, transposed, split)
                if group is not None and angle and abs(_turn(group)) >= OWN_ANGLE_MIN:
                    # Still turned: the angle the lines gave upright was a guess.
                    again, back = ink.group(level, angle + _turn(group), transposed, split)
                    group, to_page = (again, back) if again is not None else (group, to_page)
                if group is not None:
                    own = bool(angle) and level is None
                    weight = sum(f.length for f in group) / (OWN_ANGLE_GAIN if own else 1.0)
                    found.append((weight, group, to_page, level is not None))
        if found:
            break
    if not found:
        return None
    _, group, to_page, at_faint_level = max(found, key=lambda item: item[0])
    if faint or (at_faint_level and _ends_differ(group)):
        # Found at the faint level, asked for or not (the usual level found no band):
        # a washed-out line's own ends shear the band (seed 3's line 1 ended 16 px short).
        # Lines whose ends agree are cut from their own fits (a colour-cast page's, at
        # the faint level for its low contrast, read worse made parallel).
        group = _parallel(group)
    middle = to_page(group[0].x0, group[0].middle)
    lower = middle[1] > gray.height / 2
    try:
        return _band_from(gray, group, to_page, lower)
    except np.linalg.LinAlgError:  # degenerate line ends: no band to cut
        return None
