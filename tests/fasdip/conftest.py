"""One Triage for the whole session: config is loaded and checked once, as at start-up."""

from __future__ import annotations

import pytest

from config.settings import load_settings
from fasdip.pipeline import Triage


@pytest.fixture(scope="session")
def triage() -> Triage:
    return Triage.load(load_settings())
