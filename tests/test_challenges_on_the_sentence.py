"""A challenge only where the sentence read as the claim makes it (issue 10): a plan for
what has no history yet (a boost, a fallback, content features, a cold-start path) is not
challenged as ignoring cold start, and a sentence that only scores on a test split is not
challenged as tuning on it (the claim's subject, something chosen, must be in the sentence).
Each on four problems, with the mistake itself still read. Sentences written for these
tests; expectations by hand."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.misconceptions import load_repairs
from agent.content.phases import Phase
from agent.decide.moves import SteerKind
from agent.read.offline import OfflineReader
from agent.read.reading import ReadContext, Reading
from agent.understanding.corpus import corpus_dir, load_split
from tests.support.interview_fixtures import new_interview


def _read(text: str, problem: str) -> Reading:
    content = load_content()
    ctx = ReadContext(phase=Phase.DATA, card=content.problems.get(problem), rubric=content.rubric)
    return OfflineReader().read(text, ctx)


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


# ------------------------------------------------------------ the claim's act in the sentence


def test_every_sentence_labelled_with_a_claim_makes_its_act() -> None:
    catalog = load_content().misconceptions
    labelled = [
        (claim, item.text)
        for split in ("train", "dev")
        for item in load_split(corpus_dir() / split).sentences
        for claim in (item.wrong_claims or [])
        if claim in {m.id for m in catalog.misconceptions if m.subject}
    ]
    assert labelled
    assert [(c, t) for c, t in labelled if not catalog.get(c).made_in(t)] == []


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
