"""Building the digest: each ``DigestCase`` placed in its section, made into a row, counted."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path
from urllib.parse import quote, urlsplit
from zoneinfo import ZoneInfo

from config.office import Requirements
from config.settings import DigestSettings
from fasdip.models import Decision, Finding, FindingCode, Severity, Verdict
from responders.digest_model import (
    AttentionLine,
    CaseGroup,
    CaseRow,
    CountLine,
    DigestCase,
    DigestData,
    DigestNumbers,
    DigestPeriod,
    DigestSections,
    DocumentLink,
    FindingLine,
    Words,
)
from responders.text import clean, date_en, date_id, original_subject, unique_findings

FINDING_LIMIT = 300

UNREADABLE = {FindingCode.unreadable_file, FindingCode.undecodable_part, FindingCode.not_an_email}


DECISION_NAMES: dict[Decision, Words] = {
    Decision.registration_proof: Words(id="Lengkap", en="Complete"),
    Decision.missing_items: Words(id="Kurang dokumen", en="Missing items"),
    Decision.late_refusal: Words(id="Terlambat, ditolak", en="Too late, refused"),
    Decision.officer_review: Words(id="Perlu petugas", en="Officer review"),
    Decision.ignore: Words(id="Diabaikan", en="Ignored"),
}

# Each group's title and hint, in both languages: wording, alike in shape by design.
GROUPS: dict[str, tuple[Words, Words]] = {
    "complete": (
        Words(id="Lengkap: input ke sistem", en="Complete: enter into the system"),
        Words(
            id="Input data pemohon dan terbitkan tagihan PNBP. Setiap kasus menyebut status "
            "balasannya (bukti pendaftaran terlampir pada balasan).",
            en="Enter the applicants and issue the PNBP invoice. Each case shows the state "
            "of its reply (the registration proof is attached to the reply).",
        ),
    ),
    "undecided": (
        Words(id="Perlu keputusan petugas", en="Needs an officer's decision"),
        Words(
            id="Mesin tidak dapat memutuskan: periksa alasannya di setiap kasus.",
            en="The machine could not decide: see the reason on each case.",
        ),
    ),
    "late": (
        Words(id="Kunjungan daerah terlambat", en="Late regional visits"),
        Words(
            id="Kurang dari batas hari kerja: perwakilan diberi penolakan (lihat status balasan). "
            "Periksa bila ada pengecualian.",
            en="Under the working-day limit: the mission is refused (see the reply's status). "
            "Check whether an exception applies.",
        ),
    ),
}


ATTENTION_TITLES: dict[str, Words] = {
    "quarantined": Words(
        id="Dikarantina: mesin menyerah, belum dijawab",
        en="Quarantined: the machine gave up, not answered",
    ),
    "failed": Words(id="Gagal diproses, dicoba lagi", en="Failed, being tried again"),
    "unjudged": Words(id="Belum diputuskan, terlalu lama", en="No verdict, waiting too long"),
    "unsent": Words(id="Balasan tertahan di outbox", en="Reply stuck in the outbox"),
    "withheld": Words(id="Balasan ditahan oleh batas", en="Reply withheld by a limit"),
}


def attention_line(
    kind: str,
    *,
    case_ref: str | None,
    sender: str,
    subject: str,
    reason: str,
    since: dt.datetime,
    timezone: str,
    our_labels: Sequence[str] = (),
) -> AttentionLine:
    """One line of the digest's first section (sender texts cleaned, lengths capped;
    ``our_labels``: what our reply subjects put before the mission's own)."""
    day = local_date(since, ZoneInfo(timezone))
    clock = since.astimezone(ZoneInfo(timezone)).strftime("%H:%M")
    return AttentionLine(
        kind=kind,
        title=ATTENTION_TITLES[kind],
        case_ref=clean(case_ref or "", limit=60) or "-",
        sender=clean(sender, limit=160) or "-",
        subject=original_subject(subject, our_labels) or "-",
        reason=clean(reason, limit=FINDING_LIMIT) or "-",
        since=Words(id=f"{date_id(day)} {clock}", en=f"{date_en(day)} {clock}"),
    )


def _reply_status(case: DigestCase, zone: ZoneInfo) -> Words | None:
    """What became of our answer to the case's latest mail: sent only when it left."""
    if case.reply_waiting:
        why = clean(case.reply_waiting, limit=FINDING_LIMIT)
        return Words(id=f"Balasan belum terkirim: {why}", en=f"Reply not sent yet: {why}")
    if case.reply_withheld:
        why = clean(case.reply_withheld, limit=FINDING_LIMIT)
        return Words(id=f"Tanpa balasan: {why}", en=f"No reply: {why}")
    if case.answered_at is not None:
        day = local_date(case.answered_at, zone)
        return Words(id=f"Balasan terkirim {date_id(day)}", en=f"Reply sent {date_en(day)}")
    return None


