"""A wrong claim made in one clause of a sentence that joins two decisions is read as the
sentence's claim (issue 10: a threshold tuned on the test set, said after a sound clause about
the precision the product needs, was let pass; one such sentence is still missed, see
MISSED). A sentence whose clauses are sound, or that names the mistake only to set it aside,
still makes no claim. Sentences written for this test.
"""

from __future__ import annotations

import pytest

from agent.content.phases import Phase
from tests.support.card_reading import read_on_card

MISSED = (
    "the sentence is read whole, and its first clause dilutes the claim below the wrong-claim "
    "head's bar; reading each joined clause on its own catches it but cost 3 more false "
    "positives on the dev corpus (precision 0.914 -> 0.894) for no dev recall, so it was not kept"
)
MADE = [
    pytest.param(
        "For the fraud queue we need high precision, around 90 percent, and then I'd simply pick "
        "the cut-off on the test set so that precision comes out exactly right.",
        "fraud-detection",
        marks=pytest.mark.xfail(strict=True, reason=MISSED),
    ),
    (
        "Takedowns need near-perfect precision per category, then I would just tune each "
        "threshold on the test data until we hit it.",
        "harmful-content-detection",
    ),
]
SOUND = [
    (
        "For the fraud queue we need high precision, around 90 percent, and then I'd pick the "
        "cut-off on a validation week and touch the test week once at the end.",
        "fraud-detection",
    ),
    (
        "Takedowns need near-perfect precision per category, but the thresholds are never tuned "
        "on the test data, only on the validation split.",
        "harmful-content-detection",
    ),
]


@pytest.mark.parametrize(("text", "problem"), MADE)
def test_a_claim_made_in_one_clause_is_the_sentences_claim(text: str, problem: str) -> None:
    assert "tune_on_test_set" in read_on_card(text, problem, Phase.EVALUATION).misconceptions


@pytest.mark.parametrize(("text", "problem"), SOUND)
def test_sound_clauses_or_a_mistake_set_aside_make_no_claim(text: str, problem: str) -> None:
    assert "tune_on_test_set" not in read_on_card(text, problem, Phase.EVALUATION).misconceptions
