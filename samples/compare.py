"""Where a verdict disagrees with a scenario's truth, in words (tests and bench use this)."""

from __future__ import annotations

from classifiers.names import best_match
from fasdip.models import Verdict
from samples.truth import Scenario


def compare(verdict: Verdict, scenario: Scenario) -> list[str]:
    """Every way the verdict differs from the truth, in words (empty: they agree)."""
    truth = scenario.truth
    problems: list[str] = []
    if verdict.request_type != truth.request_type:
        problems.append(
            f"request type {verdict.request_type.value}, expected {truth.request_type.value}"
        )
    if verdict.decision != truth.decision:
        problems.append(
            f"decision {verdict.decision.value} ({verdict.decision_reason}), expected {truth.decision.value}"
        )
    codes = {f.code for f in verdict.findings}
    for code in truth.findings:
        if code not in codes:
            problems.append(f"finding {code.value} not raised")
    if truth.applicants and len(verdict.applicants) != len(truth.applicants):
        problems.append(f"{len(verdict.applicants)} applicant(s), expected {len(truth.applicants)}")
    names = [a.name or "" for a in verdict.applicants]
    for expected in truth.applicants:
        index = best_match(expected.name, names, 80.0)
        if index is None and len(verdict.applicants) == 1 == len(truth.applicants):
            index = 0
        if index is None:
            problems.append(f"applicant {expected.name} not found among {names}")
            continue
        got = verdict.applicants[index]
        if sorted(got.missing) != sorted(expected.missing):
            problems.append(
                f"{expected.name}: missing {[m.value for m in got.missing]}, expected {[m.value for m in expected.missing]}"
            )
    return problems
