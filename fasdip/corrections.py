"""Officers' corrections of the machine's reading of a case, applied in every judgement.

An officer says, of a document (known by its content's sha256, so the same file keeps its
correction when a follow-up renumbers the attachments): what type it is, whose it is, what
a field of its passport MRZ or KTP reads, or that its reading is right as read. The
correction wins over the machine's reading in every later judgement of that case: the
mailroom's (a follow-up) and the console's ("judge again").

- a document type: the document is that type, and only that, sure (confidence 1); an
  unassigned document of a case with a single applicant is that applicant's;
- an applicant: the document is that applicant's (and no one else's);
- a field (``passport.surname``, ``ktp.nik``…): the value an officer read on the scan;
  the field is no longer in doubt;
- a confirmed reading: every field as read, nothing in doubt.

A reading with a corrected field is accepted when none of its fields is in doubt any more.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from fasdip.models import (
    Classification,
    DocumentClassification,
    DocumentType,
    Evidence,
    FieldRead,
    InboundEmail,
    KtpReading,
    PassportReading,
)

PASSPORT_FIELDS = (
    "surname",
    "given_names",
    "document_number",
    "nationality",
    "birth_date",
    "sex",
    "expiry_date",
    "issuing_state",
)
KTP_FIELDS = ("nik", "name", "birth_place", "birth_date", "sex", "address")
# Fields that hold a personal number: masked in lists and in the audit trail.
NUMBER_FIELDS = frozenset({"passport.document_number", "ktp.nik"})

DOCUMENT_TYPE, APPLICANT, FIELD, CONFIRM = "document_type", "applicant", "field", "confirm"
KINDS = (DOCUMENT_TYPE, APPLICANT, FIELD, CONFIRM)


class CorrectionLike(Protocol):
    """A stored correction (``fasdip.store.CorrectionRecord``)."""

    @property
    def kind(self) -> str: ...
    @property
    def sha256(self) -> str: ...
    @property
    def field(self) -> str: ...
    @property
    def value(self) -> str: ...


_R = TypeVar("_R", PassportReading, KtpReading)


class CaseCorrections(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    document_types: dict[str, DocumentType] = Field(default_factory=dict)  # sha256 -> type
    applicants: dict[str, str] = Field(default_factory=dict)  # sha256 -> applicant key
    fields: dict[str, dict[str, str]] = Field(default_factory=dict)  # sha256 -> {field: value}
    confirmed: list[str] = Field(default_factory=list)  # sha256 of readings confirmed

    @classmethod
    def of(cls, records: Iterable[CorrectionLike]) -> CaseCorrections:
        """From the stored corrections, oldest first: a later one on the same target wins."""
        types: dict[str, DocumentType] = {}
        owners: dict[str, str] = {}
        fields: dict[str, dict[str, str]] = {}
        confirmed: list[str] = []
        for record in records:
            if record.kind == DOCUMENT_TYPE:
                types[record.sha256] = DocumentType(record.value)
            elif record.kind == APPLICANT:
                owners[record.sha256] = record.value
            elif record.kind == FIELD:
                fields.setdefault(record.sha256, {})[record.field] = record.value
            elif record.kind == CONFIRM and record.sha256 not in confirmed:
                confirmed.append(record.sha256)
        return cls(document_types=types, applicants=owners, fields=fields, confirmed=confirmed)

    @property
    def empty(self) -> bool:
        return not (self.document_types or self.applicants or self.fields or self.confirmed)

    # ------------------------------------------------------------------ classification

    def classification(self, email: InboundEmail, found: Classification) -> Classification:
        """The classification with the officers' document types and applicants."""
        sha = {a.id: a.sha256 for a in email.attachments}
        documents = [self._document(d, sha.get(d.attachment, "")) for d in found.documents]
        owner = {
            att_id: self.applicants[digest]
            for att_id, digest in sha.items()
            if digest in self.applicants
        }
        single = found.applicants[0].key if len(found.applicants) == 1 else None
        for doc in documents:
            if (
                doc.attachment in found.unassigned
                and sha.get(doc.attachment) in self.document_types
                and single is not None
                and doc.attachment not in owner
            ):
                owner[doc.attachment] = single
        keys = {a.key for a in found.applicants}
        owner = {att: key for att, key in owner.items() if key in keys}
        applicants = [
            a.model_copy(
                update={
                    "attachments": [
                        *[x for x in a.attachments if owner.get(x, a.key) == a.key],
                        *[x for x, key in owner.items() if key == a.key and x not in a.attachments],
                    ]
                }
            )
            for a in found.applicants
        ]
        return found.model_copy(
            update={
                "documents": documents,
                "applicants": applicants,
                "unassigned": [x for x in found.unassigned if x not in owner],
                "assigned_by_order": [x for x in found.assigned_by_order if x not in owner],
            }
        )

    def _document(self, doc: DocumentClassification, digest: str) -> DocumentClassification:
        corrected = self.document_types.get(digest)
        if corrected is None:
            return doc
        return doc.model_copy(
            update={
                "document_type": corrected,
                "covers": [corrected],
                "confidence": 1.0,
                "evidence": [Evidence(source="officer", cue=corrected.value, weight=1.0)],
            }
        )

    # ------------------------------------------------------------------ readings

    def passport(self, reading: PassportReading, digest: str) -> PassportReading:
        return self._reading(reading, digest, "passport", PASSPORT_FIELDS)

    def ktp(self, reading: KtpReading, digest: str) -> KtpReading:
        return self._reading(reading, digest, "ktp", KTP_FIELDS)

    def _reading(self, reading: _R, digest: str, prefix: str, names: Sequence[str]) -> _R:
        fixes = {
            name.removeprefix(f"{prefix}."): value
            for name, value in self.fields.get(digest, {}).items()
            if name.startswith(f"{prefix}.") and name.removeprefix(f"{prefix}.") in names
        }
        confirmed = digest in self.confirmed
        if not fixes and not confirmed:
            return reading
        update: dict[str, object] = {}
        for name in names:
            read: FieldRead = getattr(reading, name)
            if name in fixes:
                same = fixes[name] == read.value
                update[name] = FieldRead(
                    value=fixes[name],
                    confidence=1.0,
                    check_digit_ok=read.check_digit_ok if same else None,
                )
            elif confirmed and read.doubt is not None:
                update[name] = read.model_copy(update={"doubt": None, "confidence": 1.0})
        fixed = reading.model_copy(update=update)
        remaining = [
            f"{name}: {getattr(fixed, name).doubt}"
            for name in names
            if getattr(fixed, name).doubt is not None
        ]
        doubts = [] if confirmed else remaining
        return fixed.model_copy(update={"doubts": doubts, "accepted": not doubts})
