"""Questions in a message, read with what follows them (issues 10 and 14): a question the
candidate answers in the next breath is part of their argument and is not met with "that's
open" or "no figure on that"; one that waits on its answer, one of several asked in a row and
one whose next sentence goes elsewhere are still put to the interviewer; a request to move on
goes forward, never back to the part the candidate says they covered.

Hand-written on five problems, expectations by hand; none of the sentences is in the corpus.
Adversarial: a rhetorical "why ...? because ..." mid-answer, a "you mean ...?" that thinks
aloud, a question hidden mid-paragraph that waits on its answer, two questions and a
statement, a statement ending in "?", "let's move on" inside a longer answer, and a request
to move on whose reason names the part being left.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.content.phases import Phase
from agent.decide.moves import MoveKind
from agent.read.offline import OfflineReader
from agent.read.reading import MessageKind, MetaTopic, Reading
from tests.support.card_reading import card_context, read_on_card
from tests.support.policy_fixtures import interview_on, reply_to


def _read(problem: str, text: str, phase: Phase) -> Reading:
    return read_on_card(text, problem, phase)


# -- answered in place: not put to the interviewer -----------------------------------------


@pytest.mark.parametrize(
    ("problem", "phase", "text"),
    [
        (
            "video-search",
            Phase.MODELING,
            "The ranker sees the query and a few hundred candidates. Why not a cross-encoder "
            "over all of them? Because at a few hundred pairs per query it would cost more "
            "than the rest of the stack together, so it only rescores the top thirty.",
        ),
        (
            "fraud-detection",
            Phase.TRAINING,
            "Hmm, so you're saying the same cardholder could be in both halves of the split? "
            "Right, then the model just memorises that card. I'd split by time and keep each "
            "card's later payments out of training.",
        ),
        pytest.param(
            "game-recommendation",
            Phase.DATA,
            "What counts as a positive here? A purchase that the player keeps for more than "
            "two hours of play, since quick refunds are common in the store.",
            marks=pytest.mark.xfail(
                strict=True,
                reason="'... here?' is the lexicon's sign of a question put to the interviewer "
                "(asks_interviewer), which keeps it asked whatever the pair reads as (0.06 "
                "at b923b4c); the judged 'What does \"similar\" mean here? I'd define it "
                "...' stays asked the same way",
            ),
        ),
        (
            "eta-prediction",
            Phase.FEATURES,
            "Do the live speeds matter more than the time of day? Much more on a bad day: a "
            "crash on the ring road changes the trip by twenty minutes, and no hour-of-week "
            "average sees it.",
        ),
    ],
    ids=["why-not-because", "you-mean-thinking-aloud", "what-counts-answered", "yes-no-answered"],
)
def test_a_question_the_next_sentence_answers_asks_the_interviewer_nothing(
    problem: str, phase: Phase, text: str
) -> None:
    reading = _read(problem, text, phase)
    assert reading.kind is MessageKind.ANSWER
    assert reading.asked_parts == []
    assert reading.fact_topics == []


def test_a_statement_ending_in_a_question_mark_is_not_met_as_a_question() -> None:
    reading = _read(
        "search-ranking",
        "The top slot collects clicks just for being on top, which is why I'd randomise the "
        "first two positions for a sliver of traffic, right?",
        Phase.MODELING,
    )
    assert reading.kind is not MessageKind.CLARIFYING_QUESTION
    assert reading.fact_topics == []


def test_the_interviewer_does_not_call_a_self_answered_question_open() -> None:
    iv = interview_on("video-search", "What's the goal, more searches that end in a watch?")
    reply, move = reply_to(
        iv,
        "Why keep the transcripts at all, when titles are there? Because most uploaders "
        "write three-word titles, and the speech is where the searchable words are. So I'd "
        "transcribe anything longer than a minute and index it with the title.",
    )
    assert move.kind is not MoveKind.ANSWER_CLARIFICATION, reply
    assert "open" not in reply.lower() and "don't have" not in reply.lower(), reply


# -- still asked ----------------------------------------------------------------------------


def test_a_question_hidden_mid_paragraph_that_waits_on_its_answer_is_still_asked() -> None:
    reading = _read(
        "game-recommendation",
        "I'd keep ninety days of sessions per player. How many players are active each day? "
        "If it's tens of millions, I'd sample the sessions of the heaviest players. Then "
        "the features come from those sessions.",
        Phase.DATA,
    )
    assert reading.kind is MessageKind.CLARIFYING_QUESTION
    assert reading.asked_parts


def test_two_questions_in_a_row_then_a_plan_are_both_asked() -> None:
    reading = _read(
        "video-search",
        "How many videos are uploaded each day? And how long may a search take end to end? "
        "I'll start from text retrieval with a learned reranker.",
        Phase.CLARIFY,
    )
    assert reading.kind is MessageKind.CLARIFYING_QUESTION
    assert len(reading.asked_parts) >= 2


# -- requests to move on go forward ---------------------------------------------------------


def test_a_request_to_move_on_does_not_go_back_to_the_part_it_says_is_covered() -> None:
    context = card_context("similar-listings", Phase.DEPLOYMENT)
    context = context.model_copy(update={"plan": load_content().plan})
    reading = OfflineReader().read(
        "Could we move on? I think the ranking model is covered by now.", context
    )
    assert reading.kind is MessageKind.META and reading.meta is MetaTopic.NEXT
    assert reading.wants_phase is not Phase.MODELING


def test_a_request_to_move_on_whose_reason_names_a_later_part_goes_there() -> None:
    context = card_context("fraud-detection", Phase.FEATURES)
    context = context.model_copy(update={"plan": load_content().plan})
    reading = OfflineReader().read(
        "Can we move on? Serving is the part I most want to get to.", context
    )
    assert reading.kind is MessageKind.META and reading.meta is MetaTopic.NEXT
    assert reading.wants_phase is Phase.DEPLOYMENT


def test_let_us_move_on_inside_a_longer_answer_is_not_pulled_back() -> None:
    iv = interview_on(
        "harmful-content-detection",
        "What kinds of harm matter most, and is it text only?",
        "I'll take the policy list and text plus images. Data: moderator decisions on "
        "reported posts as labels, plus a random sample reviewed each week for prevalence.",
    )
    reply, move = reply_to(
        iv,
        "Offline I'd report precision and recall per policy at the threshold we'd ship. "
        "Let's move on to serving: text goes through a small CPU model at upload, images "
        "through a GPU queue, and anything borderline waits for a moderator.",
    )
    assert move.phase not in (Phase.CLARIFY, Phase.DATA, Phase.FEATURES), reply
    assert "let's move on" not in reply.lower(), reply
