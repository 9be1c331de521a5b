"""A hint answers the request: "any hint on how to split the data?" gets a nudge about the
split (issue 10: hints ignored what was asked), a bare "I'm stuck" the most important gap."""

from __future__ import annotations

from agent.decide.moves import MoveKind
from tests.support.interview_fixtures import new_interview


def _into_design():
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("What's the business goal, and how many transactions per second at peak?")
    iv.respond(
        "So it's a binary classifier per transaction, scored before authorisation, labelled "
        "by chargebacks, with gradient boosted trees as the first model."
    )
    return iv


def test_a_hint_request_that_names_its_subject_gets_a_hint_about_it() -> None:
    iv = _into_design()
    iv.respond("I'm not sure how to split the data for evaluation, any hint?")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.HINT and move.rule == "hint.asked"
    assert move.target in {"time_based_split", "holdout_split"}


def test_a_bare_hint_request_gets_the_most_important_gap() -> None:
    iv = _into_design()
    iv.respond("I'm stuck, can you help?")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.HINT and move.rule == "hint"


def test_a_hint_about_a_later_part_of_the_design_rests_on_that_parts_guidance() -> None:
    # the interview is still early, but the request is about validating on held-back weeks:
    # the nudge comes from the evaluation guidance, not from the current phase's
    iv = _into_design()
    iv.respond(
        "I keep going back and forth on whether older weeks should train and the newest weeks "
        "should test, or whether shuffling is fine. Could you nudge me?"
    )
    turn = iv.transcript.turns[-1]
    assert turn.move.kind == MoveKind.HINT and turn.move.target in {
        "time_based_split",
        "holdout_split",
    }
    assert turn.retrieved and turn.retrieved[0].startswith("guidance/evaluation")
    assert "goal of this step" not in turn.text


def test_a_bare_request_right_after_a_question_is_about_that_question() -> None:
    iv = _into_design()
    iv.respond(
        "For features I'd use the card's spend over the last hour and day, the merchant's "
        "chargeback rate, and how far this purchase is from the card's usual locations."
    )
    asked = iv.transcript.turns[-1].move
    assert asked.kind == MoveKind.PROBE and asked.target
    iv.respond("Sorry, I'm drawing a blank on that one. Could you point me somewhere?")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.HINT
    assert move.target == asked.target and move.rule == "hint.pending"
