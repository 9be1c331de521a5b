"""The shipped rubric, phase plan and a problem card (knowledge/), loaded once for the tests of
the policy against the real content (tests/test_policy_content.py, test_policy_following.py)."""

from __future__ import annotations

from pathlib import Path

from agent.content.phases import load_phase_plan
from agent.content.problems import load_card
from agent.content.rubric import load_rubric

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
RUBRIC = load_rubric(KNOWLEDGE / "rubric.yaml")
PLAN = load_phase_plan(KNOWLEDGE / "phases.yaml")
CARD = load_card(KNOWLEDGE / "problems" / "video-recommendation.yaml")
