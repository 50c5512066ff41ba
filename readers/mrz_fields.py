"""MRZ fields no check digit covers: names, nationality and issuer codes, sex; and dates.

Check digits do not cover names, nationality, issuer or sex, so those are checked
against what they can be: letters only, the ICAO code list (ISO 3166-1 alpha-3 plus
ICAO's own codes), M/F/X/<. Dates must be real.
"""

from __future__ import annotations

import datetime as dt
import importlib.util
import json
import re
from functools import lru_cache
from pathlib import Path

from readers.mrz_repair import FILLER_LOOKALIKES, Field, as_letters

# ICAO 9303 part 3: codes besides ISO 3166-1 alpha-3 (ZIM is not one: Zimbabwe is ZWE).
ICAO_EXTRA_CODES = frozenset(
    {
        "D",
        "UNO",
        "UNA",
        "UNK",
        "XXA",
        "XXB",
        "XXC",
        "XXX",
        "XOM",
        "XPO",
        "XES",
        "XMP",
        "XCC",
        "XBA",
        "XIM",
        "EUE",
        "GBD",
        "GBN",
        "GBO",
        "GBP",
        "GBS",
        "RKS",
    }
)


# Codes read right that an officer must hear about: ICAO 9303's specimen state, and
# Germany's one-letter code (D<<, not DEU).
CODE_NOTES = {
    "UTO": "'UTO' is the ICAO specimen state (Utopia): this is a specimen, not a passport",
    "D": "'D' is Germany's code in the MRZ (DEU elsewhere)",
}


@lru_cache(maxsize=1)
def icao_codes() -> frozenset[str]:
    """Every valid nationality / issuing-state code: ISO 3166-1 alpha-3 plus ICAO's own,
    and the specimen code (reported by ``code_notes``)."""
    return iso_alpha3_codes() | ICAO_EXTRA_CODES | {"UTO"}


# pycountry's data file of ISO 3166-1, in the package folder: {"3166-1": [{"alpha_3": ...}]}
_ISO_3166_1 = ("databases", "iso3166-1.json")


def iso_alpha3_codes() -> frozenset[str]:
    """ISO 3166-1 alpha-3 codes: those of pycountry's ``countries``, read from the JSON file
    they are loaded from. Importing pycountry looks its version up among the installed
    distributions and loading ``countries`` makes an object per country, 0.12e9
    instructions (4% of a one-passport ``fasdip triage``) for 249 codes; the file is found
    without importing the package. Where it cannot be read, pycountry's ``countries``."""
    codes = _codes_in_data_file()
    if codes:
        return codes
    import pycountry

    return frozenset(country.alpha_3 for country in pycountry.countries)


def _codes_in_data_file() -> frozenset[str] | None:
    """The alpha-3 codes of pycountry's ISO 3166-1 file; None when it cannot be read."""
    spec = importlib.util.find_spec("pycountry")
    folders = spec.submodule_search_locations if spec is not None else None
    if not folders:
        return None
    try:
        data = json.loads(Path(folders[0]).joinpath(*_ISO_3166_1).read_bytes())
        return frozenset(str(entry["alpha_3"]) for entry in data["3166-1"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def code_notes(issuer: str | None, nationality: str | None) -> list[str]:
    """What the codes read tell an officer (specimen, old code), each once."""
    notes = [
        f"{what} {CODE_NOTES[code]}"
        for what, code in (("issuing state", issuer), ("nationality", nationality))
        if code in CODE_NOTES
    ]
    return notes


def clean_name_field(raw: str) -> tuple[str, str, bool, str | None]:
    """Surname and given names from the name field; K/C read for ``<`` put back to filler."""
    text = raw.replace("«", "<")
    text, digits_fixed = as_letters(text)
    changed = digits_fixed
    tokens = text.split("<")
    # Trailing runs of K/C attached to the last letters: "MARIAKKKK" -> "MARIA".
    letters_at = [i for i, t in enumerate(tokens) if t and set(t) - set(FILLER_LOOKALIKES)]
    last = letters_at[-1] if letters_at else -1
    for i, tok in enumerate(tokens):
        if not tok:
            continue
        if i > last:  # after the last real word: only filler look-alikes
            tokens[i] = ""
            changed = True
            continue
        stripped = re.sub(r"[KC]{3,}$", "", tok)
        if stripped != tok and stripped:
            tokens[i] = stripped
            changed = True
    # "<K<" and "<<K" inside the field: a single K/C between fillers is a filler.
    for i in range(1, len(tokens) - 1):
        tok = tokens[i]
        if tok in ("K", "C") and (tokens[i - 1] == "" or tokens[i + 1] == ""):
            tokens[i] = ""
            changed = True
    text = "<".join(tokens)
    doubt = None
    if "<<" in text.strip("<"):
        surname_raw, given_raw = text.strip("<").split("<<", 1)
    else:
        surname_raw, given_raw = text.strip("<"), ""
    surname = " ".join(p for p in surname_raw.split("<") if p)
    given = " ".join(p for p in given_raw.split("<") if p)
    if not re.fullmatch(r"[A-Z ]+", surname or "-"):
        doubt = "surname is not letters only"
    if re.search(r"[^A-Z ]", given):
        doubt = "given names are not letters only"
    return surname, given, changed, doubt


def code_field(raw: str, what: str) -> Field:
    value, changed = as_letters(raw)
    code = value.rstrip("<")
    if code not in icao_codes():
        # A filler read as K/C at the end: "DKK" -> "D".
        trimmed = value.rstrip("<" + FILLER_LOOKALIKES)
        while trimmed and trimmed not in icao_codes() and trimmed[-1] in FILLER_LOOKALIKES:
            trimmed = trimmed[:-1]
        if trimmed and trimmed != code and trimmed in icao_codes() and len(code) == 3:
            # Only when the code read has filler look-alikes after a short code.
            return Field(value=trimmed, repaired=True, doubt=None)
        return Field(
            value=code or None, repaired=changed, doubt=f"{what} '{code}' is not an ICAO code"
        )
    return Field(value=code, repaired=changed)


def parse_date(raw: str, kind: str, today: dt.date) -> tuple[str | None, str | None]:
    if not raw.isdigit() or len(raw) != 6:
        return None, f"{kind} date '{raw}' is not YYMMDD"
    yy, mm, dd = int(raw[:2]), int(raw[2:4]), int(raw[4:])
    if kind == "birth":
        century = 2000 if 2000 + yy <= today.year else 1900
    else:
        century = 2000 if 2000 + yy <= today.year + 20 else 1900
    try:
        value = dt.date(century + yy, mm, dd)
    except ValueError:
        return None, f"{kind} date '{raw}' is not a real date"
    if kind == "birth" and value > today:
        return value.isoformat(), "birth date is in the future"
    return value.isoformat(), None


def parse_sex(raw: str) -> Field:
    value = raw
    repaired = False
    if value in FILLER_LOOKALIKES:
        value, repaired = "<", True
    if value not in ("M", "F", "X", "<"):
        return Field(value=raw, doubt=f"sex '{raw}' is not M, F, X or <")
    return Field(value="X" if value == "<" else value, repaired=repaired)
