"""The checks of a request that need no OCR: doubts about the request as a whole, each
file's format, size and photo, and each applicant's checklist of documents.

``CaseChecks`` gets its settings passed in (requirements, classifier thresholds, photo
measure) and makes findings through the catalog; ``Triage.run`` calls it in step 4.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import validators
from classifiers.applicants import SHARED_DOCUMENTS
from classifiers.documents import named_alone
from config.catalog import FindingCatalog
from config.office import Requirements
from config.settings import ClassifierSettings, PhotoSettings
from fasdip import assemble
from fasdip.models import (
    IMAGE_FORMATS,
    ApplicantVerdict,
    Attachment,
    AttachmentVerdict,
    Classification,
    DocumentClassification,
    DocumentType,
    Finding,
    FindingCode,
    InboundEmail,
    RequestType,
    Severity,
)


@dataclass(frozen=True)
class CaseChecks:
    catalog: FindingCatalog
    requirements: Requirements
    classifier: ClassifierSettings
    photo: PhotoSettings

    def request_findings(
        self, email: InboundEmail, classification: Classification
    ) -> list[Finding]:
        """Doubts about the request as a whole: officers' eyes only."""
        request = classification.request
        spec = self.requirements.request_types[request.request_type]
        found: list[Finding] = []
        if not email.attachments:
            found.append(self.catalog.make(FindingCode.no_attachments))
        if request.confidence < self.classifier.confidence_threshold:
            rivals = (
                ", ".join(f"{k.value} {v:g}" for k, v in request.scores.items()) or "no cue found"
            )
            found.append(self.catalog.make(FindingCode.uncertain_request_type, reason=rivals))
        if spec.officer_checked and request.request_type != RequestType.other:
            found.append(self.catalog.make(FindingCode.officer_check_required, reason=spec.name_en))
        by_id = {a.id: a for a in email.attachments}
        for att_id in classification.unassigned:
            found.append(
                self.catalog.make(FindingCode.unassigned_document, attachment=by_id[att_id])
            )
        if len({tuple(docs) for docs in spec.categories.values()}) > 1:
            for applicant in classification.applicants:
                if applicant.category_confidence < self.classifier.confidence_threshold:
                    who = applicant.name or applicant.key
                    found.append(
                        self.catalog.make(
                            FindingCode.uncertain_category, applicant=applicant.key, reason=who
                        )
                    )
        for att_id in classification.assigned_by_order:
            found.append(self.catalog.make(FindingCode.assigned_by_order, attachment=by_id[att_id]))
        return found

    def type_doubts(
        self,
        email: InboundEmail,
        classification: Classification,
        attachments: list[AttachmentVerdict],
        applicants: list[ApplicantVerdict],
    ) -> list[Finding]:
        """Files whose type the machine is not sure of: an officer looks before the mission
        is told what it lacks, since such a file may be the paper the list would ask for.

        One exception keeps every reply true: a file that cannot be opened (a password, a
        damaged file) is typed by its file name, all that says what it is. Its doubt changes
        nothing the reply says when the name names one document type, the reply asks for that
        very file again (and says why), and no applicant lacks a paper: the reply then only
        asks to resend the file, which is right whatever the file is, and never says that a
        paper is "not yet received" when it may be that file. With no name cue, or with a
        paper missing, it stays an officer's case."""
        threshold = self.classifier.document_confidence_threshold
        by_id = {a.id: a for a in email.attachments}
        asked_again = {
            av.id
            for av in attachments
            if any(
                f.code == FindingCode.unreadable_file and f.severity == Severity.blocking
                for f in av.findings
            )
        }
        nothing_missing = not any(a.missing for a in applicants)
        envelopes = email.envelopes()
        return [
            self.catalog.make(FindingCode.uncertain_document_type, attachment=by_id[doc.attachment])
            for doc in classification.documents
            if doc.confidence < threshold
            and doc.attachment not in envelopes
            and not (nothing_missing and doc.attachment in asked_again and named_alone(doc))
        ]

    def misread_suspects(
        self,
        email: InboundEmail,
        classification: Classification,
        applicants: list[ApplicantVerdict],
        superseded: set[str],
    ) -> list[Finding]:
        """Files typed by their words alone (no file-name cue, no MRZ or NIK) as a paper their
        applicant does not need, or as a second copy of one they have, while the applicant
        lacks another: such a file may be the lacking paper misread (a short note taken for
        the pass it speaks of, a police letter for the pass it says was lost). An officer
        looks before the mission is asked for what it may have sent."""
        spec = self.requirements.request_types[classification.request.request_type]
        docs = {d.attachment: d for d in classification.documents}
        by_id = {a.id: a for a in email.attachments}
        found: list[Finding] = []
        for applicant in applicants:
            if not applicant.missing:
                continue
            needed = set(spec.categories.get(applicant.category, []))
            mine = [docs[a] for a in applicant.attachments if a not in superseded]
            copies = Counter(d.document_type for d in mine)
            for doc in mine:
                kind = doc.document_type
                if kind in (DocumentType.other, *SHARED_DOCUMENTS) or _named_or_patterned(doc):
                    continue
                if kind not in needed or copies[kind] > 1:
                    found.append(
                        self.catalog.make(
                            FindingCode.uncertain_document_type,
                            attachment=by_id[doc.attachment],
                            applicant=applicant.key,
                            reason=f"typed {kind.value} by its words while "
                            f"{', '.join(m.value for m in applicant.missing)} is missing",
                        )
                    )
        return found

    def attachments(
        self, email: InboundEmail, classification: Classification, superseded: set[str]
    ) -> list[AttachmentVerdict]:
        owner = owners(classification)
        docs = {d.attachment: d for d in classification.documents}
        seen: dict[str, str] = {}
        envelopes = email.envelopes()
        verdicts: list[AttachmentVerdict] = []
        for att in email.attachments:
            doc = docs[att.id]
            applicant = owner.get(att.id) if doc.document_type not in SHARED_DOCUMENTS else None
            # What is said of a file paired by order is not said of a named person.
            about = None if att.id in classification.assigned_by_order else applicant
            checks: dict[str, bool] = {}
            if att.id in envelopes:  # a forwarded email: its files are judged, not it
                findings = []
            elif att.id in superseded:
                findings = [
                    self.catalog.make(
                        FindingCode.superseded_document, attachment=att, applicant=about
                    )
                ]
            elif att.sha256 in seen and att.size > 0:
                findings = [
                    self.catalog.make(
                        FindingCode.duplicate_attachment, attachment=att, applicant=about
                    )
                ]
            else:
                seen[att.sha256] = att.id
                checks, findings = self._check_one(att, doc, about)
            verdicts.append(assemble.attachment_verdict(att, doc, applicant, checks, findings))
        return verdicts

    def _check_one(
        self, att: Attachment, doc: DocumentClassification, applicant: str | None
    ) -> tuple[dict[str, bool], list[Finding]]:
        checks, findings = validators.check_file(
            att, doc.document_type, self.requirements, self.catalog, applicant
        )
        if doc.document_type == DocumentType.photo and att.detected_format in IMAGE_FORMATS:
            from validators.photo import check_photo  # loaded by the first photo

            photo_checks, photo_findings = check_photo(att, self.photo, self.catalog, applicant)
            checks, findings = {**checks, **photo_checks}, [*findings, *photo_findings]
        return checks, findings

    def checklists(self, classification: Classification) -> list[ApplicantVerdict]:
        request = classification.request.request_type
        docs = {d.attachment: d for d in classification.documents}
        verdicts = []
        for applicant in classification.applicants:
            found = sorted(
                {t for att_id in applicant.attachments for t in docs[att_id].covers}
                - {DocumentType.other}
            )
            verdicts.append(
                ApplicantVerdict(
                    key=applicant.key,
                    name=applicant.name,
                    category=applicant.category,
                    documents=found,
                    missing=validators.missing_documents(
                        request, applicant.category, found, self.requirements
                    ),
                    attachments=applicant.attachments,
                )
            )
        return verdicts


def _named_or_patterned(doc: DocumentClassification) -> bool:
    """Whether a file's type rests on more than its words: its file name, or the MRZ or NIK
    a passport or KTP carries."""
    if doc.document_type in (DocumentType.passport, DocumentType.ktp):
        return True
    return any(e.source.startswith("filename:") for e in doc.evidence)


def note_text(email: InboundEmail, classification: Classification) -> str:
    notes = {
        d.attachment
        for d in classification.documents
        if d.document_type == DocumentType.diplomatic_note
    }
    return "\n".join(
        (a.content.text if a.content and a.content.text.strip() else "")
        or classification.read_texts.get(a.id, "")
        for a in email.attachments
        if a.id in notes
    )


def owners(classification: Classification) -> dict[str, str]:
    """Attachment id -> the key of the applicant whose papers it is (notes: every one's)."""
    return {att_id: a.key for a in classification.applicants for att_id in a.attachments}
