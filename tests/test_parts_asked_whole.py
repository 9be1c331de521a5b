"""Every part of a clarifying question answered, and only that (issue 10), where parts were
lost before: a terse list of one-word questions, a part that points back at the one before
it ("how much of it ..."), a question that lists the values it asks about ("which harms:
hate, spam, ...?"), a question carrying its own assumption, a second part that asks again
what the first part's answer says, and a statement that asks nothing. Expectations were
written by hand from the cards; the sentences were written for this file (none comes from a
fidelity script), on five problems.
"""

from __future__ import annotations

import pytest

from agent.decide.moves import MoveKind, PartState
from agent.interview import Interview
from agent.read.parts import question_parts
from agent.understanding.sentences import Span
from tests.support.interview_fixtures import pieces_said

SEED = 5


def _asked(problem: str, message: str) -> tuple[str, object]:
    interview = Interview(problem, seed=SEED)
    interview.start()
    reply = interview.respond(message)
    return reply, interview.transcript.turns[-1].move


def _parts(text: str) -> list[str]:
    return [p.text for p in question_parts(text, Span(0, len(text), text))]


# -- cutting a question into its parts ----------------------------------------------------


def test_a_hedge_between_and_and_the_question_word_still_cuts() -> None:
    assert _parts("How many regions and approximately how many requests a second?") == [
        "How many regions",
        "how many requests a second?",
    ]


def test_two_short_questions_joined_by_and_are_two_parts() -> None:
    assert _parts("So, which devices and which markets?") == [
        "So, which devices",
        "which markets?",
    ]
    # a short tail that only asks back about the same thing stays with its sentence
    assert _parts("Is the budget 100 ms, and is it?") == ["Is the budget 100 ms, and is it?"]


def test_a_confirmation_with_examples_is_not_a_bare_list_of_topics() -> None:
    text = "Just so I follow, by engagement we mean likes, comments, shares, that sort of thing?"
    assert _parts(text) == [text]
    # a real list of topics still is
    assert _parts("Latency, languages, regions?") == ["Latency", "languages", "regions?"]


# -- the reply ----------------------------------------------------------------------------


def test_terse_one_word_questions_are_each_answered() -> None:
    reply, move = _asked("news-feed-ranking", "DAU? Latency? Peak feed loads?")
    assert move.kind == MoveKind.ANSWER_CLARIFICATION
    said = pieces_said("news-feed-ranking", reply)
    assert {"scale#0", "latency#0"} <= said, reply
    assert said <= {"scale#0", "scale#1", "latency#0"}, reply
    assert not any(p.state == PartState.OPEN for p in move.parts), reply


def test_a_part_pointing_back_at_the_budget_is_not_answered_with_the_traffic() -> None:
    reply, move = _asked(
        "fraud-detection",
        "What's the end-to-end latency budget, and how much of it can the feature lookups use?",
    )
    said = pieces_said("fraud-detection", reply)
    assert said == {"latency#0"}, reply
    assert not any(p.state == PartState.OPEN for p in move.parts), reply


@pytest.mark.xfail(
    strict=True,
    reason="'does the check block publishing?' is not tied to the latency fact (a blocking "
    "check within 500 ms of upload): the matcher reads it below its bars, and it is named as "
    "open (seen 2026-11-30, parts12's refit)",
)
def test_a_question_listing_the_categories_it_asks_about_hears_the_card_list() -> None:
    reply, move = _asked(
        "harmful-content-detection",
        "Which policy violations do we classify: hate, spam, violence? And does the check "
        "block publishing?",
    )
    said = pieces_said("harmful-content-detection", reply)
    assert "labels#0" in said, reply
    assert "latency#0" in said, reply
    # nothing beside them: not the moderators' agreement, not the volumes
    assert said <= {"labels#0", "latency#0", "latency#1"}, reply
    assert not any(p.state == PartState.OPEN for p in move.parts), reply


def test_a_second_part_asking_what_the_first_answer_lists_adds_no_other_piece() -> None:
    reply, move = _asked(
        "harmful-content-detection",
        "What harm categories does the model need to cover? Is self-harm one of them?",
    )
    said = pieces_said("harmful-content-detection", reply)
    assert "labels#0" in said, reply
    assert "labels#1" not in said, reply  # the moderators' agreement: nobody asked
    assert not any(p.state == PartState.OPEN for p in move.parts), reply


def test_a_question_carrying_its_own_assumption_hears_only_what_it_asks() -> None:
    reply, move = _asked(
        "video-recommendation",
        "Assuming the home page is the only surface, what latency does it need?",
    )
    said = pieces_said("video-recommendation", reply)
    assert said == {"latency#0"}, reply
    assert not any(p.state == PartState.OPEN for p in move.parts), reply


def test_a_neighbour_of_the_labels_fact_is_named_as_open_not_answered_with_it() -> None:
    reply, move = _asked(
        "street-view-blurring",
        "How many panoramas arrive each month, and do we keep a gold set audited by lawyers?",
    )
    said = pieces_said("street-view-blurring", reply)
    assert "scale#0" in said or "scale#1" in said, reply
    assert not said & {"labels#0", "labels#1", "labelling_budget#0"}, reply
    assert [p.state for p in move.parts][-1] == PartState.OPEN, reply


@pytest.mark.parametrize(
    ("problem", "message"),
    [
        (
            "fraud-detection",
            "Fraud is rare, so accuracy would mislead us; I'd report precision and recall.",
        ),
        ("street-view-blurring", "Let me think about the blurring pipeline for a second."),
    ],
)
def test_a_statement_that_asks_nothing_gets_no_fact_and_no_open_line(
    problem: str, message: str
) -> None:
    reply, move = _asked(problem, message)
    assert pieces_said(problem, reply) == set(), reply
    assert not any(p.state == PartState.OPEN for p in move.parts), reply
