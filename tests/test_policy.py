"""The interview policy: every move kind, every steer kind, budget edges and priorities."""

from __future__ import annotations

import pytest

from agent.content.phases import PHASE_ORDER, Phase
from agent.decide import answers, policy, rules
from agent.decide.budget import TURN_CAP_FACTOR, WRAP_UP_MINUTES
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import (
    CARD,
    PLAN,
    RUBRIC,
    answer,
    decide,
    decide_after,
    reading,
    state_in,
    turn,
)

K = MessageKind


def fresh(**kw: object) -> InterviewState:
    return InterviewState(**kw)  # type: ignore[arg-type]


# ---------------------------------------------------------------- opening and phase order


def test_opening_move_is_the_bare_problem_in_clarify():
    move = policy.opening_move(PLAN)
    assert move.kind == MoveKind.OPEN
    assert move.phase == Phase.CLARIFY
    assert move.reason


@pytest.mark.parametrize(
    ("phase", "expected"),
    [
        (Phase.CLARIFY, Phase.DATA),
        (Phase.DATA, Phase.FEATURES),
        (Phase.FEATURES, Phase.MODELING),
        (Phase.MODELING, Phase.TRAINING),
        (Phase.TRAINING, Phase.EVALUATION),
        (Phase.EVALUATION, Phase.DEPLOYMENT),
        (Phase.DEPLOYMENT, Phase.WRAP_UP),
    ],
)
def test_advance_moves_exactly_one_phase(phase, expected):
    # everything up to this phase was shown; nothing of the later ones yet
    shown = [s.id for p in PHASE_ORDER[: PHASE_ORDER.index(phase) + 1] for s in _signals(p)]
    state = state_in(phase, turns_in_phase=3, signals_seen=shown, elapsed_minutes=40)
    move = decide_after(state, answer())
    assert move.kind == MoveKind.ADVANCE
    assert move.phase == expected
    assert move.target == expected.value


def _signals(phase: Phase) -> list:
    return [s for d in RUBRIC.dimensions if d.phase == phase for s in d.signals]


def test_advance_passes_over_a_phase_the_candidate_already_covered():
    # data done now; features were listed earlier in the interview, the model not yet
    shown = [s.id for p in (Phase.CLARIFY, Phase.DATA, Phase.FEATURES) for s in _signals(p)]
    state = state_in(Phase.DATA, turns_in_phase=3, signals_seen=shown, elapsed_minutes=12)
    move = decide_after(state, answer())
    assert move.kind == MoveKind.ADVANCE
    assert move.phase == Phase.MODELING


# ---------------------------------------------------------------- answers: probe or advance


def test_clarify_needs_its_minimum_turns_and_a_follow_up_before_advancing():
    move = decide_after(fresh(), answer("asks_scale", "asks_latency", "asks_business_goal"))
    assert move.kind == MoveKind.PROBE  # 1 turn < min_turns 2, even with most signals shown
    seen = {
        "turns_in_phase": 1,
        "signals_seen": ["asks_scale", "asks_latency", "asks_business_goal"],
    }
    second = decide_after(fresh().model_copy(update=seen), answer())
    assert second.kind == MoveKind.PROBE  # covered, but nothing followed up on yet
    probed = fresh().model_copy(update={**seen, "probes_in_phase": 1})
    third = decide_after(probed, answer())
    assert third.kind == MoveKind.ADVANCE and third.phase == Phase.DATA


def test_covered_by_half_the_signal_weight_moves_on_after_a_follow_up():
    # label_source (1.2) + data_sources (0.8) = 2.0 of 3.0 -> covered (also two signals)
    shown = answer("label_source", "data_sources")
    first = decide_after(state_in(Phase.DATA), shown)
    assert first.kind == MoveKind.PROBE and first.rule == "probe.touched"  # depth first
    assert first.anchor == "what I said about label source"
    move = decide_after(state_in(Phase.DATA, probes_in_phase=1), shown)
    assert move.kind == MoveKind.ADVANCE
    assert move.rule == "covered"


def test_covered_moves_on_without_a_follow_up_once_the_phase_time_is_used():
    state = state_in(Phase.DATA, elapsed_minutes=12, phase_started_minute=5)
    move = decide_after(state, answer("label_source", "data_sources"))
    assert move.kind == MoveKind.ADVANCE and move.rule == "covered"


def test_one_minor_signal_is_not_covered_and_probes():
    move = decide_after(state_in(Phase.DATA), answer("data_sources"))
    assert move.kind == MoveKind.PROBE
    assert move.phase == Phase.DATA


def test_probe_goes_deeper_on_what_the_candidate_touched():
    move = decide_after(state_in(Phase.DATA), answer("data_sources"))
    assert move.target == "data_sources"
    assert move.rule == "probe.touched"


