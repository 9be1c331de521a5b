"""Wrong claims in wording the corpus does not have are found on the problems where they
mislead, and careful practice in the same words is not (sentences written for this test,
not in knowledge/corpus/)."""

from __future__ import annotations

import pytest

from tests.support.card_reading import claims_on_card
from tests.support.refits import LOST_IN_REFIT_4C77271

_claims = claims_on_card


@pytest.mark.parametrize(
    ("text", "problem", "claim"),
    [
        (
            "The suggestion model learns from one signal: whether the viewer pressed Connect.",
            "people-you-may-know",
            "click_label_for_later_goal",
        ),
        (
            "An alarm fires when the previous day's fraud recall dips under 0.7.",
            "fraud-detection",
            "daily_metrics_with_delayed_labels",
        ),
        (
            "Each member flips a coin for old or new ranker, and we count the connections each "
            "side makes.",
            "people-you-may-know",
            "ab_test_ignores_interference",
        ),
        (
            "We rank candidate models per harm type by area under the ROC curve and keep the "
            "top one.",
            "harmful-content-detection",
            "roc_auc_alone_extreme_imbalance",
        ),
        (
            "Whenever the held-out AUC beats production's, that is all the evidence we need "
            "to replace it.",
            "people-you-may-know",
            "skip_online_test",
        ),
        (
            "Put a tenth of all photos aside at random as the evaluation set.",
            "visual-search",
            "random_split_near_duplicates",
        ),
    ],
)
def test_a_wrong_claim_in_fresh_words_is_found(text: str, problem: str, claim: str) -> None:
    assert claim in _claims(text, problem)


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        pytest.param(
            "The suggestion model is trained on invitations that were accepted, not on presses "
            "of Connect.",
            "people-you-may-know",
            marks=LOST_IN_REFIT_4C77271,
        ),
        (
            "Recall is computed per monthly cohort once its chargeback window has closed.",
            "fraud-detection",
        ),
        (
            "Whole graph clusters go to one arm, so invitations rarely cross between old and new.",
            "people-you-may-know",
        ),
    ],
)
def test_the_careful_practice_is_not_read_as_the_mistake(text: str, problem: str) -> None:
    assert _claims(text, problem) == []
