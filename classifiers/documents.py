"""What each attachment is: a document type from its file name and its content.

Every document type is a candidate that scores the attachment (or declines with 0):
cues in the file name, cues in the PDF text (a title in the first lines counts
double), and content patterns (a passport MRZ, a NIK). Content outweighs the name,
so a CV named ``passport.pdf`` is a CV. OCR cues join here with the OCR issue.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from classifiers.names import name_in_filename, name_in_text
from classifiers.text import CueSet
from config.office import Keywords
from config.settings import ClassifierSettings
from fasdip.folding import fold
from fasdip.icao import check_digit
from fasdip.models import (
    IMAGE_FORMATS,
    Attachment,
    DocumentClassification,
    DocumentType,
    Evidence,
    FileFormat,
)

_HEAD_CHARS = 300  # the title zone of a document's text
_MRZ_TD3_FIRST = re.compile(r"^P[A-Z0-9<][A-Z<]{3}[A-Z0-9<]{39}$")
_MRZ_TD3_SECOND = re.compile(r"^[A-Z0-9<]{44}$")
_PAGE = Attachment(
    id="page", filename="", declared_type="", detected_format=FileFormat.pdf, size=0, sha256=""
)
_FIELD_LABEL = re.compile(r"^[^:\n]{1,60}:")  # "Nama / Name :" before a value
_NIK = re.compile(r"\bNIK\b\W{0,4}(\d{16})\b")
_FULL_SCORE = 3.0  # one specific cue is enough to be sure of a document type
_ROUNDING = 0.002  # confidences and evidence weights are rounded (3 and 2 places)
_MRZ_WEIGHT = 8.0
_NIK_WEIGHT = 8.0
_PAGE_CONFIDENCE = 0.6  # a page of a combined PDF counts as a document from this sure
_PORTRAIT_WEIGHT = 2.0  # an image taller than wide, with no other cue: likely the photo


@dataclass
class DocumentScores:
    """All candidates' scores for one attachment (kept until the request type is known)."""

    attachment: Attachment
    scores: dict[DocumentType, float] = field(default_factory=dict)
    evidence: dict[DocumentType, list[Evidence]] = field(default_factory=dict)
    person_name: str | None = None  # from the text
    pages: list[tuple[DocumentType, float]] = field(default_factory=list)  # each page's type
    filename_name: str | None = None  # what is left of the file name: a weak hint
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
        self,
        attachment: Attachment,
        hint: tuple[DocumentType, str] | None = None,
        page_texts: Sequence[str] = (),
    ) -> DocumentScores:
        """``hint``: what OCR found in a scan (a passport MRZ, a KTP's NIK), with its cue;
        ``page_texts``: a scan's pages read by OCR (typed with the same cues as a text layer)."""
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

        pages = self.pages_of(attachment, page_texts)
        text = "\n".join(pages)
        if text.strip():
            source = "ocr" if page_texts else "text"
            self._score_text(result, f"{source}:{attachment.id}", text)
            result.person_name = name_in_text(text)
            if len(pages) > 1:
                result.pages = [self.page_type(page) for page in pages]
        elif attachment.detected_format in IMAGE_FORMATS and not result.scores:
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
        result.filename_name = name_in_filename(stem, self._filename_noise)
        return result

    @staticmethod
    def pages_of(attachment: Attachment, page_texts: Sequence[str] = ()) -> list[str]:
        """The text of each page: OCR's for a scan, else the text layer cut at its pages."""
        if page_texts:
            return list(page_texts)
        content = attachment.content
        if content is None or not content.text:
            return []
        starts = content.page_starts or [0]
        ends = [*starts[1:], len(content.text)]
        return [content.text[a:b] for a, b in zip(starts, ends, strict=True)]

    def page_type(self, text: str) -> tuple[DocumentType, float]:
        """What one page is, by a cue in its title zone (or an MRZ, a NIK): a page that only
        mentions a document ("enclosed: a copy of the stay permit") is not that document."""
        scored = DocumentScores(attachment=_PAGE)
        self._score_text(scored, "page", text)
        document, _, confidence = scored.best()
        if document not in self._text_cues:  # nothing on the page says what it is
            return DocumentType.other, 0.0
        head = title_zone(text)
        headed = document in scored.titled or bool(self._text_cues[document].matches(head))
        return (document, confidence) if headed else (DocumentType.other, 0.0)

    def _page_kinds(self, scored: DocumentScores) -> dict[DocumentType, float]:
        """Each document type a page of this PDF is, with its surest page's confidence."""
        kinds: dict[DocumentType, float] = {}
        for document, confidence in scored.pages:
            if document != DocumentType.other and confidence >= _PAGE_CONFIDENCE:
                kinds[document] = max(confidence, kinds.get(document, 0.0))
        return kinds

    def _score_text(self, result: DocumentScores, source: str, text: str) -> None:
        folded = fold(text)
        head = title_zone(text)
        for document, cues in self._text_cues.items():
            for cue in cues.matches(folded):
                in_title = cue.found_in(head)
                result.add(document, source, cue.phrase, cue.weight * (2.0 if in_title else 1.0))
        if has_td3_mrz(text):
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
        combined = self._page_kinds(scored)
        if len(combined) > 1:  # a PDF of several documents covers every one its pages show
            # the file is what its first typed page is (the passport page of a passport, ITAS, CV)
            first = next(iter(combined))
            return DocumentClassification(
                attachment=scored.attachment.id,
                document_type=first,
                confidence=round(min(combined.values()), 3),
                covers=[first, *(t for t in combined if t != first)],
                evidence=[e for t in combined for e in scored.evidence.get(t, [])],
                person_name=scored.person_name,
                filename_name=scored.filename_name,
                page_types=[
                    t if c >= _PAGE_CONFIDENCE else DocumentType.other for t, c in scored.pages
                ],
            )
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
            filename_name=scored.filename_name,
        )


def named_alone(doc: DocumentClassification) -> bool:
    """Whether a file's type rests on its file name alone, with no rival type named: every
    cue is the name's, and its confidence is all the cues' weight gives (a rival takes a
    share). What a file that cannot be opened is, its name is all that says."""
    if doc.document_type == DocumentType.other or not doc.evidence:
        return False
    if not all(e.source.startswith("filename:") for e in doc.evidence):
        return False
    top = sum(e.weight for e in doc.evidence)
    return abs(doc.confidence - min(1.0, top / _FULL_SCORE)) < _ROUNDING


def title_zone(text: str) -> str:
    """The folded opening of a document (its first ``_HEAD_CHARS`` characters), where a cue
    names what the document is, without the labels of its "label: value" lines: a stay
    permit's "No. Paspor / Passport No. : …" is a field of the permit, not its title."""
    kept = [_FIELD_LABEL.sub("", line) for line in text[:_HEAD_CHARS].splitlines()]
    return fold("\n".join(kept))


def has_td3_mrz(text: str) -> bool:
    """A passport MRZ in a text: two lines of 44 MRZ characters, the second passing the check
    digit of the document number or of a date (one MRZ-like line is no MRZ)."""
    lines = [line.replace(" ", "").strip() for line in text.splitlines() if line.strip()]
    for first, second in itertools.pairwise(lines):
        if not (_MRZ_TD3_FIRST.match(first) and _MRZ_TD3_SECOND.match(second)):
            continue
        if any(check_digit(second[a:b]) == second[b] for a, b in ((0, 9), (13, 19), (21, 27))):
            return True
    return False
