"""ICAO 9303's check digit: ground floor, shared by the MRZ reader and the document
classifier (which checks an MRZ in a text layer before it calls a document a passport)."""

from __future__ import annotations

# Each byte's value, for ASCII text: 0-9 its digit, A = 10 … Z = 35; ``<`` and the rest 0.
_VALUES = bytes(
    [0] * ord("0") + list(range(10)) + [0] * (ord("A") - ord("9") - 1) + list(range(10, 36))
).ljust(256, b"\0")


def check_digit(data: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1; ``<`` = 0, A = 10 … Z = 35)."""
    if data.isascii():
        values: bytes | list[int] = data.encode("ascii").translate(_VALUES)
    else:
        values = [_value(char) for char in data]
    total = 7 * sum(values[0::3]) + 3 * sum(values[1::3]) + sum(values[2::3])
    return str(total % 10)


def char_value(char: str) -> int:
    """A character's value in the check digit, as ``check_digit`` counts it."""
    return _value(char)


def _value(char: str) -> int:
    """As ASCII's table; outside it a digit of another script counts as its digit, the rest 0."""
    if char.isascii():
        return _VALUES[ord(char)]
    return int(char) if char.isdigit() else 0
