"""The work lists of the digest, live from the store: what needs an officer (the
machine's reason first), complete cases to enter into the system, cases waiting on their
missions, and quarantined mails; each with its count, filters and search.

Personal numbers are masked to their last 4 digits here (``mask``); the case page alone
shows them in full.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict, Field

from config.missions import MissionRegistry
from fasdip.models import Decision, Verdict
from fasdip.store import Store
from fasdip.store.console_records import CLOSED, ENTERED, QuarantinedMail

OFFICER, COMPLETE, WAITING, QUARANTINE, DONE = (
    "officer",
    "complete",
    "waiting",
    "quarantine",
    "done",
)
LISTS: dict[str, str] = {
    OFFICER: "Needs an officer",
    COMPLETE: "Complete: enter into the system",
    WAITING: "Waiting on missions",
    QUARANTINE: "Quarantine",
    DONE: "Entered or closed",
}


class _Row(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class CaseRow(_Row):
    case_id: int
    number: str
    mission: str
    sender: str
    request_type: str
    applicants: list[str]
    numbers: list[str]  # passport numbers and NIKs, in full: never rendered in a list
    decision: str
    reason: str
    received_at: dt.datetime
    mark: str = ""  # entered, closed

    @property
    def masked_numbers(self) -> list[str]:
        return [mask(n) for n in self.numbers]

    def age_days(self, now: dt.datetime) -> int:
        return max((now - self.received_at).days, 0)

    def list_name(self) -> str:
        if self.mark in (ENTERED, CLOSED):
            return DONE
        if self.decision == Decision.registration_proof.value:
            return COMPLETE
        if self.decision in (Decision.missing_items.value, Decision.late_refusal.value):
            return WAITING
        if self.decision == Decision.officer_review.value:
            return OFFICER
        return ""  # automatic mail, ignored: on no list


class Filters(_Row):
    q: str = ""
    request_type: str = ""
    mission: str = ""
    min_age_days: int | None = None

    def keeps(self, row: CaseRow, now: dt.datetime) -> bool:
        if self.request_type and row.request_type != self.request_type:
            return False
        if self.mission and self.mission.lower() not in row.mission.lower():
            return False
        if self.min_age_days is not None and row.age_days(now) < self.min_age_days:
            return False
        return not self.q or matches(row, self.q)


class WorkLists(_Row):
    rows: dict[str, list[CaseRow]] = Field(default_factory=dict)
    quarantine: list[QuarantinedMail] = Field(default_factory=list)
    counts: dict[str, int] = Field(default_factory=dict)  # before filters
    missions: list[str] = Field(default_factory=list)
    request_types: list[str] = Field(default_factory=list)


def mask(number: str) -> str:
    """``A12345678`` -> ``•••••5678``: the last 4 characters, the rest hidden."""
    clean = "".join(number.split())
    return "•" * max(len(clean) - 4, 0) + clean[-4:]


def matches(row: CaseRow, q: str) -> bool:
    """Case number, mission, applicant name, or the last digits of a personal number."""
    needle = q.strip().lower()
    if not needle:
        return True
    if needle in row.number.lower() or needle in row.mission.lower():
        return True
    if needle in row.sender.lower() or any(needle in a.lower() for a in row.applicants):
        return True
    digits = "".join(needle.split())
    return len(digits) >= 3 and any(
        "".join(n.split()).lower().endswith(digits) for n in row.numbers
    )


def identity_numbers(verdict: Verdict) -> list[str]:
    found = [p.document_number.value for p in verdict.passports] + [
        k.nik.value for k in verdict.ktps
    ]
    return list(dict.fromkeys(n for n in found if n))


def case_rows(store: Store, missions: MissionRegistry) -> list[CaseRow]:
    """One row per case with a verdict, from its latest verdict."""
    latest = store.latest_verdicts()
    marks = store.case_marks()
    rows = []
    for case in store.cases():
        stored = latest.get(case.id)
        if stored is None:
            continue
        verdict = Verdict.model_validate_json(stored.verdict_json)
        mission = missions.find(case.sender)
        rows.append(
            CaseRow(
                case_id=case.id,
                number=case.number,
                mission=mission.name if mission else case.sender,
                sender=case.sender,
                request_type=verdict.request_type.value,
                applicants=[a.name or a.key for a in verdict.applicants],
                numbers=identity_numbers(verdict),
                decision=stored.decision,
                reason=verdict.decision_reason,
                received_at=verdict.received_at or case.opened_at,
                mark=marks[case.id].state if case.id in marks else "",
            )
        )
    return rows


def work_lists(
    rows: Iterable[CaseRow], quarantine: list[QuarantinedMail], filters: Filters, now: dt.datetime
) -> WorkLists:
    everything = list(rows)
    lists: dict[str, list[CaseRow]] = {name: [] for name in LISTS if name != QUARANTINE}
    counts = dict.fromkeys(LISTS, 0)
    counts[QUARANTINE] = len(quarantine)
    for row in everything:
        name = row.list_name()
        if not name:
            continue
        counts[name] += 1
        if filters.keeps(row, now):
            lists[name].append(row)
    for name in lists:  # oldest first: the longest wait is settled first
        lists[name].sort(key=lambda r: r.received_at)
    return WorkLists(
        rows=lists,
        quarantine=quarantine,
        counts=counts,
        missions=sorted({r.mission for r in everything}),
        request_types=sorted({r.request_type for r in everything}),
    )
