"""The interview template: phases in order, each with a time and turn budget.

Budgets and goals are data (knowledge/phases.yaml); the order is fixed here so code can
reason about "earlier" and "later" phases.
"""

from __future__ import annotations

import re
from enum import StrEnum
from pathlib import Path

from pydantic import BaseModel, Field

from agent.content.files import ContentError, load_model


class Phase(StrEnum):
    CLARIFY = "clarify"
    DATA = "data"
    FEATURES = "features"
    MODELING = "modeling"
    TRAINING = "training"
    EVALUATION = "evaluation"
    DEPLOYMENT = "deployment"
    WRAP_UP = "wrap_up"


PHASE_ORDER: tuple[Phase, ...] = tuple(Phase)


def next_phase(phase: Phase) -> Phase | None:
    i = PHASE_ORDER.index(phase)
    return PHASE_ORDER[i + 1] if i + 1 < len(PHASE_ORDER) else None


def phase_index(phase: Phase) -> int:
    return PHASE_ORDER.index(phase)


# A message naming this many phases or more lists an order of work, not one to go to.
AGENDA_PHASES = 3


class PhaseSpec(BaseModel):
    id: Phase
    title: str
    minutes: float = Field(gt=0)
    max_turns: int = Field(gt=0)  # candidate turns before the phase counts as overrun
    min_turns: int = Field(default=1, ge=0)  # candidate turns before advancing is allowed
    goal: str
    dimensions: list[str] = Field(default_factory=list)  # rubric dimensions this phase feeds
    names: list[str] = Field(default_factory=list)  # words a candidate calls it by
    # the rubric signals the phase's opening question asks for ("including the loss,
    # imbalance, overfitting and tuning"): recorded as asked, so not asked again at once
    asks_for: list[str] = Field(default_factory=list)


class PhasePlan(BaseModel):
    phases: list[PhaseSpec]

    def named_in(self, text: str) -> Phase | None:
        """The phase a request names ("can we move on to the serving part?"): the last
        phase name in the text, so "from the data to the model" names the model. Three or
        more phases named are an agenda ("is it okay if I go data, features, model,
        serving?"), not a place to go: None."""
        named = self.phases_named(text)
        if len(set(named)) >= AGENDA_PHASES:
            return None
        return named[-1] if named else None

    def is_agenda(self, text: str) -> bool:
        """The text lays out an order of work: it names three or more phases."""
        return len(set(self.phases_named(text))) >= AGENDA_PHASES

    def phases_named(self, text: str) -> list[Phase]:
        """The phases the text names, in the order their names appear."""
        found: list[tuple[int, Phase]] = []
        lowered = text.lower()
        for spec in self.phases:
            for name in spec.names:
                for m in re.finditer(rf"(?<![\w/]){re.escape(name.lower())}(?![\w/])", lowered):
                    found.append((m.start(), spec.id))
        return [phase for _, phase in sorted(found, key=lambda f: f[0])]

    def spec(self, phase: Phase) -> PhaseSpec:
        for p in self.phases:
            if p.id == phase:
                return p
        raise KeyError(phase)

    @property
    def total_minutes(self) -> float:
        return sum(p.minutes for p in self.phases)


def load_phase_plan(path: Path) -> PhasePlan:
    plan = load_model(path, PhasePlan)
    missing = set(Phase) - {p.id for p in plan.phases}
    if missing:
        raise ContentError(f"{path}: phases missing: {sorted(p.value for p in missing)}")
    plan.phases.sort(key=lambda p: phase_index(p.id))
    return plan
