"""A hint on the candidate's own words fits what those words are (issue 10: hints that fit).
Where no hint point is close to a request, the hint asks a narrowing question on their words
(knowledge/hint_points.yaml, agent/speak/hint_points.py). Words that describe a difficulty
("... so they end up buried") are no plan: the question takes them as the problem to solve,
and never asks for "the simplest version of that you could defend" or what "that" should
achieve, which presume a proposal of theirs. Words that make a plan still get those.
Messages written for this file (none is a line of a judged batch); expectations by hand.
"""

from __future__ import annotations

from agent.decide.moves import MoveKind
from agent.record.transcript import Turn
from tests.support.interview_fixtures import last_turn_after

SETUP = [
    "What's the goal, and how many requests at peak?",
    "I'd frame it as ranking, trained on logged engagement, with a two-tower retrieval stage.",
]
# what the plain narrowing questions presume: a plan of the candidate's to defend or build
PRESUMES_A_PLAN = ("could defend", "what it should achieve", "for that to work")


def _hint(request: str) -> Turn:
    turn = last_turn_after("news-feed-ranking", SETUP, request)
    assert turn.move is not None and turn.move.kind == MoveKind.HINT, turn.text
    return turn


def test_a_difficulty_is_narrowed_as_a_problem_not_a_plan() -> None:
    turn = _hint(
        "Posts from brand-new pages have no reactions at all, so they sit under everything "
        "else. No clue how to fix it. A hint?"
    )
    text = " ".join(turn.text.split())
    assert "Posts from brand-new pages have no reactions" in text, text  # their words
    assert not any(p in text for p in PRESUMES_A_PLAN), text


def test_a_plan_of_their_own_is_still_narrowed_as_one() -> None:
    turn = _hint(
        "I'd keep the posts in Cassandra, keyed by author id. I'm not sure that's sensible. "
        "Any hint?"
    )
    text = " ".join(turn.text.split())
    assert "Cassandra, keyed by author id" in text, text
    assert "the problem to solve" not in text and 'If "' not in text, text
