"""What follows under a condition is not a plan to weigh (issue 10: pushes on what the
candidate decided, not on the consequence of an "if"). "If we retrain every night, half of
last week's bookings look like bad matches" says what would happen; a push asking what that
costs and what the alternative is treats it as the candidate's choice. A plan under a
condition ("if the queue backs up, we raise the threshold", or the imperative "..., raise
the threshold") is still one (agent/speak/proposals.py). Sentences written for this file
(none is a line of a judged batch); expectations by hand.
"""

from __future__ import annotations

from agent.content.phases import Phase
from agent.speak.proposals import proposes
from tests.support.voice_fixtures import follow_up_lines

NIGHTLY = (
    "Reviews land a week after the stay, so if we retrain every night, half of last week's "
    "bookings look like bad matches because nobody has reviewed them yet."
)


def test_the_consequence_of_a_condition_is_no_choice() -> None:
    assert not proposes("half of last week's bookings look like bad matches", NIGHTLY)
    # the words quoted with their full stop, from a sentence cut without it
    words = (
        " half of last week's bookings look like bad matches because nobody has reviewed them yet."
    )
    assert not proposes(words, NIGHTLY.rstrip("."))
    sentence = "If the index is a day stale, the newest uploads never show up in results."
    assert not proposes("the newest uploads never show up in results", sentence)


def test_a_plan_under_a_condition_is_still_a_choice() -> None:
    sentence = "If the review queue backs up, we raise the blocking threshold for an hour."
    assert proposes("we raise the blocking threshold for an hour", sentence)
    imperative = "If the review queue backs up, raise the blocking threshold for an hour."
    assert proposes("raise the blocking threshold for an hour", imperative)


def test_the_consequence_of_a_condition_is_not_asked_what_it_costs() -> None:
    anchor = "half of last week's bookings look like bad matches because nobody has"
    said = follow_up_lines("similar-listings", NIGHTLY, Phase.DATA, anchor=anchor, seeds=8)
    assert said and not any("cost you, and what's the alternative" in s for s in said), said
    assert not any("change your mind" in s or "main reason you'd go" in s for s in said), said
