"""The interview policy: the opening and the phase order, probing or advancing on answers
(clarifying and meta questions, hints, silence and off-topic talk: tests/test_policy_answers.py;
wrong claims, manipulation, ending and skipping ahead: tests/test_policy_steers.py; budgets:
tests/test_policy_budgets.py; every move kind, purity and the rule table:
tests/test_policy_contract.py)."""

from __future__ import annotations

import pytest

from agent.content.phases import PHASE_ORDER, Phase
from agent.decide import policy
from agent.decide.moves import MoveKind
from agent.read.reading import MessageKind, MetaTopic
from tests.support.policy_fixtures import (
    PLAN,
    RUBRIC,
    answer,
    decide_after,
    fresh,
    reading,
    state_in,
    turn,
)

K = MessageKind


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
    second = decide_after(fresh(**seen), answer())
    assert second.kind == MoveKind.PROBE  # covered, but nothing followed up on yet
    probed = fresh(**seen, probes_in_phase=1)
    third = decide_after(probed, answer())
    assert third.kind == MoveKind.ADVANCE and third.phase == Phase.DATA


def test_covered_by_half_the_signal_weight_moves_on_after_a_follow_up():
    # label_source (1.2) + data_sources (0.8) = 2.0 of 3.0 -> covered (also two signals)
    shown = answer("label_source", "data_sources")
    first = decide_after(state_in(Phase.DATA), shown)
    assert first.kind == MoveKind.PROBE and first.rule == "probe.touched"  # depth first
    assert first.anchor == "what I said about label source"
    # the same ground again, already followed up on: nothing new in this part, move on
    probed = ["label_source", "data_sources"]
    move = decide_after(state_in(Phase.DATA, probes_in_phase=1, probed_targets=probed), shown)
    assert move.kind == MoveKind.ADVANCE
    assert move.rule == "covered"


def test_covered_waits_while_the_candidate_goes_on_with_the_phase():
    # followed up once, and the candidate goes on about the data with something new: the
    # move to the features waits, the follow-up is on their new words
    state = state_in(Phase.DATA, probes_in_phase=1, probed_targets=["label_source"])
    move = decide_after(state, answer("data_sources", "label_source"))
    assert move.kind == MoveKind.PROBE and move.rule == "covered.thread.touched"
    assert move.target == "data_sources" and move.phase == Phase.DATA


def test_covered_moves_on_without_a_follow_up_once_the_phase_time_is_used():
    probed = ["label_source", "data_sources"]
    state = state_in(Phase.DATA, elapsed_minutes=12, phase_started_minute=5, probed_targets=probed)
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


def test_a_phase_behind_the_clock_follows_a_candidate_already_on_a_later_phase():
    # data ran long, but the candidate is talking features now: go there, no time note,
    # with a push on their words (the part's opening question would ask for what they said)
    state = state_in(Phase.DATA, elapsed_minutes=19, phase_started_minute=6)
    move, _ = turn(state, answer("feature_groups"), 19.5)
    assert move.phase == Phase.FEATURES and move.steer is None
    assert move.kind == MoveKind.PROBE and move.rule == "overrun.moved_on.touched"
    assert move.anchor == "what I said about feature groups"
    # no words of theirs to push on: the move there, with the part's own question
    move, _ = turn(state, answer("feature_groups", quotes={}), 19.5)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.FEATURES
    assert move.rule == "overrun.moved_on" and move.steer is None


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


def test_new_content_is_followed_past_the_pushes_in_a_row_while_the_phase_has_time():
    pushes = [MoveKind.PROBE] * 3
    state = state_in(
        Phase.DATA, probes_in_phase=3, last_moves=pushes, probed_targets=["label_source"]
    )
    move = decide_after(state, answer("data_sources", "label_source"))
    assert move.kind == MoveKind.PROBE and move.target == "data_sources"
    # the phase's time is used: three pushes in a row are enough, the interview moves on
    used = state.model_copy(update={"elapsed_minutes": 12, "phase_started_minute": 5})
    assert decide_after(used, answer("data_sources", "label_source")).kind == MoveKind.ADVANCE
