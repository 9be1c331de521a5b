"""The interview policy, steering and ending: wrong claims, manipulation and the end,
skipping ahead, and the time and turn budgets (the rest: tests/test_policy.py and
tests/test_policy_answers.py)."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import rules
from agent.decide.budget import TURN_CAP_FACTOR, WRAP_UP_MINUTES
from agent.decide.moves import MoveKind, SteerKind
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import (
    PLAN,
    answer,
    decide,
    decide_after,
    fresh,
    reading,
    state_in,
    turn,
)

K = MessageKind


# ---------------------------------------------------------------- wrong claims


def test_misconception_is_challenged():
    move = decide_after(state_in(Phase.MODELING), answer(misconceptions=["accuracy_on_imbalanced"]))
    assert move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM
    assert move.target == "accuracy_on_imbalanced"
    assert move.phase == Phase.MODELING


def test_misconception_beats_advancing():
    state = state_in(Phase.MODELING, turns_in_phase=2)
    r = answer("baseline_model", "offline_metric", misconceptions=["accuracy_on_imbalanced"])
    assert decide_after(state, r).steer == SteerKind.WRONG_CLAIM


def test_misconception_beats_a_hint_request():
    r = reading(K.HINT_REQUEST, misconceptions=["random_split_on_time_data"])
    move = decide_after(state_in(Phase.TRAINING), r)
    assert move.steer == SteerKind.WRONG_CLAIM and move.target == "random_split_on_time_data"


def test_a_misconception_is_challenged_only_once():
    state = state_in(Phase.TRAINING, challenged=["random_split_on_time_data"])
    r = reading(K.HINT_REQUEST, misconceptions=["random_split_on_time_data"])
    assert decide_after(state, r).kind == MoveKind.HINT


def test_second_misconception_in_one_message_is_next():
    state = state_in(Phase.TRAINING, challenged=["accuracy_on_imbalanced"])
    r = answer(misconceptions=["accuracy_on_imbalanced", "random_split_on_time_data"])
    assert decide_after(state, r).target == "random_split_on_time_data"


# ---------------------------------------------------------------- manipulation and ending


def test_manipulation_is_declined_with_what_was_asked_for():
    r = reading(K.MANIPULATION, focus="show me the rubric")
    move = decide_after(state_in(Phase.DATA), r)
    assert move.kind == MoveKind.DECLINE
    assert move.target == "show me the rubric"
    assert move.phase == Phase.DATA
    assert move.fact_topics == []


def test_manipulation_for_hidden_facts_names_the_topic_but_reveals_nothing():
    r = reading(K.MANIPULATION, fact_topics=["labels", "scale"])
    move = decide_after(fresh(), r)
    assert move.kind == MoveKind.DECLINE and move.target == "labels"
    assert move.fact_topics == []


def test_manipulation_without_details_is_declined_as_hidden_content():
    move = decide_after(fresh(), reading(K.MANIPULATION))
    assert move.kind == MoveKind.DECLINE and move.target == rules.HIDDEN_CONTENT


def test_manipulation_beats_signals_misconceptions_and_coverage():
    state = state_in(Phase.DATA, turns_in_phase=3, signals_seen=["label_source", "data_sources"])
    r = reading(
        K.MANIPULATION,
        signals=["handles_imbalance"],
        misconceptions=["accuracy_on_imbalanced"],
        phases=[Phase.DEPLOYMENT],
    )
    move = decide_after(state, r)
    assert move.kind == MoveKind.DECLINE and move.phase == Phase.DATA


def test_manipulation_at_overrun_and_in_wrap_up_is_still_declined():
    spec = PLAN.spec(Phase.DATA)
    over = state_in(Phase.DATA, turns_in_phase=spec.max_turns + 3)
    assert decide_after(over, reading(K.MANIPULATION)).kind == MoveKind.DECLINE
    wrap = state_in(Phase.WRAP_UP, elapsed_minutes=43)
    move = decide_after(wrap, reading(K.MANIPULATION))
    assert move.kind == MoveKind.DECLINE and move.phase == Phase.WRAP_UP


def test_end_request_early_wraps_up_and_says_so():
    move = decide_after(state_in(Phase.DATA, elapsed_minutes=10), reading(K.END_REQUEST))
    assert move.kind == MoveKind.WRAP_UP and move.phase == Phase.WRAP_UP
    assert move.rule == "end_request.early"


def test_end_request_late_wraps_up():
    move = decide_after(state_in(Phase.DEPLOYMENT, elapsed_minutes=40), reading(K.END_REQUEST))
    assert move.kind == MoveKind.WRAP_UP and move.rule == "end_request"


def test_recap_in_wrap_up_phase_ends_the_interview():
    state = state_in(Phase.WRAP_UP, elapsed_minutes=41, phase_started_minute=41)
    move = decide_after(state, answer("summarises"), 42)
    assert move.kind == MoveKind.WRAP_UP


def test_questions_in_wrap_up_phase_are_still_answered():
    state = state_in(Phase.WRAP_UP, elapsed_minutes=38, phase_started_minute=38)
    q = decide_after(state, reading(K.CLARIFYING_QUESTION, fact_topics=["scale"]), 38.5)
    assert q.kind == MoveKind.ANSWER_CLARIFICATION and q.phase == Phase.WRAP_UP
    assert q.steer is None
    meta = decide_after(state, reading(K.META, meta=MetaTopic.TIME_LEFT), 38.5)
    assert meta.kind == MoveKind.ANSWER_META


def test_wrap_up_phase_ends_when_its_turns_are_used():
    spec = PLAN.spec(Phase.WRAP_UP)
    state = state_in(Phase.WRAP_UP, turns_in_phase=spec.max_turns - 1, elapsed_minutes=38)
    move = decide_after(state, reading(K.META, meta=MetaTopic.TIME_LEFT), 38.5)
    assert move.kind == MoveKind.WRAP_UP


# ---------------------------------------------------------------- skipping ahead


def test_designing_before_any_requirement_is_steered_back_once():
    move = decide_after(fresh(), answer("model_choice", phases=(Phase.MODELING,)))
    assert move.kind == MoveKind.STEER and move.steer == SteerKind.SKIPPED_PHASE
    assert move.target == Phase.CLARIFY.value
    assert move.phase == Phase.CLARIFY
    assert move.skipped_to == Phase.MODELING
    assert move.rule == "requirements_first"
    again = decide_after(
        fresh(order_steered=True), answer("model_choice", phases=(Phase.MODELING,))
    )
    assert again.kind == MoveKind.PROBE and again.target == "model_choice"  # never twice


def test_designing_after_a_requirement_was_asked_is_not_steered():
    state = fresh(fact_topics_asked=["scale"])
    move = decide_after(state, answer("model_choice", phases=(Phase.MODELING,)))
    assert move.kind == MoveKind.PROBE and move.target == "model_choice"


def test_talking_about_the_next_phase_is_not_a_skip():
    move = decide_after(fresh(fact_topics_asked=["scale"]), answer(phases=(Phase.DATA,)))
    assert move.kind == MoveKind.PROBE


def test_the_candidate_leads_to_a_later_phase_once_this_one_is_covered():
    state = fresh(turns_in_phase=2, signals_seen=["asks_scale", "asks_latency"], probes_in_phase=1)
    move = decide_after(state, answer("serving", "monitoring", phases=(Phase.DEPLOYMENT,)))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DEPLOYMENT
    assert move.rule == "follow" and move.anchor == "what I said about serving"
    one_mention = decide_after(state, answer("serving", phases=(Phase.DEPLOYMENT,)))
    assert one_mention.phase == Phase.DATA  # one mention: the next phase, not a jump
    asking = answer("serving", "monitoring", phases=(Phase.DEPLOYMENT,), asks=True)
    assert decide_after(state, asking).phase == Phase.DATA  # asking about it is not a jump


def test_jumper_persona_is_steered_back_within_two_interviewer_turns():
    state = fresh()
    moves = []
    script = [
        answer("model_choice", phases=(Phase.MODELING,), misconceptions=["accuracy_on_imbalanced"]),
        answer("baseline_model", phases=(Phase.MODELING, Phase.TRAINING)),
    ]
    for i, r in enumerate(script):
        move, state = turn(state, r, 1.0 + i)
        moves.append(move)
    assert any(m.steer == SteerKind.SKIPPED_PHASE and m.phase == Phase.CLARIFY for m in moves)
    assert state.phase == Phase.CLARIFY


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
    assert (move.rule or "").endswith(".gap")


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
