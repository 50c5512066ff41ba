"""Fixtures of the ingest tests: the default settings and the finding catalog."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from config.catalog import FindingCatalog
from config.office import load_office
from config.settings import IngestSettings, Settings
from fasdip.models import InboundEmail
from ingest import parse

_SETTINGS = Settings()
_OFFICE = load_office(_SETTINGS)
CATALOG = FindingCatalog(_OFFICE.messages, _OFFICE.requirements)
INGEST = IngestSettings()


@pytest.fixture
def settings() -> IngestSettings:
    return INGEST


@pytest.fixture
def catalog() -> FindingCatalog:
    return CATALOG


@pytest.fixture
def parse_raw() -> Callable[[bytes], InboundEmail]:
    """``parse_raw(raw)``: ``ingest.parse`` with the default settings and catalog."""

    def _parse(raw: bytes) -> InboundEmail:
        return parse(raw, INGEST, CATALOG)

    return _parse
