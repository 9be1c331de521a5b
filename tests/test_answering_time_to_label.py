"""A question about when outcomes or labels come in is not answered with the serving latency
budget (issue 10: answer what was asked): the candidate's own guess, a sentence further on,
speaks of hours and days, and a bare "Delay?" after a question on labels asks how late the
labels come, not how fast the system answers."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.read.durations import DAYS, HOURS, question_scales
from tests.support.card_reading import read_on_card
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"
VIDEO = "video-search"


def _piece(problem: str, topic: str, n: int) -> str:
    fact = load_content().problems.get(problem).fact(topic)
    assert fact is not None
    return fact.pieces[n]


def test_a_guess_after_a_sentence_of_reasons_still_gives_the_scale():
    text = "How soon is it in? That sets the join. If it lands within an hour, fine."
    end = text.index("?") + 1
    assert question_scales(text, 0, end) == set()
    assert question_scales(text, 0, end, reach=2) == {HOURS}
    # the guess does not reach past the next question
    asked = "How soon is it in? Is it batched? I'd guess a few days."
    assert question_scales(asked, 0, asked.index("?") + 1, reach=2) == set()
    assert question_scales("When? Why? A week.", 0, 5, reach=3) == set()
    assert question_scales("When? Because. A week.", 0, 5, reach=2) == {DAYS}


def test_when_events_reach_the_warehouse_is_not_the_latency_budget():
    reading = read_on_card(
        "How quickly do viewing outcomes arrive in our warehouse? That drives the label join. "
        "If they come in within an hour, I would still wait a day before training on them.",
        VIDEO,
        Phase.CLARIFY,
    )
    assert "latency" not in reading.fact_topics


def test_a_latency_question_named_by_its_cue_keeps_the_budget_whatever_follows():
    reading = read_on_card(
        "What's the latency budget? That decides the model. We keep two weeks of logs.",
        VIDEO,
        Phase.CLARIFY,
    )
    assert reading.fact_topics == ["latency"]


def test_a_bare_delay_after_a_question_on_labels_hears_when_labels_arrive():
    iv = new_interview(FRAUD)
    iv.start()
    reply = iv.respond("Chargebacks as labels? Delay?")
    assert _piece(FRAUD, "labels", 1) in reply
    assert _piece(FRAUD, "latency", 0) not in reply


def test_a_fragment_that_names_its_own_fact_is_answered_with_it():
    reading = read_on_card("Labels? Latency budget?", FRAUD, Phase.CLARIFY)
    assert reading.fact_topics == ["labels", "latency"]
    assert reading.asked_parts[1].pieces == ["latency#0"]
