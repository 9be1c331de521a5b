"""Latencies said in seconds, and figures of one city beside the card's.

"0.2 s", "2s", "half a second", "a fifth of a second" and "under a second" are latencies in
milliseconds where their sentence speaks of how long an answer takes; most durations in
seconds in a design are something else (a watch threshold, staleness, an interval, an
expiry) and are never held to a budget. A figure of one city is a part of the whole: a
global figure beside it is no conflict, a figure of the same city is held to it. The
expectations are the cards' figures worked out by hand in the comments.
"""

from __future__ import annotations

import pytest

from agent.content.bundle import load_content
from agent.read.numbers import conflicts
from agent.read.quantities import quantities
from tests.support.interview_fixtures import new_interview


def _card(problem: str):
    return load_content().problems.get(problem)


def _given(text: str, problem: str, topics: list[str]) -> list[str]:
    return [c.given for c in conflicts(text, _card(problem), topics)]


# news-feed-ranking: the first page in about 150 ms; ranking gets roughly 50 ms of that
@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("The first page must come back in 0.2 s.", ["150 ms"]),  # 200 ms
        ("The first page must come back in 2s.", ["150 ms"]),  # 2,000 ms
        ("The first page must come back in half a second.", ["150 ms"]),  # 500 ms
        ("The feed must load within a fifth of a second.", ["150 ms"]),  # 200 ms
        ("It has to be fast, I'd guess under a second?", ["150 ms"]),  # 1,000 ms
        ("Ranking must finish in 0.2 s.", ["50 ms"]),  # the ranking stage's own budget
        # the card's own figures, in seconds
        ("The first page must come back in 0.15 s.", []),
        ("Ranking must finish in 0.05 s, inside the page's 150 ms.", []),
        # durations in seconds that are no latency
        ("A dwell longer than 2 seconds counts as a positive, fast scrolls do not.", []),
        ("Engagement counters may be up to 30 seconds old when the feed loads.", []),
        ("I'd refresh the counters every 10 seconds to keep latency low.", []),
        ("A second model handles the latency-critical path.", []),
        ("To respond quickly, maybe a second model scores only the top posts.", []),
        ("It has to be fast, under a second at p99.", ["150 ms"]),
        # when an event happens, not how long an answer takes
        ("A like happens in a second, but a comment comes back hours later.", []),
        ("Reactions arrive within 2 seconds of the page loading.", []),
        ("Peak is 200,000 feed loads a second.", []),
    ],
)
def test_a_latency_in_seconds_is_held_to_the_budget(text: str, given: list[str]) -> None:
    assert _given(text, "news-feed-ranking", ["latency"]) == given


def test_seconds_are_read_as_milliseconds() -> None:
    by_text = {q.text: q.value for q in quantities("The latency is 0.25s at p99, page included.")}
    assert by_text == {"0.25s": 250.0}
    (half,) = quantities("The feed should load in half a second.")
    assert (half.kind, half.value) == ("ms", 500.0)
    (fifth,) = quantities("Response time around a fifth of a second.")
    assert (fifth.kind, fifth.value) == ("ms", 200.0)
    # a minute is no request's latency; a rate is not a duration
    assert quantities("The latency of the batch job is 90 seconds.") == []
    assert [q.kind for q in quantities("The service answers 1,500 requests a second fast.")] == [
        "per_second"
    ]


# video-recommendation: the page renders in about 200 ms; the service gets roughly 100 ms at
# p99
@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("Assume 100M users, 200ms p99.", ["100 ms"]),  # a p99 is the service's budget
        ("I'll take half a second at p99 for the recommender.", ["100 ms"]),
        ("The home page renders in 200 ms.", []),  # the page's own figure said back
        ("The recommender answers in 0.1 s at p99 and the page loads in 0.2 s.", []),
    ],
)
def test_a_percentile_is_held_to_the_service_budget(text: str, given: list[str]) -> None:
    assert _given(text, "video-recommendation", ["latency"]) == given


# rider-driver-matching: about 20 million trips a day worldwide; in the largest city at peak
# about 5,000 ride requests a minute (about 83 a second) and 30,000 drivers online; a rider
# sees a driver within a few seconds, and each two-second window is solved in under 300 ms
@pytest.mark.parametrize(
    ("text", "given"),
    [
        # global figures beside the largest city's: a whole larger than its part
        ("I'll assume about 1,500 requests per second at global peak.", []),
        ("So 2,000 requests per second over all cities.", []),
        ("Globally maybe 600k drivers online at peak.", []),
        # a figure of the same city is held to it (50,000 a minute is ten times 5,000)
        ("In the largest city I'd expect 50,000 requests per minute at peak.", ["5,000"]),
        # a part smaller than the card's whole
        ("A single city sees maybe 2,000 trips a day.", []),
    ],
)
def test_a_figure_of_one_city_is_a_part_of_the_whole(text: str, given: list[str]) -> None:
    found = _given(text, "rider-driver-matching", ["scale"])
    assert [g for g in found if any(x in g for x in given)] == found
    assert bool(found) == bool(given)


