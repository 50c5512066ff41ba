"""The whole pipeline on the generated corpus: every verdict agrees with the generator's truth.

Each scenario of ``samples.build_corpus`` is an email as a mission sends it, with what a
careful officer would conclude: the request type, each applicant's missing documents,
the findings that must be raised and the decision.
"""

from __future__ import annotations

import pytest

from classifiers.names import best_match
from fasdip.models import RequestType, Verdict
from fasdip.pipeline import Triage
from samples.scenarios import Scenario
from tests.fasdip.corpus import CORPUS


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


@pytest.mark.parametrize("scenario", CORPUS, ids=[s.name for s in CORPUS])
def test_verdict_agrees_with_the_truth(triage: Triage, scenario: Scenario) -> None:
    verdict = triage.run(scenario.eml, today=scenario.truth.today)
    assert compare(verdict, scenario) == []


def test_the_corpus_covers_every_request_type_in_both_languages() -> None:
    pairs = {(s.truth.request_type, s.truth.language) for s in CORPUS}
    types = {rtype for rtype, _ in pairs} - {RequestType.other}
    assert types == set(RequestType) - {RequestType.other}
    assert all((rtype, lang) in pairs for rtype in types for lang in ("id", "en"))
