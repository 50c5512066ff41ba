"""The whole pipeline on the generated corpus: every verdict agrees with the generator's truth.

Each scenario of ``samples.build_corpus`` is an email as a mission sends it, with what a
careful officer would conclude: the request type, each applicant's missing documents,
the findings that must be raised and the decision.
"""

from __future__ import annotations

import pytest

from fasdip.models import RequestType
from fasdip.pipeline import Triage
from samples.compare import compare
from samples.scenarios import Scenario
from tests.fasdip.corpus import CORPUS

pytestmark = pytest.mark.slow  # the generated corpus through the whole pipeline


@pytest.mark.parametrize("scenario", CORPUS, ids=[s.name for s in CORPUS])
def test_verdict_agrees_with_the_truth(triage: Triage, scenario: Scenario) -> None:
    verdict = triage.run(scenario.eml, today=scenario.truth.today)
    assert compare(verdict, scenario) == []


def test_the_corpus_covers_every_request_type_in_both_languages() -> None:
    pairs = {(s.truth.request_type, s.truth.language) for s in CORPUS}
    types = {rtype for rtype, _ in pairs} - {RequestType.other}
    assert types == set(RequestType) - {RequestType.other}
    assert all((rtype, lang) in pairs for rtype in types for lang in ("id", "en"))
