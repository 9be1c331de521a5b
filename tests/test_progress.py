"""State transitions: what a candidate turn and an interviewer move record."""

from __future__ import annotations

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.decide.progress import LAST_MOVES_KEPT, apply_move, apply_reading
from agent.decide.state import InterviewState
from agent.read.reading import MessageKind
from tests.support.policy_fixtures import answer, reading, state_in

K = MessageKind


def probe(target: str, phase: Phase = Phase.CLARIFY) -> Move:
    return Move(kind=MoveKind.PROBE, phase=phase, reason="test", target=target)


def advance(to: Phase) -> Move:
    return Move(kind=MoveKind.ADVANCE, phase=to, reason="test", target=to.value)


# ---------------------------------------------------------------- candidate turns


def test_reading_counts_the_turn_and_moves_the_clock():
    state = apply_reading(InterviewState(), answer("asks_scale"), 1.5)
    assert state.candidate_turns == 1 and state.turns_in_phase == 1
    assert state.elapsed_minutes == 1.5
    assert state.minutes_left == 43.5
    assert state.signals_seen == ["asks_scale"]


def test_clock_never_runs_backwards():
    state = apply_reading(InterviewState(elapsed_minutes=10), answer(), 8)
    assert state.elapsed_minutes == 10


def test_signals_are_kept_unique_in_first_seen_order():
    state = InterviewState(signals_seen=["asks_scale"])
    state = apply_reading(state, answer("asks_latency", "asks_scale", "asks_latency"), 1)
    assert state.signals_seen == ["asks_scale", "asks_latency"]


def test_signals_of_a_clarifying_question_count():
    r = reading(K.CLARIFYING_QUESTION, signals=["asks_latency"], fact_topics=["latency"])
    state = apply_reading(InterviewState(), r, 1)
    assert state.signals_seen == ["asks_latency"]
    assert state.fact_topics_asked == ["latency"]


def test_signals_of_manipulation_off_topic_and_empty_do_not_count():
    for kind in (K.MANIPULATION, K.OFF_TOPIC, K.EMPTY):
        state = apply_reading(InterviewState(), reading(kind, signals=["asks_scale"]), 1)
        assert state.signals_seen == [], kind


def test_fact_topics_asked_accumulate_without_repeats():
    state = InterviewState()
    for topics in (["scale"], ["latency", "scale"]):
        state = apply_reading(state, reading(K.CLARIFYING_QUESTION, fact_topics=topics), 1)
    assert state.fact_topics_asked == ["scale", "latency"]


def test_streaks_grow_and_reset():
    state = InterviewState()
    for _ in range(3):
        state = apply_reading(state, reading(K.OFF_TOPIC), 1)
    assert state.off_topic_streak == 3 and state.empty_streak == 0
    state = apply_reading(state, reading(K.EMPTY), 2)
    assert state.off_topic_streak == 0 and state.empty_streak == 1
    state = apply_reading(state, reading(K.EMPTY), 3)
    assert state.empty_streak == 2
    state = apply_reading(state, answer(), 4)
    assert state.empty_streak == 0


def test_manipulation_attempts_are_noted():
    state = apply_reading(InterviewState(), reading(K.MANIPULATION), 1)
    state = apply_reading(state, reading(K.MANIPULATION), 2)
    assert state.manipulation_attempts == 2


def test_skip_attempts_count_answers_that_jump_beyond_the_next_phase():
    state = apply_reading(InterviewState(), answer(phases=(Phase.MODELING,)), 1)
    assert state.skip_attempts == 1
    state = apply_reading(state, answer(phases=(Phase.DATA,)), 2)  # the next phase is fine
    assert state.skip_attempts == 1
    q = reading(K.CLARIFYING_QUESTION, phases=[Phase.DEPLOYMENT])  # a question is not a jump
    assert apply_reading(state, q, 3).skip_attempts == 1


# ---------------------------------------------------------------- interviewer moves


