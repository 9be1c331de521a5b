"""The rubric-based recap: what a grader (offline or LLM) returns for one interview/answer."""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, Field

from agent.content.phases import Phase


class Recommendation(StrEnum):
    STRONG_HIRE = "strong_hire"
    HIRE = "hire"
    LEAN_HIRE = "lean_hire"
    LEAN_NO_HIRE = "lean_no_hire"
    NO_HIRE = "no_hire"


class DimensionScore(BaseModel):
    id: str  # rubric dimension id
    title: str = ""
    score: int = Field(ge=1, le=4)
    evidence: list[str] = Field(default_factory=list)  # verbatim quotes from the candidate
    signals: list[str] = Field(default_factory=list)  # signal ids shown
    missed: list[str] = Field(default_factory=list)  # signal descriptions not shown
    feedback: str = ""
    spread: float | None = None  # stdev across LLM samples when n > 1


class Recap(BaseModel):
    rubric_version: str
    rubric_hash: str
    grader: str  # "offline" | "llm"
    model: str | None = None
    dimensions: list[DimensionScore]
    overall: float  # weighted mean score, 1-4
    recommendation: Recommendation
    summary: str  # the candidate's design, summarised
    strengths: list[str] = Field(default_factory=list)
    missed: list[str] = Field(default_factory=list)  # most important things not covered
    next_steps: list[str] = Field(default_factory=list)
    hints_used: int = 0
    manipulation_attempts: int = 0
    minutes_per_phase: dict[Phase, float] = Field(default_factory=dict)

    def score(self, dim_id: str) -> int:
        return next(d.score for d in self.dimensions if d.id == dim_id)
