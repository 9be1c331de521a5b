"""The offline grader, imported when the first grade is asked for.

An interview needs its grader once, at the end; importing the grading code (rules, recap
wording, reports: ~0.1-0.2 s) before the first answer would only delay that answer.
"""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from agent.content.problems import ProblemCard
    from agent.content.rubric import Rubric
    from agent.grading.base import Grader
    from agent.grading.recap import Recap
    from agent.record.transcript import Transcript


class DeferredOfflineGrader:
    """Grader protocol: the offline grader, built on first use."""

    name = "offline"
    model: str | None = None

    def __init__(self) -> None:
        self._grader: Grader | None = None
        self._lock = threading.Lock()

    def _get(self) -> Grader:
        with self._lock:
            if self._grader is None:
                from agent.grading.offline import OfflineGrader

                self._grader = OfflineGrader()
            return self._grader

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        return self._get().grade_transcript(transcript, card, rubric)

    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        return self._get().grade_answer(text, card, rubric)
