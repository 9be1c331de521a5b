"""A sound plan is not challenged as the mistake it talks about (issue 10: never challenge
what is sound). The catalogue's right practices (`sound_practice`,
knowledge/grading/repairs.yaml):

- a newcomer served from what they give when joining (the sign-up profile, answers asked at
  onboarding), or an item's vector made when it arrives, is a cold-start plan, even where the
  sentence says what they lack ("without a network yet, the profile fills the list"); so is
  the gap said to be handled by named means ("two things handle it: ...");
- position bias named, or the top slots said to draw clicks whatever they hold, is the bias
  seen, not ignored;
- negatives taken from what was shown and passed over are what the claim's own correction
  asks for, not a careless random draw;
- a simple baseline wanted first is not skipped;
- tuning on a share of the split named apart from the test share it reports on is not
  tuning on the test set.

Each right practice is checked on its own and against the catalogue as a whole (the claim
forced into every sentence, as the understanding model may read it), and each has a
dismissal or the mistake beside it that still stands. Every sentence was written for this
file (none is a line of a judged batch); expectations by hand.
"""

from __future__ import annotations

import pytest

from agent.content.misconceptions import default_misconceptions, load_repairs
from agent.understanding import shared_understanding
from tests.support.card_reading import claim_stands_if_read

COLD = "ignores_cold_start"
POSITION = "ignores_position_bias"
NEGATIVES = "careless_random_negatives"
BASELINE = "skip_baseline"
TUNE = "tune_on_test_set"
PYMK = "people-you-may-know"
VIDEO = "video-search"


SOUND = [
    (
        PYMK,
        COLD,
        "Someone who just joined has no graph at all, so we ask them for their employer and "
        "city and build the first list from those.",
    ),
    (
        PYMK,
        COLD,
        "A member who joined today knows nobody here yet, so at sign-up we offer people from "
        "the address book they import.",
    ),
    pytest.param(
        PYMK,
        COLD,
        "Someone signing up today knows nobody here yet; we seed their list with people "
        "from the address book they choose to import.",
        marks=pytest.mark.xfail(
            strict=True,
            reason="the catalogue's sound cold-start practice needs a word of joining "
            "(at sign-up, onboarding, registration) or 'ask them for': the same plan said "
            "without one, from an imported address book alone, is still taken for the "
            "mistake (a pattern, not a reading: for a learned sound-practice reading)",
        ),
    ),
    (
        VIDEO,
        COLD,
        "Fresh uploads start with no engagement at all. Two things handle it: an age feature in "
        "the ranker and a vector made from the title.",
    ),
    (VIDEO, COLD, "Each video's vector is computed at upload from its title and transcript."),
    (
        VIDEO,
        POSITION,
        "I'd log the slot as well, since whatever sits first gets clicked regardless of what "
        "it is.",
    ),
    (VIDEO, POSITION, "Rank position goes in as a feature, because of position bias."),
    (VIDEO, NEGATIVES, "Negatives are impressions the user scrolled past without a click."),
    (PYMK, NEGATIVES, "A suggestion shown and not tapped counts as a negative for that head."),
    (VIDEO, BASELINE, "I want a logistic-regression baseline first, then the neural ranker."),
    (
        VIDEO,
        TUNE,
        "Train on the 70, tune on the 15, and report recall on the test set at the end.",
    ),
]

STILL_WRONG = [
    (PYMK, COLD, "New members get nothing at sign-up; they can wait until they connect."),
    (PYMK, COLD, "We never ask them for anything, the graph fills in on its own."),
    (VIDEO, COLD, "We'd handle it the same way as every other video, nothing special."),
    (VIDEO, POSITION, "Position bias isn't a concern with this much traffic."),
    (VIDEO, NEGATIVES, "Any video that was never shown is a negative."),
    (VIDEO, NEGATIVES, "Negatives are random videos, shown or not, it doesn't matter."),
    (VIDEO, BASELINE, "No need for a baseline, the transformer will win anyway."),
    (VIDEO, TUNE, "Tune on the 10% test split, then report on the test set."),
]


@pytest.mark.parametrize(("problem", "claim", "text"), SOUND)
def test_a_sound_plan_states_the_right_practice(problem: str, claim: str, text: str) -> None:
    sentences = [s.text for s in shared_understanding().message(text).sentences]
    assert any(load_repairs().states_sound_practice(claim, s) for s in sentences)
    assert not claim_stands_if_read(claim, text, problem)


@pytest.mark.parametrize(("problem", "claim", "text"), STILL_WRONG)
def test_the_mistake_beside_the_same_words_still_stands(
    problem: str, claim: str, text: str
) -> None:
    assert not load_repairs().states_sound_practice(claim, text)
    assert claim_stands_if_read(claim, text, problem)


def test_the_cold_start_challenge_fits_a_card_that_ranks_people() -> None:
    # people-you-may-know ranks members, not items: the challenge asks about newcomers and
    # what has no interactions yet without naming a kind of thing one card may not have
    challenge = default_misconceptions().get(COLD).challenge.lower()
    assert "item" not in challenge
    assert "signed up" in challenge
