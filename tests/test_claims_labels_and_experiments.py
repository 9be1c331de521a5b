"""Wrong claims the judges of test18 (dev) saw let pass: user reports taken straight as the
labels of a moderation model, click labels where the card's goal is a booking, click-through
as the ship metric where the goal is bookings, and a per-rider A/B split where riders share
one pool of drivers. Each is found in fresh wording on the problem where it is wrong; the
same words where they are sound are not challenged; the right practice of each topic, a
question about it and a sound data sentence make no claim. Sentences written for this test,
not in knowledge/corpus/; expectations by hand. They need the heads refit on this branch's
corpus (the claim columns learn from it)."""

from __future__ import annotations

import pytest

from agent.content.misconceptions import card_context, conditions_hold, default_misconceptions
from tests.support.card_reading import challenged_in_conversation, claims_on_card
from tests.support.policy_fixtures import shipped_card
from tests.support.refits import LOST_IN_REFIT_4C77271

REPORTS, CLICKS, CTR, SPLIT = (
    "user_reports_as_labels",
    "click_label_for_later_goal",
    "ctr_primary_for_purchase_goal",
    "ab_test_ignores_interference",
)

# where each claim is wrong, and problems where the same words are no mistake
WHERE = {
    REPORTS: (("harmful-content-detection",), ("fraud-detection", "similar-listings")),
    SPLIT: (("eta-prediction", "rider-driver-matching"), ("fraud-detection", "visual-search")),
}


_claims = claims_on_card


@pytest.mark.parametrize("claim", list(WHERE))
def test_each_claim_says_where_it_is_wrong(claim: str) -> None:
    m = default_misconceptions().get(claim)
    assert m.challenge.endswith("?") and m.correction
    wrong_on, fine_on = WHERE[claim]
    for problem in wrong_on:
        card = shipped_card(problem)
        assert conditions_hold(m.applies_when, card_context(card).lower(), card), problem
    for problem in fine_on:
        other = shipped_card(problem)
        assert not conditions_hold(m.applies_when, card_context(other).lower(), other), problem


WRONG = [
    (
        REPORTS,
        "harmful-content-detection",
        "Training set: anything with a user report is a violation, anything without one is fine.",
    ),
    (
        REPORTS,
        "harmful-content-detection",
        "The community already labels for us through the report button, so reported posts are "
        "our positives and the unreported ones our negatives.",
    ),
    (REPORTS, "harmful-content-detection", "label source: user reports (reported -> bad)"),
    (CLICKS, "similar-listings", "Target is whether the guest clicked the card, one or zero."),
    (
        CTR,
        "similar-listings",
        "We'd call the experiment on carousel click-through: higher CTR, the new model ships.",
    ),
    # a strict xfail until heads19's refit read it (per-rider randomisation corpus)
    pytest.param(
        SPLIT,
        "eta-prediction",
        "For the live test, half the riders get the new estimates by a hash of their user id.",
        marks=LOST_IN_REFIT_4C77271,
    ),
    (
        SPLIT,
        "rider-driver-matching",
        "The experiment assigns each rider to old or new dispatch at random and compares waits.",
    ),
]


@pytest.mark.parametrize(("claim", "problem", "text"), WRONG)
def test_the_claim_is_found_in_fresh_wording(claim: str, problem: str, text: str) -> None:
    assert claim in _claims(text, problem)


SOUND = [
    # the same words where they are sound: no shared supply, no moderation reports
    ("fraud-detection", "For the live test, half the cardholders get the new model by a hash."),
    # the right practice of each topic
    (
        "harmful-content-detection",
        "User reports only pick which posts reviewers see first; the label is what the reviewer "
        "decides under the policy.",
    ),
    pytest.param(
        "harmful-content-detection",
        "Posts nobody reported are not negatives, since most bad posts never get a report.",
        marks=pytest.mark.xfail(
            strict=True,
            reason="the heads refit after the fifteenth session's merges "
            "(1c7bad8) read the new user-reports-as-labels claim in its own "
            "negation (the sound practice): claims12's corpus has too few negated sound "
            "statements of the new claim (a precision miss, written before the refit)",
        ),
    ),
    (
        "similar-listings",
        "The ranker's main target is a booking that started from the carousel.",
    ),
    (
        "eta-prediction",
        "Riders share the drivers, so the online test switches whole cities between the models "
        "every half hour.",
    ),
    # a question about the practice
    (
        "harmful-content-detection",
        "Are the user reports reviewed before they become labels?",
    ),
    # a sound data sentence
    (
        "fraud-detection",
        "Our table is the last twelve months of card payments, each with its eventual chargeback "
        "outcome.",
    ),
]


@pytest.mark.parametrize(("problem", "text"), SOUND)
def test_a_sound_statement_of_the_topic_makes_no_claim(problem: str, text: str) -> None:
    assert _claims(text, problem) == []


SETUP = {
    "harmful-content-detection": "Which harms are in scope, and how many posts a day?",
    "eta-prediction": "Who calls the ETA service, and at what peak rate?",
}


@pytest.mark.parametrize(
    ("claim", "problem", "text"),
    [
        (
            REPORTS,
            "harmful-content-detection",
            "Labels come for free: a reported post is harmful, an unreported one is not.",
        ),
        (SPLIT, "eta-prediction", "Online we randomise by rider, fifty-fifty, and compare."),
    ],
)
def test_the_interviewer_challenges_it_in_conversation(claim: str, problem: str, text: str) -> None:
    challenged_in_conversation(problem, SETUP[problem], text, claim)
