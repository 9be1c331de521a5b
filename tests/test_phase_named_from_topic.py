"""The phase a line names is the phase of what the candidate's last messages are about, not
where a counter left the interview (issue 10): one signal of a later phase, read in an answer
about something else, does not take the interview to deployment (so "we're on deployment"
is not said four minutes in, before any model); two of its signals, or a previous answer on
it too, do; and a question about the job asked while the candidate is on the model is
answered with "we're on the model", wherever the interview's phase was. Expectations by
hand; the voice tests on four problems."""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.reading import MessageKind, MetaTopic
from agent.speak.offline import OfflineVoice
from tests.support.policy_fixtures import answer, decide_after, fresh, reading, state_in
from tests.support.voice_fixtures import context


def test_one_later_signal_in_an_answer_does_not_move_the_interview_there() -> None:
    state = fresh(fact_topics_asked=["scale"])
    move = decide_after(state, answer("serving"))
    assert move.kind == MoveKind.PROBE and move.target == "serving"
    assert move.phase == Phase.CLARIFY


def test_two_signals_of_a_later_phase_take_the_interview_with_the_candidate() -> None:
    state = fresh(fact_topics_asked=["scale"])
    move = decide_after(state, answer("serving", "monitoring"))
    assert move.phase == Phase.DEPLOYMENT


def test_a_second_answer_on_the_same_later_phase_takes_the_interview_there() -> None:
    state = fresh(fact_topics_asked=["scale"], last_answer_signals=["drift"])
    move = decide_after(state, answer("serving"))
    assert move.kind == MoveKind.PROBE and move.phase == Phase.DEPLOYMENT


def test_an_off_topic_aside_after_one_later_signal_names_where_we_are() -> None:
    state = fresh(fact_topics_asked=["scale"])
    pushed = decide_after(state, answer("serving"))
    after = fresh(fact_topics_asked=["scale"], phase=pushed.phase, last_answer_signals=["serving"])
    steer = decide_after(after, reading(MessageKind.OFF_TOPIC))
    assert steer.target != Phase.DEPLOYMENT.value


def test_a_job_question_while_on_the_model_names_the_model() -> None:
    state = state_in(
        Phase.FEATURES,
        fact_topics_asked=["scale"],
        last_answer_signals=["baseline_model", "model_choice"],
    )
    move = decide_after(state, reading(MessageKind.META, meta=MetaTopic.JOB))
    assert move.kind == MoveKind.ANSWER_META
    assert move.phase == Phase.FEATURES  # the interview's phase moves only by its own rules
    assert move.named_phase == Phase.MODELING


def test_a_job_question_on_the_phase_the_interview_is_in_names_no_other() -> None:
    state = state_in(
        Phase.FEATURES,
        fact_topics_asked=["scale"],
        last_answer_signals=["feature_groups", "embedding_features"],
    )
    move = decide_after(state, reading(MessageKind.META, meta=MetaTopic.JOB))
    assert move.named_phase is None


@pytest.mark.parametrize(
    "card_id", ["people-you-may-know", "video-search", "fraud-detection", "eta-prediction"]
)
def test_the_line_names_the_candidates_phase(card_id: str) -> None:
    move = Move(
        kind=MoveKind.ANSWER_META,
        phase=Phase.FEATURES,
        reason="r",
        target=MetaTopic.JOB.value,
        named_phase=Phase.MODELING,
    )
    lines = {OfflineVoice().render(context(move, seed=seed, card_id=card_id)) for seed in range(8)}
    named = [line for line in lines if "we're on" in line.lower()]
    assert named, lines
    assert all("the model and metrics" in line for line in named), named
    assert not any("we're on features" in line.lower() for line in named), named


def test_a_job_question_never_names_an_earlier_part_than_the_interview_is_on() -> None:
    state = state_in(
        Phase.DEPLOYMENT,
        fact_topics_asked=["scale"],
        last_answer_signals=["label_source", "data_sources"],
    )
    move = decide_after(state, reading(MessageKind.META, meta=MetaTopic.JOB))
    assert move.named_phase is None and move.phase == Phase.DEPLOYMENT
