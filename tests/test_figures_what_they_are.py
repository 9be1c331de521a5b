"""What a figure is decides whether it can contradict the card: a claim about this system's
size, rate or budget can; a cut-off the candidate picks ("the top 1,000 queries"), a product
the candidate derives with its factors ("2 billion images times 3 vectors is 6 billion
vectors"), a bound ("many millions of users") the card's figure falls in, or a budget that
holds several stages said against one stage's budget cannot. A correction is heard once: a
summary that restates a corrected figure is not corrected again; a wrong figure said first
in a summary is. A figure is held only to the card pieces the candidate heard; one about a
piece never said is answered with that piece, as an assumption the card contradicts.

Sentences written for these tests; the expectations are the shipped cards' figures (their
numbers are in the comments), not values computed by the code under test.
"""

from __future__ import annotations

from agent.decide.moves import MoveKind
from agent.read.numbers import conflict, conflicts, derived
from tests.support.interview_fixtures import new_interview
from tests.support.policy_fixtures import shipped_card

SEARCH = "search-ranking"  # 80M searches a day, 5,000 qps peak, 300M products; 300/80 ms
GAMES = "game-recommendation"  # 30M monthly, 8M daily players, 60,000 games, 1,500 loads/s
VISUAL = "visual-search"  # 5M searches a day, 400 qps, 2 billion images; 300 ms
FEED = "news-feed-ranking"  # 1 billion daily users, 200,000 loads/s; 150 ms, ranking 50
ADS = "ad-click-prediction"  # 5 billion impressions a day, 300,000 requests/s


def _pairs(text: str, problem: str, given: list[str]) -> list[str]:
    return [f"{c.said} | {c.given}" for c in conflicts(text, shipped_card(problem), given)]


# -- a cut-off the candidate picks is not a size ---------------------------------------------


def test_a_top_n_cut_off_is_not_a_claim_about_the_card_cut_off() -> None:
    # the card: the top 10,000 queries make up about 40% of traffic
    said = "Otherwise the model learns mostly the top 1,000 queries and ignores the tail."
    assert _pairs(said, SEARCH, ["query_distribution"]) == []


def test_a_size_said_beside_a_cut_off_is_still_held_to_the_card() -> None:
    # adversarial: the cut-off words nearby do not excuse a wrong catalogue size
    said = "We show the top 50 results, and the catalogue has roughly 20 million products."
    assert _pairs(said, SEARCH, ["scale"]) == ["20 million products | 300 million products"]


def test_candidates_are_a_subset_of_the_catalogue() -> None:
    said = "First get a few hundred candidate games from collaborative filtering, then rank."
    assert _pairs(said, GAMES, ["scale"]) == []
    # adversarial: the catalogue itself said too small is still a conflict
    assert _pairs("The store has a few thousand games.", GAMES, ["scale"]) == [
        "a few thousand games | 60,000 games"
    ]


# -- bound words ------------------------------------------------------------------------------


def test_millions_of_users_is_a_bound_the_card_figure_falls_in() -> None:
    said = "It is a big store, many millions of users and tens of thousands of games."
    assert _pairs(said, GAMES, ["scale"]) == []
    assert _pairs("A feed for millions of users a day.", FEED, ["scale"]) == []


def test_a_bound_below_the_card_figure_is_a_conflict() -> None:
    # a few hundred million is 200-999 million: the index holds 2 billion images
    said = "Let's say the index holds a few hundred million images."
    assert _pairs(said, VISUAL, ["scale"]) == ["a few hundred million images | 2 billion images"]


# -- a product the candidate derives ----------------------------------------------------------


def test_a_product_with_its_factors_is_read_as_derived() -> None:
    said = "2 billion images times about 3 vectors each is 6 billion vectors."
    assert derived(said) == [6e9]
    assert derived("We have 2 billion images and 6 billion vectors.") == []
    assert _pairs(said, VISUAL, ["scale"]) == []