def test_advance_resets_phase_counters_and_records_minutes():
    state = InterviewState(
        elapsed_minutes=6.5,
        turns_in_phase=4,
        hints_in_phase=1,
        steers_in_phase=2,
        overrun_warned=True,
    )
    after = apply_move(state, advance(Phase.DATA))
    assert after.phase == Phase.DATA
    assert after.turns_in_phase == after.hints_in_phase == after.steers_in_phase == 0
    assert after.overrun_warned is False
    assert after.minutes_per_phase == {Phase.CLARIFY: 6.5}
    assert after.phase_started_minute == 6.5
    assert after.phases_visited == [Phase.CLARIFY, Phase.DATA]
    assert after.minutes_in_phase == 0


def test_minutes_per_phase_over_a_whole_interview():
    state = InterviewState()
    clock = 0.0
    for phase in (Phase.DATA, Phase.FEATURES):
        clock += 5
        state = apply_reading(state, answer(), clock)
        state = apply_move(state, advance(phase))
    clock += 3
    state = apply_reading(state, answer(), clock)
    state = apply_move(state, Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason="t"))
    assert state.minutes_per_phase == {Phase.CLARIFY: 5, Phase.DATA: 5, Phase.FEATURES: 3}
    assert state.finished
    assert state.phases_visited == [Phase.CLARIFY, Phase.DATA, Phase.FEATURES, Phase.WRAP_UP]


def test_wrap_up_inside_the_wrap_up_phase_records_its_minutes():
    state = state_in(Phase.WRAP_UP, elapsed_minutes=44, phase_started_minute=41)
    after = apply_move(state, Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason="t"))
    assert after.finished
    assert after.minutes_per_phase[Phase.WRAP_UP] == 3


def test_a_finished_interview_does_not_change():
    state = InterviewState(finished=True, phase=Phase.WRAP_UP, elapsed_minutes=45)
    after = apply_move(state, Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason="t"))
    assert after == state


def test_probe_and_hint_targets_are_remembered():
    state = apply_move(InterviewState(), probe("asks_scale"))
    hint = Move(kind=MoveKind.HINT, phase=Phase.CLARIFY, reason="t", target="asks_latency")
    state = apply_move(state, hint)
    state = apply_move(state, probe("asks_scale"))
    assert state.probed_targets == ["asks_scale", "asks_latency"]
    assert state.hints_given == 1 and state.hints_in_phase == 1


def test_targetless_hint_counts_but_records_no_target():
    state = apply_move(InterviewState(), Move(kind=MoveKind.HINT, phase=Phase.DATA, reason="t"))
    assert state.hints_given == 1 and state.probed_targets == []


def test_hints_in_phase_reset_but_hints_given_do_not():
    hint = Move(kind=MoveKind.HINT, phase=Phase.CLARIFY, reason="t", target="asks_scale")
    state = apply_move(InterviewState(), hint)
    state = apply_move(state, advance(Phase.DATA))
    assert state.hints_given == 1 and state.hints_in_phase == 0


def test_wrong_claim_steer_records_the_challenge():
    steer = Move(
        kind=MoveKind.STEER,
        phase=Phase.MODELING,
        reason="t",
        steer=SteerKind.WRONG_CLAIM,
        target="accuracy_on_imbalanced",
    )
    state = apply_move(state_in(Phase.MODELING), steer)
    assert state.challenged == ["accuracy_on_imbalanced"]
    assert state.steers_in_phase == 1
    assert state.phase == Phase.MODELING


def test_overrun_note_is_remembered_until_the_phase_changes():
    steer = Move(kind=MoveKind.STEER, phase=Phase.DATA, reason="t", steer=SteerKind.OVERRUN)
    state = apply_move(state_in(Phase.DATA), steer)
    assert state.overrun_warned
    side_note = Move(
        kind=MoveKind.ANSWER_CLARIFICATION, phase=Phase.DATA, reason="t", steer=SteerKind.OVERRUN
    )
    assert apply_move(state_in(Phase.DATA), side_note).overrun_warned
    assert not apply_move(state, advance(Phase.FEATURES)).overrun_warned


