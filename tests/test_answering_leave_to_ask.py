"""A question that only asks leave to ask ("can I ask a few things first?") asks nothing of
its own (issue 10: answer what was asked): beside the questions it announces it is neither
answered nor called open, and a question it leads with a colon is read by its own words."""

from __future__ import annotations

from agent.read.lexicon import default_lexicon
from agent.understanding.sentences import normalise
from tests.support.interview_fixtures import last_turn_after

ETA = "eta-prediction"
LISTINGS = "similar-listings"
OPEN_LINES = ("open", "not specified", "assume", "isn't fixed", "pick an assumption")


def _leave(text: str) -> bool:
    return bool(default_lexicon().asks_leave_re.search(normalise(text)))


def test_leave_to_ask_is_read_by_its_form():
    assert _leave("Could I ask a few quick questions first?")
    assert _leave("Right, before we begin, mind if I ask some things?")
    assert _leave("May I ask first:")
    # a question that names what it asks is a question, whatever it opens with
    assert not _leave("Can I ask what your team works on?")
    assert not _leave("Can I ask you something about the office?")
    assert not _leave("How many trips a day, can I ask?")


def test_a_leave_request_beside_questions_is_not_called_open():
    turn = last_turn_after(
        LISTINGS,
        [],
        "Nice problem. Before I start drawing boxes, could I ask a few questions first? "
        "What does the business want more of, clicks or bookings?",
    )
    assert "few questions first" not in turn.text.lower()
    assert "booking" in turn.text.lower()


def test_a_question_led_by_a_leave_request_and_a_colon_is_answered_by_its_own_words():
    # the card answers which duration is meant (the label runs from pickup to drop-off),
    # not how fast the service must answer: read with its lead-in, the question was taken
    # for the latency budget
    turn = last_turn_after(
        ETA,
        [],
        "Sorry, I rambled. Can I ask first: are we estimating the wait until the driver "
        "gets there, or how long the trip itself lasts, or both?",
    )
    text = turn.text.lower()
    assert "ask first" not in text
    assert "pickup to drop-off" in text
    assert "20 ms" not in text
    assert not any(line in text for line in OPEN_LINES)
