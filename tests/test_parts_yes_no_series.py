"""Yes/no clauses set out by commas before a last ", or" clause are the alternatives of one
question (issue 10: answer what was asked, nothing more): cut apart, the first of them ("is
it simply declined") was matched alone to the card's rule on false declines, which nobody
asked for."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.read.parts import question_parts
from agent.understanding.sentences import Span
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"


def _parts(text: str) -> list[str]:
    return [p.text for p in question_parts(text, Span(0, len(text), text))]


def test_yes_no_alternatives_before_a_last_or_clause_stay_one_question():
    text = "Is the order held, is there a call to the buyer, or does someone check it?"
    assert _parts(text) == [text]
    lead = "When it looks odd, is it dropped, is it queued, or is it let through?"
    assert _parts(lead) == [lead]


def test_separate_questions_beside_an_alternative_are_still_cut():
    assert _parts("What is the QPS, is it global, or is it one country?") == [
        "What is the QPS",
        "is it global, or is it one country?",
    ]
    assert _parts("Which harms are in scope, is it text only?") == [
        "Which harms are in scope",
        "is it text only?",
    ]


def test_what_happens_to_a_risky_payment_is_not_answered_with_the_decline_rule():
    constraints = load_content().problems.get(FRAUD).fact("constraints")
    assert constraints is not None
    iv = new_interview(FRAUD)
    iv.start()
    reply = iv.respond(
        "When a payment looks risky, is it simply declined, is there an extra verification, "
        "or is there an analyst who checks it?"
    )
    assert "step-up check" in reply and "analyst queue" in reply
    assert constraints.pieces[0] not in reply


def test_a_long_question_of_alternatives_is_not_quoted_as_its_first_one():
    from agent.speak.part_answers import part_label

    series = (
        "Is the order held for a while, is there a call to the buyer first, or does someone "
        "on the team check it by hand?"
    )
    assert part_label(series) != '"is the order held for a while?"'
    assert part_label(series).startswith('"is the order held for a while, is there a call')
    # a long part with one asking clause is still quoted by that clause
    one = "If there is a review team, how many cases a day can they handle, on a normal weekday?"
    assert part_label(one) == '"how many cases a day can they handle?"'
