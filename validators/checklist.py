"""Which required documents an applicant has not sent (requirements.yaml, per category)."""

from __future__ import annotations

from collections.abc import Iterable

from config.office import Requirements
from fasdip.models import ApplicantCategory, DocumentType, RequestType


def missing_documents(
    request: RequestType,
    category: ApplicantCategory,
    found: Iterable[DocumentType],
    requirements: Requirements,
) -> list[DocumentType]:
    """Required documents not in ``found``, in the order of requirements.yaml.

    ``found`` already includes what combined PDFs cover (classifiers' ``covers``).
    """
    have = set(found)
    missing: list[DocumentType] = []
    for document in requirements.required(request, category):
        if document not in have and document not in missing:
            missing.append(document)
    return missing
