"""What a hint can say, by what the candidate is stuck on (knowledge/hint_points.yaml).

Each point names its own subject, `about`: what a candidate stuck on it says, in plain
words (the situation or the doubt, never the answer). Which point a request is about is
read by meaning (agent/read/stuck_subjects.py); what the hint then says is the point's
`nudge`, and on a second hint on the same point its `concrete` step.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, model_validator

from agent.content.files import ContentError, content_hash, load_cached, load_model
from agent.content.misconceptions import Conditions, conditions_hold
from agent.content.problems import ProblemCard


class HintPoint(BaseModel):
    id: str = Field(pattern=r"^[a-z0-9_]+$")
    signal: str
    about: list[str] = Field(min_length=1)
    nudge: str
    concrete: str
    # the problems it fits (the card's ml_task or any of its tags); empty = every problem
    applies: Conditions = Field(default_factory=Conditions)

    def fits(self, card: ProblemCard) -> bool:
        return self.applies.empty or conditions_hold(self.applies, "", card)

    def line(self, level: int) -> str:
        """What a hint on it says: the nudge first, the concrete step after."""
        return " ".join((self.nudge if level == 0 else self.concrete).split())


class HintPointCatalog(BaseModel):
    version: str
    points: list[HintPoint] = Field(min_length=1)

    @model_validator(mode="after")
    def _valid(self) -> HintPointCatalog:
        from agent.content.rubric import load_rubric
        from agent.settings import get_settings

        ids = [p.id for p in self.points]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate hint point ids: {dupes}")
        rubric = load_cached(load_rubric, get_settings().knowledge_dir / "rubric.yaml")
        known = {s.id for d in rubric.dimensions for s in d.signals}
        unknown = sorted({p.signal for p in self.points} - known)
        if unknown:
            raise ValueError(f"hint points name unknown rubric signals: {unknown}")
        return self

    @property
    def hash(self) -> str:
        return content_hash(self.model_dump(mode="json"))

    def get(self, point_id: str) -> HintPoint | None:
        return next((p for p in self.points if p.id == point_id), None)

    def signal_of(self, point_id: str) -> str | None:
        point = self.get(point_id)
        return point.signal if point is not None else None

    def for_card(self, card: ProblemCard) -> list[HintPoint]:
        """The points that fit this problem (none about a signal the card rules out)."""
        return [p for p in self.points if p.fits(card) and p.signal not in card.not_applicable]


def load_hint_points(path: Path) -> HintPointCatalog:
    if not path.exists():
        raise ContentError(f"{path}: hint points file not found")
    return load_model(path, HintPointCatalog)


def default_hint_points() -> HintPointCatalog:
    from agent.settings import get_settings

    return load_cached(load_hint_points, get_settings().knowledge_dir / "hint_points.yaml")
