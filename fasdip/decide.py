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

# Doubts that could change what the mission is asked for (a document the machine cannot
# type or assign, a request it cannot name, a part it cannot read): no reply on a guess.
LIST_DOUBTS = frozenset(
    {
        FindingCode.undecodable_part,
        FindingCode.uncertain_document_type,
        FindingCode.unassigned_document,
        FindingCode.uncertain_request_type,
        FindingCode.uncertain_category,
        FindingCode.limit_exceeded,
        FindingCode.processing_failed,
    }
)
# Doubts about a value read (a name letter, an MRZ field): the missing list stands, but no
# registration proof, and nothing is said that was derived from the doubted document.
VALUE_DOUBTS = frozenset({FindingCode.identity_doubt})
DOUBT_CODES = LIST_DOUBTS | VALUE_DOUBTS
# Findings worked out from what an identity document says (its MRZ, NIK, name, birth date).
READ_VALUE_CODES = frozenset(
    {
        FindingCode.mrz_unreadable,
        FindingCode.mrz_check_digit,
        FindingCode.passport_expired,
        FindingCode.passport_expires_soon,
        FindingCode.nik_invalid,
        FindingCode.nik_mismatch,
        FindingCode.name_mismatch,
        FindingCode.applicant_under_17,
        FindingCode.ktp_outside_jurisdiction,
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
    doubts = sorted(c.value for c in codes & LIST_DOUBTS)
    if doubts:
        return Decision.officer_review, "the machine is unsure: " + ", ".join(doubts)
    if FindingCode.visit_too_late in codes:
        return Decision.late_refusal, "regional visit notified too late"
    value_doubts = [f for f in findings if f.code in VALUE_DOUBTS]
    blocking = [f for f in findings if f.severity == Severity.blocking]
    if value_doubts and (not blocking or any(_rests_on(f, value_doubts) for f in blocking)):
        reasons = sorted({f.code.value for f in value_doubts})
        return Decision.officer_review, "a value read is in doubt: " + ", ".join(reasons)
    if blocking:
        to_fix = ", ".join(sorted({f.code.value for f in blocking}))
        if value_doubts:
            return Decision.missing_items, f"to fix: {to_fix}; an officer checks a doubtful reading"
        return Decision.missing_items, "to fix: " + to_fix
    if spec.on_complete == Decision.registration_proof:
        return Decision.registration_proof, "complete"
    return spec.on_complete, "complete; the next step is an officer's"


def left_to_officers(findings: Sequence[Finding]) -> list[Finding]:
    """The findings with those worked out from a doubted reading (an MRZ check digit read
    by OCR from a doubted passport, a NIK on a KTP in doubt) made officers' notes (info):
    a missing-items reply asks only for what is surely wrong and says that an officer will
    look at the doubted document; with nothing else to ask, the case goes to an officer."""
    value_doubts = [f for f in findings if f.code in VALUE_DOUBTS]
    if not value_doubts:
        return list(findings)
    return [
        f.model_copy(update={"severity": Severity.info})
        if f.severity == Severity.blocking and _rests_on(f, value_doubts)
        else f
        for f in findings
    ]


def _rests_on(finding: Finding, value_doubts: Sequence[Finding]) -> bool:
    """Whether a blocking finding may come from a doubted reading: worked out from an identity
    document's values, about the doubted file or its applicant."""
    if finding.code not in READ_VALUE_CODES:
        return False
    return any(
        (finding.attachment is not None and finding.attachment == doubt.attachment)
        or (finding.applicant is not None and finding.applicant == doubt.applicant)
        for doubt in value_doubts
    )
