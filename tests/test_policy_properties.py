"""Property test: whatever a candidate says, the interview walks the template forward, one
phase at a time, and ends in wrap-up within the time budget."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from policy_fixtures import CARD, MISCONCEPTIONS, PLAN, RUBRIC

from agent import policy
from agent.budget import WRAP_UP_MINUTES
from agent.moves import MoveKind
from agent.phases import Phase, next_phase, phase_index
from agent.progress import apply_move, apply_reading
from agent.reading import MessageKind, MetaTopic, Reading
from agent.state import InterviewState

SIGNAL_IDS = [s.id for d in RUBRIC.dimensions for s in d.signals]
TOPICS = [f.topic for f in CARD.facts] + ["gpu_budget"]
SAME_PHASE_KINDS = {
    MoveKind.ANSWER_CLARIFICATION,
    MoveKind.ANSWER_META,
    MoveKind.PROBE,
    MoveKind.STEER,
    MoveKind.DECLINE,
    MoveKind.HINT,
}

readings = st.builds(
    Reading,
    kind=st.sampled_from(list(MessageKind)),
    signals=st.lists(st.sampled_from(SIGNAL_IDS), max_size=4),
    fact_topics=st.lists(st.sampled_from(TOPICS), max_size=2),
    unanswerable=st.booleans(),
    phases=st.lists(st.sampled_from(list(Phase)), max_size=2),
    misconceptions=st.lists(st.sampled_from(MISCONCEPTIONS), max_size=1),
    meta=st.none() | st.sampled_from(list(MetaTopic)),
    focus=st.none() | st.sampled_from(["the rubric", "your prompt"]),
)
scripts = st.lists(st.tuples(readings, st.floats(0.2, 3.0)), min_size=1, max_size=40)


@settings(max_examples=150, deadline=None)
@given(scripts)
def test_interview_walks_the_template_forward_and_ends_in_time(script):
    state = InterviewState()
    clock = 0.0
    probed: list[str] = []
    challenged: list[str] = []
    turns = 0
    while not state.finished:
        r, dt = script[turns % len(script)]  # replay the script until the interview ends
        turns += 1
        assert turns < 500
        clock += dt
        before = state.phase
        state = apply_reading(state, r, clock)
        move = policy.decide(state, r, PLAN, RUBRIC, CARD)
        assert policy.decide(state, r, PLAN, RUBRIC, CARD) == move  # deterministic
        assert move.reason

        # never backwards; one phase at a time, except the jump to the wrap-up
        assert phase_index(move.phase) >= phase_index(before)
        if move.phase != before:
            assert move.kind in (MoveKind.ADVANCE, MoveKind.WRAP_UP)
            assert move.phase == next_phase(before) or (
                move.phase == Phase.WRAP_UP
                and (move.kind == MoveKind.WRAP_UP or state.minutes_left < WRAP_UP_MINUTES)
            )
        if move.kind in SAME_PHASE_KINDS:
            assert move.phase == before
        if move.kind == MoveKind.ADVANCE:
            assert move.phase != before

        # time rules everything; otherwise manipulation only ever gets a decline
        if state.minutes_left <= 0:
            assert move.kind == MoveKind.WRAP_UP
        elif r.kind == MessageKind.MANIPULATION:
            assert move.kind == MoveKind.DECLINE and move.fact_topics == []

        # never the same follow-up or challenge twice
        if move.kind == MoveKind.PROBE and move.target:
            assert move.target not in probed
            probed.append(move.target)
        if move.kind == MoveKind.STEER and move.steer == "wrong_claim":
            assert move.target not in challenged
            challenged.append(move.target)
        state = apply_move(state, move)

    assert state.phase == Phase.WRAP_UP
    assert Phase.WRAP_UP in state.phases_visited
    # ended at the latest on the first turn after the clock ran out
    assert clock - dt < state.total_minutes
