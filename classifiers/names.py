"""Who a document is about: person names from note text, document text and file names."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rapidfuzz import fuzz

from classifiers.text import CueSet, fold

_HONORIFIC = (
    r"(?:Mr|Mrs|Ms|Miss|Mx|Dr|Prof|Tuan|Nyonya|Nona|Sdr|Sdri|Saudara|Saudari|Bapak|Bpk|Ibu|"
    r"H\.\s?E|Colonel|Kolonel|Col|Lt\.?\s?Col|Brigadier General|Captain|Kapten|Major|Mayor)"
)
_NAME_WORD = r"[A-ZÀ-ÖØ-ÞĀ-Ž][\w'’\-]*"
# "Mr. John SMITH", "Ibu Siti RAHAYU", "H.E. Mr. Jean-Luc DUPONT"
_HONORIFIC_NAME = re.compile(
    rf"\b{_HONORIFIC}\.?[ \t]+(?:(?:Mr|Mrs|Ms|Dr)\.?[ \t]+)?({_NAME_WORD}(?:[ \t]+{_NAME_WORD}){{0,4}})"
)
# "Name: John SMITH", "Nama : BUDI SANTOSO", "Nama Lengkap/Full name: ..."
_LABELLED_NAME = re.compile(
    r"^[ \t]*(?:Full[ \t]+name|Nama[ \t]+Lengkap(?:[ \t]*/[ \t]*Full[ \t]+name)?|Name|Nama|Nama/Name)"
    r"[ \t]*[:：][ \t]*([^\n\r:]{2,80})$",
    re.IGNORECASE | re.MULTILINE,
)
_MRZ_TD3_LINE1 = re.compile(r"^P[A-Z0-9<][A-Z<]{3}([A-Z<]{39})$")
_WORDS_NOT_NAMES = {"the", "of", "and", "dan", "embassy", "kedutaan", "republic", "republik"}


def _clean(name: str) -> str | None:
    words = [w for w in re.split(r"\s+", name.strip(" .,;")) if w]
    while words and fold(words[-1]) in _WORDS_NOT_NAMES:
        words.pop()
    if not words:
        return None
    if len(words) == 1 and not words[0].isupper():
        return None  # one capitalised word ("Kota") is too weak to be a name
    return " ".join(words)


def names_in_note(text: str) -> list[str]:
    """Applicants a diplomatic note names with an honorific, in order, without repeats."""
    found: list[str] = []
    for match in _HONORIFIC_NAME.finditer(text):
        name = _clean(match.group(1))
        if name and not any(same_person(name, other, 90.0) for other in found):
            found.append(name)
    return found


def mrz_name(text: str) -> str | None:
    """``GIVEN NAMES SURNAME`` from a TD3 passport MRZ line in a text layer."""
    for line in text.splitlines():
        compact = line.replace(" ", "").strip()
        match = _MRZ_TD3_LINE1.match(compact)
        if match:
            surname, _, given = match.group(1).partition("<<")
            parts = [given.replace("<", " ").strip(), surname.replace("<", " ").strip()]
            name = " ".join(p for p in parts if p)
            return name or None
    return None


def name_in_text(text: str) -> str | None:
    """The person a document is about: its MRZ, else its first "Name:" line."""
    from_mrz = mrz_name(text)
    if from_mrz:
        return from_mrz
    match = _LABELLED_NAME.search(text)
    if match:
        return _clean(match.group(1))
    return None


def name_in_filename(stem: str, noise: CueSet) -> str | None:
    """What is left of a file name once document words, noise words and numbers are gone."""
    words = fold(stem).split()
    # Remove multi-word noise/cue phrases first, then single tokens.
    text = f" {' '.join(words)} "
    for cue in sorted(noise.matches(" ".join(words)), key=lambda c: -len(c.folded)):
        text = text.replace(f" {cue.folded} ", " ")
    kept = [w for w in text.split() if w.isalpha() and len(w) >= 2]
    return " ".join(kept) if kept else None


def same_person(a: str, b: str, threshold: float) -> bool:
    return person_score(a, b) >= threshold


def person_score(a: str, b: str) -> float:
    """0-100: tolerant of order, accents, case and one name missing (token_set_ratio)."""
    fa, fb = fold(a), fold(b)
    if not fa or not fb:
        return 0.0
    return float(fuzz.token_set_ratio(fa, fb))


def best_match(name: str, roster: Iterable[str], threshold: float) -> int | None:
    """Index of the roster entry this name belongs to; None when no entry or a tie."""
    scores = [person_score(name, entry) for entry in roster]
    if not scores:
        return None
    top = max(scores)
    if top < threshold or scores.count(top) > 1:
        return None
    return scores.index(top)
