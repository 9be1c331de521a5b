"""The interview policy, answering the candidate: clarifying and meta questions, hints,
silence and off-topic talk (the rest: tests/test_policy.py, tests/test_policy_steers.py and
tests/test_policy_budgets.py)."""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide import hints
from agent.decide.budget import TURN_CAP_FACTOR
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


# ---------------------------------------------------------------- clarifying questions


def test_clarifying_question_is_answered_from_card_topics_only():
    r = reading(K.CLARIFYING_QUESTION, fact_topics=["scale", "latency", "gpu_budget", "scale"])
    move = decide_after(fresh(), r)
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert move.fact_topics == ["scale", "latency"]
    assert move.phase == Phase.CLARIFY


def test_unanswerable_question_asks_for_an_assumption():
    move = decide_after(fresh(), reading(K.CLARIFYING_QUESTION, unanswerable=True))
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert move.fact_topics == []
    assert move.rule == "clarifying.not_on_card"


def test_partly_answerable_question_answers_what_the_card_has():
    r = reading(K.CLARIFYING_QUESTION, fact_topics=["labels"], unanswerable=True)
    move = decide_after(fresh(), r)
    assert move.fact_topics == ["labels"]
    assert move.rule == "clarifying.partial"


@pytest.mark.parametrize("phase", [Phase.DATA, Phase.MODELING, Phase.DEPLOYMENT])
def test_clarifying_questions_are_answered_in_later_phases(phase):
    move = decide_after(state_in(phase), reading(K.CLARIFYING_QUESTION, fact_topics=["labels"]))
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert move.phase == phase and move.fact_topics == ["labels"]


def test_clarifying_question_at_overrun_is_answered_then_the_phase_moves_on():
    # the clock says the phase ran long: 10 minutes into a 6-minute requirements phase
    q = reading(K.CLARIFYING_QUESTION, fact_topics=["scale"])
    first, state = turn(fresh(elapsed_minutes=9.5), q, 10.0)
    assert first.kind == MoveKind.ANSWER_CLARIFICATION and first.fact_topics == ["scale"]
    assert first.steer == SteerKind.OVERRUN  # the answer doubles as the time note
    second, state = turn(state, q, 10.5)  # a question is answered before any time rule
    assert second.kind == MoveKind.ANSWER_CLARIFICATION
    third, _ = turn(state, answer(), 11.0)
    assert third.kind == MoveKind.ADVANCE and third.phase == Phase.DATA
    assert third.rule == "overrun_told"


def test_many_questions_on_schedule_get_no_time_note():
    # many short questions, but 4 minutes into a 6-minute phase: pacing lines come from
    # the clock, so the answers say nothing about time; the phase still moves on quietly
    spec = PLAN.spec(Phase.CLARIFY)
    state = fresh(turns_in_phase=spec.max_turns * TURN_CAP_FACTOR - 1)
    q = reading(K.CLARIFYING_QUESTION, fact_topics=["scale"])
    first, state = turn(state, q, 4.0)
    assert first.kind == MoveKind.ANSWER_CLARIFICATION and first.fact_topics == ["scale"]
    assert first.steer is None
    second, state = turn(state, q, 4.5)
    assert second.kind == MoveKind.ANSWER_CLARIFICATION and second.steer is None
    third, _ = turn(state, answer(), 5.0)
    assert third.kind == MoveKind.ADVANCE and third.phase == Phase.DATA
    assert third.rule == "overrun.turns"


# ---------------------------------------------------------------- meta


@pytest.mark.parametrize(
    "topic", [MetaTopic.TIME_LEFT, MetaTopic.CURRENT_PHASE, MetaTopic.REPEAT, MetaTopic.OTHER]
)
def test_meta_questions_are_answered(topic):
    move = decide_after(state_in(Phase.FEATURES), reading(K.META, meta=topic))
    assert move.kind == MoveKind.ANSWER_META
    assert move.target == topic.value
    assert move.phase == Phase.FEATURES


def test_meta_without_topic_is_answered_as_other():
    move = decide_after(fresh(), reading(K.META))
    assert move.kind == MoveKind.ANSWER_META and move.target == "other"


