"""Phrases a question about a kind of fact is asked in, whatever the problem
(knowledge/fact_cues.yaml): "is the decision made synchronously?" asks for the serving mode or
the latency of any card, "what do we log?" for its data. Each group of phrases goes to the
first of its topics the card has, so one phrase never opens two facts of the same card; a
phrase the card already gives one of its facts stays that fact's alone.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import load_cached, load_model
from agent.content.problems import ProblemCard


class CueGroup(BaseModel):
    topics: list[str] = Field(min_length=1)  # in order of preference
    cues: list[str] = Field(min_length=1)


class SharedCues(BaseModel):
    version: str
    groups: list[CueGroup] = Field(default_factory=list)

    def for_card(self, card: ProblemCard) -> dict[str, tuple[str, ...]]:
        """Per fact topic of the card, the shared phrases that ask for it."""
        topics = [f.topic for f in card.facts]
        own = {c.lower() for f in card.facts for c in f.cues}
        out: dict[str, list[str]] = {}
        for group in self.groups:
            topic = next((t for t in group.topics if t in topics), None)
            if topic is not None:
                fresh = [c for c in group.cues if c.lower() not in own]
                out.setdefault(topic, []).extend(fresh)
        return {t: tuple(dict.fromkeys(cs)) for t, cs in out.items()}


def load_shared_cues(path: Path) -> SharedCues:
    if not path.exists():
        return SharedCues(version="none")
    return load_model(path, SharedCues)


def default_shared_cues() -> SharedCues:
    from agent.settings import get_settings

    return load_cached(load_shared_cues, get_settings().knowledge_dir / "fact_cues.yaml")
