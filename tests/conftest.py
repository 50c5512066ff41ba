"""Settings for the whole test session.

Property tests explore new inputs on every developer run (that is how the fuzz tests
found the TypeError and DeprecationError cases now pinned as examples). Under CI
(``CI`` set) they replay a fixed sequence instead, so a run passes or fails for what
changed in the code, not for the luck of the draw.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")


@pytest.fixture(autouse=True, scope="session")
def _own_cache_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """The session's own cache folder (``ocr.template_cache_dir`` defaults under
    ``XDG_CACHE_HOME``): the tests, and the ``fasdip`` processes they start, keep their
    rendered glyph templates there, never in the user's home."""
    before = os.environ.get("XDG_CACHE_HOME")
    os.environ["XDG_CACHE_HOME"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if before is None:
        del os.environ["XDG_CACHE_HOME"]
    else:
        os.environ["XDG_CACHE_HOME"] = before
