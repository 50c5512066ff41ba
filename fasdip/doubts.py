"""Doubts settled by evidence before an officer is asked.

An OCR read of a KTP whose only doubt is a letter of the holder's name is no doubt when the
note (or mail), the CV and the file names all spell that name the same way, and the card's
reading is that spelling but for one letter: the spelling is taken from the witnesses. A
witness that spells the name otherwise (a CV with a different letter) leaves the doubt.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from fasdip.folding import fold
from fasdip.models import Classification, DocumentType, FieldRead, KtpReading

_MIN_WITNESSES = 2  # the roster's name and at least one more (a CV, a file name)


@dataclass(frozen=True)
class NameWitness:
    source: str  # "note", "CV", "file name"
    name: str
    whole: bool  # the whole name (note, CV); a file name may hold the surname only


def confirm_ktp_name(ktp: KtpReading, witnesses: Sequence[NameWitness]) -> KtpReading:
    """``ktp`` accepted with the witnesses' spelling, or unchanged when they do not settle it."""
    if ktp.accepted or ktp.name.doubt is None or not ktp.name.value:
        return ktp
    if not ktp.nik_valid or ktp.nik.doubt is not None or ktp.nik_problems:
        return ktp  # something else than the name is in doubt
    spelling = _agreed_spelling(witnesses)
    if spelling is None:
        return ktp
    read = fold(ktp.name.value).split()
    if len(read) != len(spelling) or Levenshtein.distance(" ".join(read), " ".join(spelling)) > 1:
        return ktp
    sources = ", ".join(sorted({w.source for w in witnesses}))
    return ktp.model_copy(
        update={
            "name": FieldRead(value=" ".join(spelling).upper(), confidence=ktp.name.confidence),
            "doubts": [d for d in ktp.doubts if not d.startswith("name:")],
            "accepted": True,
            "notes": [*ktp.notes, f"an unsure letter of the name confirmed by {sources}"],
        }
    )


def _agreed_spelling(witnesses: Sequence[NameWitness]) -> list[str] | None:
    """The name's words if every witness spells them alike and enough witnesses say it."""
    whole = [fold(w.name).split() for w in witnesses if w.whole and fold(w.name)]
    if not whole:
        return None
    spelling = whole[0]
    if any(sorted(other) != sorted(spelling) for other in whole[1:]):
        return None
    agreeing = len(whole)
    for witness in (w for w in witnesses if not w.whole):
        words = [word for word in fold(witness.name).split() if len(word) >= 3]
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
