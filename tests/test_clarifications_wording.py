"""Answering a question asked in words no card lists (issue 10): phrases shared by every card
(knowledge/fact_cues.yaml), the opening statement as the answer to "which product is this?",
and a pointer back to an earlier answer that says what it points to (that one in
tests/test_questions_mid_design.py)."""

from __future__ import annotations

from agent.content.bundle import load_content
from agent.content.fact_cues import CueGroup, SharedCues
from agent.content.problems import OPENING_TOPIC
from agent.interview import Interview
from agent.read.facts import card_facts
from agent.understanding.sentences import split_sentences
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"
ETA = "eta-prediction"
BLURRING = "street-view-blurring"


def _card(problem: str):  # type: ignore[no-untyped-def]
    return load_content().problems.get(problem)


def _answer(problem: str, topic: str) -> str:
    fact = _card(problem).fact(topic)
    assert fact is not None
    return " ".join(fact.answer.split())


def _started(problem: str) -> Interview:
    iv = new_interview(problem)
    iv.start()
    return iv


def _cued(problem: str, question: str) -> list[str]:
    facts = card_facts(_card(problem))
    return [t for s in split_sentences(question) for t in facts.by_cue(question, s)]


def test_a_shared_phrase_goes_to_the_first_of_its_topics_the_card_has():
    # the same words ask for the serving mode where a card has one, else for the latency
    question = "Will the score be produced asynchronously, after the fact?"
    assert _cued(BLURRING, question) == ["serving_mode"]
    assert _cued(FRAUD, question) == ["serving_mode"]  # its own since the card split it out
    assert _cued("search-ranking", question) == ["latency"]


def test_a_phrase_a_card_gives_one_fact_stays_that_facts_alone():
    shared = SharedCues(version="t", groups=[CueGroup(topics=["scale"], cues=["analysts"])])
    extra = shared.for_card(_card(FRAUD))  # the fraud card lists "analysts" for its reviewers
    assert "analysts" not in extra.get("scale", ())


def test_a_question_in_shared_words_is_answered_from_the_card():
    iv = _started(FRAUD)
    reply = iv.respond("Does the shopper sit and wait while we score synchronously?")
    assert _answer(FRAUD, "serving_mode") in reply  # the payment waits for the decision
    iv = _started(FRAUD)
    reply = iv.respond("What is the key metric the business judges this by?")
    assert _answer(FRAUD, "business_goal") in reply


def test_which_product_it_is_is_answered_from_the_opening():
    iv = _started(ETA)
    reply = iv.respond("Are we talking about taxi-style rides here, or parcels?")
    assert "ride-hailing" in reply
    assert iv.transcript.turns[-1].move.fact_topics == [OPENING_TOPIC]


def test_the_opening_answers_no_question_a_fact_answers_or_that_asks_something_else():
    iv = _started(ETA)
    reply = iv.respond("How many rides do we serve on a busy day?")
    # the piece of the scale fact that gives the daily trips
    assert "ride-hailing" not in reply and "About 25 million trips a day." in reply
    iv = _started(ETA)
    reply = iv.respond("Should a ride that gets cancelled count in the training data at all?")
    assert iv.transcript.turns[-1].move.fact_topics != [OPENING_TOPIC]
    assert "As the problem says" not in reply
    iv = _started(ETA)  # a question about the job is not one about the product
    reply = iv.respond("Is this role within the rides team, or a central platform group?")
    assert "As the problem says" not in reply


def test_the_bare_word_data_does_not_ask_for_the_data_fact():
    assert "data" not in _cued(FRAUD, "Is there holdout data where nothing was ever declined?")
    assert _cued(FRAUD, "What data do we have on each payment?") == ["data"]
