"""Pacing: the interviewer does not close before minute 35 of 45 unless the candidate asks to
stop or the clock is out; an early "I'm done" and an offer to go deeper are used for depth;
time notes come from the clock, not from a count of turns. Policy tests on the small fixture
content, and the reader on sentences written for this file."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from agent.content.phases import Phase, phase_index
from agent.decide.budget import WRAP_UP_NOT_BEFORE
from agent.decide.moves import MoveKind
from agent.read.reading import MessageKind, MetaTopic
from tests.support.card_reading import read_on_card
from tests.support.policy_fixtures import (
    answer,
    decide_after,
    interview_on,
    reading,
    reply_to,
    state_in,
    turn,
)

K = MessageKind
DESIGN = [Phase.DATA, Phase.FEATURES, Phase.MODELING, Phase.TRAINING, Phase.EVALUATION]
EARLY = WRAP_UP_NOT_BEFORE * 45


# ---------------------------------------------------------------- "I'm done" early


@settings(max_examples=60, deadline=None)
@given(
    phase=st.sampled_from([*DESIGN, Phase.DEPLOYMENT]),
    minute=st.floats(2.0, EARLY - 0.5),
    offers=st.booleans(),
)
def test_an_early_done_is_used_once_for_depth_then_honoured(phase, minute, offers):
    done = reading(K.END_REQUEST, asks_to_stop=False, offers_depth=offers)
    state = state_in(phase, elapsed_minutes=minute - 0.5, phase_started_minute=minute - 1)
    first, state = turn(state, done, minute)
    assert first.kind != MoveKind.WRAP_UP and first.phase != Phase.WRAP_UP
    assert first.rule and first.rule.startswith("end_request.deferred")
    assert state.end_deferred
    second, _ = turn(state, done, minute + 0.5)  # said again: the interview closes
    assert second.kind == MoveKind.WRAP_UP


@settings(max_examples=40, deadline=None)
@given(phase=st.sampled_from([*DESIGN, Phase.DEPLOYMENT]), minute=st.floats(1.0, 44.0))
def test_a_request_to_stop_is_honoured_at_once_whenever_it_comes(phase, minute):
    stop = reading(K.END_REQUEST, asks_to_stop=True)
    move = decide_after(state_in(phase, elapsed_minutes=minute - 0.5), stop, minute)
    assert move.kind == MoveKind.WRAP_UP


@pytest.mark.parametrize("minute", [EARLY + 0.5, 40.0])
def test_done_after_minute_35_closes(minute):
    done = reading(K.END_REQUEST, asks_to_stop=False)
    move = decide_after(state_in(Phase.DEPLOYMENT, elapsed_minutes=minute - 0.5), done, minute)
    assert move.kind == MoveKind.WRAP_UP


# ---------------------------------------------------------------- offers to go deeper


@settings(max_examples=60, deadline=None)
@given(
    phase=st.sampled_from([*DESIGN, Phase.DEPLOYMENT]),
    minute=st.floats(3.0, EARLY - 0.5),
    topic=st.sampled_from([MetaTopic.INVITATION, MetaTopic.OTHER]),
    said=st.sampled_from([(), ("baseline_model",), ("offline_metric", "ab_test")]),
)
def test_an_offer_to_go_deeper_is_taken_with_a_question(phase, minute, topic, said):
    quotes = {s: f"my words on {s}" for s in said}
    offer = reading(K.META, meta=topic, offers_depth=True, signals=list(said), quotes=quotes)
    move = decide_after(state_in(phase, elapsed_minutes=minute - 0.5), offer, minute)
    # never "I'll ask as we go" with most of the time left: a follow-up or a gap
    assert move.kind == MoveKind.PROBE
    assert move.phase != Phase.WRAP_UP
    if said:  # on what they said, quoting them
        assert move.anchor in quotes.values()


def test_a_plain_question_about_the_interview_is_still_answered_as_such():
    move = decide_after(state_in(Phase.MODELING), reading(K.META, meta=MetaTopic.TIME_LEFT))
    assert move.kind == MoveKind.ANSWER_META


# ---------------------------------------------------------------- move on


@settings(max_examples=60, deadline=None)
@given(phase=st.sampled_from(DESIGN), minute=st.floats(3.0, 30.0))
def test_a_request_to_move_on_while_designing_moves_on(phase, minute):
    next_ = reading(K.META, meta=MetaTopic.NEXT)
    move = decide_after(state_in(phase, elapsed_minutes=minute - 0.5), next_, minute)
    assert move.kind == MoveKind.ADVANCE
    assert phase_index(move.phase) > phase_index(phase)
    assert move.phase != Phase.WRAP_UP


# ---------------------------------------------------------------- time notes


@settings(max_examples=60, deadline=None)
@given(phase=st.sampled_from(DESIGN), turns=st.integers(0, 30), minute=st.floats(1.0, 12.0))
def test_no_time_note_while_the_clock_is_on_schedule(phase, turns, minute):
    # the phase started on time and has used less than its own budget: however many
    # questions were asked, an answer never hurries the candidate
    started = max(0.0, minute - 2.0)
    state = state_in(phase, turns_in_phase=turns, phase_started_minute=started)
    state = state.model_copy(update={"elapsed_minutes": started})
    q = reading(K.CLARIFYING_QUESTION, fact_topics=["scale"])
    move = decide_after(state, q, started + 1.0)
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    assert move.steer is None


def test_a_design_answer_before_minute_35_never_wraps_up_while_points_are_left():
    state = state_in(Phase.DEPLOYMENT, elapsed_minutes=20, phase_started_minute=19)
    move = decide_after(state, answer("monitoring"), 21)
    assert move.kind != MoveKind.WRAP_UP and move.phase != Phase.WRAP_UP


# ---------------------------------------------------------------- the reader


@pytest.mark.parametrize(
    "text",
    [
        "That covers my whole design, end to end. Happy to go into more detail on any piece.",
        "That's the system end-to-end.",
    ],
)
def test_a_design_described_end_to_end_is_not_a_request_to_stop(text):
    assert read_on_card(text, "eta-prediction", Phase.DEPLOYMENT).kind != K.END_REQUEST


@pytest.mark.parametrize("text", ["Finished.", "Done.", "That's all from me."])
def test_saying_done_is_not_asking_to_stop(text):
    r = read_on_card(text, "eta-prediction", Phase.DEPLOYMENT)
    assert r.kind == K.END_REQUEST and not r.asks_to_stop


@pytest.mark.parametrize(
    "text",
    [
        "Let's end the interview here, please.",
        "I have to leave now, sorry.",
        "Let's stop here.",
    ],
)
def test_asking_to_stop_is_read_as_such(text):
    r = read_on_card(text, "eta-prediction", Phase.MODELING)
    assert r.kind == K.END_REQUEST and r.asks_to_stop


def test_an_offer_to_go_deeper_or_stop_is_an_offer():
    text = "I'm happy to dig into any part of that if you want, or we can stop."
    r = read_on_card(text, "eta-prediction", Phase.EVALUATION)
    assert r.kind != K.END_REQUEST and r.offers_depth


# ---------------------------------------------------------------- a whole interview


def test_a_fast_candidate_saying_done_at_minute_ten_hears_the_time_left_and_a_question():
    iv = interview_on(
        "eta-prediction",
        "Riders and dispatch call it; I'll assume a p99 budget of about 20 ms.",
        "Labels from completed trips: drop-off minus pickup time, logged at request time.",
        "Gradient-boosted trees on route, time-of-day and live traffic features.",
    )
    reply, move = reply_to(iv, "Done.")
    assert move.kind != MoveKind.WRAP_UP and not iv.finished
    assert "minutes" in reply and reply.rstrip().endswith("?")
    _, again = reply_to(iv, "Done.")
    assert again.kind == MoveKind.WRAP_UP
