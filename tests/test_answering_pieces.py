"""Answer what was asked, from the card, no more (issue 10): a card fact is made of pieces
(one sentence each), every part of a question is matched on its own, the answer gives the
pieces asked for in the order asked, "state an assumption" only where the card has nothing,
and later answers agree with what was said. Every question here was written for this file;
none comes from a fidelity script or a judged transcript.
"""

from __future__ import annotations

import re

import pytest
import yaml

from agent.content.bundle import load_content
from agent.content.problems import Fact, piece_id
from agent.decide.moves import MoveKind
from agent.interview import Interview
from agent.settings import get_settings
from tests.support.interview_fixtures import new_interview

FRAUD = "fraud-detection"
PYMK = "people-you-may-know"


def _card_pieces(problem: str) -> dict[str, list[str]]:
    card = load_content().problems.get(problem)
    return {f.topic: f.pieces for f in card.facts}


def _said_pieces(problem: str, reply: str) -> set[str]:
    """The card's pieces a reply says, as "<topic>#<n>"."""
    flat = " ".join(reply.split())
    return {
        piece_id(topic, i)
        for topic, pieces in _card_pieces(problem).items()
        for i, piece in enumerate(pieces)
        if piece in flat
    }


def _assume_lines() -> list[re.Pattern[str]]:
    """The question bank's "not specified, state an assumption" lines, as patterns."""
    path = get_settings().prompts_dir / "question_bank.yaml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    lines = [*bank["unanswerable"], *bank["unanswerable_assumed"]]
    out = []
    for line in lines:
        parts = [re.escape(p) for p in re.split(r"\{[a-z_]+\}", " ".join(line.split())) if p]
        out.append(re.compile(".*?".join(parts)))
    return out


def _says_assume(reply: str) -> bool:
    flat = " ".join(reply.split())
    return any(p.search(flat) for p in _assume_lines())


def _asked(problem: str, *messages: str, seed: int = 3) -> tuple[Interview, list[str]]:
    interview = new_interview(problem, seed=seed)
    interview.start()
    return interview, [interview.respond(m) for m in messages]


# -- 1. the card's facts are pieces, and no content was lost -------------------------------


def test_every_fact_is_the_sum_of_its_pieces() -> None:
    for problem in load_content().problems.ids():
        for fact in load_content().problems.get(problem).facts:
            assert fact.pieces, (problem, fact.topic)
            assert " ".join(fact.pieces) == " ".join(fact.answer.split()), (problem, fact.topic)


def test_a_fact_told_in_part_keeps_the_card_order_and_its_topic() -> None:
    fact = Fact(topic="labels", cues=["label"], answer="First piece here. Second one. Third.")
    assert fact.pieces == ["First piece here.", "Second one.", "Third."]
    told = fact.told(["labels#2", "labels#0", "scale#1"])
    assert told.answer == "First piece here. Third."
    assert told.topic == "labels"
    # no piece of its own named (or none at all): the whole fact
    assert fact.told(["scale#0"]).answer == fact.answer
    assert fact.told(None).answer == fact.answer


def test_a_decimal_or_abbreviation_does_not_cut_a_piece() -> None:
    fact = Fact(topic="imbalance", cues=["rate"], answer="About 0.1% are bad, e.g. stolen cards.")
    assert fact.pieces == ["About 0.1% are bad, e.g. stolen cards."]


# -- 2. multi-part questions: every covered part answered, nothing else --------------------

# (problem, question, the topics of the card it asks for, in the order asked)
MULTI_PART = [
    (
        FRAUD,
        "What is the latency budget per transaction, and how many transactions a second do "
        "we see at peak?",
        ["latency", "scale"],
    ),
    (
        "eta-prediction",
        "What's the p99 budget for one estimate? And how many ETA requests do we serve?",
        ["latency", "scale"],
    ),
    (
        "video-search",
        "How many searches happen per day, and what's the latency target for results?",
        ["scale", "latency"],
    ),
    (
        "harmful-content-detection",
        "Where do our labels come from? And how fast must the blocking check be?",
        ["labels", "latency"],
    ),
    (
        "ad-click-prediction",
        "What counts as a positive label here, and how many milliseconds does the click model get?",
        ["labels", "latency"],
    ),
    (
        "search-ranking",
        "What's the business goal for search, and what's the latency budget for ranking?",
        ["business_goal", "latency"],
    ),
]


