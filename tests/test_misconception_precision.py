"""The interviewer must not challenge correct statements: sound practice that shares words
with a misconception (a random control group, randomised A/B assignment, shuffled
mini-batches) is not a wrong claim, while the real mistakes still are."""

from __future__ import annotations

import pytest

from agent import catalog
from agent.misconceptions import MisconceptionDetector, default_misconceptions

SOUND = [
    "There is selection bias: declined transactions never get an outcome, so I would keep a "
    "small random holdout that bypasses the rules.",
    "In the A/B test I would randomly assign users to control and treatment, bucketed by user id.",
    "I would shuffle the training examples within each epoch and use mini-batches of 512.",
    "I split by time: train on the first eight weeks of logs and test on the ninth week.",
    "Accuracy would be misleading with 0.1% fraud, so I report PR-AUC and recall at a fixed "
    "precision instead.",
    "For the online experiment, users are randomly assigned to arms and we wait two full weeks.",
]

WRONG = [
    (
        "I would randomly split the transactions 80/20 into train and test.",
        "random_split_time_ordered",
    ),
    (
        "We measure accuracy on the test set, and if it is above 99% we ship it.",
        "accuracy_on_imbalanced",
    ),
]


@pytest.fixture(scope="module")
def detector() -> MisconceptionDetector:
    return MisconceptionDetector(default_misconceptions())


@pytest.mark.parametrize("text", SOUND)
def test_sound_practice_is_not_challenged(detector: MisconceptionDetector, text: str) -> None:
    card = catalog.problems().get("fraud-detection")
    assert detector.detect(text, card=card) == []


@pytest.mark.parametrize(("text", "expected"), WRONG)
def test_real_mistakes_are_still_caught(
    detector: MisconceptionDetector, text: str, expected: str
) -> None:
    card = catalog.problems().get("fraud-detection")
    assert expected in detector.detect(text, card=card)
