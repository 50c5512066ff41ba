"""What is it: request type, each attachment's document type, applicants and their category.

``Classifiers.classify`` runs the candidates in the only order that works: documents
first (to find the diplomatic note), then the request type (the note's text is
evidence), then the combinations a request type allows, then the applicants.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from classifiers.applicants import ApplicantGrouper
from classifiers.automatic import AutomaticDetector
from classifiers.documents import DocumentClassifier
from classifiers.request_type import RequestTypeClassifier
from config.office import Keywords, Requirements
from config.settings import ClassifierSettings
from fasdip.models import Attachment, Classification, DocumentType, Evidence, InboundEmail

__all__ = ["Classifiers"]


class Classifiers:
    def __init__(
        self, keywords: Keywords, requirements: Requirements, settings: ClassifierSettings
    ) -> None:
        self._requirements = requirements
        self.automatic = AutomaticDetector(keywords)
        self.documents = DocumentClassifier(keywords, settings)
        self.request_type = RequestTypeClassifier(keywords, settings)
        self.applicants = ApplicantGrouper(keywords, settings)

    def automatic_evidence(self, email: InboundEmail) -> list[Evidence]:
        return self.automatic.evidence(email)

    def classify(
        self,
        email: InboundEmail,
        hints: Mapping[str, tuple[DocumentType, str]] | None = None,
        page_texts: Mapping[str, Sequence[str]] | None = None,
        names_read: Mapping[str, str] | None = None,
    ) -> Classification:
        """``hints``: per attachment id, what OCR found in it (read before classifying);
        ``page_texts``: the pages of scans read by OCR (a scanned note is read as a note);
        ``names_read``: the holder's name read on an identity scan (its MRZ, a KTP's
        name), for a document whose text names nobody."""
        hints = hints or {}
        page_texts = page_texts or {}
        names_read = names_read or {}
        scored = [
            self.documents.score(att, hints.get(att.id), page_texts.get(att.id, ()))
            for att in email.attachments
        ]
        for s in scored:
            if s.person_name is None:
                s.person_name = names_read.get(s.attachment.id)
        read_texts = {
            att_id: "\n".join(pages) for att_id, pages in page_texts.items() if any(pages)
        }
        notes = [
            (s.attachment.id, _text_of(s.attachment, read_texts))
            for s in scored
            if s.best()[0] == DocumentType.diplomatic_note
        ]
        request = self.request_type.classify(email.subject, email.body_text, notes)
        combinable = self._requirements.combinable.get(request.request_type, [])
        documents = [self.documents.decide(s, combinable) for s in scored]
        applicants, unassigned, by_order = self.applicants.group(
            documents,
            note_texts=[text for _, text in notes],
            mail_text=f"{email.subject}\n{email.body_text}",
            scanned_notes=[text for att_id, text in notes if text == read_texts.get(att_id)],
        )
        return Classification(
            request=request,
            documents=documents,
            applicants=applicants,
            unassigned=unassigned,
            assigned_by_order=by_order,
            read_texts=read_texts,
        )


def _text_of(att: Attachment, read_texts: Mapping[str, str]) -> str:
    """The text layer, else what OCR read on the scan."""
    text = att.content.text if att.content else ""
    return text if text.strip() else read_texts.get(att.id, "")
