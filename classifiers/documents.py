"""What each attachment is: a document type from its file name and its content.

Every document type is a candidate that scores the attachment (or declines with 0):
cues in the file name, cues in the PDF text (a title in the first lines counts
double), and content patterns (a passport MRZ, a NIK). Content outweighs the name,
so a CV named ``passport.pdf`` is a CV. OCR cues join here with the OCR issue.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from classifiers.names import name_in_filename, name_in_text
from classifiers.text import CueSet, fold
from config.office import Keywords
from config.settings import ClassifierSettings
from fasdip.models import (
    WEB_IMAGE_FORMATS,
    Attachment,
    DocumentClassification,
    DocumentType,
    Evidence,
)

_HEAD_CHARS = 300  # the title zone of a document's text
_MRZ_TD3 = re.compile(r"^P[A-Z0-9<][A-Z<]{3}[A-Z0-9<]{39}$", re.MULTILINE)
_NIK = re.compile(r"\bNIK\b\W{0,4}(\d{16})\b")
_FULL_SCORE = 3.0  # one specific cue is enough to be sure of a document type
_MRZ_WEIGHT = 8.0
_NIK_WEIGHT = 8.0
_PORTRAIT_WEIGHT = 2.0  # an image taller than wide, with no other cue: likely the photo


@dataclass
class DocumentScores:
    """All candidates' scores for one attachment (kept until the request type is known)."""

    attachment: Attachment
    scores: dict[DocumentType, float] = field(default_factory=dict)
    evidence: dict[DocumentType, list[Evidence]] = field(default_factory=dict)
    person_name: str | None = None
    titled: set[DocumentType] = field(default_factory=set)  # a title line or MRZ/NIK of its own

    def add(self, document: DocumentType, source: str, cue: str, weight: float) -> None:
        self.scores[document] = self.scores.get(document, 0.0) + weight
        self.evidence.setdefault(document, []).append(
            Evidence(source=source, cue=cue, weight=round(weight, 2))
        )

    def ranked(self) -> list[tuple[DocumentType, float]]:
        return sorted(self.scores.items(), key=lambda item: -item[1])

    def best(self) -> tuple[DocumentType, float, float]:
        """(type, score, confidence); ``other`` with confidence 0 when nothing scored."""
        ranked = self.ranked()
        if not ranked:
            return DocumentType.other, 0.0, 0.0
        top_type, top = ranked[0]
        rival = ranked[1][1] if len(ranked) > 1 else 0.0
        confidence = min(1.0, top / _FULL_SCORE) * top / (top + rival)
        return top_type, top, round(confidence, 3)


class DocumentClassifier:
    def __init__(self, keywords: Keywords, settings: ClassifierSettings) -> None:
        self._settings = settings
        self._filename_cues = {doc: CueSet(c.filename) for doc, c in keywords.documents.items()}
        self._text_cues = {doc: CueSet(c.text) for doc, c in keywords.documents.items()}
        every_filename_cue = [
            p for c in keywords.documents.values() for ps in c.filename.values() for p in ps
        ]
        self._filename_noise = CueSet.flat([*keywords.filename_noise, *every_filename_cue])

    def score(
        self, attachment: Attachment, hint: tuple[DocumentType, str] | None = None
    ) -> DocumentScores:
        """``hint``: what OCR found in a scan (a passport MRZ, a KTP's NIK), with its cue."""
        result = DocumentScores(attachment=attachment)
        if hint is not None:
            result.add(hint[0], f"ocr:{attachment.id}", hint[1], _MRZ_WEIGHT)
            result.titled.add(hint[0])
        stem = (
            attachment.filename.rsplit(".", 1)[0]
            if "." in attachment.filename
            else attachment.filename
        )
        folded_name = fold(stem)
        for document, cues in self._filename_cues.items():
            for cue in cues.matches(folded_name):
                result.add(document, f"filename:{attachment.id}", cue.phrase, cue.weight)

        text = attachment.content.text if attachment.content else ""
        if text.strip():
            self._score_text(result, attachment.id, text)
            result.person_name = name_in_text(text)
        elif attachment.detected_format in WEB_IMAGE_FORMATS and not result.scores:
            content = attachment.content
            if (
                content
                and content.width
                and content.height
                and content.height > content.width * 1.1
            ):
                result.add(
                    DocumentType.photo, f"image:{attachment.id}", "portrait image", _PORTRAIT_WEIGHT
                )
        if result.person_name is None:
            result.person_name = name_in_filename(stem, self._filename_noise)
        return result

    def _score_text(self, result: DocumentScores, attachment_id: str, text: str) -> None:
        folded = fold(text)
        head = fold(text[:_HEAD_CHARS])
        source = f"text:{attachment_id}"
        for document, cues in self._text_cues.items():
            for cue in cues.matches(folded):
                in_title = f" {cue.folded} " in f" {head} "
                result.add(document, source, cue.phrase, cue.weight * (2.0 if in_title else 1.0))
        if _MRZ_TD3.search(text.replace(" ", "")):
            result.add(DocumentType.passport, source, "passport MRZ (TD3)", _MRZ_WEIGHT)
            result.titled.add(DocumentType.passport)
        if _NIK.search(text):
            # Not a title: letters of employment quote the employee's NIK too.
            result.add(DocumentType.ktp, source, "NIK (16 digits)", _NIK_WEIGHT)
        for line in text.splitlines():
            if line.strip() and line.upper() == line and any(ch.isalpha() for ch in line):
                folded_line = fold(line)
                for document, cues in self._text_cues.items():
                    if cues.first_index(folded_line) == 0:
                        result.titled.add(document)

    def decide(
        self, scored: DocumentScores, combinable: list[list[DocumentType]]
    ) -> DocumentClassification:
        """The final type; a PDF that holds a combinable set (visitor pass) covers each member
        that has a title line (an upper-case line opening with one of its cues) or an MRZ/NIK:
        a stay permit that quotes a passport number does not cover the passport."""
        document, _, confidence = scored.best()
        covers = [document]
        for group in combinable:
            if document in group:
                covers += [
                    member for member in group if member != document and member in scored.titled
                ]
        return DocumentClassification(
            attachment=scored.attachment.id,
            document_type=document,
            confidence=confidence,
            covers=covers,
            evidence=scored.evidence.get(document, []),
            person_name=scored.person_name,
        )
