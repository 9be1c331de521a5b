"""Property test: whatever a candidate says, the interview walks the template forward, one
phase at a time, and ends in wrap-up within the time budget."""

from __future__ import annotations

from hypothesis import given, settings

from tests.support.policy_fixtures import CARD, MISCONCEPTIONS, PLAN, RUBRIC
from tests.support.policy_walk import scripts_for, walk

scripts = scripts_for(RUBRIC, CARD, MISCONCEPTIONS)


@settings(max_examples=150, deadline=None)
@given(scripts)
def test_interview_walks_the_template_forward_and_ends_in_time(script):
    walk(script, PLAN, RUBRIC, CARD)
