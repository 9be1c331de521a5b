"""Shared loading of tests/data/reader_cases.yaml (hand-made cards and labelled cases)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.content.problems import ProblemCard
from agent.read.reading import ReadContext

CASES_PATH = Path(__file__).resolve().parents[1] / "data" / "reader_cases.yaml"


@lru_cache(maxsize=1)
def cases() -> dict:
    return yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=8)
def card(name: str = "payments") -> ProblemCard:
    return ProblemCard.model_validate(cases()["cards"][name])


def case_context(case: dict | None = None) -> ReadContext:
    """A reading context for a labelled case: its phase and hand-made card (clarify, payments)."""
    case = case or {}
    return ReadContext(
        phase=Phase(case.get("phase", "clarify")),
        card=card(case.get("card", "payments")),
        rubric=load_content().rubric,
    )
