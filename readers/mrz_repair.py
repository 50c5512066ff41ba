"""ICAO 9303 check digits and the repair of OCR look-alikes they allow.

OCR confusions are repaired position-aware. Where the position can hold only digits
(dates, check digits) a letter is mapped to its look-alike digit; where it can hold only
letters (codes, names, sex) the reverse. Where it can hold both (document number,
optional data) every combination of look-alikes is tried and a repair is taken only if
*exactly one* candidate makes the check digits (field, then composite) pass: two
passing candidates are a doubt, never a guess.
"""

from __future__ import annotations

import functools
import itertools
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from fasdip.icao import char_value, check_digit
from fasdip.models import FieldRead

MRZ_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<"

# Look-alikes as Tesseract confuses them on OCR-B.
TO_DIGIT = {
    "O": "0",
    "Q": "0",
    "D": "0",
    "U": "0",
    "I": "1",
    "L": "1",
    "B": "8",
    "S": "5",
    "Z": "2",
    "G": "6",
}
TO_LETTER = {"0": "O", "1": "I", "2": "Z", "5": "S", "6": "G", "8": "B", "4": "A", "7": "T"}
# For positions that hold letters and digits: what else a read character may have been.
_ALTERNATIVES: dict[str, tuple[str, ...]] = {
    "0": ("O", "D", "Q"),
    "O": ("0",),
    "D": ("0",),
    "Q": ("0",),
    "1": ("I", "L"),
    "I": ("1",),
    "L": ("1",),
    "8": ("B",),
    "B": ("8",),
    "5": ("S",),
    "S": ("5",),
    "2": ("Z",),
    "Z": ("2",),
    "6": ("G",),
    "G": ("6",),
    "K": ("<",),
    "C": ("<",),
}
_MAX_CANDIDATES = 4096
FILLER_LOOKALIKES = "KC"


@dataclass
class Field:
    value: str | None = None
    check_ok: bool | None = None
    repaired: bool = False
    doubt: str | None = None

    def read(self, confidence: float) -> FieldRead:
        if self.doubt is not None or self.check_ok is False:
            confidence = min(confidence, 0.3)
        elif self.repaired:
            confidence = min(confidence, 0.85)
        return FieldRead(
            value=self.value,
            confidence=round(confidence, 3),
            check_digit_ok=self.check_ok,
            repaired=self.repaired,
            doubt=self.doubt,
        )


def as_digits(text: str) -> tuple[str, bool]:
    out = "".join(TO_DIGIT.get(ch, ch) for ch in text)
    return out, out != text


def as_letters(text: str) -> tuple[str, bool]:
    out = "".join(TO_LETTER.get(ch, ch) for ch in text)
    return out, out != text


def _options(text: str) -> list[tuple[str, ...]]:
    """Each position's look-alikes (the read character first): every combination is a
    candidate, in ``itertools.product`` order, the read itself first."""
    options = [(ch, *_ALTERNATIVES.get(ch, ())) for ch in text]
    total = 1
    for opt in options:
        total *= len(opt)
    if total > _MAX_CANDIDATES:  # keep only the main look-alike per position
        options = [opt[:2] for opt in options]
    return options


_WEIGHTS = (7, 3, 1)


def _passing_candidates(options: list[tuple[str, ...]], digit: str, filler_ok: bool) -> list[str]:
    """The candidates of ``options`` whose check digit is ``digit`` (``<``: those all
    fillers, when a filler may stand for the digit), in ``itertools.product`` order.

    Their check digits are summed for all candidates at once (one axis per position, the
    weighted values of its look-alikes), and only the passing ones are spelled out: a
    document number's 2,592 candidates were each joined and checked apiece."""
    shape = tuple(len(opt) for opt in options)
    if digit == "<":
        fits = np.ones((), dtype=bool)
        for opt in options:
            fits = fits[..., None] & np.array([ch == "<" for ch in opt])
        passing = fits.ravel() if filler_ok else np.zeros(1, dtype=bool)
    elif digit in "0123456789" and len(digit) == 1:
        total = np.zeros((), dtype=np.int64)
        for position, opt in enumerate(options):
            weight = _WEIGHTS[position % 3]
            total = total[..., None] + np.array([weight * char_value(ch) for ch in opt])
        passing = total.ravel() % 10 == int(digit)
    else:
        return []  # a check digit read as no digit: no candidate passes
    found = np.flatnonzero(passing)
    if not found.size:
        return []
    picks = np.unravel_index(found, shape) if shape else ()
    return [
        "".join(options[position][int(pick[k])] for position, pick in enumerate(picks))
        for k in range(found.size)
    ]


