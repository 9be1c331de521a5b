"""A follow-up's anchor is a decision the candidate stated, and its question fits that
decision (issue 10): where the quoted words decide something concrete, the question names
that decision (its verb and object, verbatim) instead of a line that fits any claim; a guess,
a fact or a belief gets no "what would make you change your mind?"; a push that points back
at "those <things>" is never asked where the candidate named no such things. Each on four
problems. Sentences written for these tests; expectations by hand."""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.reading import MessageKind, Reading
from agent.speak.decisions import decision_phrase
from agent.speak.offline import OfflineVoice
from agent.speak.points_back import points_back_at_unsaid
from tests.support.voice_fixtures import bank, context

# no signal read with any certainty: without the decision, a push that fits any claim
UNSURE = Reading(kind=MessageKind.ANSWER, signal_confidence={})
PROBE = Move(kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", rule="probe.touched")


def _say(problem: str, sentence: str, seed: int, reading: Reading = UNSURE, target=None) -> str:
    move = PROBE.model_copy(update={"anchor": sentence.rstrip("."), "target": target})
    ctx = context(move, reading=reading, seed=seed, card_id=problem)
    return OfflineVoice().render(ctx.model_copy(update={"candidate_text": sentence}))


DECISIONS = [
    (
        "rider-driver-matching",
        "I'd use min-cost flow on the sparse candidate graph, because each request has few edges.",
        "use min-cost flow on the sparse candidate graph",
    ),
    (
        "news-feed-ranking",
        "We'll keep a long-term holdout of a small share of users on the old ranker.",
        "keep a long-term holdout of a small share of users",
    ),
    (
        "video-recommendation",
        "I would rank the shelf by predicted watch time per impression, since clicks alone "
        "reward clickbait.",
        "rank the shelf by predicted watch time per impression",
    ),
    (
        "eta-prediction",
        "Let's train a gradient-boosted model on the residual of the router ETA.",
        "train a gradient-boosted model",
    ),
]


@pytest.mark.parametrize(("problem", "sentence", "decision"), DECISIONS)
def test_the_decision_the_words_make_is_read_from_them(problem, sentence, decision):
    assert decision_phrase(sentence) == decision


@pytest.mark.parametrize(("problem", "sentence", "decision"), DECISIONS)
def test_a_follow_up_names_the_candidates_decision(problem, sentence, decision):
    stock = [*bank().deepen_any, *bank().deepen_observation]
    for seed in range(4):
        said = _say(problem, sentence, seed)
        assert f'"{decision}"' in said, said
        assert not any(q in said for q in stock), said


@pytest.mark.parametrize(
    ("problem", "sentence"),
    [
        ("rider-driver-matching", "I'm guessing drivers can turn an offer down."),
        ("video-recommendation", "NDCG gives more weight to getting the top slots right."),
        ("ad-click-prediction", "Downsampling negatives inflates the predicted click rate."),
        ("fraud-detection", "Chargebacks can take weeks to arrive after the payment."),
    ],
)
def test_words_that_decide_nothing_are_not_asked_to_be_reconsidered(problem, sentence):
    assert decision_phrase(sentence) is None
    for seed in range(6):
        said = _say(problem, sentence, seed)
        assert "change your mind" not in said, said


@pytest.mark.parametrize(
    ("problem", "sentence", "target", "push"),
    [
        (
            "news-feed-ranking",
            "Also keep a long-term holdout of a small share of users on the old ranker.",
            "staged_rollout",
            "Why those stages, and what would you learn at each one?",
        ),
        (
            "news-feed-ranking",
            "A comment should weigh more than a like in the label.",
            "aggregate_features",
            "What does keeping those counters fresh cost in the serving pipeline?",
        ),
        (
            "video-recommendation",
            "Hold back one percent of users as a permanent control group.",
            "staged_rollout",
            "Why those stages, and what would you learn at each one?",
        ),
        (
            "game-recommendation",
            "Weight a purchase higher than a wishlist add when we build the label.",
            "aggregate_features",
            "What does keeping those counters fresh cost in the serving pipeline?",
        ),
    ],
)
def test_a_push_on_those_things_is_not_asked_where_none_were_named(problem, sentence, target, push):
    assert points_back_at_unsaid(push, sentence)
    sure = Reading(kind=MessageKind.ANSWER, signal_confidence={target: 0.99})
    for seed in range(8):
        assert push not in _say(problem, sentence, seed, sure, target)


@pytest.mark.parametrize(
    ("push", "sentence"),
    [
        (
            "Why those stages, and what would you learn at each one?",
            "Shadow first, then a 1% canary, then ramp up in stages over a week.",
        ),
        (
            "What does keeping those counters fresh cost in the serving pipeline?",
            "We keep rolling counters of clicks per item over 1 hour and 7 days.",
        ),
        (
            "Which of those assumptions is your design most sensitive to?",
            "I'll assume 50 million users and a 100 ms budget.",
        ),
        (
            "How well do those labels match what you actually want to predict, rather than a "
            "convenient proxy?",
            "Anything the moderators labelled as harmful is a positive.",
        ),
    ],
)
def test_a_push_on_those_things_is_kept_where_they_were_named(push, sentence):
    assert not points_back_at_unsaid(push, sentence)
