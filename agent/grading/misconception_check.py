"""Misconceptions a candidate stated and never corrected (each costs a level in the recap).

Two sources, merged: ids the reader recorded on candidate turns (Turn.misconceptions), and
the shared negation-aware matcher (agent/misconceptions.py) run over every candidate
sentence. A misconception counts as corrected when a later sentence shows one of the rubric
signals listed for it in knowledge/grading/repairs.yaml (e.g. PR-AUC after accuracy).
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Protocol

from pydantic import BaseModel

from agent.content import load_model
from agent.grading.evidence import Sentence
from agent.grading.scoring import Evidence, Misstep
from agent.misconceptions import MisconceptionCatalog, MisconceptionDetector, default_misconceptions
from agent.problems import ProblemCard
from agent.rubric import Rubric
from agent.settings import get_settings


class MisconceptionFinder(Protocol):
    def find(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
    ) -> list[Misstep]: ...


class Repairs(BaseModel):
    version: str
    repairs: dict[str, list[str]]


@lru_cache(maxsize=4)
def _repairs(path: Path) -> Repairs:
    return load_model(path, Repairs)


def default_repairs() -> dict[str, list[str]]:
    return _repairs(get_settings().knowledge_dir / "grading" / "repairs.yaml").repairs


class SharedMisconceptions:
    """The reader's misconception catalogue and matcher, applied sentence by sentence."""

    def __init__(
        self,
        catalog: MisconceptionCatalog | None = None,
        repairs: dict[str, list[str]] | None = None,
    ) -> None:
        self.catalog = catalog or default_misconceptions()
        self.detector = MisconceptionDetector(self.catalog)
        self.repairs = default_repairs() if repairs is None else repairs
        self.dimension = {m.id: m.dimension for m in self.catalog.misconceptions}

    def find(
        self,
        sentences: list[Sentence],
        evidence: list[Evidence],
        rubric: Rubric,
        recorded: dict[int, list[str]],
        card: ProblemCard | None,
    ) -> list[Misstep]:
        context = "\n".join(s.text for s in sentences)
        per_sentence = {
            s.order: self.detector.detect(s.text, card=card, context=context) for s in sentences
        }
        found: dict[str, Sentence] = {}
        for s in sentences:
            for mid in per_sentence[s.order]:
                found.setdefault(mid, s)
        for turn, ids in sorted(recorded.items()):
            in_turn = [s for s in sentences if s.turn == turn]
            if not in_turn:
                continue
            for mid in ids:
                if mid not in self.dimension:
                    continue
                anchor = next((s for s in in_turn if mid in per_sentence[s.order]), in_turn[0])
                if mid not in found or anchor.order < found[mid].order:
                    found[mid] = anchor
        out = []
        for mid in sorted(found, key=lambda m: (found[m].order, m)):
            sentence = found[mid]
            repairs = set(self.repairs.get(mid, []))
            corrected = any(
                e.signal_id in repairs and e.sentence.order > sentence.order for e in evidence
            )
            out.append(Misstep(mid, self.dimension[mid], sentence, corrected))
        return out