@functools.lru_cache(maxsize=1 << 16)
def _check_digit(data: str) -> str:
    """``check_digit``, remembered: the unsure glyphs' swaps parse the same MRZ again and
    again, and their look-alike candidates repeat (a quarter of a failing page's time)."""
    return check_digit(data)


def _digit_ok(data: str, digit: str, *, filler_ok: bool = False) -> bool:
    if filler_ok and digit == "<" and set(data) <= {"<"}:
        return True
    return _check_digit(data) == digit


def _filler_digit(digit_read: str, filler_ok: bool) -> bool:
    """Whether a check digit read as a filler (or its look-alike) stands for ``<``."""
    return filler_ok and digit_read in ("<", *FILLER_LOOKALIKES)


@functools.lru_cache(maxsize=1 << 14)
def _passing(
    read: str, digit_read: str, digits_only: bool, filler_ok: bool
) -> tuple[str, str, tuple[tuple[str, str], ...]]:
    """A checked field's digit, its first candidate (the read) and the candidates that
    pass, remembered: the unsure glyphs' swaps parse the same fields again and again."""
    digit, _ = as_digits(digit_read)
    wanted = "<" if _filler_digit(digit_read, filler_ok) else digit
    if digits_only:
        first = as_digits(read)[0]
        passing = [first] if _digit_ok(first, wanted, filler_ok=filler_ok) else []
    else:
        first = read
        passing = _passing_candidates(_options(read), wanted, filler_ok)
    return digit, first, tuple((value, wanted) for value in passing)


@dataclass
class Checked:
    """A check-digit-protected field: the candidates (value, check digit) that pass."""

    name: str
    read: str
    digit_read: str
    digits_only: bool
    filler_ok: bool = False
    passing: list[tuple[str, str]] | None = None
    read_passes: bool = False

    def __post_init__(self) -> None:
        self.digit, self.first, passing = _passing(
            self.read, self.digit_read, self.digits_only, self.filler_ok
        )
        self.passing = list(passing)
        wanted = "<" if _filler_digit(self.digit_read, self.filler_ok) else self.digit
        self.read_passes = (self.first, wanted) in passing

    def stage(self, wide: bool) -> list[tuple[str, str]]:
        assert self.passing is not None
        if self.read_passes and not wide:
            return [self.passing[[p[0] for p in self.passing].index(self.first)]]
        return self.passing


def resolve(
    fields: list[Checked],
    composite: tuple[str, str] | None,
    build: Callable[[dict[str, tuple[str, str]]], str],
) -> tuple[dict[str, tuple[str, str]] | None, str | None]:
    """Choose one passing candidate per field such that the composite passes.

    Returns the choice, or ``None`` with the reason (no candidate / several candidates).
    ``build`` turns a choice into the composite's data string.
    """
    for wide in (False, True):
        options = [f.stage(wide) for f in fields]
        if any(not o for o in options):
            return None, "check_digit"
        # Fewest changed characters first: one look-alike swap that alone makes every
        # check digit pass is taken; two candidates at the same (lowest) count are a doubt.
        tiers: dict[int, list[dict[str, tuple[str, str]]]] = {}
        for count, combo in enumerate(itertools.product(*options)):
            if count > _MAX_CANDIDATES * 4:
                break
            choice = {f.name: c for f, c in zip(fields, combo, strict=True)}
            if composite is not None and _check_digit(build(choice)) != composite[1]:
                continue
            changes = sum(_changes(f, choice[f.name][0]) for f in fields)
            tiers.setdefault(changes, []).append(choice)
        if tiers:
            found = tiers[min(tiers)]
            if len(found) == 1:
                return found[0], None
            return None, "ambiguous"
    return None, "composite"


def _changes(field: Checked, value: str) -> int:
    return sum(1 for a, b in zip(field.first, value, strict=False) if a != b)
