"""Settings for the whole test session.

Property tests explore new inputs on every developer run (that is how the fuzz tests
found the TypeError and DeprecationError cases now pinned as examples). Under CI
(``CI`` set) they replay a fixed sequence instead, so a run passes or fails for what
changed in the code, not for the luck of the draw.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
if os.environ.get("CI"):
    settings.load_profile("ci")
