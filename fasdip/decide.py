"""The decision: what happens to a request once everything about it is known.

The order is the office's order of caution: what a machine cannot judge goes to an
officer before anything is said to a mission; a late regional visit is refused
before its missing papers are listed (sending papers would not help).
"""

from __future__ import annotations

from collections.abc import Sequence

from config.office import RequestTypeSpec
from fasdip.models import (
    Decision,
    Finding,
    FindingCode,
    RequestClassification,
    RequestType,
    Severity,
)

# Findings that mean the machine's own reading is in doubt: never answer on a doubt.
DOUBT_CODES = frozenset(
    {
        FindingCode.undecodable_part,
        FindingCode.uncertain_document_type,
        FindingCode.unassigned_document,
        FindingCode.uncertain_request_type,
        FindingCode.uncertain_category,
        FindingCode.identity_doubt,
        FindingCode.limit_exceeded,
        FindingCode.processing_failed,
    }
)


def decide(
    request: RequestClassification,
    spec: RequestTypeSpec,
    findings: Sequence[Finding],
    *,
    has_documents: bool,
    confidence_threshold: float,
) -> tuple[Decision, str]:
    """(decision, one-line reason for officers)."""
    codes = {f.code for f in findings}
    if not has_documents:
        return Decision.officer_review, "no documents attached: a question or a covering mail"
    if request.request_type == RequestType.other:
        return Decision.officer_review, "request type not recognised"
    if request.confidence < confidence_threshold:
        return (
            Decision.officer_review,
            f"request type {request.request_type.value} only {request.confidence:.0%} sure",
        )
    doubts = sorted(c.value for c in codes & DOUBT_CODES)
    if doubts:
        return Decision.officer_review, "the machine is unsure: " + ", ".join(doubts)
    if FindingCode.visit_too_late in codes:
        return Decision.late_refusal, "regional visit notified too late"
    blocking = sorted({f.code.value for f in findings if f.severity == Severity.blocking})
    if blocking:
        return Decision.missing_items, "to fix: " + ", ".join(blocking)
    if spec.on_complete == Decision.registration_proof:
        return Decision.registration_proof, "complete"
    return spec.on_complete, "complete; the next step is an officer's"
