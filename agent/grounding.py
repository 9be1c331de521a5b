"""The `ground` step's output: retrieved guidance and the card facts a move may use."""

from __future__ import annotations

from pydantic import BaseModel, Field

from agent.phases import Phase
from agent.problems import Fact


class RetrievedChunk(BaseModel):
    id: str
    source: str  # file path relative to knowledge/, e.g. guidance/data.md
    phase: Phase | None = None  # None for phase-agnostic cheatsheets
    topics: list[str] = Field(default_factory=list)
    title: str = ""
    text: str
    score: float


class Grounding(BaseModel):
    chunks: list[RetrievedChunk] = Field(default_factory=list)
    facts: list[Fact] = Field(default_factory=list)  # only facts the candidate asked for

    @property
    def chunk_ids(self) -> list[str]:
        return [c.id for c in self.chunks]
