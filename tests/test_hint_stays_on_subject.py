"""A hint stays on the subject the candidate was on (issue 10: hints off the subject the
candidate was stuck on): a bare request for help right after an answer about a part of the
design is about that part, and the line it rests on speaks of that part, not of something
the request's words happen to share ("missing something" is no request about missing
values). Messages written for this file on two problems; expectations by hand."""

from __future__ import annotations

import pytest

from agent.decide.moves import MoveKind
from tests.support.interview_fixtures import new_interview


@pytest.mark.parametrize(
    ("problem", "opening", "answer", "asks", "words"),
    [
        (
            "fraud-detection",
            "What's the business goal, and how many transactions per second at peak?",
            "For evaluation I'd split by time: train on older weeks, test on the newest two.",
            "Could you hint at what else is needed? I feel I am missing something.",
            ("split", "time", "week", "period", "future", "past", "held"),
        ),
        (
            "event-recommendation",
            "What's the business goal, and how many users and events?",
            "To evaluate offline I'd hold out the last week of purchases by time.",
            "Can you give me a hint what else is needed here? I feel I am missing something.",
            ("split", "time", "week", "period", "future", "past", "held"),
        ),
    ],
)
def test_a_bare_hint_after_an_answer_speaks_of_that_answers_subject(
    problem: str, opening: str, answer: str, asks: str, words: tuple[str, ...]
) -> None:
    iv = new_interview(problem)
    iv.start()
    iv.respond(opening)
    iv.respond(answer)
    iv.respond(asks)
    turn = iv.transcript.turns[-1]
    assert turn.move.kind == MoveKind.HINT, turn.move
    assert "missing value" not in turn.text.lower(), turn.text
    assert any(w in turn.text.lower() for w in words), (turn.move.target, turn.text)
