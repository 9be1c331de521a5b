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
