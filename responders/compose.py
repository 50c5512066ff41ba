"""``compose``: a verdict becomes the reply a mission reads (or ``None``).

The decision picks the template; this module only sorts the findings into what the
mission must send (per applicant, then for the whole request), what it may note
(warnings) and what it never sees (``info`` findings are for officers only).
"""

from __future__ import annotations

from collections.abc import Sequence

from config.catalog import FORMAT_NAMES, human_size
from config.office import Requirements
from fasdip.models import (
    ApplicantVerdict,
    Decision,
    DocumentType,
    Finding,
    FindingCode,
    Reply,
    Severity,
    Verdict,
)
from responders.context import Anew, Group, Line, OfficeIdentity, ReplyContext
from responders.templates import ReplyTemplates
from responders.text import (
    FINDING_TEXT_LIMIT,
    clean,
    date_en,
    date_id,
    local_date,
    one_line,
    original_subject,
    unique_findings,
)


def compose(
    verdict: Verdict,
    requirements: Requirements,
    templates: ReplyTemplates,
    office: OfficeIdentity,
) -> Reply | None:
    """The reply to ``verdict.sender``; ``None`` for ``ignore`` or when nobody can be answered."""
    if verdict.decision is Decision.ignore:
        return None
    sender = verdict.sender.strip()
    if not _answerable(sender):
        return None
    context = build_context(verdict, requirements, office, templates.subject_labels)
    subject = one_line(templates.render_subject(context))
    text = templates.render_body(verdict.decision, context)
    message_id = verdict.message_id.strip() if verdict.message_id else None
    return Reply(
        subject=subject,
        text=text,
        to=[sender],
        in_reply_to=message_id or None,
        references=[message_id] if message_id else [],
        kind=verdict.decision,
    )


def _answerable(address: str) -> bool:
    """A non-null sender that is one plain address (no spaces, no control characters)."""
    if not address or "@" not in address:
        return False
    return not any(ch.isspace() or ord(ch) < 32 or ord(ch) == 127 for ch in address)


def build_context(
    verdict: Verdict,
    requirements: Requirements,
    office: OfficeIdentity,
    our_labels: Sequence[str] = (),
) -> ReplyContext:
    """Everything a template may show, sorted and cleaned; ``our_labels``: what our own
    subjects put before the mission's (taken out of a reply to our reply)."""
    rtype = requirements.request_types[verdict.request_type]
    applicant_of = {a.id: a.applicant for a in verdict.attachments}
    labels = {a.key: _labels(a, index) for index, a in enumerate(verdict.applicants, start=1)}
    groups = {a.key: _Builder(*labels[a.key]) for a in verdict.applicants}
    general = _Builder("Seluruh permohonan", "The whole request")
    notes: list[Line] = []
    refusals: list[Line] = []

    for finding in unique_findings(verdict):
        if finding.severity is Severity.info:
            continue  # officers only: never in a reply
        line = _line(finding)
        key = finding.applicant or applicant_of.get(finding.attachment or "")
        if finding.severity is Severity.warning:
            who = labels.get(key) if key else None
            who_id, who_en = (who[0], who[1]) if who else ("", "")
            notes.append(Line(line.text_id, line.text_en, who_id, who_en))
            continue
        if finding.code is FindingCode.visit_too_late:
            refusals.append(line)  # quoted by the refusal; still listed if items are asked for
        target = groups.get(key, general) if key else general
        if finding.code is FindingCode.missing_document:
            target.add_missing(line, finding.document)
        else:
            target.checks.append(line)

    for applicant in verdict.applicants:
        builder = groups[applicant.key]
        for document in applicant.missing:
            if document not in builder.missing_documents:
                builder.add_missing(_missing_line(requirements, document), document)
        for document in applicant.documents:
            spec = requirements.documents[document]
            builder.received.append(Line(spec.name_id, spec.name_en))

    received = local_date(verdict.received_at, office.timezone)
    return ReplyContext(
        decision=verdict.decision.value,
        case_ref=clean(verdict.case_ref, limit=60),
        subject=original_subject(verdict.subject, our_labels),
        date_id=date_id(received),
        date_en=date_en(received),
        request_type=verdict.request_type.value,
        request_name_id=rtype.name_id,
        request_name_en=rtype.name_en,
        applicants=[groups[a.key].build() for a in verdict.applicants],
        general=general.build(),
        notes=notes,
        refusals=refusals,
        anew=_anew(verdict, requirements),
        min_working_days=requirements.rules.regional_visit_min_working_days,
        max_size=human_size(requirements.rules.max_file_bytes),
        office=office,
    )


class _Builder:
    def __init__(self, label_id: str, label_en: str, named: bool = False) -> None:
        self.label_id = label_id
        self.label_en = label_en
        self.named = named
        self.missing: list[Line] = []
        self.missing_documents: set[DocumentType] = set()
        self.checks: list[Line] = []
        self.received: list[Line] = []

    def add_missing(self, line: Line, document: DocumentType | None) -> None:
        if document is not None:
            if document in self.missing_documents:
                return
            self.missing_documents.add(document)
        self.missing.append(line)

    def build(self) -> Group:
        return Group(
            self.label_id, self.label_en, self.named, self.missing, self.checks, self.received
        )


def _labels(applicant: ApplicantVerdict, index: int) -> tuple[str, str, bool]:
    name = clean(applicant.name)
    if name:
        return name, name, True
    return f"Pemohon {index}", f"Applicant {index}", False


def _line(finding: Finding) -> Line:
    return Line(
        clean(finding.text_id, limit=FINDING_TEXT_LIMIT),
        clean(finding.text_en, limit=FINDING_TEXT_LIMIT),
    )


def _anew(verdict: Verdict, requirements: Requirements) -> Anew | None:
    """The request to send instead, in a new email, when a renewal came too late (the
    pass expired past the renewal window): its name and the documents besides the note
    its applicants' categories need; None otherwise."""
    instead = requirements.request_types[verdict.request_type].too_late_apply_as
    late = any(
        f.code is FindingCode.renewal_window_passed and f.severity is Severity.blocking
        for f in verdict.findings
    )
    if instead is None or not late:
        return None
    spec = requirements.request_types[instead]
    categories = [a.category for a in verdict.applicants] or list(spec.categories)
    documents = dict.fromkeys(
        d for c in categories for d in spec.categories[c] if d is not DocumentType.diplomatic_note
    )  # the new note is asked for in the sentence before the list
    names = [requirements.documents[d] for d in documents]
    return Anew(spec.name_id, spec.name_en, [Line(n.name_id, n.name_en) for n in names])


def _missing_line(requirements: Requirements, document: DocumentType) -> Line:
    """Words for a missing document the validators listed without a finding (the same
    words as ``missing_document`` in messages.yaml)."""
    spec = requirements.documents[document]
    formats = " / ".join(FORMAT_NAMES[f.value] for f in spec.formats)
    limit = human_size(requirements.max_bytes(document))
    return Line(
        f"{spec.name_id} belum kami terima. Mohon kirimkan dokumen tersebut "
        f"dalam format {formats}, maksimal {limit}.",
        f"{spec.name_en}: not yet received. Please send it as {formats}, at most {limit}.",
    )
