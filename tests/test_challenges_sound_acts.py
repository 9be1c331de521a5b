"""A challenge needs the act its mistake is about, and a push needs what it presumes (issue
10: never challenge what is sound; pushes that fit what was said).

- A random split is a split of data for evaluation (`subject`, knowledge/misconceptions.yaml):
  a random sample drawn for reviewers is not one.
- Accuracy on a numeric target, or on rare positives, needs a metric that counts predictions
  right or wrong: a remark about how the model will do on a slice names none.
- A per-user test where users interact is not challenged where the message says what the
  interaction does to it, or randomises whole cities by time (`sound_practice`,
  knowledge/grading/repairs.yaml); labels graded with the later outcome on top are not
  "clicks only"; new items given a content-based embedding are not left to cold start.
- A technique's push that points back at "those thresholds" is not asked where no threshold
  was said; "how long would it take to give a clear answer" only of a test run on traffic;
  "would more data help?" not of a store's size.

Every message here was written for this file (none is a line of a judged batch), on four
problems (harmful-content-detection, eta-prediction, similar-listings, fraud-detection);
expectations by hand. Each sound message is checked twice: end to end (no claim on the card),
and against the catalogue alone, for the claim the model read in it when the test was
written (the heads refit at 383f906 no longer read three of them as the claim, so the
end-to-end check alone would no longer test the catalogue).
"""

from __future__ import annotations

import pytest

from tests.support.card_reading import claim_stands_if_read, claims_on_card

SPLIT = "random_split_time_ordered"
ACCURACY = "accuracy_on_imbalanced"
REGRESSION_METRIC = "classification_metric_for_regression"
INTERFERENCE = "ab_test_ignores_interference"
CLICKS = "click_label_for_later_goal"
HARM = "harmful-content-detection"
ETA = "eta-prediction"
LISTINGS = "similar-listings"


SOUND = [
    (
        HARM,
        SPLIT,
        "Random labeled subset of posts, daily.",
        SPLIT,
    ),
    (
        ETA,
        REGRESSION_METRIC,
        "For pickup ETA I'd expect the model to look better offline than it is on far-away "
        "drivers.",
        ACCURACY,
    ),
    (
        ETA,
        INTERFERENCE,
        "Suppose we put half the riders on the new model and half on the old one. Both halves "
        "pull from one pool of drivers, so the comparison is contaminated; we'd run switchbacks "
        "instead, the whole city flipping every half hour.",
        INTERFERENCE,
    ),
    (
        LISTINGS,
        CLICKS,
        "I'd use tiered labels: booked is the best, then wishlisted, then clicked.",
        CLICKS,
    ),
    (
        "game-recommendation",
        "ignores_cold_start",
        "New games have no plays, so no embedding. A content-based embedding from the genre, "
        "art and description stands in.",
        "ignores_cold_start",
    ),
]


@pytest.mark.parametrize(("problem", "claim", "sound", "read"), SOUND)
def test_a_sound_statement_is_not_taken_for_the_claim(
    problem: str, claim: str, sound: str, read: str
) -> None:
    assert claim not in claims_on_card(sound, problem)
    assert not claim_stands_if_read(read, sound, problem)


@pytest.mark.parametrize(
    ("problem", "claim", "wrong"),
    [
        (HARM, SPLIT, "Split: random 80/10/10 over all the labelled posts."),
        (HARM, SPLIT, "We'd shuffle two years of posts and hold a tenth out for testing."),
        (ETA, REGRESSION_METRIC, "I'd report accuracy for the arrival estimate, it's simple."),
        ("fraud-detection", ACCURACY, "Accuracy is the metric, the fraud team understands it."),
        (ETA, INTERFERENCE, "We'd randomise riders 50/50 and compare their waits."),
        (LISTINGS, CLICKS, "We label a tile positive when it was clicked, negative otherwise."),
    ],
)
def test_the_claim_said_plainly_still_stands(problem: str, claim: str, wrong: str) -> None:
    assert claim in claims_on_card(wrong, problem)
    assert claim_stands_if_read(claim, wrong, problem)
