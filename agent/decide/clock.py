"""The interview clock: real wall time for a live interview, simulated time for scripts.

A scripted run (tests, `mlsd chat --script`, benchmarks) has no meaningful wall time, so
the simulated clock advances by the time a person would need to say each candidate turn.
That makes phase budgets and the 45-minute limit trigger at the same turn on every run.
"""

from __future__ import annotations

import time
from typing import Protocol

# A candidate turn costs a fixed overhead (listening, thinking) plus speaking time.
TURN_OVERHEAD_MINUTES = 0.5
SPEAKING_WORDS_PER_MINUTE = 130.0


def speaking_minutes(text: str) -> float:
    """Estimated minutes for one candidate turn of `text`."""
    return TURN_OVERHEAD_MINUTES + len(text.split()) / SPEAKING_WORDS_PER_MINUTE


class Clock(Protocol):
    def elapsed_minutes(self) -> float:
        """Minutes since the interview started (including time before a resume)."""
        ...

    def observe_candidate(self, text: str) -> None:
        """Called once per candidate turn, before the turn is read."""
        ...

    def resume_from(self, minutes: float) -> None:
        """Continue an interview that had already used `minutes`."""
        ...


class WallClock:
    """Real time, for someone typing into the terminal or the browser."""

    def __init__(self) -> None:
        self._start = time.monotonic()
        self._offset = 0.0

    def elapsed_minutes(self) -> float:
        return self._offset + (time.monotonic() - self._start) / 60.0

    def observe_candidate(self, text: str) -> None:  # wall time moves by itself
        return None

    def resume_from(self, minutes: float) -> None:
        self._start = time.monotonic()
        self._offset = minutes


class SimulatedClock:
    """Advances only by the estimated speaking time of each candidate turn."""

    def __init__(self, start_minutes: float = 0.0) -> None:
        self._minutes = start_minutes

    def elapsed_minutes(self) -> float:
        return self._minutes

    def observe_candidate(self, text: str) -> None:
        self._minutes += speaking_minutes(text)

    def resume_from(self, minutes: float) -> None:
        self._minutes = minutes
