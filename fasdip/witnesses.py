"""Which spellings of a person's name the mission typed, and which OCR read on a scan.

A name read by OCR on a scanned note or CV may itself hold a misread letter ("Jiirgen" for
Jürgen): it confirms nothing and contradicts nothing a reader found.
"""

from __future__ import annotations

from dataclasses import replace

from fasdip.doubts import NameWitness
from fasdip.folding import fold
from fasdip.models import Classification, InboundEmail


def typed_texts(email: InboundEmail, classification: Classification) -> str:
    """The mail's subject and body and the text layers of its papers (no OCR), folded to
    single spaces: where a name is spelled as the mission typed it."""
    texts = [email.subject, email.body_text]
    texts += [
        att.content.text
        for att in email.attachments
        if att.content is not None and att.id not in classification.read_texts
    ]
    return " ".join(" ".join(texts).split())


def typed_witnesses(
    witnesses: list[NameWitness], typed_text: str, scanned: set[str]
) -> list[NameWitness]:
    """The witnesses, those whose spelling the mission did not type marked so: a name OCR
    read on a scanned note or CV ("Jiirgen" for Jürgen) may itself hold a misread letter."""
    return [
        replace(w, typed=False)
        if w.whole and (w.name in scanned or " ".join(w.name.split()) not in typed_text)
        else w
        for w in witnesses
    ]


def names_read_by_ocr(classification: Classification) -> set[str]:
    """The person names found only in the OCR text of scans (a stay permit's "Nama :")."""
    return {
        doc.person_name
        for doc in classification.documents
        if doc.person_name and doc.attachment in classification.read_texts
    }


def roster_read_by_ocr(classification: Classification, typed_text: str) -> set[str]:
    """The applicants' names that only OCR read (on a scanned note): in nothing the mission
    typed (``typed_texts``), but in what OCR read."""
    typed = fold(typed_text)
    read = fold(" ".join(classification.read_texts.values()))
    return {
        group.name
        for group in classification.applicants
        if group.name and fold(group.name) not in typed and fold(group.name) in read
    }