def test_an_assumed_global_figure_told_the_citys_is_not_corrected() -> None:
    card = _card("rider-driver-matching")
    text = "Then I'll assume about 1,500 requests per second at global peak."
    assert conflicts(text, card, ["scale"], assumed=True) == []


def test_an_assumption_before_the_scale_is_given_is_answered_with_the_fact() -> None:
    # the candidate cannot know the card counts its largest city: a thousand a second
    # worldwide is off the city's 83 a second, so the scale fact is said (not as "the
    # figure I gave")
    card = _card("rider-driver-matching")
    text = "I'll assume a thousand ride requests a second at peak worldwide, correct me."
    found = conflicts(text, card, ["business_goal"], assumed=True)
    assert [(c.topic, c.told) for c in found] == [("scale", False)]


def test_a_global_rate_answered_with_the_citys_figure_is_not_held_to_it() -> None:
    # the assumption is answered with the scale fact (20 million trips a day worldwide, the
    # largest city's 5,000 requests a minute); a sizing on the global rate later is no
    # use of a figure the card contradicts
    iv = new_interview("rider-driver-matching")
    iv.start()
    iv.respond("I'll assume about 1,500 ride requests a second at global peak, correct me.")
    assert "20 million trips" in iv.transcript.turns[-1].text
    iv.respond("Candidates come from a geo index of free drivers near the pickup.")
    iv.respond("Scoring 20 drivers times 1,500 requests a second is 30k pairs a second.")
    assert iv.transcript.turns[-1].move.number is None


@pytest.mark.parametrize(
    ("text", "given"),
    [
        # the rider's wait is said in seconds by the card itself ("a few seconds")
        ("Latency: the rider should see a driver within 3 seconds end to end.", []),
        # a plan per tick whose sum (including the push to the driver's phone) is about
        # the rider's wait, not the solver's 300 ms alone
        (
            "Per tick: candidate lookup ~5 ms, ETA matrix 80 to 150 ms, features ~15 ms, "
            "scoring ~20 ms, solver ~30 ms, pushing the offer ~200 ms. That's around 400 ms "
            "worst case, plus up to 2 seconds of batching, inside the 3-second target.",
            [],
        ),
        # the solver's own figure is held to the solver's budget, in seconds too
        ("The solver needs about 800 ms per window.", ["300 ms"]),
        ("The solver takes 2 seconds to respond.", ["300 ms"]),
    ],
)
def test_the_riders_wait_in_seconds_is_not_the_solvers_budget(text: str, given: list[str]) -> None:
    assert _given(text, "rider-driver-matching", ["latency"]) == given


# fraud-detection: about 40 million transactions a day, peak around 3,000 a second; 100 ms
# at p99 end to end
@pytest.mark.parametrize(
    ("text", "contradicts"),
    [
        ("So 3k TPS at peak.", False),  # 3k is 3,000
        ("So 3,000 transactions per second at peak.", False),
        ("So 30k TPS at peak.", True),
        ("The check must answer in 0.2 s at p99.", True),  # 200 ms over 100 ms
        ("The check answers in 0.08 s at p99, features included.", False),
    ],
)
def test_notations_of_one_figure_agree(text: str, contradicts: bool) -> None:
    found = conflicts(text, _card("fraud-detection"), ["scale", "latency"])
    assert bool(found) == contradicts


# ad-click-prediction: the whole auction in 50 ms; the click model about 10 ms at p99
@pytest.mark.parametrize(
    ("text", "given"),
    [
        ("The click model takes 8 ms at p99, well inside the 50 ms auction.", []),
        ("The click model gets 0.02 s at p99.", ["10 ms"]),  # 20 ms: the stage's budget
        ("The whole auction must finish in 0.05 s.", []),
    ],
)
def test_a_stage_in_seconds_inside_a_correct_total(text: str, given: list[str]) -> None:
    assert _given(text, "ad-click-prediction", ["latency"]) == given


@pytest.mark.parametrize(
    ("text", "stage"),
    [
        # a hyphen joins the figure to its unit: no "for" can follow it, and that is no error
        ("Each response comes back in 0.3-sec on my estimate.", ""),
        ("A response from the ranking model takes 0.5-sec.", "ranking"),
    ],
)
def test_a_hyphenated_latency_in_seconds_is_read_not_an_error(text: str, stage: str) -> None:
    found = [q for q in quantities(text) if q.kind == "ms"]
    assert len(found) == 1
    assert found[0].stage == stage