def _reason(code: str) -> Words:
    return {
        "officer_review": Words(id="Perlu pemeriksaan petugas", en="Officer review"),
        "low_confidence": Words(id="Jenis permohonan tidak pasti", en="Request type uncertain"),
        "unknown_sender": Words(id="Pengirim tidak dikenal", en="Unknown sender"),
        "unreadable": Words(id="Berkas tidak terbaca", en="Unreadable file"),
        "reply_withheld": Words(
            id="Balasan tertahan: perwakilan belum dijawab",
            en="Reply held back: the mission has had no answer",
        ),
        "thread_refused": Words(
            id="Email mencurigakan: merujuk ke kasus lain",
            en="Suspicious mail: it names another case",
        ),
    }[code]


_SEVERITY_ORDER = {Severity.blocking: 0, Severity.warning: 1, Severity.info: 2}


def _finding_line(finding: Finding, language: str) -> FindingLine:
    first, second = (
        (finding.text_id, finding.text_en)
        if language == "id"
        else (finding.text_en, finding.text_id)
    )
    text = clean(first or second or finding.code.value.replace("_", " "), limit=FINDING_LIMIT)
    return FindingLine(severity=finding.severity, code=finding.code.value, text=text)


_SAFE_SCHEMES = {"http", "https", "file"}


def _href(where: str, link_base: str) -> str | None:
    """A link for a stored document: a URL as is, a path under ``link_base`` or as file://."""
    where = where.strip()
    if not where:
        return None
    scheme = urlsplit(where).scheme.lower()
    if scheme in _SAFE_SCHEMES:
        return where
    if len(scheme) > 1:  # javascript:, data:… never become links ("C:" is a drive)
        return None
    if link_base:
        return link_base.rstrip("/") + "/" + quote(where.lstrip("/").replace("\\", "/"))
    path = Path(where)
    return path.as_uri() if path.is_absolute() else None


def _documents(
    case: DigestCase, requirements: Requirements, link_base: str, settings_language: str
) -> list[DocumentLink]:
    links: list[DocumentLink] = []
    for proof in case.proofs:
        links.append(
            DocumentLink(
                label="Bukti pendaftaran / Registration proof",
                kind="PDF",
                href=_href(proof, link_base),
                where=clean(proof, limit=400),
            )
        )
    for attachment in case.verdict.attachments:
        spec = requirements.documents[attachment.document_type]
        where = case.documents.get(attachment.id, "")
        links.append(
            DocumentLink(
                label=clean(attachment.filename, limit=120) or attachment.id,
                kind=spec.name_id if settings_language == "id" else spec.name_en,
                href=_href(where, link_base),
                where=clean(where, limit=400),
            )
        )
    return links


def _applicants(verdict: Verdict) -> list[str]:
    names = []
    for index, applicant in enumerate(verdict.applicants, start=1):
        name = clean(applicant.name, limit=120) or f"Pemohon {index} / Applicant {index}"
        kind = "WNI" if applicant.category.value == "local_staff" else "asing / foreign"
        names.append(f"{name} ({kind})")
    return names


def local_date(moment: dt.datetime, zone: ZoneInfo) -> dt.date:
    return moment.astimezone(zone).date() if moment.tzinfo else moment.date()


def _row(
    case: DigestCase,
    requirements: Requirements,
    settings: DigestSettings,
    zone: ZoneInfo,
    today: dt.date,
    reasons: list[Words],
    our_labels: Sequence[str],
) -> CaseRow:
    verdict = case.verdict
    spec = requirements.request_types[verdict.request_type]
    received = case.received_at or verdict.received_at
    received_day = local_date(received, zone) if received else verdict.today
    findings = sorted(
        (_finding_line(f, settings.language) for f in unique_findings(verdict)),
        key=lambda line: _SEVERITY_ORDER[line.severity],
    )
    limit = settings.max_findings_per_case
    days = None
    if verdict.decision is Decision.missing_items:
        since = local_date(case.answered_at, zone) if case.answered_at else received_day
        days = max((today - since).days, 0)
    return CaseRow(
        case_ref=clean(verdict.case_ref, limit=60),
        mission=clean(case.mission, limit=160) or clean(verdict.sender, limit=160) or "-",
        sender=clean(verdict.sender, limit=160),
        subject=original_subject(verdict.subject, our_labels),
        received=Words(id=date_id(received_day), en=date_en(received_day)),
        applicants=_applicants(verdict),
        request_type=verdict.request_type,
        request_name=Words(id=spec.name_id, en=spec.name_en),
        decision=verdict.decision,
        decision_name=DECISION_NAMES[verdict.decision],
        confidence=verdict.request_confidence,
        reasons=reasons,
        findings=findings[:limit],
        more_findings=max(len(findings) - limit, 0),
        documents=_documents(case, requirements, settings.link_base, settings.language),
        days_waiting=days,
        reply=_reply_status(case, zone),
        reply_sent=case.answered_at is not None and not (case.reply_waiting or case.reply_withheld),
        page=case.page,
    )


