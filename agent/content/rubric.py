"""The fixed rubric: dimensions, 1-4 level descriptors and observable signals.

The rubric is data (knowledge/rubric.yaml). Its identity is its version string plus a
content hash computed here, so every score can say exactly which rubric produced it.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, Field, field_validator, model_validator

from agent.content.files import ContentError, content_hash, load_model
from agent.content.phases import Phase

DIMENSION_IDS: tuple[str, ...] = (
    "problem_framing",
    "data",
    "features",
    "modeling",
    "metrics",
    "training",
    "evaluation",
    "deployment",
    "communication",
)


class Signal(BaseModel):
    """Something observable in what a candidate says, e.g. 'asks about latency'."""

    id: str = Field(pattern=r"^[a-z0-9_]+$")
    description: str
    cues: list[str] = Field(min_length=1)  # phrases that show the signal (lower case)
    weight: float = Field(default=1.0, gt=0)
    # Example sentence a candidate could say; used for embedding similarity by the reader.
    examples: list[str] = Field(default_factory=list)


class Dimension(BaseModel):
    id: str
    title: str
    phase: Phase  # the phase where this dimension is mostly shown
    weight: float = Field(default=1.0, gt=0)
    levels: dict[int, str]
    signals: list[Signal] = Field(min_length=1)

    @field_validator("levels")
    @classmethod
    def _four_levels(cls, v: dict[int, str]) -> dict[int, str]:
        if sorted(v) != [1, 2, 3, 4]:
            raise ValueError("levels must describe exactly 1, 2, 3 and 4")
        return v


# per rubric object, its dimensions list and signal index (Rubric._signal_index)
_SIGNAL_INDEX: dict[int, tuple[list[Dimension], dict[str, tuple[Dimension, Signal]]]] = {}


class Rubric(BaseModel):
    version: str
    title: str = "MLSD interview rubric"
    dimensions: list[Dimension]

    @model_validator(mode="after")
    def _check(self) -> Rubric:
        ids = [d.id for d in self.dimensions]
        if sorted(ids) != sorted(DIMENSION_IDS):
            raise ValueError(f"dimensions must be exactly {list(DIMENSION_IDS)}, got {ids}")
        sig_ids = [s.id for d in self.dimensions for s in d.signals]
        dupes = {s for s in sig_ids if sig_ids.count(s) > 1}
        if dupes:
            raise ValueError(f"duplicate signal ids: {sorted(dupes)}")
        return self

    @property
    def hash(self) -> str:
        return content_hash(self.model_dump(mode="json"))

    def dimension(self, dim_id: str) -> Dimension:
        for d in self.dimensions:
            if d.id == dim_id:
                return d
        raise KeyError(dim_id)

    def signal(self, signal_id: str) -> Signal:
        return self._signal_index()[signal_id][1]

    def dimension_of_signal(self, signal_id: str) -> Dimension:
        return self._signal_index()[signal_id][0]

    def _signal_index(self) -> dict[str, tuple[Dimension, Signal]]:
        """Per signal id, its dimension and itself (the first of a repeated id, as a search
        in order finds it), built once per list of dimensions: a grade looks signals up
        thousands of times. Kept beside the model, not in it, so equal rubrics stay equal."""
        known = _SIGNAL_INDEX.get(id(self))
        if known is None or known[0] is not self.dimensions:
            index: dict[str, tuple[Dimension, Signal]] = {}
            for d in self.dimensions:
                for s in d.signals:
                    index.setdefault(s.id, (d, s))
            if len(_SIGNAL_INDEX) > 64:
                _SIGNAL_INDEX.clear()
            # the list is kept with it: a later rubric at the same id has another list
            known = _SIGNAL_INDEX[id(self)] = (self.dimensions, index)
        return known[1]

    def signals_for_phase(self, phase: Phase) -> list[Signal]:
        return [s for d in self.dimensions if d.phase == phase for s in d.signals]


def load_rubric(path: Path) -> Rubric:
    if not path.exists():
        raise ContentError(f"{path}: rubric file not found")
    return load_model(path, Rubric)