@pytest.mark.parametrize(("problem", "question", "topics"), MULTI_PART)
def test_every_covered_part_is_answered_and_nothing_else(
    problem: str, question: str, topics: list[str]
) -> None:
    interview, (reply,) = _asked(problem, question)
    move = interview.transcript.turns[-1].move
    assert move is not None and move.kind == MoveKind.ANSWER_CLARIFICATION
    said = _said_pieces(problem, reply)
    # each asked fact is answered: at least one of its pieces is said
    for topic in topics:
        assert any(p.startswith(f"{topic}#") for p in said), (topic, reply)
    # nothing from a fact nobody asked for
    assert {p.split("#")[0] for p in said} <= set(topics), reply
    # in the order asked
    firsts = [reply.find(_card_pieces(problem)[t][0]) for t in topics]
    found = [f for f in firsts if f >= 0]
    assert found == sorted(found), reply
    assert not _says_assume(reply), reply


# -- 3. a question the card answers never hears "state an assumption" -----------------------

COVERED = [
    (FRAUD, "Roughly what share of transactions turn out to be fraudulent?"),
    (FRAUD, "Is the model scored inline, with the payment waiting on it?"),
    (PYMK, "What counts as a positive example for training?"),
    ("video-search", "What's the peak query rate?"),
    ("eta-prediction", "Who consumes the ETA we predict?"),
    ("similar-listings", "What's the main business metric for the carousel?"),
]


@pytest.mark.parametrize(("problem", "question"), COVERED)
def test_a_question_the_card_answers_is_never_left_to_an_assumption(
    problem: str, question: str
) -> None:
    _, (reply,) = _asked(problem, question)
    assert _said_pieces(problem, reply), reply
    assert not _says_assume(reply), reply


# -- 4. pieces: the sentence asked for, not the paragraph ---------------------------------


def test_asking_how_long_outcomes_take_hears_the_delay_beside_the_fact_itself() -> None:
    _, (reply,) = _asked(FRAUD, "Once a payment was fraud, how many weeks until we find out?")
    said = _said_pieces(FRAUD, reply)
    assert "labels#1" in said, reply  # they arrive late: the median is about three weeks
    assert "labels#0" in said, reply  # the first piece states the fact and is always said


def test_the_first_piece_of_a_fact_is_said_even_when_a_later_one_is_nearer() -> None:
    # the later latency piece (the query embedding's and the lookup's shares) may be nearer
    # in words, but the budget itself is what was asked
    _, (reply,) = _asked("visual-search", "What latency budget do we have for the results?")
    assert "latency#0" in _said_pieces("visual-search", reply), reply


def test_a_question_about_the_rules_today_does_not_read_out_unasked_pieces() -> None:
    _, (reply,) = _asked(PYMK, "What does the positive label look like?")
    said = _said_pieces(PYMK, reply)
    assert said == {"labels#0"}, reply  # the definition, not the list of negatives


# -- 5. a record of what was said: later answers agree ------------------------------------


def test_the_record_lists_the_pieces_said() -> None:
    interview, (reply,) = _asked(FRAUD, "What's the latency budget?")
    state = interview.transcript.state
    assert "latency" in state.fact_topics_given
    assert "latency#0" in state.fact_pieces_given
    assert _said_pieces(FRAUD, reply) == {"latency#0"}


def test_a_piece_not_said_yet_is_answered_later_not_pointed_back() -> None:
    _, (first, second) = _asked(
        PYMK,
        "What does the positive label look like?",
        "And what counts as a negative, like ignored or declined suggestions?",
    )
    assert _said_pieces(PYMK, first) == {"labels#0"}
    # the other piece of the same fact was never said: it is said now
    assert "labels#1" in _said_pieces(PYMK, second), second
    assert not _says_assume(second), second


def test_a_fact_asked_again_is_never_answered_with_no_information() -> None:
    _, (first, again) = _asked(
        FRAUD,
        "What's the latency budget?",
        "We would score with a gradient boosted model on streaming features. "
        "Remind me, what was the latency budget again?",
    )
    assert "latency#0" in _said_pieces(FRAUD, first)
    # the second answer agrees with the first: the fact again, or a pointer back to it
    # that names it; never "I don't have details on that"
    assert not _says_assume(again), again
    assert "latency#0" in _said_pieces(FRAUD, again) or "latency" in again.lower(), again


# -- 6. adversarial: no piece for what the card does not cover -----------------------------


@pytest.mark.parametrize(
    ("problem", "question"),
    [
        (FRAUD, "Which cloud provider does the company run on?"),
        (PYMK, "What's the on-call rota for the ranking service?"),
        ("video-search", "Is the results page front end written in React?"),
    ],
)
def test_a_question_the_card_does_not_cover_gets_no_piece(problem: str, question: str) -> None:
    _, (reply,) = _asked(problem, question)
    assert not _said_pieces(problem, reply), reply
