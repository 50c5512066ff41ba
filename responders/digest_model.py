"""The digest's data: what the store hands in (``DigestCase``) and what the templates are
given (``DigestData`` and its rows, groups and figures), plus the rendered email."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from fasdip.models import Decision, RequestType, Severity, Verdict


class _Model(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


# --------------------------------------------------------------------------- the input


class DigestCase(_Model):
    """One case as the store knows it: the latest verdict and a little metadata."""

    verdict: Verdict
    mission: str = ""  # the mission's name; "" shows the sender's address
    received_at: dt.datetime | None = None  # default: the verdict's receipt time
    answered_at: dt.datetime | None = None  # when our reply left (None: not answered)
    sender_known: bool | None = None  # False: not in the missions registry
    documents: dict[str, str] = Field(default_factory=dict)  # attachment id -> path or URL
    proofs: list[str] = Field(default_factory=list)  # registration proof files, paths or URLs
    reply_waiting: str = ""  # why our reply has not left yet ("" : sent, or none queued)
    reply_withheld: str = ""  # why no reply was queued ("" : one was)
    page: str | None = None  # the case's page in the officers' console (web.base_url set)


# --------------------------------------------------------------------------- the output


class Words(_Model):
    """A bilingual phrase."""

    id: str
    en: str


class FindingLine(_Model):
    severity: Severity
    code: str
    text: str


class DocumentLink(_Model):
    label: str  # the file name (sender text, cleaned)
    kind: str = ""  # what the document is, in words
    href: str | None = None  # None: shown without a link
    where: str = ""  # the path or URL as text, for the plain-text part


class CaseRow(_Model):
    case_ref: str
    mission: str
    sender: str
    subject: str
    received: Words  # date, both languages
    applicants: list[str]
    request_type: RequestType
    request_name: Words
    decision: Decision
    decision_name: Words
    confidence: float
    reasons: list[Words] = Field(default_factory=list)  # why an officer is needed
    findings: list[FindingLine] = Field(default_factory=list)
    more_findings: int = 0
    documents: list[DocumentLink] = Field(default_factory=list)
    days_waiting: int | None = None
    reply: Words | None = None  # sent (when), waiting (why) or withheld (why)
    reply_sent: bool = False
    page: str | None = None  # the case's page in the officers' console


class AttentionLine(_Model):
    """A mail or reply no officer may miss (the digest's first section)."""

    kind: str  # quarantined, failed, unjudged, unsent, withheld
    title: Words  # what happened, in words
    case_ref: str  # "-" when the mail never reached a case
    sender: str
    subject: str
    reason: str  # the store's own text (an error, a limit)
    since: Words  # received / queued, in the office's time


class CaseGroup(_Model):
    key: str  # "complete", "undecided", "late"
    title: Words
    hint: Words
    rows: list[CaseRow]


class CountLine(_Model):
    label: Words
    count: int


class DigestNumbers(_Model):
    """The day's figures: from the store when it gives them, else counted from the cases."""

    received: int
    answered: int
    complete: int
    needs_officer: int
    waiting_on_missions: int
    ignored: int = 0
    by_request_type: list[CountLine] = Field(default_factory=list)
    by_mission: list[CountLine] = Field(default_factory=list)


class DigestSections(_Model):
    attention: list[AttentionLine] = Field(default_factory=list)
    needs_officer: list[CaseGroup]
    waiting_on_missions: list[CaseRow]
    ignored: list[CaseRow]
    numbers: DigestNumbers


class DigestPeriod(_Model):
    start: dt.datetime
    end: dt.datetime


class DigestData(_Model):
    generated_at: dt.datetime
    period: DigestPeriod
    timezone: str = "Asia/Jakarta"
    office_name: Words = Words(
        id="Direktorat Fasilitas Diplomatik, Kementerian Luar Negeri Republik Indonesia",
        en="Directorate of Diplomatic Facilities, Ministry of Foreign Affairs of Indonesia",
    )
    sections: DigestSections

    @property
    def case_refs(self) -> list[str]:
        rows = [r for g in self.sections.needs_officer for r in g.rows]
        rows += self.sections.waiting_on_missions + self.sections.ignored
        return [r.case_ref for r in rows]


class RenderedDigest(_Model):
    subject: str
    html: str
    text: str

    def save(self, path: Path) -> Path:
        """Write the HTML part to ``path`` (the digest "also saved as an HTML file")."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(self.html, encoding="utf-8")
        return path
