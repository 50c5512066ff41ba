"""ICAO 9303's check digit: ground floor, shared by the MRZ reader and the document
classifier (which checks an MRZ in a text layer before it calls a document a passport)."""

from __future__ import annotations


def check_digit(data: str) -> str:
    """ICAO 9303 check digit (weights 7, 3, 1; ``<`` = 0, A = 10 … Z = 35)."""
    total = 0
    for i, char in enumerate(data):
        if char.isdigit():
            value = int(char)
        elif "A" <= char <= "Z":
            value = ord(char) - 55
        else:
            value = 0
        total += value * (7, 3, 1)[i % 3]
    return str(total % 10)
