"""The short human-readable form of a verdict (``fasdip triage`` without ``--json``)."""

from __future__ import annotations

from config.catalog import human_size
from fasdip.models import Severity, Verdict


def summarise(name: str, verdict: Verdict) -> str:
    lines = [
        f"{name}  [{verdict.case_ref}]",
        f"  from      {verdict.sender or '(null sender)'}: {verdict.subject[:90]}",
        f"  request   {verdict.request_type.value} (confidence {verdict.request_confidence:.2f})",
        f"  decision  {verdict.decision.value}: {verdict.decision_reason}",
    ]
    for applicant in verdict.applicants:
        missing = ", ".join(m.value for m in applicant.missing) or "nothing"
        lines.append(
            f"  applicant {applicant.key} {applicant.name or '(name not found)'} "
            f"({applicant.category.value}): missing {missing}"
        )
    for att in verdict.attachments:
        problems = ", ".join(sorted({f.code.value for f in att.findings})) or "ok"
        lines.append(
            f"    {att.id:<4} {att.document_type.value:<20} {att.detected_format.value:<5} "
            f"{human_size(att.size):>8}  {att.filename[:48]}  -> {problems}"
        )
    general = [
        f for f in verdict.findings if f.attachment is None and f.code.value != "missing_document"
    ]
    for finding in general:
        mark = "!" if finding.severity == Severity.blocking else "-"
        lines.append(f"  {mark} {finding.code.value}: {finding.text_en}")
    if verdict.reply is not None:
        lines.append(f"  reply     {verdict.reply.subject}")
    return "\n".join(lines)
