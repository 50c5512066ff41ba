"""What retention leaves of a closed case's rows: the decisions and finding codes, no
personal data (names, passport numbers, NIKs, subjects, file names, reply texts)."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from fasdip.models import Finding, Verdict
from fasdip.store.commit import verdict_text
from fasdip.store.schema import (
    AttachmentRow,
    Case,
    CaseIdentity,
    Message,
    Outbox,
    ProofRow,
    VerdictRow,
)
from fasdip.store.vault import Vault


def _bare(finding: Finding) -> Finding:
    return finding.model_copy(update={"params": {}, "text_id": "", "text_en": "", "filename": None})


def redact_verdict(verdict: Verdict) -> Verdict:
    """The verdict without anything that names or identifies a person: its decision,
    request type, documents' types and checks, and finding codes stay."""
    return verdict.model_copy(
        update={
            "subject": "",
            "request_evidence": [],
            "passports": [],
            "ktps": [],
            "applicants": [a.model_copy(update={"name": None}) for a in verdict.applicants],
            "attachments": [
                a.model_copy(update={"filename": "", "findings": [_bare(f) for f in a.findings]})
                for a in verdict.attachments
            ],
            "findings": [_bare(f) for f in verdict.findings],
            "reply": (
                None
                if verdict.reply is None
                else verdict.reply.model_copy(update={"subject": "", "text": ""})
            ),
        }
    )


def redact_cases(s: Session, case_ids: Sequence[int], vault: Vault) -> list[str]:
    """Retention of the rows of ``case_ids`` (in the caller's transaction): verdicts
    redacted and kept in clear (nothing secret is left in them), the replies' bytes, the
    proofs' PDFs, subjects, file names and identity digests removed (a sealed verdict is
    opened with ``vault``). Returns the documents' sha256 (their readings go from the
    readings cache too)."""
    for row in s.scalars(select(VerdictRow).where(VerdictRow.case_id.in_(case_ids))):
        verdict = Verdict.model_validate_json(verdict_text(vault, row))
        row.verdict_json = redact_verdict(verdict).model_dump_json()
        row.verdict_sealed = None
    s.execute(update(Outbox).where(Outbox.case_id.in_(case_ids)).values(content=b""))
    s.execute(update(ProofRow).where(ProofRow.case_id.in_(case_ids)).values(content=b""))
    s.execute(update(Message).where(Message.case_id.in_(case_ids)).values(subject=""))
    s.execute(update(Case).where(Case.id.in_(case_ids)).values(subject_key=""))
    s.execute(delete(CaseIdentity).where(CaseIdentity.case_id.in_(case_ids)))
    shas = set(s.scalars(select(AttachmentRow.sha256).where(AttachmentRow.case_id.in_(case_ids))))
    s.execute(update(AttachmentRow).where(AttachmentRow.case_id.in_(case_ids)).values(filename=""))
    return sorted(shas)
