"""How a verdict compares with a field mail's truth: per-mail marks and the corpus figures.

Names are matched as an officer would: accents and ICAO spellings folded (MÜLLER = Muller =
Mueller), then the surname must appear in the verdict's name, or the whole names be close.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapidfuzz import fuzz

from fasdip.models import ApplicantVerdict, Decision, Verdict
from fieldmail.identity import plain
from fieldmail.truth import MailTruth


def _forms(name: str) -> set[str]:
    return {plain(name).upper(), plain(name, germanic=True).upper()}


def same_person(truth_name: str, got: str | None) -> bool:
    if not got:
        return False
    surname = truth_name.split()[-1]
    for mine in _forms(truth_name):
        for theirs in _forms(got):
            sur = plain(surname, germanic=mine != plain(truth_name).upper()).upper()
            if sur in theirs.replace("-", " ").split() or fuzz.token_set_ratio(mine, theirs) >= 88:
                return True
    return False


@dataclass
class Marks:
    """One mail: what the triage got right, and in words what it got wrong."""

    number: int
    type_ok: bool
    lists_exact: bool
    decision_ok: bool
    wrong_missing_reply: bool
    false_proof: bool
    reply_due: bool
    settled: bool
    findings_ok: bool
    problems: list[str] = field(default_factory=list)


def pair_applicants(
    truth: MailTruth, got: list[ApplicantVerdict]
) -> tuple[dict[int, int], list[str]]:
    """truth index -> verdict index, and the problems found on the way."""
    pairs: dict[int, int] = {}
    problems: list[str] = []
    used: set[int] = set()
    for i, expected in enumerate(truth.applicants):
        hits = [
            j for j, a in enumerate(got) if j not in used and same_person(expected.name, a.name)
        ]
        if not hits and len(truth.applicants) == 1 == len(got):
            hits = [0]
        if hits:
            pairs[i] = hits[0]
            used.add(hits[0])
        else:
            problems.append(f"applicant {expected.name} not found")
    extra = [a.name or "(no name)" for j, a in enumerate(got) if j not in used]
    if extra:
        problems.append(f"extra applicant(s) {extra}")
    return pairs, problems


def mark(verdict: Verdict, truth: MailTruth) -> Marks:
    problems: list[str] = []
    type_ok = verdict.request_type == truth.request_type
    if not type_ok:
        problems.append(
            f"request_type {verdict.request_type.value}, expected {truth.request_type.value}"
        )
    if truth.applicants:
        pairs, found = pair_applicants(truth, verdict.applicants)
        problems += found
        for i, j in pairs.items():
            want = sorted(m.value for m in truth.applicants[i].missing)
            have = sorted(m.value for m in verdict.applicants[j].missing)
            if want != have:
                problems.append(f"{truth.applicants[i].name}: missing {have}, expected {want}")
        lists_exact = not found and all(
            sorted(truth.applicants[i].missing) == sorted(verdict.applicants[j].missing)
            for i, j in pairs.items()
        )
    else:
        lists_exact = not any(a.missing for a in verdict.applicants)
        if not lists_exact:
            problems.append("missing documents listed on a request that needs none")
    decision_ok = verdict.decision == truth.decision
    if not decision_ok:
        problems.append(
            f"decision {verdict.decision.value} ({verdict.decision_reason}), expected {truth.decision.value}"
        )
    codes = {f.code for f in verdict.findings}
    absent = [c.value for c in truth.findings if c not in codes]
    if absent:
        problems.append(f"finding(s) not raised {absent}")
    wrong_reply = verdict.decision == Decision.missing_items and not (
        truth.decision == Decision.missing_items and lists_exact
    )
    return Marks(
        number=truth.number,
        type_ok=type_ok,
        lists_exact=lists_exact,
        decision_ok=decision_ok,
        wrong_missing_reply=wrong_reply,
        false_proof=verdict.decision == Decision.registration_proof
        and truth.decision != Decision.registration_proof,
        reply_due=truth.reply_without_officer,
        settled=truth.reply_without_officer and decision_ok,
        findings_ok=not absent,
        problems=problems,
    )


def summary(marks: list[Marks]) -> list[str]:
    """The figures of the closing note, one line each."""
    n = len(marks) or 1
    due = sum(m.reply_due for m in marks) or 1
    rows = [
        ("request type right", sum(m.type_ok for m in marks), n),
        ("missing lists exact", sum(m.lists_exact for m in marks), n),
        ("decision right", sum(m.decision_ok for m in marks), n),
        ("findings raised", sum(m.findings_ok for m in marks), n),
        ("settled w/o officer", sum(m.settled for m in marks), due),
    ]
    lines = [f"  {label:<28} {got:>4}/{out:<4} ({got / out:.1%})" for label, got, out in rows]
    lines.append(
        f"  {'wrong missing-items replies':<28} {sum(m.wrong_missing_reply for m in marks):>4}"
    )
    lines.append(f"  {'proofs for incomplete cases':<28} {sum(m.false_proof for m in marks):>4}")
    return lines
