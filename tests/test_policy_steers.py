"""The interview policy, steering and ending: wrong claims, manipulation and the end, and
skipping ahead (the rest: tests/test_policy.py, tests/test_policy_answers.py and, for the
time and turn budgets, tests/test_policy_budgets.py)."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide import rules
from agent.decide.moves import MoveKind, SteerKind
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import (
    PLAN,
    answer,
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
    # one mention: pushed on where it was said, neither a jump there nor a pull to the data
    # the candidate is not on (issue 10: the candidate leads the order)
    assert one_mention.kind == MoveKind.PROBE and one_mention.target == "serving"
    assert one_mention.phase == Phase.CLARIFY
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
