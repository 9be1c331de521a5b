"""The interview policy and the clock: turn caps and minutes per phase, falling behind, the
wrap-up as time runs out, and a move on from the last phase (the rest: tests/test_policy.py,
tests/test_policy_answers.py and tests/test_policy_steers.py)."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide.budget import TURN_CAP_FACTOR, WRAP_UP_MINUTES
from agent.decide.moves import MoveKind, SteerKind
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import (
    PLAN,
    answer,
    decide,
    decide_after,
    reading,
    state_in,
    turn,
)

K = MessageKind


# ---------------------------------------------------------------- budgets


def test_one_turn_below_max_turns_is_not_an_overrun():
    spec = PLAN.spec(Phase.DATA)
    state = state_in(Phase.DATA, turns_in_phase=spec.max_turns * TURN_CAP_FACTOR - 2)  # +1
    move = decide_after(state, answer())
    assert move.kind == MoveKind.PROBE


def test_the_turn_cap_moves_on_without_calling_time_short():
    spec = PLAN.spec(Phase.DATA)
    cap = spec.max_turns * TURN_CAP_FACTOR
    state = state_in(Phase.DATA, turns_in_phase=cap - 1, elapsed_minutes=10, phase_started_minute=6)
    move, _ = turn(state, answer(), 10.5)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES
    assert move.rule == "overrun.turns"


def test_a_phase_behind_the_clock_steers_for_time_then_advances():
    state = state_in(Phase.DATA, elapsed_minutes=19, phase_started_minute=6)
    first, state = turn(state, answer(), 19.5)  # 13.5 min in a 6-minute phase, planned end 12
    assert first.kind == MoveKind.STEER and first.steer == SteerKind.OVERRUN
    assert first.rule == "overrun"
    second, _ = turn(state, answer(), 20)
    assert second.kind == MoveKind.ADVANCE and second.phase == Phase.FEATURES
    assert second.rule == "overrun_told"


def test_a_long_phase_ahead_of_the_plan_is_not_called_over_time():
    state = state_in(Phase.DATA, elapsed_minutes=9.5, phase_started_minute=0.5)
    move = decide_after(state, answer(), 10)  # 9.5 min in data, but data may run to minute 12
    assert move.kind != MoveKind.STEER


def test_the_turn_cap_covered_advances_without_a_follow_up():
    spec = PLAN.spec(Phase.DATA)
    state = state_in(
        Phase.DATA,
        turns_in_phase=spec.max_turns * TURN_CAP_FACTOR - 1,
        signals_seen=["label_source", "data_sources"],
    )
    move = decide_after(state, reading(K.ANSWER))
    assert move.kind == MoveKind.ADVANCE


def test_overrun_by_minutes():
    spec = PLAN.spec(Phase.DATA)  # 6 minutes; overrun past 9
    state = state_in(Phase.DATA, phase_started_minute=5, elapsed_minutes=5)
    at_limit = decide_after(state, answer(), 5 + spec.minutes * 1.5)
    assert at_limit.kind == MoveKind.PROBE
    over = decide_after(state, answer(), 5 + spec.minutes * 1.5 + 0.1)
    assert over.kind == MoveKind.STEER and over.steer == SteerKind.OVERRUN


def test_behind_schedule_tightens_the_minutes_budget():
    spec = PLAN.spec(Phase.DATA)
    # on schedule: 7 minutes into a 6-minute phase is fine (limit 9)
    on_time = state_in(Phase.DATA, phase_started_minute=5, elapsed_minutes=5)
    assert decide_after(on_time, answer(), 5 + spec.minutes + 1).kind == MoveKind.PROBE
    # started 3 minutes late: no slack left, so 7 > 6 is an overrun
    late = state_in(Phase.DATA, phase_started_minute=8, elapsed_minutes=8)
    move = decide_after(late, answer(), 8 + spec.minutes + 1)
    assert move.steer == SteerKind.OVERRUN


def test_phase_budgets_scale_with_a_shorter_interview():
    state = state_in(Phase.DATA, total_minutes=22.5, phase_started_minute=0, elapsed_minutes=0)
    # data's 6 planned minutes become 3 (planned to end at minute 6): 6.5 minutes is past
    # 1.5 x 3 and past the plan
    move = decide_after(state, answer(), 6.5)
    assert move.steer == SteerKind.OVERRUN
    assert decide_after(state, answer(), 4.6).steer is None  # over 1.5 x 3, not behind plan


def test_minutes_left_just_above_the_wrap_up_threshold_carries_on():
    state = state_in(Phase.EVALUATION, elapsed_minutes=40, phase_started_minute=40)
    move = decide_after(state, answer(), 45 - WRAP_UP_MINUTES)
    assert move.kind == MoveKind.PROBE


def test_under_three_minutes_left_goes_to_wrap_up_phase():
    state = state_in(Phase.EVALUATION, elapsed_minutes=40, phase_started_minute=40)
    move = decide_after(state, answer(misconceptions=["accuracy_on_imbalanced"]), 42.5)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.WRAP_UP
    assert move.rule == "nearly_up"


def test_total_time_exhausted_wraps_up_whatever_was_said():
    state = state_in(Phase.FEATURES, elapsed_minutes=44)
    for r in (answer(), reading(K.CLARIFYING_QUESTION), reading(K.MANIPULATION)):
        move = decide_after(state, r, 45.0)
        assert move.kind == MoveKind.WRAP_UP and move.phase == Phase.WRAP_UP
        assert move.rule == "closed.time_up"


def test_finished_interview_only_wraps_up():
    state = state_in(Phase.WRAP_UP, finished=True)
    assert decide(state, answer()).kind == MoveKind.WRAP_UP


def test_early_move_on_from_the_last_phase_asks_its_own_gap_before_an_earlier_one():
    """Twenty minutes in, on deployment with monitoring still unheard, "can we move on?" is
    not a pull back to an earlier phase's gap: the part the candidate is on comes first."""
    state = state_in(
        Phase.DEPLOYMENT,
        elapsed_minutes=20.0,
        phase_started_minute=17.0,
        turns_in_phase=2,
        signals_seen=["serving"],
    )
    move = decide_after(state, reading(MessageKind.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.PROBE and move.phase == Phase.DEPLOYMENT
    assert move.target in {"monitoring", "drift"}
    # the policy table's rule for a request to move on in the last design part too early to
    # close: what this part still lacks
    assert move.rule == "meta.move_on_within"


def test_early_move_on_with_its_own_phase_heard_revisits_an_earlier_gap():
    state = state_in(
        Phase.DEPLOYMENT,
        elapsed_minutes=20.0,
        phase_started_minute=17.0,
        turns_in_phase=2,
        signals_seen=["serving", "monitoring", "drift"],
    )
    move = decide_after(state, reading(MessageKind.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.PROBE and (move.rule or "").endswith(".revisit")