def test_probe_targets_most_important_missing_when_touched_already_probed():
    state = state_in(Phase.DATA, probed_targets=["data_sources"])
    move = decide_after(state, answer("data_sources", word_count=6))  # a short note
    assert move.kind == MoveKind.PROBE
    assert move.target == "label_source"  # weight 1.2, the heaviest missing data signal


def test_a_substantive_answer_on_ground_followed_up_before_gets_a_new_push_on_its_words():
    """Thirty words more on data sources, already followed up on: the follow-up quotes the
    new words (a new angle is the voice's job), not a stock question about something else."""
    state = state_in(Phase.DATA, probed_targets=["serving", "data_sources"])
    move = decide_after(state, answer("data_sources", "serving", word_count=30))
    assert move.kind == MoveKind.PROBE and move.rule == "probe.touched"
    assert move.target == "serving"  # the one followed up on longest ago
    assert move.anchor == "what I said about serving"


def test_probe_follows_what_the_candidate_said_even_in_another_phase():
    move = decide_after(state_in(Phase.DATA), answer("serving"))
    assert move.kind == MoveKind.PROBE and move.phase == Phase.DATA
    assert move.target == "serving" and move.anchor == "what I said about serving"


def test_probe_without_the_candidates_words_asks_for_the_missing_signal():
    move = decide_after(state_in(Phase.DATA), answer("serving", quotes={}))
    assert move.kind == MoveKind.PROBE
    assert move.target == "label_source" and move.rule == "probe.missing"


def test_never_probes_the_same_target_twice():
    state = state_in(Phase.MODELING, elapsed_minutes=20, phase_started_minute=20)
    moves = []
    for i in range(5):  # answers that never show anything new
        move, state = turn(state, answer(), 20.5 + i / 2)
        moves.append(move)
    assert [m.kind for m in moves[:4]] == [MoveKind.PROBE] * 3 + [MoveKind.ADVANCE]
    assert [m.target for m in moves[:3]] == ["offline_metric", "baseline_model", "model_choice"]
    assert moves[4].target == "time_split"  # the next phase's own signals
    probed = [m.target for m in moves if m.kind == MoveKind.PROBE]
    assert len(probed) == len(set(probed))


def test_open_probe_when_everything_was_probed_and_min_turns_unmet():
    state = state_in(
        Phase.CLARIFY,
        probed_targets=["asks_scale", "asks_latency", "asks_business_goal", "states_assumptions"],
    )
    move = decide_after(state, answer())
    assert move.kind == MoveKind.PROBE and move.target is None