def _place(case: DigestCase, confidence_threshold: float) -> tuple[str, list[Words]]:
    """Which part of the digest a case belongs to, and why an officer is needed."""
    verdict = case.verdict
    codes = {f.code for f in unique_findings(verdict)}
    if verdict.decision is Decision.ignore:
        return "ignored", []
    if verdict.decision is Decision.late_refusal or FindingCode.visit_too_late in codes:
        return "late", []
    reasons: list[str] = []
    if verdict.decision is Decision.officer_review:
        reasons.append("officer_review")
    if verdict.request_confidence < confidence_threshold:
        reasons.append("low_confidence")
    if case.sender_known is False or FindingCode.unknown_sender in codes:
        reasons.append("unknown_sender")
    if codes & UNREADABLE:
        reasons.append("unreadable")
    reasons += [code for code in ("reply_withheld", "thread_refused") if code in codes]
    if reasons:
        return "undecided", [_reason(code) for code in reasons]
    if verdict.decision is Decision.registration_proof:
        return "complete", []
    return "waiting", []


def count_numbers(
    cases: Sequence[DigestCase], requirements: Requirements, placed: Sequence[str]
) -> DigestNumbers:
    """The figures counted from the cases given (until the store gives its own)."""
    by_type = Counter(
        c.verdict.request_type for c in cases if c.verdict.decision is not Decision.ignore
    )
    by_mission = Counter(
        clean(c.mission, limit=160) or clean(c.verdict.sender, limit=160) or "-"
        for c in cases
        if c.verdict.decision is not Decision.ignore
    )
    return DigestNumbers(
        received=len(cases),
        answered=sum(1 for c in cases if c.answered_at is not None or c.verdict.reply is not None),
        complete=sum(1 for c in cases if c.verdict.decision is Decision.registration_proof),
        needs_officer=sum(1 for p in placed if p in ("complete", "undecided", "late")),
        waiting_on_missions=placed.count("waiting"),
        ignored=placed.count("ignored"),
        by_request_type=[
            CountLine(
                label=Words(
                    id=requirements.request_types[rtype].name_id,
                    en=requirements.request_types[rtype].name_en,
                ),
                count=count,
            )
            for rtype, count in sorted(by_type.items(), key=lambda item: (-item[1], item[0].value))
        ],
        by_mission=[
            CountLine(label=Words(id=name, en=name), count=count)
            for name, count in sorted(by_mission.items(), key=lambda item: (-item[1], item[0]))
        ],
    )


def build_digest(
    cases: Iterable[DigestCase],
    requirements: Requirements,
    settings: DigestSettings,
    *,
    generated_at: dt.datetime,
    period_start: dt.datetime,
    confidence_threshold: float = 0.6,
    timezone: str = "Asia/Jakarta",
    numbers: DigestNumbers | None = None,
    attention: Sequence[AttentionLine] = (),
    our_labels: Sequence[str] = (),
) -> DigestData:
    """Sort the cases into the digest's sections; ``numbers`` from the store when it has
    them; ``attention`` (mails and replies no officer may miss) listed first; a mission's
    answer to our reply is listed under its own subject (``our_labels``:
    ``ReplyTemplates.subject_labels``)."""
    zone = ZoneInfo(timezone)
    today = local_date(generated_at, zone)
    case_list = list(cases)
    placed: list[str] = []
    rows: dict[str, list[CaseRow]] = {
        "complete": [],
        "undecided": [],
        "late": [],
        "waiting": [],
        "ignored": [],
    }
    for case in case_list:
        where, reasons = _place(case, confidence_threshold)
        placed.append(where)
        rows[where].append(_row(case, requirements, settings, zone, today, reasons, our_labels))
    rows["waiting"].sort(key=lambda r: (-(r.days_waiting or 0), r.case_ref))
    groups = [
        CaseGroup(key=key, title=GROUPS[key][0], hint=GROUPS[key][1], rows=rows[key])
        for key in ("complete", "undecided", "late")
        if rows[key]
    ]
    return DigestData(
        generated_at=generated_at,
        period=DigestPeriod(start=period_start, end=generated_at),
        timezone=timezone,
        sections=DigestSections(
            attention=list(attention),
            needs_officer=groups,
            waiting_on_missions=rows["waiting"],
            ignored=rows["ignored"],
            numbers=numbers or count_numbers(case_list, requirements, placed),
        ),
    )
