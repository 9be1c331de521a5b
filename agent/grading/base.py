"""The grader interface shared by the offline grader and the LLM grader."""

from __future__ import annotations

from typing import Protocol

from agent.content.problems import ProblemCard
from agent.content.rubric import Rubric
from agent.grading.recap import Recap
from agent.record.transcript import Transcript


class Grader(Protocol):
    name: str  # "offline" | "llm"
    model: str | None

    def grade_transcript(self, transcript: Transcript, card: ProblemCard, rubric: Rubric) -> Recap:
        """Grade a whole interview (candidate turns are the evidence)."""
        ...

    def grade_answer(self, text: str, card: ProblemCard, rubric: Rubric) -> Recap:
        """Grade a written design answer (prose, bullets or Markdown)."""
        ...
