"""Ground covered in any earlier turn is not asked for again (issue 10).

Coverage is the interview's record of every earlier turn, so a stock question or a steer
does not ask for what was said minutes before. Sentences written for these tests, on four
problems; expectations by hand. The stance of a claim: tests/test_claim_stance.py.
"""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.reading import MessageKind, Reading
from agent.record.transcript import Turn
from agent.speak.offline import OfflineVoice
from tests.support.policy_fixtures import answer, reading, state_in, turn
from tests.support.voice_fixtures import bank, context

SEEDS = range(6)
ANSWER = Reading(kind=MessageKind.ANSWER)


def test_a_signal_covered_in_a_ramble_ten_turns_earlier_is_not_asked_for_again():
    # minute 6: a long ramble that covers monitoring; ten turns later a stock probe for
    # monitoring would ask for it again: the phase's next part not heard is asked instead
    history = [
        Turn(
            role="candidate",
            text="...and for monitoring I'd watch the score distribution,"
            " the feature null rates and the decline rate per hour, alerting on jumps.",
            phase=Phase.DATA,
        )
    ] + [
        Turn(role="interviewer" if i % 2 else "candidate", text=f"line {i}", phase=Phase.DEPLOYMENT)
        for i in range(20)
    ]
    questions = bank().signal_questions["monitoring_drift"]
    for seed in SEEDS:
        move = Move(
            kind=MoveKind.PROBE, phase=Phase.DEPLOYMENT, reason="r", target="monitoring_drift"
        )
        ctx = context(move, reading=ANSWER, seed=seed, history=history)
        state = ctx.state.model_copy(
            update={"signals_mentioned": ["monitoring_drift"], "signals_seen": ["monitoring_drift"]}
        )
        line = OfflineVoice().render(
            ctx.model_copy(update={"state": state, "candidate_text": "Can we move on?"})
        )
        assert not any(q in line for q in questions), line


def test_a_phase_begun_in_an_earlier_turn_is_not_opened_with_its_stock_question():
    # features were listed (only mentioned) long before; the move to features asks for a
    # part of them not heard, not the phase's opening "what would you compute?"
    from agent.content.bundle import load_content
    from agent.decide.coverage import next_gap

    content = load_content()
    state = state_in(
        Phase.DATA,
        signals_seen=["asks_scale", "label_source", "data_sources"],
        signals_mentioned=["feature_groups"],
    )
    spec = content.plan.spec(Phase.FEATURES)
    gap = next_gap(state, answer("label_source"), content.rubric, spec)
    of_features = {s.id for s in content.rubric.signals_for_phase(Phase.FEATURES)}
    assert gap in of_features and gap != "feature_groups"
    # a phase nobody talked about still gets its opening question
    fresh_state = state_in(Phase.DATA, signals_seen=["asks_scale"])
    assert next_gap(fresh_state, answer("label_source"), content.rubric, spec) is None


def test_off_topic_while_the_part_they_were_on_is_covered_does_not_ask_for_it_again():
    state = state_in(
        Phase.CLARIFY,
        signals_seen=["asks_scale", "asks_business_goal", "asks_latency"],
        last_answer_signals=["asks_scale"],
    )
    move, _ = turn(state, reading(MessageKind.OFF_TOPIC, on_topic_score=0.1), 12)
    assert move.rule == "off_topic.covered"
    goal = context(move).phase_spec.goal
    for seed in SEEDS:
        line = OfflineVoice().render(
            context(move, reading=reading(MessageKind.OFF_TOPIC), seed=seed)
        )
        assert goal not in line, line  # the covered part's ground is not asked for again


def test_off_topic_while_the_part_is_open_still_names_it():
    state = state_in(Phase.CLARIFY, last_answer_signals=[])
    move, _ = turn(state, reading(MessageKind.OFF_TOPIC, on_topic_score=0.1), 3)
    assert move.rule == "off_topic"


def test_every_push_that_covers_a_signal_names_a_rubric_signal():
    from agent.content.bundle import load_content
    from agent.content.follow_ups import load_follow_ups
    from agent.settings import get_settings

    ids = {s.id for d in load_content().rubric.dimensions for s in d.signals}
    covers = [
        p.covers
        for t in load_follow_ups(get_settings().knowledge_dir).techniques
        for p in t.pushes
        if p.covers
    ]
    assert covers and set(covers) <= ids


@pytest.mark.parametrize(
    ("card_id", "text"),
    [
        (
            "video-search",
            "Ranking: GBDT over the retrieved few hundred, then a small cross-encoder.",
        ),
        ("people-you-may-know", "GBDT for p(send) and p(accept), multiplied."),
    ],
)
def test_a_retraining_cadence_given_turns_ago_is_not_asked_again(card_id, text):
    # "Retrain: send daily, accept weekly." minutes before: the trees' cadence push is not
    # put, whatever the later message names
    cadence = "How often could you retrain them"
    anchor = text.split(":")[-1].strip().rstrip(".")
    asked_before = set()
    for seed in SEEDS:
        move = Move(kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", anchor=anchor)
        ctx = context(move, reading=ANSWER, seed=seed, card_id=card_id)
        ctx = ctx.model_copy(update={"candidate_text": text})
        asked_before.add(OfflineVoice().render(ctx))
        later = ctx.state.model_copy(update={"signals_seen": ["retraining"]})
        line = OfflineVoice().render(ctx.model_copy(update={"state": later}))
        assert cadence not in line, line
    # without the earlier turn the same message may well be asked it (the push fits)
    assert any(cadence in line for line in asked_before), asked_before
