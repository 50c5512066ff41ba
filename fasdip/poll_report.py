"""What one poll did: the counts the service logs in one line and ``fasdip poll`` prints."""

from __future__ import annotations

from dataclasses import dataclass, field, fields

from fasdip.timing import StageClock


@dataclass
class PollReport:
    fetched: int = 0
    processed: int = 0
    queued: int = 0
    withheld: int = 0
    sent: int = 0
    send_failed: int = 0
    acknowledged: int = 0
    failed: int = 0
    duplicates: int = 0
    fetch_failures: int = 0  # the source could not be read (the service polls again soon)
    errors: list[str] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # per stage (timing.STAGES)

    def merge(self, other: PollReport) -> None:
        """Adds ``other`` (one worker thread's part of the poll) to this report."""
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, int):
                setattr(self, f.name, mine + theirs)
        self.errors += other.errors
        clock = StageClock()
        clock.add(self.seconds)
        clock.add(other.seconds)
        self.seconds = clock.seconds