def test_a_derived_figure_said_again_later_is_not_challenged() -> None:
    iv = new_interview(VISUAL)
    iv.start()
    iv.respond("How many images are in the index, and what is the query rate?")
    iv.respond("Index sizing: 2 billion images times about 3 regions each is 6 billion vectors.")
    assert iv.transcript.turns[-1].move.number is None
    iv.respond("HNSW over 6 billion items needs several terabytes of RAM, so IVF-PQ it is.")
    assert iv.transcript.turns[-1].move.number is None
    # adversarial: a size said plainly, derived from nothing, is still held to the card
    reply = iv.respond("With 9 billion images in the index we shard it forty ways.")
    move = iv.transcript.turns[-1].move
    assert move.number is not None and "2 billion images" in reply


# -- a budget holding several stages against one stage's budget -------------------------------


def test_a_budget_holding_several_parts_is_not_a_stage_budget() -> None:
    # the page has 300 ms; the ranking model gets about 80 ms
    parts = "Serving uses a feature store, an in-process model and a cache inside a"
    assert _pairs(f"{parts} 200 ms p99 budget.", SEARCH, ["latency"]) == []
    over = f"{parts} 500 ms p99 budget."
    assert _pairs(over, SEARCH, ["latency"]) == ["500 ms | 300 ms"]
    # adversarial: one stage named with its own budget is still held to that stage's
    assert _pairs("The ranking model gets 150 ms.", SEARCH, ["latency"]) == ["150 ms | 80 ms"]


def test_a_latency_equal_to_a_count_is_still_a_latency() -> None:
    # "500 ms" is not the card's own figure because the card re-ranks the top 500 items
    said = "The service answers inside 500 ms at p99."
    assert _pairs(said, SEARCH, ["latency"]) == ["500 ms | 300 ms"]


# -- said once --------------------------------------------------------------------------------


def test_a_corrected_figure_restated_in_a_summary_is_not_corrected_again() -> None:
    iv = new_interview(ADS)
    iv.start()
    iv.respond("What's the scale: impressions per day?")
    first = iv.respond("So at 40 billion impressions a day, one day of logs is plenty.")
    assert iv.transcript.turns[-1].move.number is not None and "5 billion" in first
    summary = iv.respond("To sum up: 40 billion impressions a day, a GBDT first, then a DNN.")
    assert iv.transcript.turns[-1].move.number is None and "5 billion" not in summary


def test_a_multiple_after_the_figures_does_not_hide_them() -> None:
    # "maybe three times more" in a sale is a peak of the figures before it, not a scale-up
    iv = new_interview(GAMES)
    iv.start()
    reply = iv.respond(
        "I'll assume maybe 20 million daily players and a few thousand requests per second, "
        "and a lot more when there is a big sale, maybe three times more."
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "scale" in move.fact_topics
    assert "8 million daily" in reply and "1,500 loads per second" in reply


def test_a_wrong_figure_first_said_in_a_summary_is_caught() -> None:
    iv = new_interview(FEED)
    iv.start()
    iv.respond("What's the latency budget for the feed?")
    reply = iv.respond(
        "To summarise: two-stage ranking, a feature store, and a 400 ms p99 budget for the "
        "whole feed request, with monitoring on freshness."
    )
    move = iv.transcript.turns[-1].move
    assert move.number is not None and "150 ms" in reply and "400 ms" in reply


# -- held to what was heard -------------------------------------------------------------------


def test_a_figure_about_a_piece_never_said_is_answered_with_that_piece_only() -> None:
    card = shipped_card(VISUAL)
    # latency answered with the stage estimates (latency#1) only: the 300 ms target unsaid
    found = conflict("I'll plan for 700 ms at p99.", card, ["latency"], pieces=["latency#1"])
    assert found is not None and not found.told and found.piece == "latency#0"
    assert found.given == "300 ms"
    # the same figure once the target was said is queried as told
    told = conflict("I'll plan for 700 ms at p99.", card, ["latency"], pieces=["latency#0"])
    assert told is not None and told.told and told.given == "300 ms"
