"""The candidate's lead honoured (issue 10). A request to move on leaves the part it is made
in: with nothing left ahead and too early to close, it is not answered with another question
on that part but with what another part still lacks; in the last design part, a request that
names the part as done ("I'd say this covers serving") likewise (Reading.parts_done). An
answer that says where the candidate goes now, even back, is followed there
(Reading.goes_to), and going with a candidate does not announce a part. Policy expectations
on the toy content, reader expectations on the shipped phase names; every expectation
written by hand."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import MoveKind
from agent.read.agenda import part_gone_to, parts_done
from agent.read.lexicon import default_lexicon
from agent.read.reading import MessageKind, MetaTopic
from agent.understanding.sentences import normalise
from tests.support.policy_fixtures import decide_after, reading, state_in
from tests.support.voice_fixtures import bank

# every part heard in full but training's retraining, the data's sources and the slices of
# the evaluation, a part the interview was never in (the candidate covered it in passing)
HEARD = [
    "asks_scale",
    "asks_latency",
    "asks_business_goal",
    "states_assumptions",
    "label_source",
    "handles_imbalance",
    "feature_groups",
    "embedding_features",
    "baseline_model",
    "model_choice",
    "offline_metric",
    "time_split",
    "ab_test",
    "serving",
    "monitoring",
    "drift",
]
DEPLOYMENT_SIGNALS = {"serving", "monitoring", "drift"}
NEVER_ENTERED = {"time_split", "retraining", "ab_test", "slices"}  # training, evaluation


def _request(**kw: object) -> object:
    return reading(MessageKind.META, meta=MetaTopic.NEXT, **kw)


def test_moving_on_with_nothing_ahead_asks_about_another_part_not_the_one_left() -> None:
    """Minute 14, on training, every later part heard enough: "can we move on?" cannot close
    yet, and the training question it would have had is the part the candidate asked to
    leave; the point still missing from the evaluation, a part the interview was never in,
    comes instead, not one of the data, which already had its turn."""
    state = state_in(
        Phase.TRAINING, elapsed_minutes=14.0, phase_started_minute=11.0, signals_seen=HEARD
    )
    move = decide_after(state, _request())
    assert move.kind == MoveKind.PROBE
    assert move.target == "slices"
    assert move.anchor is None  # not a push on the words of the request


def test_moving_on_from_the_last_part_named_as_done_asks_about_another_part() -> None:
    """Minute 22, on deployment with monitoring unheard, training and evaluation never
    entered: a plain request is asked what the part still lacks
    (tests/test_policy_move_on.py), but one that says this part is done goes to what a part
    never entered lacks."""
    visited = [Phase.CLARIFY, Phase.DATA, Phase.FEATURES, Phase.MODELING, Phase.DEPLOYMENT]
    state = state_in(
        Phase.DEPLOYMENT,
        elapsed_minutes=22.0,
        signals_seen=["asks_scale", "asks_latency", "asks_business_goal", "serving"],
        turns_in_phase=2,
    ).model_copy(update={"phases_visited": visited})
    plain = decide_after(state, _request())
    assert plain.target in ("monitoring", "drift")
    done = decide_after(state, _request(parts_done=[Phase.DEPLOYMENT]))
    assert done.kind == MoveKind.PROBE
    assert done.target in NEVER_ENTERED
    # with every part already entered, nothing is pulled back: what this part lacks
    entered = state.model_copy(
        update={"phases_visited": [*visited, Phase.TRAINING, Phase.EVALUATION]}
    )
    again = decide_after(entered, _request(parts_done=[Phase.DEPLOYMENT]))
    assert again.target in ("monitoring", "drift")


@pytest.mark.parametrize(
    ("message", "current", "done"),
    [
        ("Shall we go on? I'd say this covers serving.", Phase.DEPLOYMENT, [Phase.DEPLOYMENT]),
        ("Next part? We've said what I know on the model.", Phase.DATA, [Phase.MODELING]),
        ("Next part? I have done this bit, I think.", Phase.TRAINING, [Phase.TRAINING]),
        ("That's enough about rollout. Next?", Phase.DEPLOYMENT, [Phase.DEPLOYMENT]),
        ("Can we move on?", Phase.TRAINING, []),
        ("Can we move on to serving?", Phase.TRAINING, []),
    ],
)
def test_the_parts_a_message_names_as_done(message: str, current: Phase, done: list[Phase]) -> None:
    sentences = [normalise(s) for s in message.split("? ")]
    assert parts_done(sentences, load_content().plan, default_lexicon(), current) == done


def test_an_answer_that_says_it_goes_back_to_an_uncovered_part_is_followed_there() -> None:
    """A candidate who designed serving and features first says they go back to the data
    now: when the interview moves on, it goes to the data with them, not on to the model."""
    state = state_in(
        Phase.FEATURES,
        elapsed_minutes=11.0,
        phase_started_minute=5.0,
        signals_seen=["asks_scale", "asks_latency", "feature_groups", "embedding_features"],
        probed_targets=["feature_groups", "embedding_features"],
        probes_in_phase=2,
        turns_in_phase=5,
    )
    back = reading(MessageKind.ANSWER, word_count=20, goes_to=Phase.DATA)
    move = decide_after(state, back)
    assert move.kind == MoveKind.ADVANCE and move.phase == Phase.DATA
    # the same moment without those words: on to the next part, never back
    plain = decide_after(state, reading(MessageKind.ANSWER, word_count=20))
    assert plain.kind == MoveKind.ADVANCE and plain.phase == Phase.MODELING


@pytest.mark.parametrize(
    ("message", "part"),
    [
        ("Next I'll go back to the labelling, I left it out.", Phase.DATA),
        ("Let me come back to the data for a minute.", Phase.DATA),
        ("Then I'll go to serving.", Phase.DEPLOYMENT),
        ("The requests go to the model server.", None),
        ("I'd retrain the model weekly.", None),
    ],
)
def test_the_part_a_candidate_says_they_go_to(message: str, part: Phase | None) -> None:
    plan, lexicon = load_content().plan, default_lexicon()
    assert part_gone_to([normalise(message)], plan, lexicon) == part


def test_going_with_the_candidate_never_names_the_whole_part() -> None:
    """Following a candidate who moved on by themselves, the line pushes on their words and
    does not announce a part ("we can talk about deployment and monitoring now"): they are
    already on it, and a phase's title for what they call serving reads as a jump."""
    for line in bank().follow:
        assert "{phase_title}" not in line and "{anchor}" in line
