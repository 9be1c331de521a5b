"""A challenge needs the claim read in the candidate's own sentence, on a problem where it
is wrong, at a bar chosen on dev (issue 10): a wrong claim in fresh wording is challenged; a
correct statement of the same topic (the right metric, a time split, a gate before an
experiment, a plan for new items) is not; a claim that does not apply to the problem is not.
Each on four or more problems. Sentences written for these tests; expectations by hand."""

from __future__ import annotations

import numpy as np
import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.offline import OfflineReader
from agent.read.reading import ReadContext, Reading
from agent.understanding.model import default_model


def _read(text: str, problem: str) -> Reading:
    content = load_content()
    ctx = ReadContext(
        phase=Phase.EVALUATION, card=content.problems.get(problem), rubric=content.rubric
    )
    return OfflineReader().read(text, ctx)


@pytest.mark.parametrize(
    ("problem", "message", "claim"),
    [
        (
            "fraud-detection",
            "For the report I'll give plain accuracy on the held-out month, since that is "
            "what the business understands.",
            "accuracy_on_imbalanced",
        ),
        (
            "news-feed-ranking",
            "I'd shuffle every impression we logged and keep a random tenth of them aside "
            "as the test set.",
            "random_split_time_ordered",
        ),
        (
            "game-recommendation",
            "New games need nothing special from us; the model will figure them out once "
            "they get some plays.",
            "ignores_cold_start",
        ),
        (
            "eta-prediction",
            "To see how good the ETA model is, I'd report its accuracy on the test trips.",
            "classification_metric_for_regression",
        ),
        (
            "ad-click-prediction",
            "If the new model's log loss is lower offline, we replace the old one for all "
            "traffic, no experiment needed.",
            # the sentence makes two mistakes: no online test, and everyone at once
            "skip_online_test|full_rollout_at_once",
        ),
    ],
)
def test_a_wrong_claim_in_fresh_words_is_challenged(problem: str, message: str, claim: str):
    reading = _read(message, problem)
    found = set(claim.split("|")) & set(reading.misconceptions)
    assert found, reading.misconceptions
    assert all(reading.claim_quotes[c] in message for c in found)  # their statement quoted


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (
            "fraud-detection",
            "With this little fraud, accuracy would tell us nothing, so I'd report PR-AUC "
            "and the recall we get at 90% precision.",
        ),
        (
            "news-feed-ranking",
            "Train on the first three weeks of impressions and test on the week after, so "
            "nothing from the future leaks into training.",
        ),
        (
            "game-recommendation",
            "New games start from their genre and publisher features plus a small "
            "exploration slot until they collect plays.",
        ),
        (
            "eta-prediction",
            "I'd report the mean absolute error in seconds and the 90th-percentile error on "
            "the test trips.",
        ),
        (
            "video-recommendation",
            "We split by time: older days for training, the most recent day for testing.",
        ),
    ],
)
def test_a_correct_statement_of_the_same_topic_is_not_challenged(problem: str, message: str):
    assert _read(message, problem).misconceptions == []


def test_an_offline_gate_before_an_experiment_is_not_challenged():
    message = (
        "Offline log loss only decides which models get into an experiment; whether one "
        "ships is decided by the A/B test."
    )
    assert _read(message, "ad-click-prediction").misconceptions == []


@pytest.mark.xfail(
    strict=True,
    reason="the wrong-claim head reads a gate put as 'they don't decide what launches' as the "
    "claim that offline results are enough (0.99 on the shipped weights); the corpus has no "
    "such gate as the right practice yet (a corpus change and a retrain)",
)
def test_a_gate_said_with_a_negation_is_not_challenged():
    message = (
        "The offline numbers choose which rankers earn an experiment, but they don't decide "
        "what launches."
    )
    assert _read(message, "news-feed-ranking").misconceptions == []


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        # accuracy is fine where classes are balanced and nothing is ranked: no card of that
        # kind rules it wrong (the claim's applies_when)
        ("street-view-blurring", "I'd track how many frames the pipeline processes per hour."),
        # a question to the interviewer states no claim (a direct question has none at
        # read time, whatever the claim head reads in its words: agent/understanding/asking.py)
        ("news-feed-ranking", "Would a random split of the impressions be acceptable here?"),
        ("rider-driver-matching", "Is accuracy something you'd want reported for the ETA?"),
        ("fraud-detection", "Should I report accuracy, or is there a better metric here?"),
    ],
)
def test_no_challenge_without_a_statement_of_the_claim_on_this_problem(problem, message):
    assert _read(message, problem).misconceptions == []


def test_a_challenge_bar_below_the_crediting_bar_must_keep_its_precision():
    """Four claim sentences by hand: a sure claim (0.95) and a true claim the head reads at
    0.6, both passing the checks; a false reading at 0.45 that passes them too; and a false
    reading at 0.7 in a question. Crediting bars at 0.9 challenge 1 of 1 right (1.0). Any bar
    above 0.45 and up to 0.6 challenges 2 right of 2 (1.0); at 0.45 or below the false one
    comes in (2 of 3): the bar is the lowest grid bar above 0.45."""
    from agent.content.misconceptions import default_misconceptions, load_repairs
    from agent.understanding.challenge_bar import ClaimSentence, choose_challenge_bar

    claim = "skip_baseline"  # no subject, no sound practice, no problem condition
    labels = [claim]
    sentences = [
        ClaimSentence("We go straight to the deep model.", frozenset({claim}), None, False),
        ClaimSentence("No need for a simple model first.", frozenset({claim}), None, False),
        ClaimSentence("We retrain the ranker every week.", frozenset(), None, False),
        ClaimSentence("Do we need a baseline at all?", frozenset(), None, True),
    ]
    p = np.array([[0.95], [0.6], [0.45], [0.7]])
    crediting = p >= 0.9
    bar, figures = choose_challenge_bar(
        p, labels, crediting, sentences, default_misconceptions(), load_repairs(), {}, 0.875
    )
    assert bar is not None and 0.45 < bar <= 0.6 and bar < 0.45 + 0.05
    assert figures["challenge_recall"] == 1.0 and figures["crediting_recall"] == 0.5


def test_the_shipped_weights_challenge_only_at_the_crediting_bars():
    """No lower bar kept the crediting bars' precision on dev for the shipped head (see
    challenge_bar.py): a claim under the crediting bar is not challengeable."""
    head = default_model().head("wrong_claims")
    assert head.info.challenge_threshold is None
    under = np.full((1, len(head.labels)), 0.0)
    under[0, head.labels.index("random_split_time_ordered")] = head.info.threshold - 0.1
    assert not head.challengeable(under).any()