def test_move_on_request_advances_once_min_turns_are_met():
    # clarify needs 2 turns; two earlier turns plus the request itself
    state = fresh(turns_in_phase=2)
    move = decide_after(state, reading(K.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DATA


def test_move_on_request_before_min_turns_probes_the_missing_essential():
    state = fresh(turns_in_phase=1, signals_seen=["asks_scale"])
    move = decide_after(state, reading(K.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.PROBE
    assert move.phase == Phase.CLARIFY
    assert move.target == "asks_business_goal"  # heaviest clarify signal not yet shown
    assert move.rule == "meta.too_early"


def test_move_on_request_before_min_turns_with_nothing_missing_advances():
    state = fresh(
        signals_seen=["asks_scale", "asks_latency", "asks_business_goal", "states_assumptions"]
    )
    move = decide_after(state, reading(K.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.ADVANCE


# ---------------------------------------------------------------- hints


def test_hint_targets_the_heaviest_missing_signal():
    move = decide_after(state_in(Phase.DATA), reading(K.HINT_REQUEST))
    assert move.kind == MoveKind.HINT and move.target == "label_source"


def test_hint_excludes_signals_already_seen():
    state = state_in(Phase.DATA, signals_seen=["label_source"])
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.target == "handles_imbalance"


def test_second_hint_nudges_somewhere_new():
    state = state_in(Phase.DATA, probed_targets=["label_source"], hints_in_phase=1)
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.kind == MoveKind.HINT and move.target == "handles_imbalance"


def test_hint_with_every_signal_shown_has_no_target():
    state = state_in(Phase.FEATURES, signals_seen=["feature_groups", "embedding_features"])
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.kind == MoveKind.HINT and move.target is None


def test_hint_on_nothing_named_is_about_the_question_the_candidate_is_stuck_on():
    # the interviewer just asked about the online experiment; "a hint?" is about that,
    # not about the phase's next gap
    state = state_in(Phase.EVALUATION, last_asked="ab_test")
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.kind == MoveKind.HINT and move.target == "ab_test"
    assert move.rule == "hint.pending"


def test_hint_request_that_talks_about_a_subject_is_about_it():
    state = state_in(Phase.EVALUATION, last_asked="ab_test")
    move = decide_after(state, reading(K.HINT_REQUEST, signals=["drift"]))
    assert move.target == "drift" and move.rule == "hint.said"


def test_hint_after_an_answer_with_no_pending_question_follows_that_answer():
    state = state_in(Phase.TRAINING, last_answer_signals=["time_split"])
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.target == "time_split" and move.rule == "hint.thread"


def test_hint_subject_is_never_how_the_candidate_communicates():
    state = state_in(Phase.DATA, last_asked="summarises")
    move = decide_after(state, reading(K.HINT_REQUEST, asked_about="summarises"))
    assert move.rule == "hint" and move.target == "label_source"


def test_still_stuck_after_two_hints_moves_on():
    state = state_in(Phase.DATA, hints_in_phase=hints.MAX_HINTS_PER_PHASE)
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES


def test_a_new_doubt_after_two_hints_still_gets_a_hint():
    # the third request in the phase talks about something of its own (the reader shows a
    # drift signal in it): it is a new doubt, not the same one still unresolved
    state = state_in(Phase.DATA, hints_in_phase=hints.MAX_HINTS_PER_PHASE)
    move = decide_after(state, reading(K.HINT_REQUEST, signals=["drift"]))
    assert move.kind == MoveKind.HINT and move.target == "drift"


# ---------------------------------------------------------------- silence, off topic


def test_silence_ladder_steer_then_hint_then_move_on():
    state = state_in(Phase.DATA, elapsed_minutes=12, phase_started_minute=12)
    empty = reading(K.EMPTY)
    first, state = turn(state, empty, 12.5)
    assert first.kind == MoveKind.STEER and first.steer == SteerKind.SILENT
    second, state = turn(state, empty, 13.0)
    assert second.kind == MoveKind.HINT and second.target == "label_source"
    third, state = turn(state, empty, 13.5)
    assert third.kind == MoveKind.ADVANCE and third.phase == Phase.FEATURES
    # in the new phase the silence is counted afresh: a gentle steer again
    fourth, _ = turn(state, empty, 14.0)
    assert fourth.kind == MoveKind.STEER and fourth.steer == SteerKind.SILENT


def test_an_answer_breaks_the_silence_streak():
    state = state_in(Phase.DATA)
    _, state = turn(state, reading(K.EMPTY), 1)
    _, state = turn(state, answer("data_sources"), 2)
    move, _ = turn(state, reading(K.EMPTY), 3)
    assert move.kind == MoveKind.STEER and move.steer == SteerKind.SILENT


def test_off_topic_steers_back_to_the_part_of_the_design_the_candidate_was_on():
    # the interview's phase is still features, but the candidate's last answer was about
    # the online experiment: "back to the problem" goes there, not to features
    state = state_in(
        Phase.FEATURES,
        signals_seen=["asks_scale", "feature_groups"],
        last_answer_signals=["ab_test", "slices"],
    )
    move, _ = turn(state, reading(K.OFF_TOPIC, on_topic_score=0.1), 20)
    assert move.kind == MoveKind.STEER and move.steer == SteerKind.OFF_TOPIC
    assert move.target == Phase.EVALUATION.value and move.phase == Phase.FEATURES
    # design words inside the off-topic message itself say where the candidate is
    aside = reading(K.OFF_TOPIC, signals=["serving", "monitoring"], on_topic_score=0.3)
    move, _ = turn(state, aside, 21)
    assert move.target == Phase.DEPLOYMENT.value
    # a phase the interviewer just opened is the thread, whatever came before it
    opened = state.model_copy(update={"last_moves": [MoveKind.ADVANCE]})
    move, _ = turn(opened, reading(K.OFF_TOPIC, on_topic_score=0.1), 22)
    assert move.target == Phase.FEATURES.value


def test_off_topic_before_any_requirement_stays_where_the_interview_is():
    state = state_in(Phase.FEATURES, last_answer_signals=["ab_test"])
    move, _ = turn(state, reading(K.OFF_TOPIC, on_topic_score=0.1), 20)
    assert move.target == Phase.FEATURES.value


def test_off_topic_steers_back_and_gets_firmer():
    state = state_in(Phase.FEATURES)
    first, state = turn(state, reading(K.OFF_TOPIC, on_topic_score=0.1), 20)
    assert first.kind == MoveKind.STEER and first.steer == SteerKind.OFF_TOPIC
    assert first.target == Phase.FEATURES.value
    second, state = turn(state, reading(K.OFF_TOPIC), 21)
    assert second.steer == SteerKind.OFF_TOPIC
    assert second.rule == "off_topic.firm" and first.rule == "off_topic"
    third, _ = turn(state, reading(K.OFF_TOPIC), 22)
    assert third.steer == SteerKind.OFF_TOPIC and third.rule == "off_topic.firm"
