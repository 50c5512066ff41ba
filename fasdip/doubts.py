"""Doubts settled by evidence before an officer is asked.

An accepted reading (a KTP, a passport's MRZ) whose name is a letter or two off how the
note or the CV spells it ("RINII" for Rini, "OBRIIN" for O'Brien) is a doubt: the reader
added or changed a letter, or the mission misspelt the name; either way the proof would
print the reader's spelling, so an officer looks. Transliteration (Søren / SOEREN,
Åkesson / AAKESSON) and an MRZ name cut at its field's end are no misreading.

An OCR read of a KTP whose only doubt is a letter of the holder's name is no doubt when the
note (or mail), the CV and the file names all spell that name the same way, and the card's
reading is that spelling but for one letter: the spelling is taken from the witnesses. A
witness that spells the name otherwise (a CV with a different letter) leaves the doubt.

A passport reading whose check digits all pass and whose only doubt is its names (a letter
the OCR-B templates were unsure of, or names the MRZ model read alone) is no doubt when the
name it reads is, word for word, how the note, the CV and the file names agree to spell it:
a reader and the mission's own typing agree on every letter. The spelling is the reader's;
nothing is taken from the witnesses.

A NIK the card reader is unsure of is no doubt when a second, independent reading of the
page (Tesseract's text of the whole card) finds exactly one NIK that passes every check of
its structure (a Kemendagri region, a real date, a serial) and agrees with the birth date
and sex printed on the card: sixteen digits right by chance and agreeing with the printed
date are not a misreading.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from classifiers.hints import name_tokens
from fasdip.folding import fold
from fasdip.models import Classification, DocumentType, FieldRead, KtpReading, PassportReading
from fasdip.nik import check_nik, nik_digits
from readers.mrz_rivals import NAMES_UNCONFIRMED, only_name_doubts

_MIN_WITNESSES = 2  # the roster's name and at least one more (a CV, a file name)
_MISREAD_LETTERS = 2  # a word this many letters off its spelling is the same word misread
_Reading = TypeVar("_Reading", KtpReading, PassportReading)
_PARTICLE_LETTERS = 2  # "I", "Ni", "bin": words a witness may leave out of a name
_SIXTEEN_DIGITS = re.compile(r"(?<![0-9])[0-9]{16}(?![0-9])")
_FULL_DATE = re.compile(r"(?<![0-9])([0-3][0-9])[-/.]([01][0-9])[-/.]((?:19|20)[0-9]{2})(?![0-9])")


@dataclass(frozen=True)
class NameWitness:
    source: str  # "note", "CV", "file name"
    name: str
    whole: bool  # the whole name (note, CV); a file name may hold the surname only
    typed: bool = True  # spelled as the mission typed it, not as OCR read a scan


def confirm_ktp_name(
    ktp: KtpReading, witnesses: Sequence[NameWitness], card_text: str = ""
) -> KtpReading:
    """``ktp`` accepted with the witnesses' spelling, or unchanged when they do not settle
    it: the card reader's name is that spelling but for one letter, or the card's second
    reading (``card_text``, the page read whole) prints that spelling word for word."""
    if ktp.accepted or ktp.name.doubt is None or not ktp.name.value:
        return ktp
    if not ktp.nik_valid or ktp.nik.doubt is not None or ktp.nik_problems:
        return ktp  # something else than the name is in doubt
    spelling = _agreed_spelling(witnesses)
    if spelling is None:
        return ktp
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz.distance import Levenshtein

    read = fold(ktp.name.value).split()
    one_letter = len(read) == len(spelling) and (
        Levenshtein.distance(" ".join(read), " ".join(spelling)) <= 1
    )
    printed = f" {' '.join(spelling)} " in f" {fold(card_text)} "
    if not (one_letter or printed):
        return ktp
    card = {"card"} if printed and not one_letter else set()
    sources = ", ".join(sorted({w.source for w in witnesses} | card))
    return ktp.model_copy(
        update={
            "name": FieldRead(value=" ".join(spelling).upper(), confidence=ktp.name.confidence),
            "doubts": [d for d in ktp.doubts if not d.startswith("name:")],
            "accepted": True,
            "notes": [*ktp.notes, f"the name's unsure letters confirmed by {sources}"],
        }
    )


def confirm_passport_name(
    passport: PassportReading, witnesses: Sequence[NameWitness]
) -> PassportReading:
    """``passport`` accepted when only its names are in doubt and they read, word for word,
    as the typed witnesses agree to spell them; unchanged otherwise."""
    if passport.accepted or not only_name_doubts(passport):
        return passport
    if NAMES_UNCONFIRMED in passport.doubts and (
        passport.nationality.value != passport.issuing_state.value
    ):
        return passport  # one reader alone read the codes no check digit covers: they must agree
    typed = [w for w in witnesses if w.typed]
    spelling = _agreed_spelling(typed, _spelled_words)
    if spelling is None:
        return passport
    read = f"{passport.given_names.value or ''} {passport.surname.value or ''}"
    if sorted(_spelled_words(read)) != sorted(spelling):
        return passport
    sources = ", ".join(sorted({w.source for w in typed}))
    return passport.model_copy(
        update={
            "accepted": True,
            "doubts": [],
            "notes": [*passport.notes, f"the names read confirmed by {sources}"],
        }
    )


def confirm_ktp_nik(ktp: KtpReading, page_text: str, today: dt.date) -> KtpReading:
    """``ktp`` with the NIK of a second reading (``page_text``, the card's page read whole)
    when the card reader is unsure of its NIK and that reading finds exactly one NIK that is
    valid and agrees with the birth date and sex printed on the card; else unchanged."""
    if ktp.accepted or not ktp.nik.doubt:
        return ktp
    birth, sex = ktp.birth_date, ktp.sex
    if not (sex.value and sex.doubt is None):
        return ktp  # the NIK's sex could not be compared
    sure_birth = birth.value if birth.value and birth.doubt is None else None
    agreeing: set[str] = set()
    for digits in set(_SIXTEEN_DIGITS.findall(page_text)):
        found = check_nik(digits, None, sex.value, today=today)
        if not (found.valid and found.consistent is True and found.birth_date is not None):
            continue
        # the date the NIK holds is printed on the card as its birth date: the card
        # reader's (when sure), else a date of the same reading written out in full
        if found.birth_date.isoformat() == sure_birth or (
            sure_birth is None and found.birth_date in _printed_dates(page_text)
        ):
            agreeing.add(digits)
    if len(agreeing) != 1:
        return ktp
    nik = agreeing.pop()
    if ktp.nik_valid and ktp.nik.value and nik_digits(ktp.nik.value) != nik:
        return ktp  # two readings, each a possible NIK, that differ: an officer looks
    nik_doubts = set(ktp.nik.doubt.split("; "))
    name_sure = ktp.name.value is not None and ktp.name.doubt is None
    return ktp.model_copy(
        update={
            "nik": FieldRead(value=nik_digits(nik), confidence=ktp.nik.confidence),
            "birth_date": birth if sure_birth else FieldRead(value=_nik_date(nik, today)),
            "nik_valid": True,
            "nik_problems": [],
            "doubts": [d for d in ktp.doubts if d not in nik_doubts],
            "accepted": name_sure,
            "notes": [
                *ktp.notes,
                "the NIK confirmed by a second reading of the card, agreeing with the "
                "printed birth date and sex",
            ],
        }
    )


def _printed_dates(text: str) -> set[dt.date]:
    """The dates written ``DD-MM-YYYY`` (or with / or .) in a card's text."""
    dates = set()
    for day, month, year in _FULL_DATE.findall(text):
        try:
            dates.add(dt.date(int(year), int(month), int(day)))
        except ValueError:
            continue
    return dates


def _nik_date(nik: str, today: dt.date) -> str | None:
    found = check_nik(nik, None, None, today=today).birth_date
    return found.isoformat() if found else None


def _long_words(words: list[str]) -> list[str]:
    return sorted(w for w in words if len(w) > _PARTICLE_LETTERS)


def _folded_words(name: str) -> list[str]:
    return fold(name).split()


def _agreed_spelling(
    witnesses: Sequence[NameWitness], spell: Callable[[str], list[str]] = _folded_words
) -> list[str] | None:
    """The name's words if every witness spells them alike and enough witnesses say it; a
    particle of two letters or one that one witness leaves out ("I Gusti", "Ni Made") does not
    make them disagree: the fullest spelling is the name. ``spell``: a name's words, as
    compared (``_spelled_words``: Müller and MUELLER alike)."""
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz.distance import Levenshtein

    whole = [spell(w.name) for w in witnesses if w.whole and spell(w.name)]
    if not whole:
        return None
    spelling = max(whole, key=len)
    if any(_long_words(other) != _long_words(spelling) for other in whole):
        return None
    agreeing = len(whole)
    for witness in (w for w in witnesses if not w.whole):
        words = [word for word in spell(witness.name) if len(word) >= 3]
        if any(word in spelling for word in words):
            agreeing += 1
        # a word one letter off a word of the name: a file name spelling it otherwise
        if any(
            word not in spelling and any(Levenshtein.distance(word, s) == 1 for s in spelling)
            for word in words
        ):
            return None
    return spelling if agreeing >= _MIN_WITNESSES else None


def name_witnesses(classification: Classification, applicant: str | None) -> list[NameWitness]:
    """How the note (or mail), the CVs and the file names of ``applicant`` spell its name."""
    group = next((a for a in classification.applicants if a.key == applicant), None)
    if group is None:
        return []
    docs = {d.attachment: d for d in classification.documents}
    found = [NameWitness("note", group.name, whole=True)] if group.name else []
    for att_id in group.attachments:
        doc = docs[att_id]
        if doc.document_type == DocumentType.diplomatic_note:
            continue
        if doc.document_type == DocumentType.cv and doc.person_name:
            found.append(NameWitness("CV", doc.person_name, whole=True))
        if doc.filename_name:
            found.append(NameWitness("file name", doc.filename_name, whole=False))
    return found


def doubt_a_misread_name(
    reading: _Reading,
    read_name: str,
    witnesses: Sequence[NameWitness],
    *,
    cut: bool = False,
) -> _Reading:
    """``reading`` no longer accepted when ``read_name`` (its name) has a word a letter or
    two off how a whole witness the mission typed (the note, a CV) spells it; ``cut``: the reading's name
    may be cut at its end (an MRZ name that fills its field)."""
    if not reading.accepted or not read_name:
        return reading
    for witness in (w for w in witnesses if w.whole and w.typed):
        misread = _misread_word(read_name, witness.name, cut=cut)
        if misread is not None:
            doubt = (
                f"name: the name word read '{misread[0].upper()}' is spelled "
                f"'{misread[1].upper()}' by the {witness.source}"
            )
            return reading.model_copy(
                update={"accepted": False, "doubts": [*reading.doubts, doubt]}
            )
    return reading


def _spelled_words(name: str) -> list[str]:
    """A name's words folded and spelled one way (ü/ue, ø/oe, å/aa, ß/ss; O'Connor)."""
    return [w.replace("aa", "a") for w in name_tokens(name.replace("'", "").replace("’", ""))]


def _misread_word(read_name: str, spelled_name: str, *, cut: bool) -> tuple[str, str] | None:
    """(word read, word spelled) of the first spelled word that no read word equals but
    one is a letter or two off; ``None`` when the names agree or differ wholly."""
    # Imported on first use: a one-passport mail compares no names (issue 14, 1.3 %).
    from rapidfuzz.distance import Levenshtein

    read = _spelled_words(read_name)
    for spelled in _spelled_words(spelled_name):
        if len(spelled) < 3 or spelled in read:
            continue
        if cut and read and spelled.startswith(read[-1]):
            continue  # the last word read is the spelled word cut at the field's end
        near = [r for r in read if 0 < Levenshtein.distance(r, spelled) <= _MISREAD_LETTERS]
        if near and len(near[0]) >= 3:
            return near[0], spelled
    return None