def test_other_steers_count_without_recording_a_challenge():
    for kind in (SteerKind.OFF_TOPIC, SteerKind.SILENT, SteerKind.SKIPPED_PHASE):
        move = Move(kind=MoveKind.STEER, phase=Phase.CLARIFY, reason="t", steer=kind)
        state = apply_move(InterviewState(), move)
        assert state.steers_in_phase == 1 and state.challenged == []
        assert not state.overrun_warned


def test_wrap_up_from_an_early_phase_finishes_and_jumps_to_wrap_up():
    state = state_in(Phase.DATA, elapsed_minutes=12, phase_started_minute=5)
    after = apply_move(state, Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason="t"))
    assert after.finished and after.phase == Phase.WRAP_UP
    assert after.minutes_per_phase[Phase.DATA] == 7


def test_last_moves_are_kept_in_order_and_capped():
    state = InterviewState()
    kinds = [MoveKind.PROBE, MoveKind.ANSWER_META] * LAST_MOVES_KEPT
    for kind in kinds:
        state = apply_move(state, Move(kind=kind, phase=Phase.CLARIFY, reason="t"))
    assert state.last_moves == kinds[-LAST_MOVES_KEPT:]


def test_moves_that_stay_in_phase_keep_the_phase_clock():
    state = InterviewState(elapsed_minutes=3, turns_in_phase=2)
    meta = Move(kind=MoveKind.ANSWER_META, phase=Phase.CLARIFY, reason="t", target="time_left")
    after = apply_move(state, meta)
    assert after.turns_in_phase == 2 and after.phase_started_minute == 0
    assert after.minutes_per_phase == {}


# ---------------------------------------------------------------- purity


def test_transitions_never_mutate_their_inputs():
    state = InterviewState(signals_seen=["asks_scale"], probed_targets=["asks_latency"])
    snapshot = state.model_dump()
    r = answer("asks_business_goal", misconceptions=["accuracy_on_imbalanced"])
    r_snapshot = r.model_dump()
    after = apply_reading(state, r, 2)
    after.signals_seen.append("mutated")
    moves = [
        probe("asks_business_goal"),
        advance(Phase.DATA),
        Move(kind=MoveKind.WRAP_UP, phase=Phase.WRAP_UP, reason="t"),
    ]
    for move in moves:
        move_snapshot = move.model_dump()
        out = apply_move(state, move)
        out.probed_targets.append("mutated")
        out.minutes_per_phase[Phase.WRAP_UP] = 99.0
        out.last_moves.append(MoveKind.OPEN)
        assert move.model_dump() == move_snapshot
    assert state.model_dump() == snapshot
    assert r.model_dump() == r_snapshot


def test_a_phase_runs_long_only_on_the_minutes_spent_on_it():
    """A deployment-minded candidate talks serving for ten minutes while the interview is
    formally on the data: the data phase has not run long, so no "wrap up the data" note."""
    from agent.content.bundle import load_content
    from agent.decide import budget

    plan = load_content().plan
    spec = plan.spec(Phase.DATA)
    state = state_in(Phase.DATA, elapsed_minutes=5.0, phase_started_minute=5.0)
    for minute in range(7, 19, 2):
        state = apply_reading(state, answer("batch_vs_online", phases=(Phase.DEPLOYMENT,)), minute)
    assert state.minutes_in_phase == 12.0 and state.minutes_on_phase == 0.0
    assert not budget.over_minutes(state, spec, plan)
    # the same twelve minutes spent on the data itself are a long phase
    talked = state_in(Phase.DATA, elapsed_minutes=5.0, phase_started_minute=5.0)
    for minute in range(7, 19, 2):
        talked = apply_reading(talked, answer("label_source", phases=(Phase.DATA,)), minute)
    assert talked.minutes_on_phase == 12.0
    assert budget.over_minutes(talked, spec, plan)
    # entering a new phase starts its count afresh
    moved = apply_move(state, advance(Phase.FEATURES))
    assert moved.minutes_elsewhere == 0.0
