"""The generated corpus, built once per test session (it takes a few seconds)."""

from __future__ import annotations

from samples.scenarios import Scenario, build_corpus

CORPUS: list[Scenario] = build_corpus(count=60, seed=7)


def scenario(name: str) -> Scenario:
    return next(s for s in CORPUS if s.name == name)
