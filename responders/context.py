"""What a reply template sees: plain, already-cleaned values, never the raw verdict.

The templates only arrange text. Every value here is either office wording (from
``requirements.yaml`` / ``messages.yaml`` via the findings) or sender text passed
through ``responders.text.clean``. ``sample_contexts`` gives one filled-in context per
decision so that ``ReplyTemplates.load`` can render every template once at start-up
(with ``StrictUndefined`` a misspelt name stops the program there, not at 3 a.m.).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

from pydantic import BaseModel, ConfigDict, field_validator

from fasdip.dates import known_zone
from fasdip.models import Decision


class OfficeIdentity(BaseModel):
    """Who signs the replies: values of ``Settings.office_*`` (and ``Settings.timezone``)."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    address: str
    name_id: str
    name_en: str
    timezone: str = "Asia/Jakarta"  # dates in the reply are the office's local dates

    _known_zone = field_validator("timezone")(known_zone)


@dataclass(frozen=True)
class Line:
    """One bilingual line of a list; ``who_*`` names the applicant a note is about."""

    text_id: str
    text_en: str
    who_id: str = ""
    who_en: str = ""


@dataclass(frozen=True)
class Group:
    """One applicant (or the whole request) with what is missing, wrong and received."""

    label_id: str  # the applicant's name, or "Pemohon 1" when the name is unknown
    label_en: str  # the name, or "Applicant 1"
    named: bool = False  # True when the label is the applicant's name
    missing: list[Line] = field(default_factory=list)  # documents not received
    checks: list[Line] = field(default_factory=list)  # other blocking findings
    received: list[Line] = field(default_factory=list)  # document names received

    @property
    def blocking(self) -> bool:
        return bool(self.missing or self.checks)


@dataclass(frozen=True)
class Anew:
    """The request to send instead, in a new email, and the documents it needs."""

    name_id: str
    name_en: str
    documents: list[Line]


@dataclass(frozen=True)
class ReplyContext:
    decision: str
    case_ref: str
    subject: str  # the mission's subject, cleaned, without our tag and "Re:" prefixes
    date_id: str  # the date we received their email, "" when unknown
    date_en: str
    request_type: str
    request_name_id: str
    request_name_en: str
    applicants: list[Group]
    general: Group  # findings about the whole request (no applicant)
    notes: list[Line]  # warnings: told, not blocking
    refusals: list[Line]  # the visit_too_late findings
    anew: Anew | None  # the request to send instead, when this one cannot go on
    min_working_days: int
    max_size: str  # "1 MB"
    office: OfficeIdentity

    def as_dict(self) -> dict[str, Any]:
        """Top-level template names (shallow: nested objects stay objects)."""
        return {f.name: getattr(self, f.name) for f in fields(self)}


def sample_contexts() -> dict[Decision, ReplyContext]:
    """One context per answered decision, with every list filled, for the start-up check."""
    office = OfficeIdentity(address="office@example.org", name_id="Kantor", name_en="Office")
    line = Line("Teks.", "Text.")
    note = Line("Catatan.", "Note.", who_id="Pemohon 1", who_en="Applicant 1")
    group = Group("Pemohon 1", "Applicant 1", False, [line], [line], [line])
    complete = Group("Nama", "Name", True, [], [], [line])
    general = Group("Seluruh permohonan", "The whole request", False, [line], [line])
    out: dict[Decision, ReplyContext] = {}
    for decision in Decision:
        if decision is Decision.ignore:
            continue
        out[decision] = ReplyContext(
            decision=decision.value,
            case_ref="FASDIP-0000-000000",
            subject="Subject",
            date_id="1 Januari 2026",
            date_en="1 January 2026",
            request_type="airport_pass_new",
            request_name_id="Pas Bandara Tahunan Baru",
            request_name_en="New annual airport pass",
            applicants=[group, complete],
            general=general,
            notes=[note, line],
            refusals=[line],
            anew=Anew("Pas Bandara Tahunan Baru", "New annual airport pass", [line]),
            min_working_days=14,
            max_size="1 MB",
            office=office,
        )
    return out
