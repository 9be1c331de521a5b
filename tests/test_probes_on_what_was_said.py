"""A follow-up asks only about what this candidate said, on an angle that fits it, and a
challenge only where the sentence makes the mistake (issue 10): a multi-task model is not
asked about feature-interaction layers, a candidate-generation stage built from the graph is
not asked how its encoder is retrained, a design that reweights clicks by propensity is not
asked which position it plugs in at serving, labels kept for evaluation are not asked about
their delay to training; a plan for new items is not challenged as ignoring cold start. Each
kind on at least four problems, with a positive control where the technique was named.
Sentences written for these tests; expectations by hand."""

from __future__ import annotations

import re

import pytest

from agent.content.bundle import load_content
from agent.content.follow_ups import load_follow_ups
from agent.content.misconceptions import load_repairs
from agent.content.phases import Phase
from agent.decide.moves import Move, MoveKind, SteerKind
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, ReadContext, Reading
from agent.settings import get_settings
from agent.speak.offline import OfflineVoice
from agent.understanding.corpus import corpus_dir, load_split
from tests.support.interview_fixtures import new_interview
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


# ------------------------------------------------------------ challenges


@pytest.mark.parametrize(
    "sentence",
    [
        "For new members the online path needs a separate cold-start branch built on profile "
        "fields.",
        "Brand-new listings fall back to popularity in their neighbourhood until they collect "
        "a few bookings.",
        "Fresh videos get a small boost for their first day so they can collect some clicks.",
        "New advertisers start from content features of the ad text until their ids have history.",
    ],
)
def test_a_plan_for_new_items_states_the_sound_practice(sentence: str) -> None:
    assert load_repairs().states_sound_practice("ignores_cold_start", sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Cold start isn't a concern here, nearly everyone has a long history.",
        "New users don't matter much, so I skip any fallback for them.",
        "We don't need a cold-start strategy with this much data.",
        "I'd ignore new items and not bother with a boost.",
    ],
)
def test_dismissing_cold_start_is_not_read_as_a_plan(sentence: str) -> None:
    assert not load_repairs().states_sound_practice("ignores_cold_start", sentence)


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (
            "video-search",
            "New videos won't have views yet, so they'd rank low. I'd give them a boost for "
            "their first day.",
        ),
        (
            "people-you-may-know",
            "Cold start for new members: there is no graph yet, so the online path needs a "
            "separate cold-start branch using the address book and employer.",
        ),
        (
            "video-recommendation",
            "A brand-new upload has no watch history, so it falls back to content features "
            "and a small exploration slot.",
        ),
        (
            "news-feed-ranking",
            "New accounts have no engagement history, so their feed falls back to popular "
            "posts from the accounts they followed at sign-up.",
        ),
    ],
)
def test_a_plan_for_cold_start_is_not_challenged(problem: str, message: str) -> None:
    iv = new_interview(problem)
    iv.start()
    iv.respond("How many users do we have, roughly?")
    iv.respond(message)
    move = iv.transcript.turns[-1].move
    assert not (move.steer == SteerKind.WRONG_CLAIM and move.target == "ignores_cold_start"), move


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


# ------------------------------------------------------------ the claim's act in the sentence


def test_every_sentence_labelled_with_a_claim_names_its_subject() -> None:
    catalog = load_content().misconceptions
    labelled = [
        (claim, item.text)
        for split in ("train", "dev")
        for item in load_split(corpus_dir() / split).sentences
        for claim in (item.wrong_claims or [])
        if claim in {m.id for m in catalog.misconceptions if m.subject}
    ]
    assert labelled
    assert [(c, t) for c, t in labelled if not catalog.get(c).names_subject(t)] == []


@pytest.mark.parametrize(
    ("problem", "sentence"),
    [
        (
            "video-search",
            "For testing I'd hold out a random tenth of queries and report NDCG on it.",
        ),
        (
            "fraud-detection",
            "At the end the model is scored on the test month for the launch review.",
        ),
        ("eta-prediction", "We report mean absolute error on the test trips from the last week."),
        ("news-feed-ranking", "Offline, the test days give us AUC and NDCG for the write-up."),
    ],
)
def test_a_test_set_only_scored_is_not_read_as_tuned_on(problem: str, sentence: str) -> None:
    assert "tune_on_test_set" not in _read(sentence, problem).misconceptions


@pytest.mark.parametrize(
    ("problem", "sentence"),
    [
        (
            "video-search",
            "I'd try a few learning rates and keep whichever gives the best NDCG on the test set.",
        ),
        (
            "fraud-detection",
            "We pick the decision threshold that maximises recall on the test month.",
        ),
    ],
)
def test_choosing_on_the_test_set_still_names_the_subject(problem: str, sentence: str) -> None:
    assert load_content().misconceptions.get("tune_on_test_set").names_subject(sentence)
