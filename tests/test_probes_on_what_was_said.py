"""A follow-up asks only about what this candidate said, on an angle that fits it (issue
10): a multi-task model is not asked about feature-interaction layers, a candidate-generation
stage built from the graph is not asked how its encoder is retrained, a design that reweights
clicks by propensity is not asked which position it plugs in at serving, labels kept for
evaluation are not asked about their delay to training, and a question the candidate asked is
never quoted as their claim. Each kind on at least four problems, with a positive control
where the technique was named (challenges: tests/test_challenges_on_the_sentence.py).
Sentences written for these tests; expectations by hand."""

from __future__ import annotations

import re

import pytest

from agent.content.bundle import load_content
from agent.content.follow_ups import load_follow_ups
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, ReadContext, Reading
from agent.settings import get_settings
from agent.speak.offline import OfflineVoice
from tests.support.voice_fixtures import context

SEEDS = range(12)
INTERACTION = "interaction layers"
ENCODER = re.compile(r"retrain the encoder|rebuild the index|in-batch, random, or hard")
AT_SERVING = "plug in at serving"
DELAY_TO_TRAINING = "what does that delay do to training"


def _said(card_id: str, message: str, *, target: str | None = None) -> set[str]:
    """Every follow-up the offline voice says on the whole message, over several seeds."""
    move = Move(
        kind=MoveKind.PROBE, phase=Phase.MODELING, reason="r", target=target, anchor=message
    )
    out = set()
    for seed in SEEDS:
        ctx = context(move, seed=seed, card_id=card_id).model_copy(
            update={
                "candidate_text": message,
                "reading": Reading(kind=MessageKind.ANSWER, signal_confidence={}),
            }
        )
        out.add(OfflineVoice().render(ctx))
    return out


# ------------------------------------------------------------ what the design presumes


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        (
            "video-recommendation",
            "The ranker is a multi-task network with a head for clicks and a head for watch "
            "time, about 15 ms per request.",
        ),
        (
            "news-feed-ranking",
            "I'd train one multitask model on a shared bottom, predicting likes, comments and "
            "hides, within 30 ms.",
        ),
        (
            "video-search",
            "The second stage is a deep model with multi-task heads for click and satisfied "
            "click, 20 ms at p99.",
        ),
        (
            "event-recommendation",
            "A multi-task ranker scores each event for both the RSVP and actually showing up, "
            "in about 10 milliseconds.",
        ),
    ],
)
def test_a_multi_task_model_is_not_asked_about_interaction_layers(
    card_id: str, message: str
) -> None:
    said = _said(card_id, message)
    assert not any(INTERACTION in line for line in said), said
    assert all(line.strip() for line in said)


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        (
            "ad-click-prediction",
            "I'd use a DCN, with a cross network over the sparse ad and user features.",
        ),
        (
            "news-feed-ranking",
            "A wide and deep model, the wide part memorising crosses and the deep part "
            "generalising.",
        ),
    ],
)
def test_a_feature_interaction_network_still_gets_its_questions(card_id: str, message: str) -> None:
    technique = {t.id for t in load_follow_ups(get_settings().knowledge_dir).named_in(message)}
    assert technique == {"deep_interaction_models"}


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        (
            "people-you-may-know",
            "Candidate generation pulls friends of friends and people from the same employer.",
        ),
        (
            "video-search",
            "The retrieval stage is the existing BM25 index over titles and tags, returning a "
            "few hundred videos.",
        ),
        (
            "event-recommendation",
            "For candidate generation I take events in the user's city within the next two weeks.",
        ),
        (
            "news-feed-ranking",
            "Candidate generation is simply every post from followed accounts in the last two "
            "days.",
        ),
    ],
)
def test_a_shortlist_without_an_encoder_is_not_asked_about_retraining_one(
    card_id: str, message: str
) -> None:
    said = _said(card_id, message)
    assert not any(ENCODER.search(line) for line in said), said


