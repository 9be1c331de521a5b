"""Where a wrong claim is wrong: the same words are another mistake on another problem, and
each claim applies only to the problems where it misleads (knowledge/misconceptions.yaml).

A random split of an image collection leaks copies of one picture (reposts, near-duplicates)
rather than the future; a click label misleads where the goal is a later outcome (an accepted
invitation, watch time); a daily precision misleads where labels arrive days or weeks later;
a per-user A/B test misleads where users in the two arms affect each other.

The first test reads sentences written for it (not in knowledge/corpus/) through the model;
the others check the catalog's `applies_when` alone, on a claim given as found.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.misconceptions import default_misconceptions
from agent.understanding import MessageFindings, SentenceFindings, shared_understanding
from agent.understanding.claims import applicable_claims


def _applies(claim: str, problem: str, text: str = "Here is what I would do.") -> list[str]:
    sentence = SentenceFindings(text=text, start=0, end=len(text), wrong_claims={claim: 0.9})
    found = MessageFindings(text=text, kind="answer", sentences=[sentence])
    card = load_content().problems.get(problem)
    return applicable_claims(found, default_misconceptions(), card=card)


def _read(text: str, problem: str) -> list[str]:
    found = shared_understanding().message(text)
    card = load_content().problems.get(problem)
    return applicable_claims(found, default_misconceptions(), card=card)


@pytest.mark.parametrize(
    "text",
    [
        "I'd shuffle all the examples and hold back a fifth of them, drawn at random, for testing.",
        "Evaluation set: a random 15% of everything we have.",
    ],
)
def test_a_random_split_of_images_is_read_as_leaking_near_duplicates(text: str) -> None:
    assert _read(text, "visual-search") == ["random_split_near_duplicates"]
    assert _read(text, "fraud-detection") == ["random_split_time_ordered"]


@pytest.mark.parametrize(
    ("claim", "wrong_on", "fine_on"),
    [
        ("click_label_for_later_goal", "people-you-may-know", "fraud-detection"),
        ("click_label_for_later_goal", "video-recommendation", "eta-prediction"),
        ("daily_metrics_with_delayed_labels", "fraud-detection", "visual-search"),
        ("daily_metrics_with_delayed_labels", "harmful-content-detection", "eta-prediction"),
        ("ab_test_ignores_interference", "people-you-may-know", "video-recommendation"),
        ("ab_test_ignores_interference", "rider-driver-matching", "search-ranking"),
    ],
)
def test_a_claim_applies_where_it_misleads(claim: str, wrong_on: str, fine_on: str) -> None:
    assert _applies(claim, wrong_on) == [claim]
    assert _applies(claim, fine_on) == []
