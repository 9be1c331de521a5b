"""Figures said in another unit than the card's, shares, and stage plans against a budget.

A rate per second and a count per day are one quantity in two units (a day has 86,400
seconds; a peak runs a few times the average); a share is compared with the card's share of
the same thing; a plan of stages is held to the budget by its sum. Figures that agree, that
the candidate derives sensibly (the average from the daily count, a peak a few times it),
or that are about something else (model size, features, history, another share) never
fire. The expectations are the card's own figures worked out by hand in the comments.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.decide.moves import MoveKind
from agent.read.numbers import conflict, conflicts
from agent.read.rates import shares
from agent.read.stage_sums import stage_sums
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


# people-you-may-know: viewed about 80 million times a day = about 930 a second on average;
# no peak given (three times the average, about 2,800 a second)
@pytest.mark.parametrize(
    ("text", "contradicts"),
    [
        ("so roughly 1,000 QPS on average", False),
        ("peak maybe 3k QPS", False),
        ("about 2.5 billion requests a month", False),  # 83M a day
        ("that's roughly 1B requests a day", True),  # 12 times the daily views
        ("around 12k QPS on average", True),
        ("peak load on the endpoint is around 20k QPS", True),
        ("only about 100 requests per second", True),  # a ninth of the average
        ("a range of 2-10k QPS", False),  # a range that reaches the card's
    ],
)
def test_a_request_rate_is_compared_with_the_daily_views(text: str, contradicts: bool) -> None:
    card = _card("people-you-may-know")
    assert (conflict(text, card, ["scale"]) is not None) == contradicts


def test_an_average_is_held_to_the_daily_count_even_below_the_peak() -> None:
    card = _card("fraud-detection")  # 40M a day (about 460 a second), peak 3,000 a second
    found = conflict("around 2,000 transactions per second on average", card, ["scale"])
    assert found is not None and "40 million" in found.given and "460" in found.given
    # derived from the daily count, with a peak a few times the average: agrees
    derived = "40M a day is about 460 transactions per second on average, peak 3,000 TPS"
    assert conflict(derived, card, ["scale"]) is None


def test_a_daily_count_under_another_name_is_the_same_traffic() -> None:
    card = _card("video-search")  # 150 million searches a day, 6,000 queries a second at peak
    assert conflict("about 150 million queries a day", card, ["scale"]) is None
    found = conflict("maybe 2 billion queries a day", card, ["scale"])
    assert found is not None and "150 million" in found.given
    # a request count that is not traffic: videos, not searches
    assert conflict("we index 2 billion video frames a day", card, ["scale"]) is None


def test_a_rate_conflict_is_raised_for_an_untold_fact_only_as_a_requirement() -> None:
    card = _card("event-recommendation")  # peak of 1,000 recommendation requests a second
    found = conflicts("I'll assume about 20k QPS at peak", card, [])
    assert found and not found[0].told
    # the candidate's daily count of an untold fact is not corrected unless assumed
    assert not conflicts("so maybe 500 million requests a day", card, [])


@pytest.mark.parametrize(
    ("text", "contradicts"),
    [
        ("fraud is about 0.1% of transactions", False),
        ("fraud is 0.1 to 0.3 percent of transactions", False),  # a range reaching 0.1%
        ("with 0.2 percent fraud the data is very skewed", True),
        ("fraud is about 1% of transactions", True),
        ("declines of good customers must stay under 0.5%", False),  # the decline cap
        ("we hold out 1% of traffic for exploration", False),  # a share of something else
        ("keep 10% of the negatives when downsampling", False),
        ('always predicting "not fraud" already gets 99 percent', False),  # the complement
        ("fraud scores drift up by 20% for new merchants", False),  # a change, not a share
    ],
)
def test_a_share_is_compared_with_the_cards_share_of_the_same_thing(
    text: str, contradicts: bool
) -> None:
    card = _card("fraud-detection")  # 0.1% fraudulent; declines below 0.5%; 55% caught
    given = ["imbalance", "constraints", "existing_system"]
    assert (conflict(text, card, given) is not None) == contradicts


def test_a_percentile_is_not_a_share() -> None:
    assert [s.value for s in shares("p99 under 100 ms and 95th percentile at 40 ms")] == []
    assert [s.value for s in shares("about 0.2 percent, maybe 0.1 to 0.3%")] == [0.2, 0.3]


@pytest.mark.parametrize(
    ("text", "total"),
    [
        (
            "Roughly 10 ms for reading candidates, 30 for features, 30 for scoring 1,000 "
            "candidates on CPU, and 10 for re-ranking.",
            80.0,
        ),
        ("~10ms fetch, 30 feats, 30 score, 10 rerank.", 80.0),
        ("I'd spend 5 ms on retrieval, 20 ms on ranking.", 25.0),
    ],
)
def test_a_stage_plan_is_read_with_its_sum(text: str, total: float) -> None:
    assert [s.total for s in stage_sums(text)] == [total]


@pytest.mark.parametrize(
    "text",
    [
        "10 ms for retrieval and 20 features",  # a count of features, not a stage
        "p50 is 10 ms, p99 30 ms",  # percentiles
        "5 ms for lookup, 10 ms for scoring or 20 ms for a bigger model",  # alternatives
        "a 50 ms budget, 10 ms for network, 30 for the model",  # the whole named with it
        "30 ms for retrieval and 20 minutes for the nightly job",  # another unit
        "Within 40 ms I'd target 5 ms for features, 25 ms for inference.",  # 40 is the whole
    ],
)
def test_what_is_not_a_stage_plan(text: str) -> None:
    assert stage_sums(text) == []


def test_a_budget_exceeded_by_a_stage_sum_is_a_conflict() -> None:
    card = _card("people-you-may-know")  # serving under 50 ms
    over = conflict(
        "So 10 ms to read candidates, 30 for features, 30 for scoring.", card, ["latency"]
    )
    assert over is not None and "70 ms" in over.said and over.given == "50 ms"
    inside = "So 10 ms to read candidates, 20 for features, 15 for scoring."
    assert conflict(inside, card, ["latency"]) is None
    # the news feed's page has 150 ms and ranking 50 ms of it: a plan inside the page's budget
    # is not over it as a whole, but its heavy ranker is over the ranking budget
    feed = _card("news-feed-ranking")
    plan = "20 ms for candidate fetch, 30 for features, 60 for the heavy ranker."
    found = conflicts(plan, feed, ["latency"])
    assert [(c.kind, c.given) for c in found] == [("stages:ranking", "50 ms for ranking")]
    inside = "20 ms for candidate fetch, 30 for features, 40 for the heavy ranker."
    assert conflicts(inside, feed, ["latency"]) == []


def test_figures_about_other_quantities_never_fire() -> None:
    card = _card("fraud-detection")
    given = [f.topic for f in card.facts]
    for text in (
        "A GBDT with 500 trees over 200 features, trained on 3 years of history.",
        "Velocity features over 1 minute, 1 hour and 24 hours.",
        "The model file is about 50 MB and scores in under 1 ms.",
        "I'd keep 5% of traffic as a holdout with the old rules.",
    ):
        assert conflicts(text, card, given) == [], text


def test_an_acknowledged_figure_restates_the_cards() -> None:
    card = _card("video-search")  # the raters grade about 5,000 more pairs a month
    found = conflict(
        "Okay, some tens of thousands per month. Then I'd use them.", card, ["labelling_budget"]
    )
    assert found is not None and "5,000" in found.given
    # not an acknowledgement: a design that takes fewer than the capacity is a choice
    assert (
        conflict("We'd send about 2,000 pairs a month to the raters.", card, ["labelling_budget"])
        is None
    )
    fraud = _card("fraud-detection")  # analysts review about 2,000 cases a day
    assert conflict("OK, a few hundred cases per day.", fraud, ["labelling_budget"]) is not None
    assert conflict("OK, about 2,000 cases per day.", fraud, ["labelling_budget"]) is None


def test_a_candidate_who_asks_to_be_corrected_is_corrected_at_once() -> None:
    iv = new_interview("people-you-may-know")
    iv.start()
    reply = iv.respond(
        "I'll assume about 250M daily actives and roughly 1B requests a day, about 20k QPS "
        "at peak. Correct me if those numbers are way off."
    )
    move = iv.transcript.turns[-1].move
    assert move.kind == MoveKind.ANSWER_CLARIFICATION and "scale" in move.fact_topics
    assert "80 million" in reply
