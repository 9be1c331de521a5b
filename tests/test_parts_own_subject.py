"""Each part of a question answered with the fact its own subject asks for (issue 10): two
facts the matcher ties on a shared word go to the one nearer the part's meaning; a part that
opens with "is it" after another question and names its own fact is read by its own words; a
part that only echoes the question before it is named, not silently folded into that answer;
a part no fact matched is not answered with a neighbouring fact the matcher finds unlikely; a
sentence that opens with a condition asks one thing; a question about the job followed by a
second one is still about the job. Every message was written for this file, by hand, on the
cards' own facts (none comes from a fidelity script or the fact-question corpus), on problems
other than those of the judged batch that shaped the change where the case allows; the
expected pieces were read off the cards by hand before running the code.
"""

from __future__ import annotations

import re

import pytest

from agent.decide.moves import PartState
from agent.read.parts import question_parts
from agent.understanding.sentences import Span
from tests.support.interview_fixtures import pieces_said, talk

_OPEN = re.compile(r"not specified|open|assum|nothing on|don't have|isn't fixed", re.I)


# -- two facts sharing a word: the part's subject decides ------------------------------------


@pytest.mark.parametrize(
    ("problem", "message", "asked", "neighbour"),
    [
        # a count of people's work, not the posts the system sees a day
        (
            "harmful-content-detection",
            "Roughly how many flagged posts can the human reviewers clear per day?",
            "labelling_budget#0",
            "scale#0",
        ),
        # the analysts' daily capacity, not the payments the system scores
        (
            "fraud-detection",
            "How many suspicious payments could the analysts dig into each day?",
            "labelling_budget#0",
            "scale#0",
        ),
        # the raters' capacity, not how many videos can be searched (both speak of videos;
        # the matcher reads the two facts within a few hundredths of each other)
        (
            "video-search",
            "How many videos could the raters score for us each week?",
            "labelling_budget#0",
            "scale#0",
        ),
    ],
)
def test_a_count_of_peoples_work_hears_their_capacity_not_the_systems_volume(
    problem: str, message: str, asked: str, neighbour: str
) -> None:
    replies, _ = talk(problem, message)
    said = pieces_said(problem, replies[0])
    assert asked in said, replies[0]
    assert neighbour not in said, replies[0]


# -- a part read by its own words --------------------------------------------------------------


def test_an_is_it_part_after_another_question_that_names_its_own_fact_hears_it() -> None:
    # "new players" in the question before names the cold start; "console, PC" names the
    # devices, which is what the second part asks
    replies, _ = talk(
        "game-recommendation",
        "Who sees these recommendations, new players or everyone? Next, is it console, PC, "
        "or both?",
    )
    said = pieces_said("game-recommendation", replies[0])
    assert "devices#0" in said, replies[0]
    assert "cold_start#0" not in said, replies[0]


def test_a_part_that_only_echoes_the_question_before_it_is_named_not_dropped() -> None:
    # the card says how results are used (the booking flow), nothing of the surfaces shown:
    # "is it the app, the site, or both?" must be named as open, not folded into the answer
    # to the question before it
    replies, moves = talk(
        "fraud-detection",
        "Who acts on the score? Does a rules engine decide, or does the model decline "
        "payments directly? And lastly, is it card payments, bank transfers, or both?",
    )
    last = moves[0].parts[-1]
    assert last.text.endswith("or both?"), moves[0].parts
    assert last.state != PartState.COVERED, replies[0]
    assert "output_consumer#0" in pieces_said("fraud-detection", replies[0]), replies[0]


def test_a_part_no_fact_matched_is_not_answered_with_a_neighbouring_fact() -> None:
    # the countries are asked by the second part; the first asks where the positions come
    # from, which the card's data fact answers, and never the cities the service runs in
    replies, moves = talk(
        "rider-driver-matching",
        "Where does the position data of drivers come from? And which cities are we live in?",
    )
    first = moves[0].parts[0]
    assert not any(p.startswith("geography") for p in first.pieces), replies[0]
    assert "geography#0" in pieces_said("rider-driver-matching", replies[0]), replies[0]


# -- three terse parts ---------------------------------------------------------------------------


def test_three_terse_parts_each_hear_their_own_piece_and_none_is_called_open() -> None:
    replies, moves = talk("video-recommendation", "Users? Catalogue size? Peak QPS?")
    said = pieces_said("video-recommendation", replies[0])
    assert {"scale#0", "scale#1", "scale#2"} <= said, replies[0]
    assert all(a.state != PartState.OPEN for a in moves[0].parts), replies[0]


# -- a question with its own assumption ---------------------------------------------------------


def test_a_question_carrying_its_own_guess_hears_the_card_figure() -> None:
    replies, _ = talk("eta-prediction", "How many trips do we serve a day, maybe a million?")
    assert "scale#0" in pieces_said("eta-prediction", replies[0]), replies[0]


# -- a condition set out before one question ----------------------------------------------------


def test_a_sentence_opening_with_a_condition_is_one_question_not_a_list() -> None:
    text = (
        "If a rider cancels, with the driver already waiting, after five minutes, do we "
        "still charge a fee?"
    )
    assert [p.text for p in question_parts(text, Span(0, len(text), text))] == [text]


def test_a_bare_list_of_topics_is_still_cut_into_its_items() -> None:
    text = "Latency, languages, catalogue size?"
    parts = [p.text for p in question_parts(text, Span(0, len(text), text))]
    assert parts == ["Latency", "languages", "catalogue size?"]


# -- about the job, in two questions ------------------------------------------------------------


@pytest.mark.parametrize(
    "message",
    [
        "What is on-call like on this team? How often do people get woken up?",
        # the second question names a pager, which reads as part of a system; it asks on
        # about the job, and says nothing of why the first was asked
        "What does on-call look like for this team? Would I be paged a lot at night?",
    ],
)
def test_an_on_call_question_followed_by_another_is_sent_to_the_recruiter(message: str) -> None:
    replies, _ = talk("news-feed-ranking", message)
    assert "recruiter" in replies[0], replies[0]
    assert not pieces_said("news-feed-ranking", replies[0]), replies[0]


# -- the same fact asked twice, ten turns apart -------------------------------------------------

_DESIGN = [
    "I'd frame this as ranking upcoming events per user by the chance of a registration.",
    "Candidates come from events near the user's city plus events friends are going to.",
    "Features: category affinity, distance, days until the event, price band, and friends.",
    "A gradient boosted ranker first, trained on registrations within a week of the view.",
    "Offline I'd track NDCG at ten and recall of registered events in the top twenty.",
    "Split by time so that training never sees events listed after the test period starts.",
    "Online, an A/B test on registrations per user, with latency as a guardrail.",
    "For new events, content features and a small exploration share of the slots.",
    "Monitoring: feature freshness, score drift, and registrations per impression by city.",
]


def test_the_same_fact_asked_ten_turns_apart_is_given_the_same_answer() -> None:
    replies, _ = talk(
        "event-recommendation",
        "What's the latency budget for the home feed?",
        *_DESIGN,
        "Sorry, what was the latency budget for the feed again?",
    )
    assert "latency#0" in pieces_said("event-recommendation", replies[0]), replies[0]
    last = replies[-1]
    # said again or pointed back to with its figure, never called open
    assert "200 ms" in last, last
    assert not re.search(r"not specified|isn't fixed|nothing on", last, re.I), last
