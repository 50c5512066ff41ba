"""Which category an applicant is in (a foreign official or local staff), from the votes of
their documents (a passport: foreign; a KTP: local), of the words of the note next to their
name ("driver, NIK …") and, weakly, of the words of the whole mail."""

from __future__ import annotations

import re
from collections.abc import Sequence

from classifiers.text import CueSet
from config.office import Keywords
from fasdip.folding import fold
from fasdip.models import (
    ApplicantCategory,
    ApplicantGroup,
    DocumentClassification,
    DocumentType,
    Evidence,
)

CATEGORY_BY_DOCUMENT = {
    DocumentType.passport: ApplicantCategory.foreign_official,
    DocumentType.stay_permit: ApplicantCategory.foreign_official,
    DocumentType.kemlu_id_card: ApplicantCategory.foreign_official,
    DocumentType.ktp: ApplicantCategory.local_staff,
    DocumentType.employment_proof: ApplicantCategory.local_staff,
}
_DOCUMENT_WEIGHT = 3.0
_SPAN_WEIGHT = 2.0  # a cue next to the applicant's own name in the note ("…, Driver, NIK …")
_TEXT_WEIGHT = 0.5  # a cue anywhere in the mail: may be about another applicant
_SPAN_CHARS = 160
_SIXTEEN_DIGITS = re.compile(r"(?<!\d)\d{16}(?!\d)")

Votes = dict[ApplicantCategory, list[Evidence]]


class CategoryVoter:
    def __init__(self, keywords: Keywords) -> None:
        self._category_cues = {cat: CueSet.flat(cues) for cat, cues in keywords.categories.items()}

    def applicant(
        self,
        key: str,
        name: str | None,
        documents: Sequence[DocumentClassification],
        notes: Sequence[DocumentClassification],
        mail_votes: Votes,
        named_in: Sequence[str],
        roster: Sequence[str],
    ) -> ApplicantGroup:
        """The applicant ``key`` with their papers (``notes``: every applicant's), category
        and its evidence; ``mail_votes``: ``mail_votes(…)`` of the request's words;
        ``named_in``: the texts the roster was read from."""
        votes = {c: list(e) for c, e in mail_votes.items()}
        span = _span_about(name, named_in, roster)
        for category, evidence in self._votes(span, "note", _SPAN_WEIGHT).items():
            votes[category] += evidence
        return _finish(key, name, documents, notes, votes)

    def mail_votes(self, request_text: str) -> Votes:
        """The votes of the whole mail's words (the subject, body and notes): weak, as they
        may be about another applicant."""
        return self._votes(request_text, "text", _TEXT_WEIGHT)

    def _votes(self, text: str, source: str, weight: float) -> Votes:
        folded = fold(text)
        votes = {
            cat: [
                Evidence(source=source, cue=c.phrase, weight=weight) for c in cues.matches(folded)
            ]
            for cat, cues in self._category_cues.items()
        }
        if _SIXTEEN_DIGITS.search(text):  # a NIK: only Indonesian citizens have one
            votes.setdefault(ApplicantCategory.local_staff, []).append(
                Evidence(source=source, cue="NIK", weight=weight)
            )
        return votes


def _span_about(name: str | None, note_texts: Sequence[str], roster: Sequence[str]) -> str:
    """What the note says right after the applicant's name, up to the next applicant."""
    if not name:
        return ""
    spans: list[str] = []
    others = [fold(n) for n in roster if n != name]
    for text in note_texts:
        flat = " ".join(text.split())
        start = fold(flat).find(fold(name))
        if start < 0:
            continue
        # fold keeps letters and digits in place closely enough to cut the original
        span = flat[start : start + len(name) + _SPAN_CHARS]
        folded_span = fold(span)
        cut = min(
            [folded_span.find(o) for o in others if o and folded_span.find(o) > 0], default=-1
        )
        spans.append(span if cut < 0 else span[:cut])
    return " ".join(spans)


def _finish(
    key: str,
    name: str | None,
    documents: Sequence[DocumentClassification],
    notes: Sequence[DocumentClassification],
    votes: Votes,
) -> ApplicantGroup:
    for doc in documents:
        for document in doc.covers:
            category = CATEGORY_BY_DOCUMENT.get(document)
            if category is not None:
                votes.setdefault(category, []).append(
                    Evidence(
                        source=f"document:{doc.attachment}",
                        cue=document.value,
                        weight=_DOCUMENT_WEIGHT,
                    )
                )
    totals = {cat: sum(e.weight for e in ev) for cat, ev in votes.items()}
    local = totals.get(ApplicantCategory.local_staff, 0.0)
    foreign = totals.get(ApplicantCategory.foreign_official, 0.0)
    category = (
        ApplicantCategory.local_staff if local > foreign else ApplicantCategory.foreign_official
    )
    top, other = max(local, foreign), min(local, foreign)
    confidence = (
        0.5 if top == 0 else round(min(1.0, top / _DOCUMENT_WEIGHT) * top / (top + other), 3)
    )
    return ApplicantGroup(
        key=key,
        name=name,
        category=category,
        category_confidence=confidence,
        attachments=[d.attachment for d in notes] + [d.attachment for d in documents],
        evidence=votes.get(category, []),
    )
