"""The rubric-based recap: what a grader (offline or LLM) returns for one interview/answer."""

from __future__ import annotations

from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, Field

from agent.content.phases import Phase


class Recommendation(StrEnum):
    STRONG_HIRE = "strong_hire"
    HIRE = "hire"
    LEAN_HIRE = "lean_hire"
    LEAN_NO_HIRE = "lean_no_hire"
    NO_HIRE = "no_hire"

    @property
    def label(self) -> str:
        """As a reader writes it: "Lean no hire", not "lean_no_hire"."""
        return self.value.replace("_", " ").capitalize()


class DimensionScore(BaseModel):
    id: str  # rubric dimension id
    title: str = ""
    score: int = Field(ge=1, le=4)
    evidence: list[str] = Field(default_factory=list)  # verbatim quotes from the candidate
    signals: list[str] = Field(default_factory=list)  # signal ids shown
    missed: list[str] = Field(default_factory=list)  # signal descriptions not shown
    feedback: str = ""
    why: str = ""  # one plain line: why this score (the LLM's feedback, or the offline reason)
    next_level: str = ""  # what the next level asks for and which points were still missing
    spread: float | None = None  # stdev across LLM samples when n > 1


class PhaseDigest(BaseModel):
    """The candidate's own claims about one interview phase: whole sentences, in order."""

    phase: Phase
    title: str
    sentences: list[str] = Field(default_factory=list)
    reached: bool = True  # False: the interview ran out of time before this phase
    questions: int = 0  # questions the candidate asked about this phase (never digest lines)
    written: str = ""  # the LLM grader's summary of this phase (empty: the sentences stand)
    # claims the candidate corrected after a challenge: shown as corrected, never as design
    corrected: list[str] = Field(default_factory=list)


class Recap(BaseModel):
    rubric_version: str
    rubric_hash: str
    grader: str  # "offline" | "llm"
    model: str | None = None
    dimensions: list[DimensionScore]
    overall: float  # weighted mean score, 1-4
    recommendation: Recommendation
    summary: str  # the candidate's design, summarised (plain text, one line per phase)
    design: list[PhaseDigest] = Field(default_factory=list)  # the same, per phase
    summary_by: Literal["candidate", "model"] = "candidate"  # own sentences, or model-written
    summary_note: str = ""  # why a model's summary was not used (shown with the summary)
    strengths: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)  # most important things not covered
    next_steps: list[str] = Field(default_factory=list)
    # the problem card's strong-answer notes, only for phases where something was missing
    strong_answer: list[str] = Field(default_factory=list)
    ended_on_clock: bool = False
    not_reached: list[Phase] = Field(default_factory=list)  # phases time ran out before
    hints_used: int = 0
    manipulation_attempts: int = 0
    minutes_per_phase: dict[Phase, float] = Field(default_factory=dict)
    # wrong claims the interviewer challenged or the grader found: never quoted as evidence
    challenged: list[str] = Field(default_factory=list)

    def score(self, dim_id: str) -> int:
        return next(d.score for d in self.dimensions if d.id == dim_id)
