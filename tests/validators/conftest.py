"""Fixtures for the validators: the bundled office config (see factories.py for files)."""

from __future__ import annotations

import pytest

from tests.validators.factories import Office, load_bundled_office


@pytest.fixture(scope="session")
def office() -> Office:
    return load_bundled_office()
