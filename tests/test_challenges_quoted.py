"""A wrong claim is challenged only where the candidate stated it, and the challenge quotes
the statement (issue 10): a question that merely mentions the practice ("could we get a
random sample labelled?") states no claim, and a claim stated while a question took the
turn is raised later with the words it was said in."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind, SteerKind
from agent.read.offline import OfflineReader
from agent.read.reading import ReadContext
from tests.support.interview_fixtures import new_interview

_ASKED = (
    "Could we get a random sample of transactions labelled every week, so we can see the "
    "true fraud rate?"
)
_STATED = "For the split, a random split of the transactions is fine since the volume is huge."


def _read(text: str, problem: str = "fraud-detection"):
    content = load_content()
    context = ReadContext(
        phase=content.plan.phases[1].id, card=content.problems.get(problem), rubric=content.rubric
    )
    return OfflineReader().read(text, context)


def test_a_question_that_mentions_a_practice_states_no_claim() -> None:
    assert _read(_ASKED).misconceptions == []


def test_every_claim_read_comes_with_the_statement_that_makes_it() -> None:
    reading = _read(f"{_STATED} I'd train gradient boosted trees on the amount features.")
    assert reading.misconceptions == ["random_split_time_ordered"]
    assert reading.claim_quotes == {"random_split_time_ordered": _STATED}


def test_a_challenge_quotes_the_candidates_own_statement() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("What's the business goal, and how many transactions per second at peak?")
    reply = iv.respond(_STATED)
    move = iv.transcript.turns[-1].move
    assert (move.kind, move.steer) == (MoveKind.STEER, SteerKind.WRONG_CLAIM)
    assert move.anchor == _STATED
    assert "a random split of the transactions is fine" in reply


def test_a_claim_said_with_a_question_is_challenged_after_the_answer_in_its_words() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("What's the business goal, and how many transactions per second at peak?")
    reply = iv.respond(f"{_STATED} What is the latency budget for scoring?")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "latency" in move.fact_topics
    assert move.claim == "random_split_time_ordered"
    assert "100 ms" in reply and "a random split of the transactions is fine" in reply