def test_advance_when_nothing_is_left_to_follow_up_on():
    state = state_in(
        Phase.DATA,
        turns_in_phase=1,
        probed_targets=["label_source", "handles_imbalance", "data_sources"],
    )
    move = decide_after(state, answer())
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES


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
    spec = PLAN.spec(Phase.CLARIFY)
    state = fresh().model_copy(update={"turns_in_phase": spec.max_turns * TURN_CAP_FACTOR - 1})
    q = reading(K.CLARIFYING_QUESTION, fact_topics=["scale"])
    first, state = turn(state, q, 4.0)
    assert first.kind == MoveKind.ANSWER_CLARIFICATION and first.fact_topics == ["scale"]
    assert first.steer == SteerKind.OVERRUN  # the answer doubles as the time note
    second, state = turn(state, q, 4.5)  # a question is answered before any time rule
    assert second.kind == MoveKind.ANSWER_CLARIFICATION
    third, _ = turn(state, answer(), 5.0)
    assert third.kind == MoveKind.ADVANCE and third.phase == Phase.DATA
    assert third.rule == "overrun_told"


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
    state = fresh().model_copy(update={"turns_in_phase": 2})
    move = decide_after(state, reading(K.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DATA


def test_move_on_request_before_min_turns_probes_the_missing_essential():
    state = fresh().model_copy(update={"turns_in_phase": 1, "signals_seen": ["asks_scale"]})
    move = decide_after(state, reading(K.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.PROBE
    assert move.phase == Phase.CLARIFY
    assert move.target == "asks_business_goal"  # heaviest clarify signal not yet shown
    assert move.rule == "meta.too_early"


def test_move_on_request_before_min_turns_with_nothing_missing_advances():
    state = fresh().model_copy(
        update={
            "signals_seen": [
                "asks_scale",
                "asks_latency",
                "asks_business_goal",
                "states_assumptions",
            ]
        }
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


def test_still_stuck_after_two_hints_moves_on():
    state = state_in(Phase.DATA, hints_in_phase=answers.MAX_HINTS_PER_PHASE)
    move = decide_after(state, reading(K.HINT_REQUEST))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES


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


# ---------------------------------------------------------------- coverage of the vocabulary

SCENARIOS: list[tuple[InterviewState, object]] = [
    (fresh(), reading(K.CLARIFYING_QUESTION, fact_topics=["scale"])),
    (fresh(), reading(K.META, meta=MetaTopic.TIME_LEFT)),
    (state_in(Phase.DATA), answer("data_sources")),
    (fresh(), answer(phases=(Phase.MODELING,))),
    (state_in(Phase.DATA, elapsed_minutes=19, phase_started_minute=6), answer()),
    (fresh(), reading(K.OFF_TOPIC)),
    (fresh(), answer(misconceptions=["accuracy_on_imbalanced"])),
    (fresh(), reading(K.EMPTY)),
    (fresh(), reading(K.MANIPULATION)),
    (fresh(), reading(K.HINT_REQUEST)),
    (state_in(Phase.DATA, probes_in_phase=1), answer("label_source", "data_sources")),
    (fresh(), reading(K.END_REQUEST)),
]


def test_scenarios_reach_every_move_kind_and_steer_kind():
    moves: list[Move] = [policy.opening_move(PLAN)]
    moves += [decide_after(s, r) for s, r in SCENARIOS]  # type: ignore[arg-type]
    assert {m.kind for m in moves} == set(MoveKind)
    assert {m.steer for m in moves if m.kind == MoveKind.STEER} == set(SteerKind)
    assert all(m.reason for m in moves)


def test_same_inputs_same_move():
    for state, r in SCENARIOS:
        after = state.model_copy(update={"turns_in_phase": state.turns_in_phase + 1})
        first = policy.decide(after, r, PLAN, RUBRIC, CARD)  # type: ignore[arg-type]
        assert policy.decide(after, r, PLAN, RUBRIC, CARD) == first  # type: ignore[arg-type]


def test_decide_does_not_mutate_its_inputs():
    for state, r in SCENARIOS:
        before = [m.model_dump() for m in (state, r, PLAN, RUBRIC, CARD)]  # type: ignore[attr-defined]
        policy.decide(state, r, PLAN, RUBRIC, CARD)  # type: ignore[arg-type]
        after = [m.model_dump() for m in (state, r, PLAN, RUBRIC, CARD)]  # type: ignore[attr-defined]
        assert before == after


def test_the_docstring_rule_table_is_the_rule_list() -> None:
    """The policy's docstring is the map a reader trusts: it lists RULES in order."""
    import re

    from agent.decide import policy

    doc = policy.__doc__ or ""
    listed = re.findall(r"^\s*\d+\.\s+([a-z_]+)\s", doc, flags=re.M)
    assert listed == [rule_id for rule_id, _ in policy.RULES] + [policy.FALLBACK_RULE]


def test_every_decided_move_names_its_rule() -> None:
    from agent.decide import policy

    ids = {rule_id for rule_id, _ in policy.RULES} | {policy.FALLBACK_RULE}
    for r in (answer(), reading(K.OFF_TOPIC), reading(K.HINT_REQUEST), reading(K.EMPTY)):
        move = decide_after(fresh(), r)
        assert move.rule is not None and move.rule.split(".")[0] in ids


def test_a_phase_behind_the_clock_follows_a_candidate_already_on_a_later_phase():
    # data ran long, but the candidate is talking features now: go there, no time note
    state = state_in(Phase.DATA, elapsed_minutes=19, phase_started_minute=6)
    move, _ = turn(state, answer("feature_groups"), 19.5)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES
    assert move.rule == "overrun.moved_on"
    assert move.steer is None


def test_a_move_on_request_while_designing_is_honoured():
    state = state_in(Phase.DATA, turns_in_phase=0, elapsed_minutes=8, phase_started_minute=7)
    move = decide_after(state, reading(K.META, meta=MetaTopic.NEXT))
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES
    assert move.rule == "meta.move_on"


def test_a_follow_up_pushes_on_the_signal_the_reader_is_sure_of():
    """Of two things the message shows, the follow-up takes the one read surely (its angle
    fits the words) over a weightier one read at 0.7 (which may not be there at all)."""
    sure_light = answer(
        "data_sources",
        "label_source",
        signal_confidence={"data_sources": 0.97, "label_source": 0.7},
    )
    move = decide_after(state_in(Phase.DATA), sure_light)
    assert move.rule == "probe.touched" and move.target == "data_sources"
    both_sure = answer(
        "data_sources",
        "label_source",
        signal_confidence={"data_sources": 0.97, "label_source": 0.95},
    )
    assert decide_after(state_in(Phase.DATA), both_sure).target == "label_source"  # weightier
