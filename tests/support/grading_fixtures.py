"""Shared fixtures and hand-made evidence for the offline grader's tests (test_grading_*)."""

from __future__ import annotations

from pathlib import Path

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.grading.evidence import Sentence
from agent.grading.offline import OfflineGrader
from agent.grading.recap import Recap
from agent.grading.scoring import Evidence
from agent.record.transcript import Transcript, Turn

CALIBRATION = Path(__file__).resolve().parents[1] / "calibration"

STRONG_METRICS = (
    "Positives are about 0.1% of transactions, so the data is heavily imbalanced. "
    "Offline I would use PR-AUC and recall at a fixed false positive rate. "
    "The business KPI is fraud losses in dollars, and online we watch the decline rate."
)
WEAK_METRICS = (
    "Positives are about 0.1% of transactions, so the data is heavily imbalanced. "
    "I would use accuracy as the main metric for this model. "
    "The business KPI is fraud losses in dollars, and online we watch the decline rate."
)


@pytest.fixture(scope="module")
def rubric():
    return load_content().rubric


@pytest.fixture(scope="module")
def card():
    return load_content().problems.get("fraud-detection")


@pytest.fixture(scope="module")
def grader():
    return OfflineGrader()


def all_quotes(recap: Recap) -> list[str]:
    return [q for d in recap.dimensions for q in d.evidence]


def evidence_at(rubric, signal_id: str, order: int, turn: int = 0, deep: bool = True) -> Evidence:
    s = Sentence(text=f"sentence {order}", turn=turn, order=order)
    return Evidence(signal_id, rubric.dimension_of_signal(signal_id).id, s, s.text, 0.9, deep)


def turn_of(role, text, phase=Phase.CLARIFY, **kw) -> Turn:
    return Turn(role=role, text=text, phase=phase, **kw)


def fraud_transcript(rubric, turns) -> Transcript:
    return Transcript(
        problem_id="fraud-detection",
        rubric_version=rubric.version,
        rubric_hash=rubric.hash,
        turns=turns,
    )


def signals_of(recap: Recap, dim: str) -> list[str]:
    return next(d.signals for d in recap.dimensions if d.id == dim)


def evidence_in_part(rubric, signal_id: str, order: int, part: int, deep: bool = True) -> Evidence:
    s = Sentence(text=f"sentence {order}", turn=0, order=order, region=part)
    return Evidence(signal_id, rubric.dimension_of_signal(signal_id).id, s, s.text, 0.9, deep)


def deep_part(rubric, signal_ids: list[str], first: int, part: int) -> list[Evidence]:
    """Deep evidence for these signals, one sentence each from `first` on, in one part."""
    return [evidence_in_part(rubric, sid, first + n, part) for n, sid in enumerate(signal_ids)]
