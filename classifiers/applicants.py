"""Whose papers are these: one group of attachments per applicant, and each one's category.

The diplomatic note names the applicants (the roster); every other document joins
the applicant named in its text or file name (fuzzy match, tolerant of order,
accents and a missing given name). With one applicant, unnamed documents are theirs.
With several, an unnamed document goes to the only applicant still lacking that
type; otherwise it stays unassigned and an officer decides.
"""

from __future__ import annotations

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
_TEXT_WEIGHT = 1.0


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
    ) -> tuple[list[ApplicantGroup], list[str]]:
        """(applicants, unassigned attachment ids); notes are shared by every applicant."""
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
                return [], []  # no personal documents and nobody named: no applicant
            if not drafts:
                drafts.append(_Draft(name=None))
            drafts[0].documents.extend(pool)
            pool = []
        else:
            pool = self._by_elimination(drafts, pool)

        text_votes = self._text_votes(request_text)
        applicants = [
            self._finish(f"p{i}", draft, notes, text_votes)
            for i, draft in enumerate(drafts, start=1)
        ]
        return applicants, [d.attachment for d in pool]

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
    ) -> list[DocumentClassification]:
        """Give an unnamed document to the one applicant who still lacks its type."""
        left: list[DocumentClassification] = []
        for doc in pool:
            same_type = [d for d in pool if d.document_type == doc.document_type]
            lacking = [dr for dr in drafts if doc.document_type not in dr.types()]
            if (
                len(same_type) == 1
                and len(lacking) == 1
                and doc.document_type != DocumentType.other
            ):
                lacking[0].documents.append(doc)
            else:
                left.append(doc)
        return left

    def _text_votes(self, text: str) -> dict[ApplicantCategory, list[Evidence]]:
        folded = fold(text)
        return {
            cat: [
                Evidence(source="text", cue=c.phrase, weight=_TEXT_WEIGHT)
                for c in cues.matches(folded)
            ]
            for cat, cues in self._category_cues.items()
        }

    @staticmethod
    def _finish(
        key: str,
        draft: _Draft,
        notes: Sequence[DocumentClassification],
        text_votes: dict[ApplicantCategory, list[Evidence]],
    ) -> ApplicantGroup:
        votes: dict[ApplicantCategory, list[Evidence]] = {c: list(e) for c, e in text_votes.items()}
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
