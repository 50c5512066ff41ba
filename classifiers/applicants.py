"""Whose papers are these: one group of attachments per applicant, and each one's category.

The diplomatic note names the applicants (the roster); every other document joins
the applicant named in its text or file name (fuzzy match, tolerant of order,
accents and a missing given name). With one applicant, unnamed documents are theirs.
With several, an unnamed document goes to the only applicant still lacking that
type; otherwise it stays unassigned and an officer decides.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from classifiers.names import best_match, names_in_note
from classifiers.text import CueSet, fold
from config.office import Keywords
from config.settings import ClassifierSettings
from fasdip.models import (
    ApplicantCategory,
    ApplicantGroup,
    DocumentClassification,
    DocumentType,
    Evidence,
)

_CATEGORY_BY_DOCUMENT = {
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


@dataclass
class _Draft:
    name: str | None
    documents: list[DocumentClassification] = field(default_factory=list)

    def types(self) -> set[DocumentType]:
        return {t for d in self.documents for t in d.covers}


class ApplicantGrouper:
    def __init__(self, keywords: Keywords, settings: ClassifierSettings) -> None:
        self._threshold = settings.name_match_threshold
        self._category_cues = {cat: CueSet.flat(cues) for cat, cues in keywords.categories.items()}

    def group(
        self,
        documents: Sequence[DocumentClassification],
        note_texts: Sequence[str],
        request_text: str,
    ) -> tuple[list[ApplicantGroup], list[str], list[str]]:
        """(applicants, unassigned ids, ids paired by order); notes are shared by all."""
        notes = [d for d in documents if d.document_type == DocumentType.diplomatic_note]
        personal = [d for d in documents if d.document_type != DocumentType.diplomatic_note]

        roster = [name for text in note_texts for name in names_in_note(text)]
        roster = [n for i, n in enumerate(roster) if best_match(n, roster[:i], 95.0) is None]
        if not roster:
            roster = self._roster_from_documents(personal)
        drafts = [_Draft(name=name) for name in roster]

        pool: list[DocumentClassification] = []
        for doc in personal:
            index = (
                best_match(doc.person_name, roster, self._threshold) if doc.person_name else None
            )
            if index is None:
                pool.append(doc)
            else:
                drafts[index].documents.append(doc)

        if len(drafts) <= 1:
            if not drafts and not pool:
                return [], [], []  # no personal documents and nobody named: no applicant
            if not drafts:
                drafts.append(_Draft(name=None))
            drafts[0].documents.extend(pool)
            pool, by_order = [], list[str]()
        else:
            pool, by_order = self._by_elimination(drafts, pool)

        text_votes = self._votes(request_text, "text", _TEXT_WEIGHT)
        applicants = []
        for i, draft in enumerate(drafts, start=1):
            votes = {c: list(e) for c, e in text_votes.items()}
            span = self._span_about(draft.name, note_texts, roster)
            for category, evidence in self._votes(span, "note", _SPAN_WEIGHT).items():
                votes[category] += evidence
            applicants.append(self._finish(f"p{i}", draft, notes, votes))
        return applicants, [d.attachment for d in pool], by_order

    def _roster_from_documents(self, personal: Sequence[DocumentClassification]) -> list[str]:
        roster: list[str] = []
        # Longest names first: "John SMITH" before a file name's "smith".
        for doc in sorted(personal, key=lambda d: -len(d.person_name or "")):
            if doc.person_name and best_match(doc.person_name, roster, self._threshold) is None:
                roster.append(doc.person_name)
        return roster

    @staticmethod
    def _by_elimination(
        drafts: list[_Draft], pool: list[DocumentClassification]
    ) -> tuple[list[DocumentClassification], list[str]]:
        """Unnamed documents of a type go to the applicants still lacking that type.

        One document and one applicant lacking it: that is theirs. k documents and
        exactly k applicants lacking the type: each has one (the set is complete),
        paired in the order of the email; which is whose stays unsure, so these are
        returned as ``by_order`` and nothing about them is said of a named person.
        """
        left: list[DocumentClassification] = []
        by_order: list[str] = []
        for document in dict.fromkeys(d.document_type for d in pool):
            docs = [d for d in pool if d.document_type == document]
            lacking = [dr for dr in drafts if document not in dr.types()]
            if document == DocumentType.other or len(docs) != len(lacking):
                left += docs
                continue
            for doc, draft in zip(docs, lacking, strict=True):
                draft.documents.append(doc)
            if len(docs) > 1:
                by_order += [d.attachment for d in docs]
        return left, by_order

    def _votes(
        self, text: str, source: str, weight: float
    ) -> dict[ApplicantCategory, list[Evidence]]:
        folded = fold(text)
        votes = {
            cat: [
                Evidence(source=source, cue=c.phrase, weight=weight) for c in cues.matches(folded)
            ]
            for cat, cues in self._category_cues.items()
        }
        if _SIXTEEN_DIGITS.search(text):  # a NIK: only Indonesian citizens have one
            votes[ApplicantCategory.local_staff].append(
                Evidence(source=source, cue="NIK", weight=weight)
            )
        return votes

    @staticmethod
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

    @staticmethod
    def _finish(
        key: str,
        draft: _Draft,
        notes: Sequence[DocumentClassification],
        votes: dict[ApplicantCategory, list[Evidence]],
    ) -> ApplicantGroup:
        for doc in draft.documents:
            for document in doc.covers:
                category = _CATEGORY_BY_DOCUMENT.get(document)
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
            name=draft.name,
            category=category,
            category_confidence=confidence,
            attachments=[d.attachment for d in notes] + [d.attachment for d in draft.documents],
            evidence=votes.get(category, []),
        )
