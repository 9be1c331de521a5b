"""Answer what was asked, part by part (issue 10): no fact for a message that asks nothing,
each part of a question matched on its own, and an assumed figure the card contradicts is
corrected. Every sentence here was written for this file; none comes from a fidelity script.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.numbers import conflicts
from agent.read.parts import question_parts
from agent.read.reading import MessageKind
from agent.understanding.sentences import split_sentences
from tests.support.card_reading import read_on_card
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"
HARM = "harmful-content-detection"
LISTINGS = "similar-listings"


def _parts(text: str) -> list[str]:
    return [p.text for s in split_sentences(text) for p in question_parts(text, s)]


def _answer(problem: str, topic: str) -> str:
    fact = load_content().problems.get(problem).fact(topic)
    assert fact is not None
    return " ".join(fact.answer.split())


# -- 1. nothing asked, nothing volunteered -----------------------------------------------


@pytest.mark.parametrize(
    ("text", "phase"),
    [
        # a summary that names the goal, with no question in it
        (
            "To wrap up my plan: the goal is lower fraud losses, the hand-written rules stay "
            "as a safety net, and analysts look at the middle band.",
            Phase.DEPLOYMENT,
        ),
        # a list of features, no question at all
        (
            "Features: amount, merchant category, device age, and how much the card spent in "
            "the last hour.",
            Phase.FEATURES,
        ),
    ],
)
def test_a_message_that_asks_nothing_opens_no_fact(text: str, phase: Phase):
    reading = read_on_card(text, FRAUD, phase)
    assert reading.fact_topics == []
    assert reading.kind is not MessageKind.CLARIFYING_QUESTION


@pytest.mark.parametrize(
    "text",
    [
        "For the online test I'd split traffic by cardholder. I guess we'd watch the "
        "decline rate in each arm?",
        "Retraining runs weekly on the last 90 days of confirmed cases. So I suppose we "
        "could also weight the newest patterns a bit higher?",
    ],
)
def test_an_own_idea_put_with_a_question_mark_asks_for_no_fact(text: str):
    reading = read_on_card(text, FRAUD, Phase.TRAINING)
    assert reading.fact_topics == []
    assert reading.checks_in


def test_a_guess_about_the_setting_still_asks_to_have_it_confirmed():
    reading = read_on_card(
        "Retraining runs weekly on the last 90 days of confirmed cases. I guess the labels "
        "would come from chargebacks?",
        FRAUD,
        Phase.TRAINING,
    )
    assert "labels" in reading.fact_topics


def test_an_own_guess_with_a_figure_still_asks_for_that_figure():
    reading = read_on_card(
        "Scoring runs inside authorisation. I guess around 5,000 transactions a second at peak?",
        FRAUD,
        Phase.DEPLOYMENT,
    )
    assert "scale" in reading.fact_topics


# -- 4. each part of a question on its own -----------------------------------------------


def test_a_question_opened_by_an_auxiliary_after_a_bare_comma_is_a_part_of_its_own():
    text = "Which regions are live, is the app on the web too, and how big is the team?"
    assert _parts(text) == [
        "Which regions are live",
        "is the app on the web too",
        "how big is the team?",
    ]


@pytest.mark.parametrize(
    "text",
    [
        "What's the peak rate, is that per region or global?",  # asks about what was just said
        "If we precompute nightly, is it too stale?",  # the clause before does not ask
        "Is it card present, or is it online?",  # an alternative keeps its "or"
        "How many reviews a day can we afford, is it around 10,000?",  # a value offered
    ],
)
def test_a_follow_on_or_a_condition_after_a_comma_stays_one_question(text: str):
    assert _parts(text) == [text]


def test_a_three_part_question_leaves_the_part_the_card_lacks_to_an_assumption():
    reading = read_on_card(
        "What are we optimising for, how many cards fit in the row, and which office does "
        "the team sit in?",
        LISTINGS,
        Phase.CLARIFY,
    )
    assert "business_goal" in reading.fact_topics
    assert reading.unanswerable


# -- 5. an assumed figure the card contradicts -------------------------------------------


def _card(problem: str):
    return load_content().problems.get(problem)


@pytest.mark.parametrize(
    "text",
    [
        "I'll assume roughly a billion posts a day.",  # near the peak rate times a day
        "Let's say 2 billion posts a day.",  # above the card's daily volume of new posts
    ],
)
def test_a_daily_volume_is_checked_against_the_cards_daily_volume(text: str):
    found = conflicts(text, _card(HARM), [], assumed=True)
    assert [c.topic for c in found] == ["scale"]


@pytest.mark.parametrize(
    "text",
    [
        "I'll assume about 500 million posts a day.",
        "I'll assume 12,000 posts a second at peak.",
    ],
)
def test_the_cards_own_figures_said_back_are_no_conflict(text: str):
    assert conflicts(text, _card(HARM), [], assumed=True) == []


def test_an_assumption_list_with_a_wrong_volume_hears_the_right_volume():
    iv = new_interview(HARM)
    iv.start()
    reply = iv.respond(
        "I'll assume about a billion posts a day and that we act after publishing. "
        "Correct me if either is off."
    )
    assert "500 million" in reply
