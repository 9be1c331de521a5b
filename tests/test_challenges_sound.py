"""Challenges fit what the candidate said: a sentence naming the right practice of a
mistake's subject is not challenged as the mistake, a mistake taken back further on in the
same message stands no more, and a defence that restates a challenged mistake is not
accepted but answered once with the right practice. Sentences written for these tests.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.misconceptions import load_repairs
from agent.decide.moves import DEFENDED, MoveKind, SteerKind
from agent.understanding.corpus import corpus_dir, load_split
from tests.support.interview_fixtures import new_interview


@pytest.mark.parametrize(
    "sound",
    [
        "We pick the learning rate and the cut-off against the dev split; the test week is "
        "opened once for the final write-up.",
        "Hyperparameters get tuned using a held-out validation week, and the test data is "
        "kept sealed until the launch review.",
        "A random split would inflate the offline numbers, because sessions from the same "
        "afternoon end up on both sides.",
        "If the learning rate were picked against the test month, that score would be too "
        "optimistic for the launch review.",
    ],
)
def test_a_sentence_naming_the_right_practice_is_not_challenged(sound: str) -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.respond(sound)
    move = iv.transcript.turns[-1].move
    assert not (move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM)


def test_the_mistake_stated_plainly_is_still_challenged() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.respond("I'd try a few learning rates and keep whichever scores best on the test set.")
    move = iv.transcript.turns[-1].move
    assert move.steer == SteerKind.WRONG_CLAIM and move.target == "tune_on_test_set"


def test_a_mistake_taken_back_in_the_same_message_is_not_challenged() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.respond(
        "For the decision threshold I'd sweep it on the test month and keep the best one. "
        "Hmm, scratch that, then the test month stops being an honest estimate. So the "
        "sweep runs on the validation month and the test month is scored once."
    )
    move = iv.transcript.turns[-1].move
    assert not (move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM)


def test_a_defence_restating_a_challenged_mistake_gets_the_correction_once() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.respond("For evaluation I'll do a random 80/20 split of all the transactions.")
    first = iv.transcript.turns[-1].move
    assert first.steer == SteerKind.WRONG_CLAIM and first.target == "random_split_time_ordered"
    # a negated restatement takes the point on board: no defence to answer
    iv.respond("Okay, so we should not just do a random split of everything and call it done.")
    assert not (iv.transcript.turns[-1].move.rule or "").endswith(DEFENDED)
    iv.respond("Splitting by month is better than a random split here, fair enough.")
    assert not (iv.transcript.turns[-1].move.rule or "").endswith(DEFENDED)
    reply = iv.respond("Honestly the random split is fine, we have millions of rows.")
    move = iv.transcript.turns[-1].move
    assert move.steer == SteerKind.WRONG_CLAIM and (move.rule or "").endswith(DEFENDED)
    assert "Split by time" in reply and "Fine by me" not in reply
    iv.respond("I still think the random split is fine with this much data.")
    assert not (iv.transcript.turns[-1].move.rule or "").endswith(DEFENDED)  # never a third time


def test_no_sound_practice_pattern_fires_on_a_sentence_labelled_with_its_claim() -> None:
    repairs = load_repairs()
    labelled = [
        (claim, item.text)
        for split in ("train", "dev")
        for item in load_split(corpus_dir() / split).sentences
        for claim in (item.wrong_claims or [])
        if claim in repairs.sound_practice
    ]
    assert labelled
    fired = [(c, t) for c, t in labelled if repairs.states_sound_practice(c, t)]
    assert fired == []
    assert load_content().misconceptions.get("tune_on_test_set").correction


def test_a_mistake_explained_then_replaced_by_the_right_practice_is_not_challenged() -> None:
    iv = new_interview("fraud-detection")
    iv.start()
    iv.respond("Labels come from chargebacks, which arrive weeks after the transaction.")
    iv.respond(
        "If we picked the cut-off on the test month, that number would flatter us. "
        "So the cut-off gets chosen on the validation month and the test month is scored once."
    )
    move = iv.transcript.turns[-1].move
    assert not (move.kind == MoveKind.STEER and move.steer == SteerKind.WRONG_CLAIM)


def test_a_slip_corrected_in_passing_is_not_challenged_but_a_plain_claim_is() -> None:
    from agent.understanding import shared_understanding
    from agent.understanding.claims import applicable_claims

    card = load_content().problems.get("fraud-detection")
    catalog = load_content().misconceptions
    u = shared_understanding()
    slip = "For the dashboard I'd track accuracy... sorry, PR-AUC, per week."
    assert applicable_claims(u.message(slip), catalog, card=card) == []
    plain = "For evaluation I'd report accuracy on the held-out month. Sorry for the long answer."
    assert applicable_claims(u.message(plain), catalog, card=card) == ["accuracy_on_imbalanced"]