def test_a_learned_retrieval_model_is_still_asked_about_its_encoder() -> None:
    message = (
        "Retrieval is a two-tower model over query and video embeddings, served from an HNSW index."
    )
    said = _said("video-search", message)
    assert any(ENCODER.search(line) for line in said), said


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        (
            "video-search",
            "Position bias is real, so I'd randomise the top slots on a sliver of traffic and "
            "weight clicks by inverse propensity.",
        ),
        (
            "news-feed-ranking",
            "To handle position bias we reweight each logged impression by one over its "
            "estimated examination probability.",
        ),
        (
            "ad-click-prediction",
            "There's position bias in the logs, and I'd correct for it with propensity "
            "weights estimated from a randomised bucket.",
        ),
        (
            "video-recommendation",
            "Position bias gets handled with inverse propensity weighting on the training "
            "examples.",
        ),
    ],
)
def test_reweighting_for_position_is_not_asked_which_position_is_served(
    card_id: str, message: str
) -> None:
    said = _said(card_id, message)
    assert not any(AT_SERVING in line for line in said), said


def test_position_as_an_input_is_asked_which_position_is_served() -> None:
    message = "I'd feed position as a feature through a shallow tower, to soak up position bias."
    said = _said("news-feed-ranking", message)
    assert any(AT_SERVING in line for line in said), said


@pytest.mark.parametrize(
    ("card_id", "message"),
    [
        (
            "video-search",
            "Human raters grade a sample of results each month; far too few to train on, so "
            "they are only for evaluation.",
        ),
        (
            "fraud-detection",
            "Analysts review a few hundred cases a week, and I keep those reviews for offline "
            "evaluation of the model.",
        ),
        (
            "harmful-content-detection",
            "The expert-labelled set is small, so I use it to evaluate, while training runs "
            "on user reports.",
        ),
        (
            "people-you-may-know",
            "A small panel of hand-judged suggestions is there to audit the acceptance "
            "labels, not to train the model.",
        ),
    ],
)
def test_labels_kept_for_evaluation_are_not_asked_about_their_delay_to_training(
    card_id: str, message: str
) -> None:
    said = _said(card_id, message, target="label_source")
    assert not any(DELAY_TO_TRAINING in line for line in said), said


# ------------------------------------------------------------ one negation rule


def test_named_in_and_said_share_one_negation_rule() -> None:
    follow_ups = load_follow_ups(get_settings().knowledge_dir)
    # a negation does not reach across a sentence end
    assert [
        t.id for t in follow_ups.named_in("No SMOTE. Downsample negatives, keep every positive.")
    ] == ["negative_downsampling"]
    assert [t.id for t in follow_ups.named_in("Not this week. LightGBM first.")] == ["gbdt"]
    # a technique set aside at first and then used is used
    assert [
        t.id
        for t in follow_ups.named_in("Not XGBoost for the retrieval, but XGBoost for the ranker.")
    ] == ["gbdt"]
    # set aside only: not named
    assert follow_ups.named_in("I would not use gradient boosted trees here.") == []


# ------------------------------------------------------------ a question is no claim


def _read(text: str, problem: str) -> Reading:
    content = load_content()
    ctx = ReadContext(phase=Phase.DATA, card=content.problems.get(problem), rubric=content.rubric)
    return OfflineReader().read(text, ctx)


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (
            "people-you-may-know",
            "Impressions with no action are weak negatives. And about the product: do we show "
            "a reason with each suggestion, like ten mutual connections? Can the member "
            "dismiss a suggestion?",
        ),
        (
            "video-search",
            "Clicks with a long watch are my positives. Do we log which results were shown "
            "but skipped, or only the clicks?",
        ),
        (
            "fraud-detection",
            "Chargebacks are the labels. Do analysts also mark cases as fraud before the "
            "chargeback arrives, and how quickly?",
        ),
        (
            "eta-prediction",
            "The label is the actual trip duration. Do we keep the GPS trace of each trip, or "
            "only the pickup and drop-off times?",
        ),
    ],
)
def test_the_follow_up_never_quotes_a_question(problem: str, message: str) -> None:
    focus = _read(message, problem).focus
    assert focus is None or not focus.lower().startswith(("do ", "can ", "and about")), focus
