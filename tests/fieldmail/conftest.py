"""One field corpus per test session: seed 1 (the development seed), generated once."""

from __future__ import annotations

from pathlib import Path

import pytest

from fieldmail.corpus import read_corpus, write_corpus
from fieldmail.truth import MailTruth

FULL = 240  # the size the bench runs on; every request type and habit must show up in it
FIRST = 24  # the cheap slice the fast tests use


@pytest.fixture(scope="session")
def first_mails() -> list[tuple[bytes, MailTruth]]:
    from fieldmail.corpus import corpus

    return list(corpus(FIRST, 1))


@pytest.fixture(scope="session")
def full_corpus(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[bytes, MailTruth]]:
    out: Path = tmp_path_factory.mktemp("fieldmail")
    write_corpus(out, count=FULL, seed=1)
    return list(read_corpus(out))
