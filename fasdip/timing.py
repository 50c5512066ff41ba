"""Where a mail's time goes: seconds per stage, added up across mails and processes.

``StageClock.lap(name)`` books the time since the previous lap to ``name``, so the
pipeline marks the end of each stage with one line instead of wrapping it in a block.
"""

from __future__ import annotations

import time
from collections.abc import Mapping

# The stages as the pipeline bench prints them, in the order a mail goes through them.
STAGES = ("parse", "classify", "ocr", "rules", "compose", "store", "send")


class StageClock:
    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._mark = time.perf_counter()

    def start(self) -> None:
        self._mark = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = self.seconds.get(stage, 0.0) + now - self._mark
        self._mark = now

    def add(self, seconds: Mapping[str, float]) -> None:
        for stage, value in seconds.items():
            self.seconds[stage] = self.seconds.get(stage, 0.0) + value
