"""A hint rests on guidance that fits the card: never advice for balanced classes where the
card says positives are rare, nor a waiting user's tail latency for a batch job nobody
waits on; a sentence naming the hint's subject ("calibrated probabilities") is preferred to
a look-alike from the same section. Messages written for these tests."""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.speak.card_fit import fits_card
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


@pytest.mark.parametrize(
    ("sentence", "problem", "fits"),
    [
        ("Balanced binary classes, ranking quality matters: ROC-AUC.", "ad-click-prediction", 0),
        ("Balanced binary classes, ranking quality matters: ROC-AUC.", "eta-prediction", 1),
        ("PR-AUC: the better summary when positives are rare.", "ad-click-prediction", 1),
        ("Latency at p99: the tail is what users feel.", "street-view-blurring", 0),
        ("Latency at p99: the tail is what users feel.", "fraud-detection", 1),
        ("Throughput: images processed per GPU-hour.", "street-view-blurring", 1),
    ],
)
def test_a_guidance_sentence_fits_the_card_unless_it_assumes_what_the_card_rules_out(
    sentence: str, problem: str, fits: int
) -> None:
    assert fits_card(sentence, _card(problem)) == bool(fits)


def test_a_monitoring_hint_for_a_batch_job_is_not_about_waiting_users() -> None:
    iv = new_interview("street-view-blurring")
    iv.start()
    iv.respond("How many panoramas a month, and is this batch?")
    iv.respond("It is a detector over tiles, run as a batch job on the GPU pool, then blurring.")
    reply = iv.respond(
        "For watching the running pipeline I only have job success in mind. "
        "Could you give me a hint on what else to track?"
    )
    assert iv.transcript.turns[-1].move.kind == MoveKind.HINT
    assert "users feel" not in reply and "SLO" not in reply


def test_a_hint_on_calibration_names_calibrated_probabilities() -> None:
    iv = new_interview("ad-click-prediction")
    iv.start()
    iv.respond("What is the scale and what counts as a click label?")
    iv.respond(
        "So it is a binary classifier on impressions, with logistic regression as the "
        "baseline and a deep model after."
    )
    reply = iv.respond(
        "Calibration versus ranking quality, I do not see why it matters which. A hint?"
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.HINT and move.target == "calibration"
    assert "calibrat" in reply.lower() and "Balanced" not in reply


def test_a_hint_on_a_ranking_metric_names_ranking_metrics() -> None:
    # "offline" in the subject's name is no reason to prefer a sentence saying "offline"
    iv = new_interview("search-ranking")
    iv.start()
    iv.respond("What is the scale and the latency budget?")
    iv.respond("So it is learning to rank over the retrieved products, with a GBDT ranker first.")
    reply = iv.respond("Which metric suits ranking the results page best? Can you give me a hint?")
    assert iv.transcript.turns[-1].move.kind == MoveKind.HINT
    assert "NDCG" in reply
