"""Figures the candidate misstates are caught; figures about another quantity are not.

A figure counts something (the head of its noun phrase), over a period, of a part of the
whole (one city, one request, a reviewed subset) or as a limit (a pool, a budget). Only a
figure of the same quantity, clearly apart, contradicts the card; a contradiction the
interviewer could not raise on its turn (a question took it) is raised later, once.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read.numbers import conflict, quantities
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


def test_the_noun_counted_is_the_head_of_its_compound() -> None:
    # 8 million active listings; listing pages viewed about 50 million times a day
    card = _card("similar-listings")
    assert conflict("about 50 million listing page views a day", card, ["scale"]) is None
    found = conflict("roughly 5 million listings in the index", card, ["scale"])
    assert found is not None and "8 million" in found.given
    # a rate of predictions is not a rate of requests
    ads = _card("ad-click-prediction")  # 300,000 ad requests per second
    assert conflict("so about 40 million predictions per second", ads, ["scale"]) is None


def test_a_whole_larger_than_the_part_the_card_gave_is_consistent() -> None:
    card = _card("rider-driver-matching")  # 30,000 drivers online in the largest city
    assert conflict("about 250k drivers across all our cities", card, ["scale"]) is None
    found = conflict("we only have about 8,000 drivers overall", card, ["scale"])
    assert found is not None and found.given == "30,000 drivers"
    assert conflict("score only the 15 nearest drivers", card, ["scale"]) is None


def test_a_figure_within_a_limit_is_no_conflict_and_one_beyond_it_is() -> None:
    card = _card("street-view-blurring")  # a fixed pool of 64 GPUs
    assert conflict("20 GPUs should be plenty for this", card, ["budget"]) is None
    assert conflict("we would need about 200 GPUs", card, ["budget"]) is not None


def test_a_reviewed_subset_is_not_the_total_volume() -> None:
    card = _card("street-view-blurring")  # 20 million panoramas a month
    assert conflict("the team can audit about 3,000 panoramas a day", card, ["scale"]) is None
    assert conflict("we ingest about 90 million panoramas a month", card, ["scale"]) is not None


@pytest.mark.parametrize(
    ("text", "contradicts"),
    [
        ("the index holds tens of millions of videos", True),
        ("about a billion videos to index", False),
        ("a big catalogue, millions of videos at least", False),  # a floor, not a size
        ("with 700 million videos the shards stay small", True),
        ("twenty thousand queries a second at peak", True),
    ],
)
def test_words_and_orders_of_magnitude_are_figures_too(text: str, contradicts: bool) -> None:
    card = _card("video-search")  # about a billion videos, 6,000 queries per second at peak
    assert (conflict(text, card, ["scale"]) is not None) == contradicts


def test_a_latency_is_held_to_the_budget_of_the_stage_it_names() -> None:
    card = _card("news-feed-ranking")  # 150 ms for the page, ranking gets 50 ms
    assert conflict("the page has 140 ms and ranking 45 ms", card, ["latency"]) is None
    found = conflict("the ranking step takes about 80 ms", card, ["latency"])
    assert found is not None and found.given == "50 ms"


def test_a_range_is_read_with_both_ends() -> None:
    found = [(q.low, q.value) for q in quantities("between 2 to 3 thousand requests per second")]
    assert found == [(2000.0, 3000.0)]


def test_a_figure_said_with_a_question_is_pointed_out_in_the_answer() -> None:
    iv = new_interview("game-recommendation")
    iv.start()
    iv.respond("How many games are in the catalogue, and how many players?")
    reply = iv.respond("Okay, so around 35k games. What's the latency budget for the page?")
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "latency" in move.fact_topics
    assert "35k games" in reply and "60,000 games" in reply
    # said again in passing: the correction was heard once, it is not repeated
    iv.respond("With 35k games I'd precompute candidates nightly and rank them with GBDT.")
    assert iv.transcript.turns[-1].move.number is None
    # built on (another figure derived from it): corrected once more, plainly
    reply = iv.respond(
        "Each game gets 20 embeddings, so 35k games times 20 is 700k vectors in the index."
    )
    again = iv.transcript.turns[-1].move.number
    assert again is not None and again.again
    assert "60,000 games" in reply and "?" not in reply.split("35k games")[0]
    iv.respond("Fine. 35k games times 20 embeddings is still 700k vectors.")
    assert iv.transcript.turns[-1].move.number is None  # never a third time


def test_each_kind_of_figure_in_a_fact_is_raised_once() -> None:
    iv = new_interview("ad-click-prediction")
    iv.start()
    iv.respond("What's the scale: impressions per day and requests per second?")
    iv.respond("So at 40 billion impressions a day, one day of logs is plenty for training.")
    first = iv.transcript.turns[-1].move
    assert first.number is not None and first.number.kind == "impression/day"
    # the answer gave the impressions only: the request rate was never told, so the figure
    # is corrected as an assumption with the card's piece that holds it
    reply = iv.respond("The serving tier must handle about 90k requests per second with headroom.")
    second = iv.transcript.turns[-1].move
    assert second.number is None
    assert [k.split("@")[0] for k in second.numbers_answered] == ["scale:per_second"]
    assert "300,000" in reply and "5 billion" not in reply
    raised = [k.split("@")[0] for k in iv.transcript.state.numbers_raised]
    assert "scale:impression/day" in raised and "scale:per_second" in raised


def test_a_figure_agreeing_with_one_of_the_facts_figures_is_no_conflict() -> None:
    card = _card("harmful-content-detection")  # 500 million posts a day; 12,000 a second
    assert conflict("a few hundred million posts a day", card, ["scale"]) is None
    assert conflict("hundreds of millions of posts a day", card, ["scale"]) is None
    ads = _card("ad-click-prediction")  # 500 candidate ads per request
    assert conflict("an inventory of millions of ads", ads, ["scale"]) is None
