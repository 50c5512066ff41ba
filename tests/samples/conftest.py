"""Shared corpus for the sample-generator tests (built once per session: it takes seconds)."""

from __future__ import annotations

import pytest

from samples.scenarios import Scenario, build_corpus


@pytest.fixture(scope="session")
def corpus() -> list[Scenario]:
    return build_corpus(60, seed=7)
